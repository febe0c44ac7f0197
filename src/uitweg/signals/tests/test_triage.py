"""The triage rules: pure Python, no database."""

from hypothesis import given
from hypothesis import strategies as st

from uitweg.core.vocabulary import Indicator
from uitweg.signals import triage


def test_no_information_is_low():
    result = triage.triage([])
    assert result.priority == triage.LOW
    assert result.score == 0
    assert result.reasons == ()


def test_one_minor_indicator_is_low_two_are_normal():
    assert triage.triage(["deception"]).priority == triage.LOW
    assert triage.triage(["deception", "isolation"]).priority == triage.NORMAL


def test_documents_and_restriction_make_high():
    result = triage.triage(["retention_of_documents", "restriction_of_movement"])
    assert result.priority == triage.HIGH
    assert result.score == 6


def test_acute_danger_is_always_urgent():
    result = triage.triage([], acute_danger=True)
    assert result.priority == triage.URGENT
    assert result.reason_codes == ["acute_danger"]


def test_minor_with_violence_is_urgent_by_escalation():
    result = triage.triage(["physical_sexual_violence"], minor=True)
    assert result.priority == triage.URGENT
    assert result.escalated
    assert result.reason_codes == ["minor", "physical_sexual_violence"]


def test_minor_alone_is_normal_and_explained():
    result = triage.triage([], minor=True)
    assert result.priority == triage.NORMAL
    assert result.reason_codes == ["minor"]


def test_unknown_minor_scores_like_no_minor():
    assert triage.triage(["deception"], minor=None) == triage.triage(["deception"], minor=False)


def test_reasons_are_ordered_heaviest_first_and_explain_the_score():
    result = triage.triage(["excessive_overtime", "retention_of_documents", "debt_bondage"],
                           minor=True)
    assert result.reason_codes == ["minor", "retention_of_documents", "debt_bondage",
                                   "excessive_overtime"]
    assert sum(r.points for r in result.reasons) == result.score == 11
    assert result.priority == triage.URGENT


def test_duplicates_count_once():
    assert triage.triage(["deception", "deception"]).score == 1


@given(st.sets(st.sampled_from(Indicator.values)), st.sampled_from([True, False, None]),
       st.booleans())
def test_more_risk_never_lowers_priority(indicators, minor, danger):
    rank = {p: i for i, p in enumerate(triage.PRIORITIES)}
    base = triage.triage(indicators, minor=minor, acute_danger=danger)
    for extra in Indicator.values:
        more = triage.triage(indicators | {extra}, minor=minor, acute_danger=danger)
        assert rank[more.priority] <= rank[base.priority]
        assert more.score >= base.score
    assert sum(r.points for r in base.reasons) == base.score

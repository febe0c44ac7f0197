"""The self-check's scoring (pure logic, no database)."""

from hypothesis import given
from hypothesis import strategies as st

from uitweg.prevention import selfcheck
from uitweg.prevention.selfcheck import NO, SIGNS, SOME, UNSURE, YES, Question, evaluate

QUESTIONS = [
    Question("q0", "Passport kept?", "retention_of_documents", weight=3, decisive=True),
    Question("q1", "Debt?", "debt_bondage", weight=3),
    Question("q2", "Low pay?", "withholding_of_wages", weight=2),
    Question("q3", "Deductions?", "withholding_of_wages", weight=2),
    Question("q4", "Overcrowded?", "abusive_conditions", weight=1),
]


def test_no_yes_means_no_signs():
    result = evaluate(QUESTIONS, {q.key: NO for q in QUESTIONS}, some_from=1, signs_from=5)
    assert result.level == selfcheck.NONE and result.score == 0 and result.indicators == ()


def test_a_decisive_yes_alone_means_signs_of_exploitation():
    result = evaluate(QUESTIONS, {"q0": YES}, some_from=1, signs_from=5)
    assert result.level == SIGNS and result.indicators == ("retention_of_documents",)


def test_small_concerns_are_some_and_enough_weight_is_signs():
    assert evaluate(QUESTIONS, {"q4": YES}, some_from=1, signs_from=5).level == SOME
    assert evaluate(QUESTIONS, {"q1": YES, "q2": YES}, some_from=1, signs_from=5).level == SIGNS


def test_dont_know_counts_half_but_ticks_no_indicator():
    result = evaluate(QUESTIONS, {"q1": UNSURE}, some_from=1, signs_from=5)
    assert result.score == 1 and result.level == SOME and result.indicators == ()


def test_indicators_are_listed_once_in_question_order():
    result = evaluate(QUESTIONS, {"q3": YES, "q2": YES, "q4": YES})
    assert result.indicators == ("withholding_of_wages", "abusive_conditions")


def test_answers_from_a_form_ignore_anything_but_the_three_answers():
    data = {"q0": "yes", "q1": "maybe", "q2": "<script>", "q4": "unsure", "other": "yes"}
    assert selfcheck.answers_from(data, QUESTIONS) == {"q0": YES, "q4": UNSURE}


@given(st.dictionaries(st.sampled_from([q.key for q in QUESTIONS]),
                       st.sampled_from([YES, NO, UNSURE])))
def test_more_yes_never_lowers_the_level(answers):
    order = {selfcheck.NONE: 0, SOME: 1, SIGNS: 2}
    before = evaluate(QUESTIONS, answers)
    for question in QUESTIONS:
        after = evaluate(QUESTIONS, {**answers, question.key: YES})
        assert order[after.level] >= order[before.level]
        assert after.score >= before.score


def test_the_report_link_carries_the_indicators_in_a_language_the_form_has(settings):
    assert selfcheck.report_url(["debt_bondage"], "pl") == "/pl/report/?indicators=debt_bondage"
    assert selfcheck.report_url([], "ar") == "/en/report/"
    assert selfcheck.report_url(["isolation"], "nl-b1") == "/report/?indicators=isolation"

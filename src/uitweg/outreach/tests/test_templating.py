"""Template variables: an unknown variable is refused (pure)."""

import pytest

from uitweg.outreach import templating


def test_known_variables_are_filled_in():
    text = "Hoi, ik ben {worker} van {organisation} ({platform}), bel {phone}."
    assert templating.render(text, {"worker": "Sanne", "organisation": "De Haven",
                                    "platform": "Kinky.nl", "phone": "070-1234567"}) == (
        "Hoi, ik ben Sanne van De Haven (Kinky.nl), bel 070-1234567.")


@pytest.mark.parametrize(("text", "code"), [
    ("Hoi {naam}", templating.UNKNOWN_VARIABLE),
    ("Hoi {worker.__class__}", templating.BAD_PLACEHOLDER),
    ("Hoi {worker!r}", templating.BAD_PLACEHOLDER),
    ("Hoi {worker:>10}", templating.BAD_PLACEHOLDER),
    ("Hoi {worker", templating.BAD_PLACEHOLDER),
    ("   ", templating.EMPTY_TEXT),
])
def test_a_bad_template_is_refused_with_a_code(text, code):
    with pytest.raises(templating.TemplateProblem) as exc:
        templating.variables_in(text)
    assert exc.value.code == code


def test_escaped_braces_are_text():
    assert templating.render("{{geen variabele}} {worker}", {"worker": "Sanne"}) == (
        "{geen variabele} Sanne")

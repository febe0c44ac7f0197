"""Every written form of one handle or number gives one digest; impossible numbers are refused
with the reason (issue 12, "Bad input"). Pure: no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uitweg.crypto.index import IdentifierKind, identifier_digest
from uitweg.outreach import normalise
from uitweg.outreach.identifiers import handle_identifier, parse, phone_identifier

NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_.", min_size=1, max_size=30)
HOSTS = st.sampled_from(["www.kinky.nl", "kinky.nl", "sexjobs.nl", "instagram.com"])


def _case_variant(name: str, flips: list[bool]) -> str:
    return "".join(c.upper() if flip else c for c, flip in zip(name, flips + [False] * 40,
                                                              strict=False))


@given(name=NAME, flips=st.lists(st.booleans(), max_size=30), host=HOSTS,
       form=st.sampled_from(["plain", "at", "spaces", "url", "url_at", "url_profile", "www"]))
def test_every_form_of_a_handle_gives_one_digest(name, flips, host, form):
    shown = _case_variant(name, flips)
    written = {
        "plain": shown,
        "at": "@" + shown,
        "spaces": f"  {shown} ",
        "url": f"https://{host}/{shown}/",
        "url_at": f"http://{host}/@{shown}",
        "url_profile": f"https://{host}/profiel/{shown}?ref=ad",
        "www": f"{host}/{shown}",
    }[form]
    if name.casefold() in normalise._SECTION_WORDS and form.startswith("url"):
        return  # "/profile/profile" — a section word as a name is not a handle we can tell
    assert handle_identifier(written).digest == handle_identifier(name).digest
    assert handle_identifier(written).canonical == name.casefold()


MOBILE = st.text(alphabet="0123456789", min_size=8, max_size=8)


@given(rest=MOBILE, form=st.sampled_from([
    "+31 6 {a} {b}", "0031{n}", "06-{n}", "06 {a} {b}", "+31612{x}", "+31 (0)6 {n}",
    "(06) {n}", "+31-6-{n}"]))
def test_every_form_of_a_dutch_mobile_number_gives_one_digest(rest, form):
    expected = identifier_digest(IdentifierKind.PHONE, "+316" + rest)
    written = form.format(a=rest[:4], b=rest[4:], n="6" + rest if form == "0031{n}" else rest,
                          x=rest[2:]) if form != "+31612{x}" else "+316" + rest
    assert phone_identifier(written).digest == expected


@pytest.mark.parametrize("written", ["+31 6 1234 5678", "0031612345678", "06-12345678",
                                     "06 1234 5678", "+31612345678"])
def test_the_issue_examples_match(written):
    assert phone_identifier(written).canonical == "+31612345678"


def test_the_phone_digest_is_the_one_signals_and_cases_use():
    # the intake stores identifier_digest(PHONE, raw value): "06-12345678" in a signal
    assert phone_identifier("+31 6 1234 5678").digest == identifier_digest(
        IdentifierKind.PHONE, "06-12345678")


@pytest.mark.parametrize(("written", "code"), [
    ("06-1234", normalise.PHONE_TOO_SHORT),
    ("06-123456789", normalise.PHONE_DUTCH_LENGTH),
    ("+31 6 1234 567", normalise.PHONE_DUTCH_LENGTH),
    ("06-CALL-ME", normalise.PHONE_CHARACTERS),
    ("+44 7700 900123 4567 89", normalise.PHONE_TOO_LONG),
    ("612345678", normalise.PHONE_DUTCH_LENGTH),
    ("+0612345678", normalise.PHONE_COUNTRY),
])
def test_an_impossible_phone_number_is_refused_with_the_reason(written, code):
    with pytest.raises(normalise.InvalidIdentifier) as exc:
        normalise.canonical_phone(written)
    assert exc.value.code == code


def test_the_refusal_reaches_the_form_in_words():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        parse(handle="", phone="06-1234")
    assert "minstens 8 cijfers" in " ".join(exc.value.message_dict["phone"])


@pytest.mark.parametrize("written", ["", "  ", "@", "https://kinky.nl/", "two words"])
def test_an_empty_or_spaced_handle_is_refused(written):
    with pytest.raises(normalise.InvalidIdentifier):
        normalise.canonical_handle(written)


def test_the_mask_shows_enough_to_recognise_not_to_contact():
    assert normalise.mask("+31612345678") == "06-…78"
    assert normalise.mask("lisa_023") == "li…3"
    assert "12345" not in normalise.mask("+31612345678")

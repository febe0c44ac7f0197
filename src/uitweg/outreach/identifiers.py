"""From what a worker types to blind indexes: canonical form, digest, reasons for refusals."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from uitweg.crypto.index import IdentifierKind, identifier_digest

from . import normalise

REASONS = {
    normalise.EMPTY: _("This is empty."),
    normalise.HANDLE_TOO_LONG: _("A handle has at most 100 characters."),
    normalise.HANDLE_SPACES: _("A handle has no spaces inside."),
    normalise.PHONE_CHARACTERS: _("A phone number has only digits, spaces, +, -, / and "
                                  "brackets."),
    normalise.PHONE_TOO_SHORT: _("A phone number has at least 8 digits."),
    normalise.PHONE_TOO_LONG: _("A phone number has at most 15 digits."),
    normalise.PHONE_DUTCH_LENGTH: _("A Dutch phone number has 10 digits (06-12345678) or "
                                    "+31 and 9 digits."),
    normalise.PHONE_COUNTRY: _("Start a foreign number with + or 00 and the country code."),
}


@dataclass(frozen=True)
class Identifier:
    kind: str  # IdentifierKind.HANDLE or IdentifierKind.PHONE
    canonical: str
    digest: str


def handle_identifier(value: str) -> Identifier:
    canonical = normalise.canonical_handle(value)
    return Identifier(IdentifierKind.HANDLE, canonical,
                      identifier_digest(IdentifierKind.HANDLE, canonical))


def phone_identifier(value: str) -> Identifier:
    canonical = normalise.canonical_phone(value)
    # the same digest as a phone number in a signal or a case (one normalisation for all)
    return Identifier(IdentifierKind.PHONE, canonical,
                      identifier_digest(IdentifierKind.PHONE, canonical))


def parse(*, handle: str = "", phone: str = "", required: bool = True) -> list[Identifier]:
    """The identifiers of a contact; one ``ValidationError`` naming every bad field."""
    errors: dict[str, list] = {}
    found: list[Identifier] = []
    for name, value, make in (("handle", handle, handle_identifier),
                              ("phone", phone, phone_identifier)):
        if not (value or "").strip():
            continue
        try:
            found.append(make(value))
        except normalise.InvalidIdentifier as exc:
            errors[name] = [ValidationError(REASONS[exc.code], code=exc.code)]
    if required and not found and not errors:
        errors["handle"] = [ValidationError(_("Give a handle or a phone number."),
                                            code="required")]
    if errors:
        raise ValidationError(errors)
    return found

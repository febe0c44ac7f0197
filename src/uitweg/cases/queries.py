"""Reads other apps may use. Unfiltered by user unless stated: callers apply ``visible_to``."""

from __future__ import annotations

from django.db.models import QuerySet

from uitweg.crypto.index import IdentifierKind, identifier_digest

from .models import Case, PersonIdentifier


def document_digest(number: str) -> str:
    """Blind index of an identity-document number (kind ``"document"``)."""
    return identifier_digest(IdentifierKind.DOCUMENT, number)


def cases_matching_identifiers(pairs: list[tuple[str, str]]) -> QuerySet[Case]:
    """Cases whose person has any of the ``(kind, digest)`` identifiers. Not filtered by user:
    apply ``.visible_to(user)`` (and count the rest if you need to say "N more elsewhere")."""
    pairs = [(k, d) for k, d in pairs if k and d]
    if not pairs:
        return Case.objects.none()
    from django.db.models import Q

    condition = Q()
    for kind, digest in pairs:
        condition |= Q(kind=kind, digest=digest)
    person_ids = PersonIdentifier.objects.filter(condition).values("person_id")
    return Case.objects.filter(person_id__in=person_ids)

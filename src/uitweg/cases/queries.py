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


def persons_first_registered() -> QuerySet[Case]:
    """For counts of persons in view (monitoring): of each person's cases whose first signal
    falls in one calendar year, only the first (earliest date, then lowest id). Counting these
    rows counts each person once per year, in the quarter of their first registration that year.
    No individual leaves this function's callers: they aggregate (``values().annotate(Count)``).
    """
    from django.db.models import Exists, OuterRef, Q
    from django.db.models.functions import ExtractYear

    earlier = (Case.objects.annotate(year=ExtractYear("first_signal_date"))
               .filter(person_id=OuterRef("person_id"), year=OuterRef("year"))
               .filter(Q(first_signal_date__lt=OuterRef("first_signal_date"))
                       | Q(first_signal_date=OuterRef("first_signal_date"), pk__lt=OuterRef("pk"))))
    return (Case.objects.annotate(year=ExtractYear("first_signal_date"))
            .filter(~Exists(earlier)))


def person_dimensions() -> dict:
    """Expressions for the breakdowns of persons in view, each giving a code per case row."""
    from django.db.models import Case as Choose  # the Case model is taken
    from django.db.models import F, Value, When
    from django.db.models.functions import Coalesce

    single = {f",{code},": code for code in ("sexual", "labour", "criminal")}
    form = Choose(*[When(forms_index=index, then=Value(code)) for index, code in single.items()],
                 When(forms_index=",organ_removal,", then=Value("other")),
                 When(forms_index__in=["", ",,"], then=Value("unknown")),
                 default=Value("multiple"))
    age = Choose(When(minor_on_first_signal=True, then=Value("minor")),
                When(minor_on_first_signal=False, then=Value("adult")),
                default=Value("unknown"))
    return {
        "form": form,
        "age": age,
        "gender": F("person__gender"),
        "nationality": F("person__nationality"),
        "organisation": Coalesce(F("reporting_organisation__kind"), Value("")),
        "region": F("region"),
    }

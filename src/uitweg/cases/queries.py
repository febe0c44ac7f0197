"""Reads other apps may use. Unfiltered by user unless stated: callers apply ``visible_to``."""

from __future__ import annotations

from django.db.models import QuerySet

from uitweg.crypto.index import IdentifierKind, identifier_digest

from .models import Case, PersonIdentifier


def document_digest(number: str) -> str:
    """Blind index of an identity-document number (kind ``"document"``)."""
    return identifier_digest(IdentifierKind.DOCUMENT, number)


def visible_cases(user) -> QuerySet[Case]:
    """The case files ``user`` may open (for other apps: signals links, outreach look-ups)."""
    return Case.objects.visible_to(user)


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


#: Blind-index kinds that identify one person exactly, for the linkage of the estimate.
LINKAGE_EXACT_KINDS = ("document", "person", "phone")


def registrations_for_linkage(year: int):
    """For the estimate of the hidden number only (``uitweg.monitoring.registrations``, ADR
    0075): per case whose first signal falls in ``year``, ``(organisation kind that reported
    it, full name, date of birth, exact keys, {"form": the case's forms of exploitation,
    "gender": the person's gender})``; the exact keys are the blind-index digests
    and the case and person record (signals linked to the case name it too). The names are
    decrypted: the
    one caller encodes each row at once and keeps no identity. Anonymised persons are left out.
    """
    cases = (Case.objects.filter(first_signal_date__year=year, person__anonymised_at__isnull=True)
             .select_related("person", "reporting_organisation", "coordinating_organisation")
             .order_by("pk"))
    digests: dict[int, list[str]] = {}
    for person_id, kind, digest in (PersonIdentifier.objects
                                    .filter(person__cases__in=cases, kind__in=LINKAGE_EXACT_KINDS)
                                    .values_list("person_id", "kind", "digest").distinct()):
        digests.setdefault(person_id, []).append(f"{kind}:{digest}")
    for case in cases.iterator(chunk_size=2000):
        organisation = case.reporting_organisation or case.coordinating_organisation
        person = case.person
        own = (f"case:{case.pk}", f"person-record:{person.pk}")
        yield (organisation.kind, person.full_name, person.date_of_birth,
               own + tuple(digests.get(person.pk, ())),
               {"form": tuple(case.forms or ()), "gender": person.gender})

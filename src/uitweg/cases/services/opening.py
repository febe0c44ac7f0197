"""Opening a case (from the form or from a signal), its number and the person's blind indexes."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind
from uitweg.audit.models import Action
from uitweg.core.vocabulary import ExploitationForm, Gender, Indicator, VictimStatus, validate_codes
from uitweg.crypto.index import IdentifierKind, identifier_digest

from .. import comensha, permissions
from ..models import (
    Case,
    CaseMembership,
    CaseState,
    EventKind,
    MembershipRole,
    Person,
    PersonIdentifier,
)
from .base import (
    CaseError,
    InvalidValue,
    _audit,
    _event,
    _refuse_implausible_dates,
)

NUMBER_PREFIX = "ZM"


def next_number(on: date) -> str:
    """Next pseudonymous number of the year, e.g. ZM-2026-0042 (5+ digits after 9999)."""
    prefix = f"{NUMBER_PREFIX}-{on.year}-"
    last = (Case.objects.filter(number__startswith=prefix)
            .order_by(Length("number").desc(), "-number")
            .values_list("number", flat=True).first())
    highest = int(last.rsplit("-", 1)[1]) if last else 0
    return f"{prefix}{highest + 1:04d}"


def forms_index(forms: list[str]) -> str:
    return "," + ",".join(sorted(forms)) + ","


def _validate_person(person: dict, first_signal_date: date, *, confirmed: bool = False) -> dict:
    """Clean the person's details, or raise :class:`InvalidValue`. The rules (a name; a date of
    birth neither in the future nor after the first signal; ...) live here only: opening a case
    from the form or from a signal and editing the person all pass through."""
    cleaned = {
        "full_name": (person.get("full_name") or "").strip(),
        "aliases": [a.strip() for a in person.get("aliases") or [] if a and a.strip()],
        "date_of_birth": person.get("date_of_birth"),
        "phone_numbers": [p.strip() for p in person.get("phone_numbers") or []
                          if p and p.strip()],
        "addresses": [a.strip() for a in person.get("addresses") or [] if a and a.strip()],
        "identity_documents": [d.strip() for d in person.get("identity_documents") or []
                               if d and d.strip()],
        "nationality": (person.get("nationality") or "").strip().upper(),
        "gender": person.get("gender") or Gender.UNKNOWN,
        "languages": [lang.strip().lower() for lang in person.get("languages") or []
                      if lang and lang.strip()],
    }
    if not cleaned["full_name"]:
        raise InvalidValue(_("A name (or the name the person uses) is required."),
                           field="full_name")
    dob = cleaned["date_of_birth"]
    if dob is not None and dob > timezone.localdate():
        raise InvalidValue(_("The date of birth cannot be in the future."),
                           field="date_of_birth")
    if dob is not None and dob > first_signal_date:
        raise InvalidValue(_("The date of birth is after the first signal."),
                           field="date_of_birth")
    _refuse_implausible_dates(("birth", dob, "date_of_birth"), confirmed=confirmed)
    if cleaned["nationality"] and (len(cleaned["nationality"]) != 2
                                   or not cleaned["nationality"].isalpha()):
        raise InvalidValue(_("Nationality must be a two-letter ISO country code."),
                           field="nationality")
    if cleaned["gender"] not in Gender.values:
        raise InvalidValue(_("Unknown gender code."), field="gender")
    return cleaned


#: Identity documents have no kind in uitweg.crypto.index.IdentifierKind (yet); this kind uses
#: the same HMAC with its own domain, see :func:`uitweg.cases.queries.document_digest`.
DOCUMENT = IdentifierKind.DOCUMENT


def identifier_rows(person: Person) -> set[tuple[str, str]]:
    from ..queries import document_digest

    rows = {(IdentifierKind.PHONE, identifier_digest(IdentifierKind.PHONE, p))
            for p in person.phone_numbers or []}
    rows |= {(IdentifierKind.ADDRESS, identifier_digest(IdentifierKind.ADDRESS, a))
             for a in person.addresses or []}
    rows |= {(DOCUMENT, document_digest(d)) for d in person.identity_documents or []}
    if person.full_name and person.date_of_birth:
        rows.add((IdentifierKind.PERSON,
                  identifier_digest(IdentifierKind.PERSON, person.full_name,
                                    person.date_of_birth)))
    return rows


def write_identifiers(person: Person) -> None:
    """(Re)write the blind indexes of a person's identifiers, for matching with signals."""
    PersonIdentifier.objects.filter(person=person).delete()
    PersonIdentifier.objects.bulk_create(
        [PersonIdentifier(person=person, kind=k, digest=d)
         for k, d in sorted(identifier_rows(person))])


# --- opening a case ----------------------------------------------------------------------------

def _care_coordinator_for(user: User) -> Organisation:
    organisation = getattr(user, "organisation", None)
    if organisation is not None and organisation.kind == OrganisationKind.CARE_COORDINATION:
        return organisation
    fallback = (Organisation.objects.filter(kind=OrganisationKind.CARE_COORDINATION,
                                            active=True).order_by("pk").first())
    if fallback is None:
        raise CaseError(_("There is no active care-coordination organisation."))
    return fallback


@transaction.atomic
def open_case(*, by: User, person: dict, forms: list[str], indicators: list[str],
              first_signal_date: date, reporting_organisation: Organisation | None = None,
              coordinating_organisation: Organisation | None = None,
              minor_on_first_signal: bool | None = None, source_reference: str = "",
              victim_status: str = VictimStatus.PRESUMED, confirmed: bool = False) -> Case:
    """Create the person and the case (state "new"), with the coordinator as first member.

    ``confirmed``: the user said an odd but possible date (a first signal long ago) is right;
    without it such a date raises :class:`NeedsConfirmation`."""
    permissions.require_may_open_case(by)
    return _open_case(by=by, person=person, forms=forms, indicators=indicators,
                      first_signal_date=first_signal_date,
                      reporting_organisation=reporting_organisation,
                      coordinating_organisation=coordinating_organisation,
                      minor_on_first_signal=minor_on_first_signal,
                      source_reference=source_reference, victim_status=victim_status,
                      confirmed=confirmed)


def _open_case(*, by: User, person: dict, forms: list[str], indicators: list[str],
               first_signal_date: date, reporting_organisation: Organisation | None,
               coordinating_organisation: Organisation | None,
               minor_on_first_signal: bool | None, source_reference: str,
               victim_status: str, confirmed: bool = False) -> Case:
    """:func:`open_case` once the caller checked who may open it: only for a contract of this
    package whose own rule was checked first (:func:`.from_outreach.refer_from_outreach`)."""
    try:
        forms = validate_codes(forms, ExploitationForm)
        indicators = validate_codes(indicators, Indicator)
    except ValueError as exc:
        raise CaseError(str(exc)) from None
    if not forms:
        raise CaseError(_("Choose at least one form of exploitation."))
    if victim_status not in VictimStatus.values:
        raise CaseError(_("Unknown victim status."))
    if first_signal_date > timezone.localdate():
        raise InvalidValue(_("The date of the first signal cannot be in the future."),
                           field="first_signal_date")
    _refuse_implausible_dates(("event", first_signal_date, "first_signal_date"),
                              confirmed=confirmed)
    cleaned = _validate_person(person, first_signal_date, confirmed=confirmed)
    coordinator = coordinating_organisation or _care_coordinator_for(by)
    minor = comensha.is_minor(cleaned["date_of_birth"], first_signal_date)
    if minor is None:
        minor = minor_on_first_signal
    new_person = Person.objects.create(**cleaned)
    write_identifiers(new_person)
    for attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    number=next_number(first_signal_date), person=new_person,
                    forms=forms, forms_index=forms_index(forms), indicators=indicators,
                    first_signal_date=first_signal_date,
                    minor_on_first_signal=minor, coordinating_organisation=coordinator,
                    reporting_organisation=reporting_organisation,
                    region=coordinator.region, source_reference=source_reference[:100],
                    victim_status=victim_status)
            break
        except IntegrityError:
            if attempt == 4:
                raise
    CaseMembership.objects.create(case=case, organisation=coordinator,
                                  role=MembershipRole.COORDINATING,
                                  start_date=timezone.localdate())
    _event(case, by, EventKind.STATUS, _("Case opened"), to_state=CaseState.NEW,
           target="case", version=1)
    _audit(by, Action.CREATE, case)
    return case


def open_case_from_signal(*, by: User, person: dict, forms: list[str], indicators: list[str],
                          minor_on_first_signal: bool | None, first_signal_date: date,
                          reporting_organisation: Organisation | None,
                          source_reference: str) -> Case:
    """Contract for the signals app: open a case for the person a signal is about."""
    return open_case(by=by, person=person, forms=forms, indicators=indicators,
                     minor_on_first_signal=minor_on_first_signal,
                     first_signal_date=first_signal_date,
                     reporting_organisation=reporting_organisation,
                     source_reference=source_reference)

"""The write path of the cases app: one function per use case, keyword-only, in a transaction.

Every function locks the case row, checks *who* may do it (:mod:`uitweg.cases.permissions`,
raising :class:`~uitweg.core.refusals.Refused` before anything is written), refuses edits of a
closed case, appends to the case history (:class:`CaseEvent`, never edited) and writes one
access-log entry with ``audit.service.record``. Edits of versioned records need the version the
user saw (``expected_version``); without it the save is refused. Other errors are
:class:`CaseError` subclasses whose ``str()`` is a message for the user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record
from uitweg.crypto.index import IdentifierKind, identifier_digest

from . import clocks, comensha, lifecycle, permissions
from .lifecycle import TransitionRefused
from .models import (
    ActionStatus,
    AgendaItem,
    BreakGlassAccess,
    CareAction,
    CareNeed,
    Case,
    CaseEvent,
    CaseMembership,
    CaseState,
    ClosureReason,
    Consent,
    ConsentStatus,
    DataCategory,
    Decision,
    EventKind,
    LegalBasis,
    Meeting,
    MembershipRole,
    NeedDomain,
    Note,
    Person,
    PersonIdentifier,
    Referral,
    ReferralStatus,
)
from .vocabulary import ExploitationForm, Gender, Indicator, VictimStatus, validate_codes

NUMBER_PREFIX = "ZM"


class CaseError(ValueError):
    """A refused write; ``str(exc)`` tells the user why."""


class CaseClosed(CaseError):
    pass


class StaleEdit(CaseError):
    """Someone saved meanwhile. ``changes`` lists what they changed (events since the version)."""

    def __init__(self, message: str, changes: list[CaseEvent]):
        super().__init__(message)
        self.changes = changes


class VersionMissing(CaseError):
    """A save without the version the user saw: it could silently overwrite someone's change."""


class LegalBasisMissing(CaseError):
    pass


class InvalidValue(CaseError):
    """One refused value; ``field`` names it, so a form can show the message next to it."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field



# --- helpers -----------------------------------------------------------------------------------

def _audit(by: User, action: str, case: Case, purpose: str = "care", **extra) -> None:
    record(actor=actor_for(by), action=action, object_type="cases.case", object_id=case.pk,
           object_label=case.number, purpose=purpose, **extra)


def _event(case: Case, by: User | None, kind: str, summary: str, **fields) -> CaseEvent:
    organisation = getattr(by, "organisation", None)
    return CaseEvent.objects.create(
        case=case, actor=by, kind=kind, summary=summary[:300],
        organisation_name=getattr(organisation, "name", "") or "", **fields)


Rule = Callable[[User, Case], None]


def _lock(case: Case, *, by: User, rule: Rule, allow_closed: bool = False) -> Case:
    """Lock the case row, then check that ``by`` may do this (``rule`` raises Refused)."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    rule(by, locked)
    if locked.is_closed and not allow_closed:
        raise CaseClosed(_("This case is closed; reopen it before making changes."))
    return locked


def _check_version(*, current: int, expected: int, case: Case, target: str) -> None:
    if isinstance(expected, bool) or not isinstance(expected, int):
        raise VersionMissing(_("This form is out of date; reload the page and enter your "
                               "changes again."))
    if expected == current:
        return
    changes = list(case.events.filter(target=target, version__gt=int(expected))
                   .select_related("actor").order_by("at", "id"))
    raise StaleEdit(_("Someone else saved this meanwhile; your changes were not saved. "
                      "Check what changed below and enter your changes again."), changes)


def _changed_fields(obj, values: dict) -> list[str]:
    return [name for name, value in values.items() if getattr(obj, name) != value]


def _labels(model, names: Iterable[str]) -> str:
    return ", ".join(str(model._meta.get_field(n).verbose_name) for n in names)


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


def _validate_person(person: dict, first_signal_date: date) -> dict:
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
    from .queries import document_digest

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
              victim_status: str = VictimStatus.PRESUMED) -> Case:
    """Create the person and the case (state "new"), with the coordinator as first member."""
    permissions.require_may_open_case(by)
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
    cleaned = _validate_person(person, first_signal_date)
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


# --- lifecycle ---------------------------------------------------------------------------------

@transaction.atomic
def transition(*, by: User, case: Case, target: str, expected_version: int,
               closure_reason: str = "", reason: str = "") -> Case:
    case = _lock(case, by=by, rule=permissions.require_coordinating, allow_closed=True)
    _check_version(current=case.version, expected=expected_version, case=case, target="case")
    try:
        step = lifecycle.check_transition(case.state, target, closure_reason=closure_reason,
                                          reason=reason,
                                          closure_reasons=tuple(ClosureReason.values))
    except TransitionRefused as exc:
        raise CaseError(exc.user_message(labels=dict(CaseState.choices))) from None
    source = case.state
    case.state = target
    case.version += 1
    if step.close:
        case.closure_reason, case.closed_on = closure_reason, timezone.localdate()
    if step.reopen:
        case.closure_reason, case.closed_on = "", None
    case.save(update_fields=["state", "version", "closure_reason", "closed_on", "updated_at"])
    labels = dict(CaseState.choices)
    summary = (_("Case reopened") if step.reopen else
               _("Status: %(source)s → %(target)s") % {"source": labels[source],
                                                       "target": labels[target]})
    if step.close:
        summary += " (" + str(dict(ClosureReason.choices)[closure_reason]) + ")"
    _event(case, by, EventKind.STATUS, summary, from_state=source, to_state=target,
           reason=reason, target="case", version=case.version, fields=["state"])
    _audit(by, Action.UPDATE, case)
    return case


# --- person and case details -------------------------------------------------------------------

@transaction.atomic
def update_person(*, by: User, case: Case, expected_version: int, values: dict) -> Person:
    case = _lock(case, by=by, rule=permissions.require_coordinating)
    person = Person.objects.select_for_update().get(pk=case.person_id)
    _check_version(current=person.version, expected=expected_version, case=case,
                   target="person")
    cleaned = _validate_person(values, case.first_signal_date)
    changed = _changed_fields(person, cleaned)
    if not changed:
        return person
    for name in changed:
        setattr(person, name, cleaned[name])
    person.version += 1
    person.save()
    write_identifiers(person)
    if "date_of_birth" in changed and person.date_of_birth:
        case.minor_on_first_signal = comensha.is_minor(person.date_of_birth,
                                                       case.first_signal_date)
        case.save(update_fields=["minor_on_first_signal", "updated_at"])
    _event(case, by, EventKind.PERSON,
           _("Person details changed: %(fields)s") % {"fields": _labels(Person, changed)},
           target="person", version=person.version, fields=changed)
    _audit(by, Action.UPDATE, case)
    return person


CASE_DETAIL_FIELDS = ("forms", "indicators", "victim_status", "registration_basis",
                      "information_advice", "criminal_case_pending", "reporting_organisation")


@transaction.atomic
def update_case_details(*, by: User, case: Case, expected_version: int, values: dict) -> Case:
    case = _lock(case, by=by, rule=permissions.require_coordinating)
    _check_version(current=case.version, expected=expected_version, case=case, target="case")
    try:
        values = dict(values)
        values["forms"] = validate_codes(values.get("forms", case.forms), ExploitationForm)
        values["indicators"] = validate_codes(values.get("indicators", case.indicators),
                                              Indicator)
    except ValueError as exc:
        raise CaseError(str(exc)) from None
    if not values["forms"]:
        raise CaseError(_("Choose at least one form of exploitation."))
    if values.get("victim_status", case.victim_status) not in VictimStatus.values:
        raise CaseError(_("Unknown victim status."))
    values = {k: v for k, v in values.items() if k in CASE_DETAIL_FIELDS}
    changed = _changed_fields(case, values)
    if not changed:
        return case
    for name in changed:
        setattr(case, name, values[name])
    case.forms_index = forms_index(case.forms)
    case.version += 1
    case.save()
    _event(case, by, EventKind.STATUS,
           _("Case details changed: %(fields)s") % {"fields": _labels(Case, changed)},
           target="case", version=case.version, fields=changed)
    _audit(by, Action.UPDATE, case)
    return case


CLOCK_FIELDS = ("reflection_start", "reflection_end", "crime_reported_on", "permit_applied_on",
                "permit_decision_on", "permit_valid_from", "shelter_kind", "shelter_start")


@transaction.atomic
def update_clocks(*, by: User, case: Case, expected_version: int, values: dict) -> Case:
    case = _lock(case, by=by, rule=permissions.require_coordinating)
    _check_version(current=case.version, expected=expected_version, case=case, target="case")
    values = {k: values.get(k) for k in CLOCK_FIELDS}
    values["shelter_kind"] = values["shelter_kind"] or ""
    try:
        if values["reflection_start"]:
            values["reflection_end"] = clocks.reflection_end(values["reflection_start"],
                                                             values["reflection_end"])
        elif values["reflection_end"]:
            raise clocks.ClockError(_("Enter the start of the reflection period."))
        if values["crime_reported_on"] and not values["permit_applied_on"]:
            values["permit_applied_on"] = values["crime_reported_on"]  # report = application
        clocks.check_permit_dates(crime_reported_on=values["crime_reported_on"],
                                  applied_on=values["permit_applied_on"],
                                  decision_on=values["permit_decision_on"],
                                  valid_from=values["permit_valid_from"])
        if values["shelter_start"] and not values["shelter_kind"]:
            raise clocks.ClockError(_("Choose the kind of shelter placement."))
    except clocks.ClockError as exc:
        raise CaseError(exc.user_message()) from None
    changed = _changed_fields(case, values)
    if not changed:
        return case
    for name in changed:
        setattr(case, name, values[name])
    case.version += 1
    case.save()
    _event(case, by, EventKind.CLOCK,
           _("Legal dates changed: %(fields)s") % {"fields": _labels(Case, changed)},
           target="case", version=case.version, fields=changed)
    _audit(by, Action.UPDATE, case)
    return case


def case_deadlines(case: Case) -> list[clocks.Deadline]:
    return clocks.deadlines(
        reflection_start=case.reflection_start, reflection_end_on=case.reflection_end,
        crime_reported_on=case.crime_reported_on, permit_applied_on=case.permit_applied_on,
        permit_decision_on=case.permit_decision_on, permit_valid_from=case.permit_valid_from,
        shelter_kind=case.shelter_kind, shelter_start=case.shelter_start)


# --- team and break-glass ----------------------------------------------------------------------

@transaction.atomic
def add_member(*, by: User, case: Case, organisation: Organisation,
               start_date: date | None = None) -> CaseMembership:
    case = _lock(case, by=by, rule=permissions.require_coordinating)
    if not organisation.active:
        raise CaseError(_("This organisation is not active."))
    today = timezone.localdate()
    current = [m for m in case.memberships.filter(organisation=organisation) if m.is_current()]
    if current:
        raise CaseError(_("%(org)s is already on the team.") % {"org": organisation.name})
    membership = CaseMembership.objects.create(case=case, organisation=organisation,
                                               start_date=start_date or today)
    _event(case, by, EventKind.TEAM, _("%(org)s added to the team") % {"org": organisation.name})
    _audit(by, Action.UPDATE, case)
    return membership


@transaction.atomic
def end_membership(*, by: User, membership: CaseMembership,
                   end_date: date | None = None) -> CaseMembership:
    case = _lock(membership.case, by=by, rule=permissions.require_coordinating)
    membership = CaseMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == MembershipRole.COORDINATING:
        raise CaseError(_("The coordinating organisation cannot leave the team."))
    if membership.end_date is not None:
        raise CaseError(_("This membership has already ended."))
    end = end_date or timezone.localdate()
    if end < membership.start_date:
        raise CaseError(_("A membership cannot end before it starts."))
    membership.end_date = end
    membership.save(update_fields=["end_date"])
    _event(case, by, EventKind.TEAM,
           _("%(org)s left the team") % {"org": membership.organisation.name})
    _audit(by, Action.UPDATE, case)
    return membership


@transaction.atomic
def break_glass(*, by: User, case: Case, reason: str) -> BreakGlassAccess:
    """Emergency access for someone outside the team: reason required; flagged; coordinator told.

    The caller must have re-authenticated at this step (the view asks for the password or an
    authenticator code and passes only after checking it)."""
    permissions.require_case_staff(by)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise CaseError(_("State the reason for the emergency access (at least 10 characters)."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    now = timezone.now()
    access = BreakGlassAccess.objects.create(
        case=case, user=by, reason=reason, at=now,
        organisation_name=getattr(by.organisation, "name", ""),
        expires_at=now + timedelta(minutes=settings.CASES_BREAK_GLASS_MINUTES))
    _event(case, by, EventKind.ACCESS, _("Emergency (break-glass) access"), reason=reason)
    _audit(by, Action.BREAK_GLASS, case, purpose="break-glass", break_glass=True, reason=reason)
    return access


@transaction.atomic
def acknowledge_break_glass(*, by: User, access: BreakGlassAccess) -> None:
    access = BreakGlassAccess.objects.select_for_update().select_related("case").get(
        pk=access.pk)
    permissions.require_may_acknowledge_break_glass(by, access)
    if access.acknowledged_at is None:
        access.acknowledged_at = timezone.now()
        access.save(update_fields=["acknowledged_at"])


# --- notes -------------------------------------------------------------------------------------

@transaction.atomic
def add_note(*, by: User, case: Case, text: str, sensitive: bool = False) -> Note:
    case = _lock(case, by=by, rule=permissions.require_coordinating if sensitive
                 else permissions.require_member)
    if not (text or "").strip():
        raise CaseError(_("The note is empty."))
    note = Note.objects.create(case=case, author=by, organisation=by.organisation,
                               text=text.strip(), sensitive=sensitive)
    _event(case, by, EventKind.NOTE,
           _("Sensitive note added") if sensitive else _("Note added"), sensitive=sensitive,
           target=f"note:{note.pk}")
    _audit(by, Action.UPDATE, case)
    return note


# --- care plan ---------------------------------------------------------------------------------

@transaction.atomic
def add_need(*, by: User, case: Case, domain: str, description: str) -> CareNeed:
    case = _lock(case, by=by, rule=permissions.require_member)
    if domain not in NeedDomain.values:
        raise CaseError(_("Unknown domain."))
    need = CareNeed.objects.create(case=case, domain=domain, description=description.strip())
    _event(case, by, EventKind.PLAN,
           _("Need added: %(domain)s") % {"domain": dict(NeedDomain.choices)[domain]})
    _audit(by, Action.UPDATE, case)
    return need


@transaction.atomic
def add_action(*, by: User, need: CareNeed, description: str,
               responsible_organisation: Organisation, due_date: date,
               source: str = "") -> CareAction:
    case = _lock(need.case, by=by, rule=permissions.require_member)
    if not description.strip():
        raise CaseError(_("Describe the action."))
    action = CareAction.objects.create(need=need, description=description.strip(),
                                       responsible_organisation=responsible_organisation,
                                       due_date=due_date)
    _event(case, by, EventKind.PLAN,
           _("Action added for %(org)s, due %(date)s")
           % {"org": responsible_organisation.name, "date": due_date.isoformat()}
           + (f" ({source})" if source else ""),
           target=f"action:{action.pk}", version=1)
    _audit(by, Action.UPDATE, case)
    return action


@transaction.atomic
def update_action(*, by: User, action: CareAction, expected_version: int,
                  status: str, due_date: date) -> CareAction:
    case = _lock(action.need.case, by=by, rule=permissions.require_member)
    action = CareAction.objects.select_for_update().get(pk=action.pk)
    permissions.require_may_update_action(by, action, case)
    target = f"action:{action.pk}"
    _check_version(current=action.version, expected=expected_version, case=case, target=target)
    if status not in ActionStatus.values:
        raise CaseError(_("Unknown status."))
    changed = _changed_fields(action, {"status": status, "due_date": due_date})
    if not changed:
        return action
    action.status, action.due_date = status, due_date
    action.version += 1
    action.save()
    _event(case, by, EventKind.PLAN,
           _("Action changed: %(fields)s") % {"fields": _labels(CareAction, changed)}
           + f" → {dict(ActionStatus.choices)[status]}",
           target=target, version=action.version, fields=changed)
    _audit(by, Action.UPDATE, case)
    return action


# --- consent and referrals ---------------------------------------------------------------------

@transaction.atomic
def record_consent(*, by: User, case: Case, given_on: date,
                   organisations: Iterable[Organisation], external_recipients: list[str],
                   data_categories: list[str]) -> Consent:
    case = _lock(case, by=by, rule=permissions.require_coordinating)
    try:
        data_categories = validate_codes(data_categories, DataCategory)
    except ValueError as exc:
        raise CaseError(str(exc)) from None
    organisations = list(organisations)
    external_recipients = [e.strip() for e in external_recipients if e.strip()]
    if not data_categories:
        raise CaseError(_("Choose which data the consent covers."))
    if not organisations and not external_recipients:
        raise CaseError(_("Choose which organisations the consent covers."))
    if given_on > timezone.localdate():
        raise CaseError(_("Consent cannot be given in the future."))
    consent = Consent.objects.create(case=case, given_on=given_on, recorded_by=by,
                                     external_recipients=external_recipients,
                                     data_categories=data_categories)
    consent.organisations.set(organisations)
    names = [o.name for o in organisations] + external_recipients
    _event(case, by, EventKind.CONSENT,
           _("Consent recorded for: %(orgs)s") % {"orgs": ", ".join(names)},
           target=f"consent:{consent.pk}")
    _audit(by, Action.UPDATE, case)
    return consent


@transaction.atomic
def withdraw_consent(*, by: User, consent: Consent,
                     withdrawn_on: date | None = None) -> list[Referral]:
    """Stop future sharing on this consent; returns the referrals (shares) that rested on it."""
    case = _lock(consent.case, by=by, rule=permissions.require_coordinating, allow_closed=True)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.status == ConsentStatus.WITHDRAWN:
        raise CaseError(_("This consent has already been withdrawn."))
    consent.status = ConsentStatus.WITHDRAWN
    consent.withdrawn_on = withdrawn_on or timezone.localdate()
    consent.save(update_fields=["status", "withdrawn_on"])
    rested = list(consent.referrals.select_related("to_organisation"))
    _event(case, by, EventKind.CONSENT,
           _("Consent withdrawn; %(n)d referral(s) rested on it") % {"n": len(rested)},
           target=f"consent:{consent.pk}")
    _audit(by, Action.UPDATE, case)
    return rested


def _check_legal_basis(*, case: Case, to_organisation: Organisation | None, external: str,
                       data_categories: list[str], legal_basis: str, consent: Consent | None,
                       justification: str) -> None:
    if not data_categories:
        return  # nothing personal is shared
    if not legal_basis:
        raise LegalBasisMissing(_("This referral shares personal data: record a legal basis "
                                  "(consent or another basis with a justification)."))
    if legal_basis not in LegalBasis.values:
        raise CaseError(_("Unknown legal basis."))
    if legal_basis != LegalBasis.CONSENT:
        if len((justification or "").strip()) < 10:
            raise LegalBasisMissing(_("Write down why this legal basis applies."))
        return
    if consent is None or consent.case_id != case.pk:
        raise LegalBasisMissing(_("Choose the consent this referral rests on."))
    if not consent.is_active:
        raise LegalBasisMissing(_("This consent has been withdrawn; it cannot be used."))
    if to_organisation is not None and not consent.organisations.filter(
            pk=to_organisation.pk).exists():
        raise LegalBasisMissing(_("The consent does not cover %(org)s.")
                                % {"org": to_organisation.name})
    if to_organisation is None and external.strip().casefold() not in {
            e.casefold() for e in consent.external_recipients}:
        raise LegalBasisMissing(_("The consent does not cover %(org)s.") % {"org": external})
    missing = set(data_categories) - set(consent.data_categories)
    if missing:
        labels = dict(DataCategory.choices)
        raise LegalBasisMissing(_("The consent does not cover: %(data)s.")
                                % {"data": ", ".join(str(labels[m]) for m in sorted(missing))})


@transaction.atomic
def send_referral(*, by: User, case: Case, purpose: str,
                  to_organisation: Organisation | None = None, external_organisation: str = "",
                  data_categories: list[str] | None = None, legal_basis: str = "",
                  consent: Consent | None = None, justification: str = "") -> Referral:
    case = _lock(case, by=by, rule=permissions.require_member)
    data_categories = data_categories or []
    try:
        data_categories = validate_codes(data_categories, DataCategory)
    except ValueError as exc:
        raise CaseError(str(exc)) from None
    if (to_organisation is None) == (not external_organisation.strip()):
        raise CaseError(_("Choose one organisation on the platform, or name one outside it."))
    if to_organisation is not None:
        if not to_organisation.active:
            raise CaseError(_("This organisation is not active."))
        if not any(m.is_current() for m in case.memberships.filter(
                organisation=to_organisation)):
            raise CaseError(_("Add %(org)s to the team before referring to it.")
                            % {"org": to_organisation.name})
    if not purpose.strip():
        raise CaseError(_("State the purpose of the referral."))
    if consent is not None:  # re-read under lock: it may have been withdrawn meanwhile
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
    _check_legal_basis(case=case, to_organisation=to_organisation,
                       external=external_organisation, data_categories=data_categories,
                       legal_basis=legal_basis, consent=consent, justification=justification)
    referral = Referral.objects.create(
        case=case, from_organisation=by.organisation, to_organisation=to_organisation,
        external_organisation=external_organisation.strip(), purpose=purpose.strip(),
        data_categories=data_categories, legal_basis=legal_basis if data_categories else "",
        consent=consent if legal_basis == LegalBasis.CONSENT and data_categories else None,
        justification=justification.strip(), sent_by=by)
    _event(case, by, EventKind.REFERRAL,
           _("Referral to %(org)s proposed") % {"org": referral.recipient_name},
           target=f"referral:{referral.pk}", version=1)
    _audit(by, Action.UPDATE, case)
    return referral


def referral_decisions(user: User, referral: Referral, case: Case, *,
                       member: bool | None = None) -> list[str]:
    """The decisions :func:`decide_referral` accepts from ``user`` on ``referral`` now (an open
    case aside): the step is in :data:`lifecycle.REFERRAL_TRANSITIONS` and ``user``'s
    organisation is the one that takes it. Forms and pages offer exactly these.

    ``member``: whether ``user`` is on the team (:func:`permissions.is_member`), when the caller
    knows already (a page listing many referrals); otherwise it is looked up."""
    if member is None:
        member = permissions.is_member(user, case)
    if not member:
        return []
    return [status for status in lifecycle.referral_targets(referral.status)
            if permissions.referral_decider(referral, status) == user.organisation_id]


@transaction.atomic
def decide_referral(*, by: User, referral: Referral, status: str, expected_version: int,
                    reason: str = "") -> Referral:
    """Accept, decline or complete (the receiving organisation; for a referral outside the
    platform the referring organisation records the answer), or withdraw (the referrer)."""
    case = _lock(referral.case, by=by, rule=permissions.require_member)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if status not in lifecycle.REFERRAL_DECISIONS:
        raise CaseError(_("Unknown status."))
    permissions.require_may_decide_referral(by, referral, status, case)
    target = f"referral:{referral.pk}"
    _check_version(current=referral.version, expected=expected_version, case=case,
                   target=target)
    if status not in lifecycle.referral_targets(referral.status):
        raise CaseError(_("A referral that is “%(current)s” cannot become “%(new)s”.")
                        % {"current": referral.get_status_display(),
                           "new": dict(ReferralStatus.choices)[status]})
    if status == ReferralStatus.DECLINED and not reason.strip():
        raise CaseError(_("State why the referral is declined."))
    referral.status, referral.reason = status, reason.strip()
    referral.decided_at = timezone.now()
    referral.version += 1
    referral.save()
    _event(case, by, EventKind.REFERRAL,
           _("Referral to %(org)s: %(status)s") % {"org": referral.recipient_name,
                                                   "status": referral.get_status_display()},
           reason=reason.strip(), target=f"referral:{referral.pk}", version=referral.version)
    _audit(by, Action.UPDATE, case)
    return referral


# --- meetings ----------------------------------------------------------------------------------

@transaction.atomic
def schedule_meeting(*, by: User, title: str, scheduled_for: datetime, location: str = "",
                     attendees: Iterable[User] = (), external_attendees: str = "") -> Meeting:
    permissions.require_case_staff(by)
    if not title.strip():
        raise CaseError(_("Give the meeting a title."))
    meeting = Meeting.objects.create(title=title.strip(), scheduled_for=scheduled_for,
                                     location=location.strip(),
                                     organising_organisation=by.organisation,
                                     external_attendees=external_attendees.strip())
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def put_on_agenda(*, by: User, meeting: Meeting, case: Case) -> AgendaItem:
    case = _lock(case, by=by, rule=permissions.require_member)
    permissions.require_may_use_meeting(by, meeting)
    item, created = AgendaItem.objects.get_or_create(meeting=meeting, case=case)
    if not created:
        raise CaseError(_("This case is already on the agenda."))
    _event(case, by, EventKind.MEETING,
           _("On the agenda of case meeting “%(title)s” (%(date)s)")
           % {"title": meeting.title, "date": timezone.localtime(meeting.scheduled_for)
              .strftime("%Y-%m-%d %H:%M")})
    _audit(by, Action.UPDATE, case)
    return item


@transaction.atomic
def record_decision(*, by: User, item: AgendaItem, text: str, need: CareNeed | None = None,
                    responsible_organisation: Organisation | None = None,
                    due_date: date | None = None) -> Decision:
    """A meeting decision on a case; with need + organisation + due date it creates an action."""
    case = _lock(item.case, by=by, rule=permissions.require_member)
    if not text.strip():
        raise CaseError(_("Write down the decision."))
    action = None
    if need is not None or responsible_organisation is not None or due_date is not None:
        if not (need and responsible_organisation and due_date) or need.case_id != case.pk:
            raise CaseError(_("To create an action, choose a need of this case, a responsible "
                              "organisation and a due date."))
        action = add_action(by=by, need=need, description=text,
                            responsible_organisation=responsible_organisation,
                            due_date=due_date, source=item.meeting.title)
    decision = Decision.objects.create(item=item, text=text.strip(), action=action)
    _event(case, by, EventKind.MEETING,
           _("Decision in case meeting “%(title)s”") % {"title": item.meeting.title},
           target=f"decision:{decision.pk}")
    _audit(by, Action.UPDATE, case)
    return decision


# --- retention ---------------------------------------------------------------------------------
# Moved to retention.py (driven by the personal-data registry); re-exported under the old names.
from .retention import _system_actor, anonymisation_due, anonymise_case  # noqa: E402, F401

"""The write path of the signals app: one function per use case, keyword-only, in a transaction.

Views, the partner API, the demo loader and tests all call these. Each checks who may do it
(:mod:`uitweg.signals.permissions`, raising ``Refused`` before anything is written). State
changes lock the signal (``select_for_update``), check the pure workflow, append a
:class:`SignalEvent` and log the write in the access log in the same transaction.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind
from uitweg.audit.models import Action
from uitweg.audit.service import Actor, actor_for, record
from uitweg.crypto.index import IdentifierKind, blind_index, identifier_digest, normalise_text
from uitweg.signals import deadlines, permissions, retention, routing, triage, workflow
from uitweg.signals.configuration import (
    delete_routing_rule,
    hash_api_key,
    issue_api_key,
    revoke_api_key,
    save_routing_rule,
)
from uitweg.signals.errors import SignalError
from uitweg.signals.intake import (
    KVK_RE,
    MAX_ITEMS,
    BusinessData,
    PersonData,
    SignalData,
    validate,
)
from uitweg.signals.models import (
    MAX_LINE,
    MAX_TEXT,
    SIGNAL_ROLES,
    ApiKey,
    DismissedCandidate,
    RoutingRule,
    Signal,
    SignalCaseLink,
    SignalEvent,
    SignalIdentifier,
    SignalLink,
    SignalPerson,
)
from uitweg.signals.vocabulary import BUSINESS_NAME, PersonRole, Source, Status

__all__ = [  # the names other modules import from here, defined in the modules above
    "KVK_RE", "MAX_ITEMS", "BusinessData", "PersonData", "SignalData", "SignalError",
    "delete_routing_rule", "hash_api_key", "issue_api_key", "revoke_api_key",
    "save_routing_rule", "validate",
]

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


# --- Helpers ------------------------------------------------------------------------------------


def public_actor() -> Actor:
    return Actor(user_id=None, username="public", organisation_id=None,
                 organisation_name="", role="public")


def api_actor(key: ApiKey) -> Actor:
    return Actor(user_id=None, username=f"api-key:{key.prefix}",
                 organisation_id=key.organisation_id, organisation_name=key.organisation.name,
                 role="api")  # access point "api:<path>" from the request


def code_digest(code: str) -> str:
    """SHA-256 of the normalised reporter code (the code itself is never stored)."""
    normalised = re.sub(r"[^A-Z0-9]", "", (code or "").upper())
    return hashlib.sha256(f"uitweg-signal-code:{normalised}".encode()).hexdigest()


def new_public_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def deadline_rules() -> dict[str, deadlines.Deadline]:
    return deadlines.parse(settings.SIGNALS_DEADLINES)


def deadline_for(priority: str, start: datetime) -> datetime | None:
    rule = deadline_rules().get(priority)
    return deadlines.due_at(start, rule) if rule else None


def fallback_organisation(region: str) -> Organisation:
    """Where a signal goes when no rule matches: the care coordinator of the region."""
    orgs = Organisation.objects.filter(kind=OrganisationKind.CARE_COORDINATION, active=True)
    org = orgs.filter(region__iexact=region).first() or orgs.first()
    if org is None:
        raise SignalError("No routing rule matches and there is no care coordination "
                          "organisation to fall back on.")
    return org


def route(*, forms, minor, region) -> tuple[Organisation, str, RoutingRule | None]:
    rules = list(RoutingRule.objects.filter(active=True).select_related("organisation"))
    by_id = {r.pk: r for r in rules}
    chosen = routing.choose(
        [routing.Rule(key=r.pk, order=r.order, form=r.form, minor=r.minor, region=r.region)
         for r in rules],
        routing.Facts(forms=frozenset(forms), minor=minor, region=region or ""),
    )
    if chosen is None:
        return fallback_organisation(region), "", None
    rule = by_id[chosen.key]
    return rule.organisation, rule.team, rule


def _apply_triage(signal: Signal) -> None:
    result = triage.triage(signal.indicators, minor=signal.minor_involved,
                           acute_danger=signal.acute_danger)
    signal.priority = result.priority
    signal.triage_score = result.score
    signal.triage_reasons = result.reason_codes
    signal.deadline_at = deadline_for(result.priority, signal.received_at)


def _apply_routing(signal: Signal) -> None:
    org, team, rule = route(forms=signal.forms, minor=signal.minor_involved,
                            region=signal.region)
    signal.responsible_organisation, signal.team, signal.routing_rule = org, team, rule


def _event(signal: Signal, *, action: str, by: User | None = None, label: str = "",
           from_status: str = "", to_status: str = "", note: str = "",
           at: datetime | None = None) -> None:
    SignalEvent.objects.create(
        signal=signal, at=at or timezone.now(), actor=by,
        actor_label=label or (by.username if by else ""),
        action=action, from_status=from_status, to_status=to_status or signal.status,
        note=note)


def _identifier(signal: Signal, kind: str, digest: str, value: str = "", detail: str = "",
                person: SignalPerson | None = None) -> None:
    SignalIdentifier.objects.get_or_create(
        signal=signal, kind=kind, digest=digest,
        defaults={"value": value[:MAX_LINE], "detail": detail[:MAX_LINE], "person": person})


def business_name_digest(name: str) -> str:
    return blind_index(name, normalise=normalise_text, domain=BUSINESS_NAME)


def _write_identifiers(signal: Signal, data: SignalData) -> None:
    for person_data in data.persons:
        person = SignalPerson.objects.create(
            signal=signal, role=person_data.role, full_name=person_data.full_name.strip(),
            aliases=person_data.aliases, date_of_birth=person_data.date_of_birth,
            phone_numbers=person_data.phone_numbers, nationality=person_data.nationality,
            gender=person_data.gender, languages=person_data.languages)
        if person_data.date_of_birth:
            _identifier(signal, IdentifierKind.PERSON,
                        identifier_digest(IdentifierKind.PERSON, person.full_name,
                                          person_data.date_of_birth), person=person)
        for phone in person_data.phone_numbers:
            _identifier(signal, IdentifierKind.PHONE,
                        identifier_digest(IdentifierKind.PHONE, phone), phone, person=person)
    simple = ((IdentifierKind.ADDRESS, data.addresses), (IdentifierKind.PHONE, data.phone_numbers),
              (IdentifierKind.WEBSITE, data.websites), (IdentifierKind.VEHICLE, data.vehicles))
    for kind, values in simple:
        for value in values:
            value = str(value).strip()
            _identifier(signal, kind, identifier_digest(kind, value), value)
    for business in data.businesses:
        name, kvk = (business.name or "").strip(), (business.kvk or "").strip()
        if kvk:
            _identifier(signal, IdentifierKind.KVK, identifier_digest(IdentifierKind.KVK, kvk),
                        kvk, detail=name)
        if name:
            _identifier(signal, BUSINESS_NAME, business_name_digest(name), name, detail=kvk)


def _next_reference(signal: Signal) -> str:
    return f"S-{signal.received_at:%Y}-{signal.pk:05d}"


# --- Use cases ----------------------------------------------------------------------------------


def _create(*, data: SignalData, source: str, language: str, region: str,
            reporting_organisation: Organisation | None, by: User | None, actor: Actor,
            public_code: str | None, received_at: datetime | None = None) -> Signal:
    validate(data)
    signal = Signal(
        source=source, language=language, description=data.description.strip(),
        location_text=data.location.strip(), observed_when=data.observed_when.strip(),
        forms=list(dict.fromkeys(data.forms)), indicators=list(dict.fromkeys(data.indicators)),
        minor_involved=data.minor, acute_danger=data.acute_danger, region=region,
        contact_requested=data.contact_requested,
        contact_name=data.contact_name.strip() if data.contact_requested else "",
        contact_phone=data.contact_phone.strip() if data.contact_requested else "",
        contact_email=data.contact_email.strip() if data.contact_requested else "",
        reporting_organisation=reporting_organisation, reported_by=by,
        source_reference=data.source_reference.strip(),
        public_code_digest=code_digest(public_code) if public_code else None,
        received_at=received_at or timezone.now(), reference="")
    _apply_triage(signal)
    _apply_routing(signal)
    signal.reference = f"tmp-{secrets.token_hex(6)}"
    signal.save()
    signal.reference = _next_reference(signal)
    signal.save(update_fields=["reference"])
    _write_identifiers(signal, data)
    _event(signal, action="received", by=by, label=actor.username, to_status=Status.RECEIVED,
           at=signal.received_at)
    record(actor=actor, action=Action.CREATE, object_type="signals.signal",
           object_id=signal.pk, object_label=signal.reference, purpose="signal intake")
    return signal


@transaction.atomic
def submit_public_report(*, data: SignalData, language: str,
                         received_at: datetime | None = None) -> tuple[Signal, str]:
    """An anonymous report from the public form. Returns the signal and the reporter's code."""
    code = new_public_code()
    signal = _create(data=data, source=Source.PUBLIC, language=language,
                     region=settings.SIGNALS_DEFAULT_REGION, reporting_organisation=None,
                     by=None, actor=public_actor(), public_code=code, received_at=received_at)
    return signal, code


@transaction.atomic
def submit_professional_signal(*, by: User, data: SignalData,
                               received_at: datetime | None = None) -> Signal:
    permissions.require_report(by)
    if by.organisation_id is None:
        raise SignalError("A professional signal needs the reporter's organisation.")
    return _create(data=data, source=Source.PROFESSIONAL, language=by.preferred_language,
                   region=by.organisation.region, reporting_organisation=by.organisation,
                   by=by, actor=actor_for(by), public_code=None, received_at=received_at)


@transaction.atomic
def submit_api_signal(*, key: ApiKey, data: SignalData) -> Signal:
    permissions.require_key_may_report(key)
    return _create(data=data, source=Source.API, language="nl",
                   region=key.organisation.region, reporting_organisation=key.organisation,
                   by=None, actor=api_actor(key), public_code=None)


def public_stage_for_code(code: str) -> str | None:
    """The neutral stage of the signal with this reporter code, or None. Nothing else."""
    status = (Signal.objects.filter(public_code_digest=code_digest(code))
              .values_list("status", flat=True).first())
    return workflow.public_stage(status) if status else None


def _lock(by: User, signal_id: int, *, rule=permissions.require_handle) -> Signal:
    """Lock a signal ``by`` may see (else "not visible"), then check ``rule`` (else Refused)."""
    try:
        signal = Signal.objects.visible_to(by).select_for_update().get(pk=signal_id)
    except Signal.DoesNotExist:
        raise Signal.DoesNotExist("not visible") from None
    rule(by, signal)
    return signal


def _transition(signal: Signal, target: str, *, closure_reason: str = "") -> str:
    try:
        workflow.check(signal.status, target, closure_reason=closure_reason)
    except (workflow.InvalidTransition, ValueError) as exc:
        raise SignalError(str(exc)) from exc
    previous = signal.status
    signal.status = target
    signal.version += 1
    retention.on_transition(signal)  # closing erases the reporter's contact details
    return previous


def _audit_update(by: User, signal: Signal, purpose: str = "signal handling") -> None:
    record(actor=actor_for(by), action=Action.UPDATE, object_type="signals.signal",
           object_id=signal.pk, object_label=signal.reference, purpose=purpose)


@transaction.atomic
def triage_signal(*, by: User, signal_id: int, forms: list[str], indicators: list[str],
                  minor: bool | None, acute_danger: bool, note: str = "") -> Signal:
    """The intake officer's triage: confirm or correct the facts, re-score and re-route."""
    signal = _lock(by, signal_id)
    data_check = SignalData(description="-", forms=forms, indicators=indicators)
    validate(data_check)
    previous = _transition(signal, Status.TRIAGED)
    signal.forms, signal.indicators = list(dict.fromkeys(forms)), list(dict.fromkeys(indicators))
    signal.minor_involved, signal.acute_danger = minor, acute_danger
    _apply_triage(signal)
    _apply_routing(signal)
    if signal.assigned_to_id and signal.assigned_to.organisation_id != \
            signal.responsible_organisation_id:
        signal.assigned_to = None
    signal.save()
    _event(signal, action="triaged", by=by, from_status=previous, note=note)
    _audit_update(by, signal)
    return signal


@transaction.atomic
def assign_signal(*, by: User, signal_id: int, assignee: User) -> Signal:
    signal = _lock(by, signal_id)
    if (assignee.organisation_id != signal.responsible_organisation_id
            or not assignee.has_role(*SIGNAL_ROLES) or not assignee.is_active):
        raise SignalError("The assignee must work with signals at the responsible "
                          "organisation.")
    previous = _transition(signal, Status.ASSIGNED)
    signal.assigned_to = assignee
    signal.save()
    _event(signal, action="assigned", by=by, from_status=previous,
           note=assignee.get_full_name() or assignee.username)
    _audit_update(by, signal)
    return signal


@transaction.atomic
def start_signal(*, by: User, signal_id: int) -> Signal:
    signal = _lock(by, signal_id)
    previous = _transition(signal, Status.IN_PROGRESS)
    if signal.assigned_to_id is None:
        signal.assigned_to = by
    signal.save()
    _event(signal, action="started", by=by, from_status=previous)
    _audit_update(by, signal)
    return signal


@transaction.atomic
def close_signal(*, by: User, signal_id: int, reason: str, note: str = "") -> Signal:
    if reason == workflow.CONVERTED_TO_CASE:
        raise SignalError("Use convert_to_case to close a signal as converted to a case.")
    signal = _lock(by, signal_id)
    previous = _transition(signal, Status.CLOSED, closure_reason=reason)
    signal.closure_reason, signal.closure_note = reason, note[:MAX_TEXT]
    signal.closed_at = timezone.now()
    signal.save()
    _event(signal, action="closed", by=by, from_status=previous, note=reason)
    _audit_update(by, signal)
    return signal


@transaction.atomic
def convert_to_case(*, by: User, signal_id: int, person_id: int | None = None) -> Any:
    """Open a care-coordination case from the signal, carrying the person data over."""
    from uitweg.cases.services import CaseError, open_case_from_signal

    signal = _lock(by, signal_id, rule=permissions.require_convert)
    person = signal.persons.filter(pk=person_id).first() if person_id else (
        signal.persons.filter(role=PersonRole.POSSIBLE_VICTIM).first())
    if person is None:
        raise SignalError("Choose the person the case is about (a possible victim).")
    previous = _transition(signal, Status.CLOSED, closure_reason=workflow.CONVERTED_TO_CASE)
    phones = list(person.phone_numbers)
    addresses = [i.value for i in signal.identifiers.filter(kind=IdentifierKind.ADDRESS)]
    try:
        case = _open_case(open_case_from_signal, by, signal, person, phones, addresses)
    except CaseError as exc:
        raise SignalError(str(exc)) from exc
    SignalCaseLink.objects.get_or_create(signal=signal, case=case,
                                         defaults={"linked_by": by})
    signal.closure_reason = workflow.CONVERTED_TO_CASE
    signal.closed_at = timezone.now()
    signal.save()
    _event(signal, action="converted", by=by, from_status=previous, note=case.number)
    _audit_update(by, signal)
    return case


def _open_case(open_case_from_signal, by, signal, person, phones, addresses):
    return open_case_from_signal(
        by=by,
        person={"full_name": person.full_name, "aliases": list(person.aliases),
                "date_of_birth": person.date_of_birth, "phone_numbers": phones,
                "addresses": addresses, "nationality": person.nationality,
                "gender": person.gender, "languages": list(person.languages)},
        forms=signal.forms or [], indicators=signal.indicators,
        minor_on_first_signal=signal.minor_involved,
        first_signal_date=timezone.localtime(signal.received_at).date(),
        reporting_organisation=signal.reporting_organisation,
        source_reference=signal.reference,
    )


@transaction.atomic
def link_signals(*, by: User, signal_id: int, other_id: int) -> SignalLink:
    """Link two signals; both must be visible to ``by``."""
    if signal_id == other_id:
        raise SignalError("A signal cannot be linked to itself.")
    signal = _lock(by, signal_id)
    other = Signal.objects.visible_to(by).filter(pk=other_id).first()
    if other is None:
        raise Signal.DoesNotExist("not visible")
    low, high = sorted([signal.pk, other.pk])
    link, _created = SignalLink.objects.get_or_create(
        from_signal_id=low, to_signal_id=high, defaults={"linked_by": by})
    _event(signal, action="linked_signal", by=by, to_status=signal.status,
           note=other.reference)
    _audit_update(by, signal, purpose="signal linking")
    return link


@transaction.atomic
def link_case(*, by: User, signal_id: int, case_id: int) -> SignalCaseLink:
    """Link a signal to a case file; the case must be visible to ``by``."""
    from uitweg.cases.queries import visible_cases

    signal = _lock(by, signal_id)
    case = visible_cases(by).filter(pk=case_id).first()
    if case is None:
        raise Signal.DoesNotExist("not visible")
    link, _created = SignalCaseLink.objects.get_or_create(signal=signal, case=case,
                                                          defaults={"linked_by": by})
    _event(signal, action="linked_case", by=by, to_status=signal.status, note=case.number)
    _audit_update(by, signal, purpose="signal linking")
    return link


@transaction.atomic
def dismiss_candidate(*, by: User, signal_id: int, target_type: str,
                      target_id: int) -> DismissedCandidate:
    if target_type not in (DismissedCandidate.SIGNAL, DismissedCandidate.CASE):
        raise SignalError("unknown candidate type")
    signal = _lock(by, signal_id)
    dismissal, _created = DismissedCandidate.objects.get_or_create(
        signal=signal, target_type=target_type, target_id=target_id, defaults={"by": by})
    _event(signal, action="dismissed_candidate", by=by, to_status=signal.status,
           note=f"{target_type}:{target_id}")
    _audit_update(by, signal, purpose="signal linking")
    return dismissal

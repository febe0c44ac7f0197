"""Consent and referrals (sharing with another organisation needs a legal basis)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import Organisation, User
from uitweg.audit.models import Action
from uitweg.core.vocabulary import validate_codes

from .. import lifecycle, permissions
from ..models import (
    Case,
    Consent,
    ConsentStatus,
    DataCategory,
    EventKind,
    LegalBasis,
    Referral,
    ReferralStatus,
)
from .base import (
    CaseError,
    LegalBasisMissing,
    _audit,
    _check_version,
    _event,
    _lock,
)

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

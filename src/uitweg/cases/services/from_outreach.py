"""A referral from online outreach (issue 12.4): the contract for the outreach app, like
:func:`~.opening.open_case_from_signal` for signals.

With one action an outreach worker refers a contact, with the person's consent, to a care
organisation on the platform: a case file opens, coordinated by the receiving organisation (so
only it, and whoever it adds to the team, can read it), with the consent recorded (what may be
shared, with whom, the note of how the person agreed) and the referral proposed on that consent.
The receiving organisation accepts or declines it like any referral
(:func:`~.referrals.decide_referral`). The outreach worker is not on the team and cannot open the
file afterwards; the outreach contact keeps the case number.

Only what the person agreed to travels: the case summary (forms of exploitation, indicators and
the purpose) always, since a file cannot be opened without it; the name they use, their phone
number and languages only when the consent covers identity and contact details. The rule is
here, not in the outreach form, so every caller is held to it.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind
from uitweg.core.vocabulary import VictimStatus

from .. import permissions
from ..models import Consent, DataCategory, EventKind, LegalBasis, Referral
from .base import CaseError, InvalidValue, LegalBasisMissing, _event
from .opening import _open_case
from .referrals import _check_legal_basis

#: the kinds of organisation a contact can be referred to (care, not enforcement)
RECIPIENT_KINDS = (OrganisationKind.CARE_COORDINATION, OrganisationKind.SHELTER,
                   OrganisationKind.YOUTH_CARE, OrganisationKind.NGO)
MIN_CONSENT_NOTE = 10


def referral_recipients() -> QuerySet[Organisation]:
    """The organisations a contact can be referred to: what the form offers, what the service
    accepts."""
    return Organisation.objects.filter(active=True, kind__in=RECIPIENT_KINDS).order_by("name")


def _person(*, identity: bool, name_used: str, phone_numbers: list[str], languages: list[str],
            source_reference: str) -> dict:
    if identity:
        return {"full_name": name_used, "phone_numbers": phone_numbers, "languages": languages}
    if (name_used or "").strip() or phone_numbers or languages:
        labels = dict(DataCategory.choices)
        raise LegalBasisMissing(_("The consent does not cover: %(data)s.")
                                % {"data": labels[DataCategory.IDENTITY]})
    # the file needs a name: the person's stays with the outreach team
    return {"full_name": f"[{source_reference}]"}


@transaction.atomic
def refer_from_outreach(*, by: User, to_organisation: Organisation, purpose: str,
                        share_identity: bool, consent_given_on: date, consent_note: str,
                        forms: list[str], indicators: list[str], source_reference: str,
                        name_used: str = "", phone_numbers: list[str] | None = None,
                        languages: list[str] | None = None) -> Referral:
    """Open the case file at ``to_organisation`` with the consent and propose the referral.
    The consent covers the case summary, and identity and contact details when
    ``share_identity``; ``name_used``, ``phone_numbers`` and ``languages`` are refused without it.

    Refused (``Refused``) for anyone but the outreach team; ``CaseError`` (``LegalBasisMissing``
    for consent) with the reason when the consent, the organisation or the data do not fit."""
    permissions.require_may_refer_from_outreach(by)
    data_categories = [DataCategory.CASE, *([DataCategory.IDENTITY] if share_identity else [])]
    if len((consent_note or "").strip()) < MIN_CONSENT_NOTE:
        raise LegalBasisMissing(_("Write down what the person agreed to and how (at least "
                                  "%(n)d characters).") % {"n": MIN_CONSENT_NOTE})
    today = timezone.localdate()
    if consent_given_on > today:
        raise CaseError(_("Consent cannot be given in the future."))
    if not referral_recipients().filter(pk=to_organisation.pk).exists():
        raise CaseError(_("Choose one of the care organisations on the platform."))
    purpose = (purpose or "").strip()
    if not purpose:
        raise InvalidValue(_("State the purpose of the referral."), field="purpose")
    if not forms:  # the file cannot open without them (open_case's rule, said on the field)
        raise InvalidValue(_("Choose at least one form of exploitation."), field="forms")
    person = _person(identity=share_identity, name_used=name_used,
                     phone_numbers=list(phone_numbers or []), languages=list(languages or []),
                     source_reference=source_reference)
    case = _open_case(by=by, person=person, forms=forms, indicators=indicators,
                      first_signal_date=today, reporting_organisation=by.organisation,
                      coordinating_organisation=to_organisation, minor_on_first_signal=None,
                      source_reference=source_reference, victim_status=VictimStatus.PRESUMED)
    consent = Consent.objects.create(case=case, given_on=consent_given_on, recorded_by=by,
                                     data_categories=data_categories)
    consent.organisations.set([to_organisation])
    _event(case, by, EventKind.CONSENT,
           _("Consent recorded for: %(orgs)s") % {"orgs": to_organisation.name},
           reason=consent_note.strip(), target=f"consent:{consent.pk}")
    _check_legal_basis(case=case, to_organisation=to_organisation, external="",
                       data_categories=data_categories, legal_basis=LegalBasis.CONSENT,
                       consent=consent, justification="")
    referral = Referral.objects.create(
        case=case, from_organisation=by.organisation, to_organisation=to_organisation,
        purpose=purpose[:300], data_categories=data_categories,
        legal_basis=LegalBasis.CONSENT, consent=consent, sent_by=by)
    _event(case, by, EventKind.REFERRAL,
           _("Referral to %(org)s proposed") % {"org": to_organisation.name},
           target=f"referral:{referral.pk}", version=1)
    return referral

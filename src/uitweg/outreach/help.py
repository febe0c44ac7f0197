"""From contact to help (issue 12.4): a signal reported through the signals services, or a
referral to a care organisation with consent through the cases services (neither a copy).

The signal carries only what the contact agreed to share: the worker's description, the chosen
indicators and forms, and — only when ticked — the phone number. A referral opens a case file at
the receiving organisation with the consent (what the person agreed to and how) and shares the
name used, phone and languages only when that was agreed; the rule is the cases contract's
(:func:`uitweg.cases.services.refer_from_outreach`). The contact keeps a
:class:`ContactFollowUp` naming the signal's reference or the case number, so it shows what
followed even though the outreach worker usually cannot open the record itself.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import Organisation, User
from uitweg.audit.models import Action
from uitweg.cases import services as case_services
from uitweg.signals import services as signal_services
from uitweg.signals.services import SignalData

from . import permissions
from .models import MAX_NOTE, Contact, ContactFollowUp
from .services import OutreachError, _log
from .vocabulary import FollowUp


@transaction.atomic
def report_signal(*, by: User, contact_id: int, description: str, indicators: list[str],
                  forms: list[str], share_phone: bool = False, consent: bool = False
                  ) -> ContactFollowUp:
    contact = _locked_contact(by, contact_id)
    if not consent:
        raise ValidationError({"consent": _("Confirm that the person agreed to this report "
                                            "and to what it contains.")})
    phones = [contact.phone] if share_phone and contact.phone else []
    data = SignalData(description=(description or "").strip(), indicators=list(indicators),
                      forms=list(forms), phone_numbers=phones,
                      source_reference=str(contact))
    signal = signal_services.submit_professional_signal(by=by, data=data)
    follow_up = ContactFollowUp.objects.create(contact=contact, kind=FollowUp.SIGNAL,
                                               signal=signal, reference=signal.reference,
                                               by=by)
    contact.indicators = list(dict.fromkeys([*contact.indicators, *indicators]))
    contact.last_activity_at = timezone.now()
    contact.version += 1
    contact.save(update_fields=["indicators", "last_activity_at", "version"])
    _log(by, Action.UPDATE, contact, purpose="signal from outreach")
    return follow_up


def _locked_contact(by: User, contact_id: int) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    permissions.require_same_team(by, contact)
    if contact.anonymised_at is not None:
        raise OutreachError("anonymised", _("This contact has been anonymised."))
    return contact


#: the cases contract's fields, as the referral form names them
_REFERRAL_FIELDS = {"full_name": "name_used", "forms": "forms_seen"}


def _refused(exc: case_services.CaseError) -> ValidationError:
    """The cases contract's reason, on the form field it is about."""
    if isinstance(exc, case_services.InvalidValue):
        field = _REFERRAL_FIELDS.get(exc.field, exc.field)
    elif isinstance(exc, case_services.LegalBasisMissing):
        field = "consent_note"
    else:
        field = NON_FIELD_ERRORS
    return ValidationError({field: [str(exc)]})


@transaction.atomic
def refer_to_care(*, by: User, contact_id: int, to_organisation_id: int | None, purpose: str,
                  consent: bool, consent_note: str, forms: list[str], indicators: list[str],
                  share_identity: bool = False, name_used: str = "", submission: str = ""
                  ) -> tuple[ContactFollowUp, bool]:
    """Refer the contact, with consent, to a care organisation: one case file and one referral
    there, one follow-up here. ``submission`` is the form's one-time key: the same form sent
    again returns the follow-up of the first time (``created`` False) and refers nobody twice.
    """
    contact = _locked_contact(by, contact_id)
    submission = (submission or "")[:40]
    if submission:
        done = contact.follow_ups.filter(submission=submission).first()
        if done is not None:
            return done, False
    if not consent:
        raise ValidationError({"consent": _(
            "Without the person's consent there is no referral: confirm that they agreed to "
            "it and to what it shares.")})
    organisation = Organisation.objects.filter(pk=to_organisation_id).first()
    if organisation is None:
        raise ValidationError({"to_organisation": _("Choose a care organisation.")})
    try:
        referral = case_services.refer_from_outreach(
            by=by, to_organisation=organisation, purpose=purpose,
            share_identity=share_identity, consent_given_on=timezone.localdate(),
            consent_note=consent_note, forms=list(forms), indicators=list(indicators),
            source_reference=f"outreach {contact}",
            name_used=name_used if share_identity else "",
            phone_numbers=[contact.phone] if share_identity and contact.phone else [],
            languages=list(contact.languages) if share_identity else [])
    except case_services.CaseError as exc:
        raise _refused(exc) from None
    follow_up = ContactFollowUp.objects.create(
        contact=contact, kind=FollowUp.REFERRAL, referral=referral,
        to_organisation=organisation, reference=referral.case.number, submission=submission,
        by=by)
    contact.indicators = list(dict.fromkeys([*contact.indicators, *indicators]))
    if consent_note.strip() and consent_note.strip() not in contact.consent_notes:
        contact.consent_notes = "\n".join(filter(None, [contact.consent_notes,
                                                         consent_note.strip()]))[-MAX_NOTE:]
    contact.last_activity_at = timezone.now()
    contact.version += 1
    contact.save(update_fields=["indicators", "consent_notes", "last_activity_at", "version"])
    _log(by, Action.UPDATE, contact, purpose="referral from outreach")
    return follow_up, True

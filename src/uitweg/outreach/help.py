"""From contact to help: a signal reported through the signals services (not a copy).

The signal carries only what the contact agreed to share: the worker's description, the chosen
indicators and forms, and — only when ticked — the phone number. The contact keeps a
:class:`ContactFollowUp` naming the signal's reference, so it shows what followed even though
the outreach worker cannot open the signal itself (it is routed to the intake of a care
coordination organisation).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.audit.models import Action
from uitweg.signals import services as signal_services
from uitweg.signals.services import SignalData

from . import permissions
from .models import Contact, ContactFollowUp
from .services import OutreachError, _log
from .vocabulary import FollowUp


@transaction.atomic
def report_signal(*, by: User, contact_id: int, description: str, indicators: list[str],
                  forms: list[str], share_phone: bool = False, consent: bool = False
                  ) -> ContactFollowUp:
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    permissions.require_same_team(by, contact)
    if contact.anonymised_at is not None:
        raise OutreachError("anonymised", _("This contact has been anonymised."))
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

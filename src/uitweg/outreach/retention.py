"""Retention of outreach contacts (issue 12, item 8; ADR 0063).

A contact without activity (a contact moment, a message, a signal) for ``RETENTION_MONTHS``
months is anonymised by the ``"outreach.contact"`` process of the personal-data registry
(``outreach/personal_data.py``): handle, phone and notes erased, blind indexes deleted, so the
person is no longer "known before". Counts stay.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from uitweg.audit.models import Action
from uitweg.audit.retention import system_actor
from uitweg.audit.service import Actor, record
from uitweg.core import personal_data

from .models import Contact

PROCESS = "outreach.contact"
COMMAND = "anonymise_outreach"
RETENTION_MONTHS = 12


def limit(now: datetime | None = None) -> datetime:
    """Twelve months of 30.44 days: the same moment a year earlier, leap years aside."""
    return (now or timezone.now()) - timedelta(days=round(RETENTION_MONTHS * 30.44))


def anonymisation_due(now: datetime | None = None) -> QuerySet[Contact]:
    return Contact.objects.filter(last_activity_at__lt=limit(now), anonymised_at__isnull=True)


def _system_actor() -> Actor:
    return system_actor(f"command:{COMMAND}")


@transaction.atomic
def anonymise_contact(*, contact: Contact, now: datetime | None = None) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.anonymised_at is not None or contact.last_activity_at >= limit(now):
        return contact  # a worker acted meanwhile, or it is done
    personal_data.erase(PROCESS, contact)
    Contact.objects.filter(pk=contact.pk).update(next_follow_up=None)
    contact.refresh_from_db()
    record(actor=_system_actor(), action=Action.DELETE, object_type="outreach.contact",
           object_id=contact.pk, object_label=str(contact),
           purpose="retention: anonymisation")
    return contact

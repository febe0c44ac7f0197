"""Retention of registrations (ADR 0097): ``WEEK_RETENTION_DAYS`` after an event ended, its
registrants' names and addresses are erased by the ``"week.event"`` process of the
personal-data registry; the counts (status, check-in) stay for the figures."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from uitweg.audit.models import Action
from uitweg.audit.service import Actor, record
from uitweg.core import personal_data

from .models import Event

PROCESS = "week.event"
COMMAND = "purge_week_registrations"


def limit(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.WEEK_RETENTION_DAYS)


def erasure_due(now: datetime | None = None) -> QuerySet[Event]:
    """Events that ended more than the retention period ago and still hold registrants."""
    return Event.objects.filter(ends_at__lt=limit(now), personal_data_erased_at__isnull=True,
                                registrations__isnull=False).distinct()


def _system_actor() -> Actor:
    return Actor(user_id=None, username="system", organisation_id=None, organisation_name="",
                 role="", access_point=f"command:{COMMAND}")


@transaction.atomic
def erase_event(*, event: Event, now: datetime | None = None) -> int:
    """Erase the registrants of one event; returns how many registrations were erased."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.personal_data_erased_at is not None or event.ends_at >= limit(now):
        return 0
    done = personal_data.erase(PROCESS, event)
    count = done.rows.get("week.Registration", 0)
    record(actor=_system_actor(), action=Action.DELETE, object_type="week.event",
           object_id=event.pk, object_label=str(event),
           purpose="retention: registrants erased")
    return count

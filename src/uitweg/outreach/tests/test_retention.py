"""Retention (item 8): a contact without activity for 12 months is anonymised by
``manage.py anonymise_outreach``; counts stay; the person is no longer "known before"."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from uitweg.audit.models import AccessLogEntry
from uitweg.outreach import queries
from uitweg.outreach.identifiers import parse
from uitweg.outreach.models import Contact, ContactIdentifier

from .factories import contact, worker

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("anonymise_outreach", *args, stdout=out)
    return out.getvalue()


def test_a_contact_idle_for_twelve_months_is_anonymised_and_counts_stay():
    me = worker()
    with freeze_time("2025-01-10 12:00"):
        old = contact(me, handle="@old", phone="06-12345678", notes="Wil stoppen",
                      topics=["exit"], response="replied")
    with freeze_time("2025-06-01 12:00"):
        recent = contact(me, handle="@recent")
    with freeze_time("2026-01-20 12:00"):
        assert "would anonymise C-%d" % old.pk in _run("--dry-run")
        assert Contact.objects.get(pk=old.pk).handle == "old"
        report = _run()
    old.refresh_from_db()
    assert (old.handle, old.phone, old.notes) == ("", "", "")
    assert old.anonymised_at is not None
    assert (old.topics, old.response, old.target_group) == (["exit"], "replied", "women")
    assert not ContactIdentifier.objects.filter(contact=old).exists()
    assert Contact.objects.get(pk=recent.pk).handle == "recent"
    assert "1 contact(s) anonymised" in report
    assert queries.known_before(me, parse(phone="06-12345678")).contacts == []
    entry = AccessLogEntry.objects.filter(action="delete").get()
    assert entry.object_id == str(old.pk) and entry.access_point == "command:anonymise_outreach"


def test_activity_keeps_a_contact():
    me = worker()
    with freeze_time("2025-01-10"):
        person = contact(me, handle="@kept")
    with freeze_time("2025-12-20"):
        contact(me, person.first_round, handle="@KEPT")  # a new contact moment
    with freeze_time("2026-01-20"):
        _run()
    assert Contact.objects.get(pk=person.pk).anonymised_at is None


def test_twelve_months_is_the_limit():
    from uitweg.outreach.retention import limit

    with freeze_time("2026-03-01"):
        from django.utils import timezone

        assert timedelta(days=364) < timezone.now() - limit() < timedelta(days=367)

"""Registration services: places, waiting list, idempotency, cancellation links, e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from freezegun import freeze_time

from uitweg.week import registration, services, tokens
from uitweg.week.models import Registration
from uitweg.week.vocabulary import RegistrationStatus

from .factories import LINK_BASE, editor, make_event, publisher, sign_up

pytestmark = pytest.mark.django_db


def _cancel_link(body: str) -> str:
    line = next(part for part in body.split() if "/week/cancel/" in part)
    return line.rstrip("/").rsplit("/", 1)[-1]


def test_places_then_waiting_list_and_a_confirmation_with_ics():
    event = make_event(capacity=2)
    results = sign_up(event, 3)
    assert [r.outcome for r in results] == ["confirmed", "confirmed", "waitlisted"]
    assert len(mail.outbox) == 3
    first = mail.outbox[0]
    assert first.to == ["p0@example.org"] and "Gastles" in first.subject
    (name, content, kind), = first.attachments
    assert name.endswith(".ics") and kind.startswith("text/calendar")
    content = content if isinstance(content, str) else content.decode()
    assert "BEGIN:VEVENT" in content and "SUMMARY:Gastles" in content
    assert "/week/cancel/" in first.body
    assert "wachtlijst" in mail.outbox[2].subject.lower() or \
        "waiting list" in mail.outbox[2].subject.lower()
    assert not mail.outbox[2].attachments


def test_a_second_registration_with_the_same_address_changes_nothing_and_says_so():
    event = make_event(capacity=1)
    sign_up(event, 1)
    again = registration.register(event_id=event.pk, name="Someone", email=" P0@Example.org ",
                                   language="nl", link_base=LINK_BASE)
    assert again.outcome == registration.ALREADY_CONFIRMED
    assert Registration.objects.filter(event=event).count() == 1
    assert len(mail.outbox) == 1  # no second mail either
    sign_up(event, 1, prefix="w")
    assert registration.register(event_id=event.pk, name="x", email="w0@example.org",
                                 language="nl", link_base=LINK_BASE
                                 ).outcome == registration.ALREADY_WAITLISTED


def test_cancellation_promotes_the_first_on_the_waiting_list_and_mails_them():
    event = make_event(capacity=1)
    sign_up(event, 1, prefix="a")
    sign_up(event, 2, prefix="b")
    token = _cancel_link(mail.outbox[0].body)
    mail.outbox.clear()
    result = registration.cancel(token=token, link_base=LINK_BASE)
    assert [r.email for r in result.promoted] == ["b0@example.org"]
    statuses = dict(Registration.objects.values_list("email_digest", "status"))
    assert sorted(statuses.values()) == ["cancelled", "confirmed", "waitlisted"]
    (promoted_mail,) = mail.outbox
    assert promoted_mail.to == ["b0@example.org"] and promoted_mail.attachments


def test_a_reused_or_forged_cancellation_link_is_refused_and_changes_nothing():
    event = make_event(capacity=1)
    sign_up(event, 2)
    token = _cancel_link(mail.outbox[0].body)
    registration.cancel(token=token, link_base=LINK_BASE)
    with pytest.raises(registration.RegistrationRefused) as used:
        registration.cancel(token=token, link_base=LINK_BASE)
    assert used.value.reason == registration.USED
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    with pytest.raises(registration.RegistrationRefused) as bad:
        registration.cancel(token=forged, link_base=LINK_BASE)
    assert bad.value.reason == registration.FORGED
    other_id = Registration.objects.exclude(status="cancelled").first().pk
    with pytest.raises(registration.RegistrationRefused) as guessed:
        registration.cancel(token=tokens.cancel_token(other_id, "guess"), link_base=LINK_BASE)
    assert guessed.value.reason == registration.USED
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_registration_after_the_start_when_closed_or_unpublished_is_refused():
    boss = publisher()
    event = make_event(boss=boss, capacity=5)
    with freeze_time(event.starts_at + timedelta(minutes=1)), \
            pytest.raises(registration.RegistrationRefused) as started:
        sign_up(event, 1)
    assert started.value.reason == registration.STARTED
    services.set_registration_closed(by=boss, event_id=event.pk, closed=True)
    with pytest.raises(registration.RegistrationRefused) as closed:
        sign_up(event, 1)
    assert closed.value.reason == registration.CLOSED
    draft = make_event(boss=boss, publish=False)
    with pytest.raises(registration.RegistrationRefused) as not_open:
        sign_up(draft, 1)
    assert not_open.value.reason == registration.NOT_OPEN
    assert not Registration.objects.exists()


def test_bad_name_or_address_names_the_field():
    event = make_event()
    with pytest.raises(ValidationError) as bad:
        registration.register(event_id=event.pk, name=" ", email="not-an-address",
                              language="nl", link_base=LINK_BASE)
    assert set(bad.value.message_dict) == {"name", "email"}


def test_address_and_name_are_encrypted_at_rest_and_found_by_blind_index():
    event = make_event()
    sign_up(event, 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email, email_digest FROM week_registration")
        name, email, digest = cursor.fetchone()
    assert "Persoon" not in name and "example.org" not in email
    assert digest == registration.email_digest("P0@EXAMPLE.ORG")


def test_lowering_places_below_the_confirmed_count_is_refused_with_the_count():
    boss = publisher()
    author = editor()
    event = make_event(by=author, boss=boss, capacity=5)
    sign_up(event, 4)
    from .factories import event_data

    with pytest.raises(ValidationError) as refused:
        services.update_event(by=author, event_id=event.pk, expected_version=event.version,
                              data=event_data(starts_at=event.starts_at, capacity=3))
    assert "4" in refused.value.message_dict["capacity"][0]
    event.refresh_from_db()
    assert event.capacity == 5


def test_more_places_promote_people_from_the_waiting_list():
    author = editor()
    event = make_event(by=author, capacity=1)
    sign_up(event, 3)
    mail.outbox.clear()
    from .factories import event_data

    services.update_event(by=author, event_id=event.pk, expected_version=event.version,
                          data=event_data(starts_at=event.starts_at, capacity=2),
                          link_base=LINK_BASE)
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 2
    assert [m.to for m in mail.outbox] == [["p1@example.org"]]


def test_reminders_go_once_the_day_before():
    event = make_event(capacity=5)
    sign_up(event, 2)
    sign_up(event, 0)
    mail.outbox.clear()
    day_before = timezone.localtime(event.starts_at) - timedelta(days=1)
    assert registration.send_reminders(link_base=LINK_BASE,
                                       now=day_before - timedelta(days=1)) == 0
    assert registration.send_reminders(link_base=LINK_BASE, now=day_before) == 2
    assert registration.send_reminders(link_base=LINK_BASE, now=day_before) == 0
    assert len(mail.outbox) == 2 and all(m.attachments for m in mail.outbox)


def test_the_email_is_in_the_language_of_the_registration():
    event = make_event(capacity=5)
    sign_up(event, 1, language="pl")
    assert "Lekcja" in mail.outbox[0].subject  # the event's Polish title

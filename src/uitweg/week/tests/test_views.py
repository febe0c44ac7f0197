"""Pages: the public programme and registration (no IP, no tracking cookie, no-store, rate
limit, iCal) and the organiser's attendee list (one access-log entry, safe CSV, check-in)."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from uitweg.audit.models import AccessLogEntry, Outcome
from uitweg.testing.clients import force_login_with_mfa
from uitweg.week.models import Registration

from .factories import editor, make_event, publisher, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_programme_in_polish_shows_polish_texts_and_filters(client):
    polish = make_event(title={"nl": "Gastles", "pl": "Lekcja"}, audiences=["schools"])
    dutch = make_event(title={"nl": "Alleen Nederlands"}, audiences=["public"])
    page = client.get("/pl/week/")
    html = page.content.decode()
    assert page.status_code == 200 and "Lekcja" in html and 'lang="pl"' in html
    assert 'lang="nl"' in html and "Alleen Nederlands" in html
    assert "no-store" in page["Cache-Control"] and not page.cookies
    only_polish = client.get("/pl/week/", {"language": "pl"}).content.decode()
    assert "Lekcja" in only_polish and "Alleen Nederlands" not in only_polish
    schools = client.get("/week/", {"audience": "public"}).content.decode()
    assert "Alleen Nederlands" in schools and "Gastles" not in schools
    day = client.get("/week/", {"day": dutch.starts_at.date().isoformat()})
    assert day.status_code == 200
    assert polish.pk != dutch.pk


def test_registering_redirects_to_a_result_and_stores_no_address(client):
    event = make_event(capacity=1)
    url = f"/pl/week/events/{event.pk}/"
    form = client.get(url)
    assert "no-store" in form["Cache-Control"]
    answer = client.post(url, {"name": "Anna", "email": "anna@example.org"},
                         REMOTE_ADDR="203.0.113.9")
    assert answer.status_code == 303
    result = client.get(answer["Location"])
    assert b'data-outcome="confirmed"' in result.content
    again = client.post(url, {"name": "Anna", "email": "anna@example.org"})
    assert b'data-outcome="already_confirmed"' in client.get(again["Location"]).content
    full = client.post(url, {"name": "Bob", "email": "bob@example.org"})
    assert b'data-outcome="waitlisted"' in client.get(full["Location"]).content
    assert Registration.objects.get(status="confirmed").language == "pl"
    assert not AccessLogEntry.objects.filter(client_address__contains="203.0.113").exists()
    assert len(mail.outbox) == 2


def test_bad_input_gives_a_form_error_not_a_500(client):
    event = make_event()
    answer = client.post(f"/week/events/{event.pk}/", {"name": "", "email": "nope"})
    assert answer.status_code == 400 and not Registration.objects.exists()
    assert answer.content.count(b"utrecht-form-field--invalid") == 2


@override_settings(WEEK_PUBLIC_RATE_LIMIT=2)
def test_the_rate_limit_keeps_the_form_and_says_how_long_to_wait(client):
    event = make_event(capacity=10)
    for n in range(2):
        client.post(f"/week/events/{event.pk}/", {"name": "A", "email": f"a{n}@example.org"})
    blocked = client.post(f"/week/events/{event.pk}/", {"name": "Kept Name",
                                                        "email": "c@example.org"})
    assert blocked.status_code == 429 and b"Kept Name" in blocked.content
    assert Registration.objects.count() == 2


def test_cancel_link_asks_first_then_cancels_once_and_refuses_forged_links(client):
    event = make_event(capacity=1)
    sign_up(event, 2)
    link = next(w for w in mail.outbox[0].body.split() if "/week/cancel/" in w)
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    assert Registration.objects.filter(status="cancelled").count() == 0  # GET changes nothing
    done = client.post(path)
    assert b'data-testid="cancelled"' in done.content
    reused = client.post(path)
    assert reused.status_code == 409 and b'data-reason="used"' in reused.content
    forged = client.post(path.rstrip("/")[:-2] + "xx/")
    assert forged.status_code == 400 and b'data-reason="forged"' in forged.content
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_ical_feeds_per_event_and_for_the_programme(client):
    event = make_event(title={"nl": "Gastles", "en": "Guest lesson"})
    one = client.get(f"/en/week/events/{event.pk}/event.ics")
    assert one["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:Guest lesson" in one.content
    feed = client.get("/week/programme.ics")
    assert feed.content.count(b"BEGIN:VEVENT") == 1 and b"SUMMARY:Gastles" in feed.content


def test_the_organiser_sees_the_attendee_list_with_one_access_entry_and_checks_in(client):
    author = editor()
    event = make_event(by=author, capacity=1)
    sign_up(event, 1)
    registration_ = Registration.objects.get()
    force_login_with_mfa(client, author)
    before = AccessLogEntry.objects.count()
    page = client.get(f"/staff/week/events/{event.pk}/attendees/")
    assert page.status_code == 200 and b"Persoon 0" in page.content
    entries = AccessLogEntry.objects.filter(pk__gt=0).order_by("-seq")[:1]
    assert AccessLogEntry.objects.count() == before + 1
    assert entries[0].object_ids == [str(registration_.pk)]
    client.post(f"/staff/week/registrations/{registration_.pk}/check-in/", {"present": "1"})
    registration_.refresh_from_db()
    assert registration_.checked_in_at is not None


def test_the_attendee_csv_cannot_run_formulas(client):
    author = editor()
    event = make_event(by=author)
    from uitweg.week import registration as reg

    reg.register(event_id=event.pk, name="=HYPERLINK(\"x\")", email="f@example.org",
                 language="nl", link_base="http://testserver/")
    force_login_with_mfa(client, author)
    csv = client.get(f"/staff/week/events/{event.pk}/attendees.csv").content.decode()
    assert "'=HYPERLINK" in csv


def test_a_publisher_of_the_municipality_does_not_see_attendees(client):
    event = make_event(capacity=2)
    sign_up(event, 1)
    force_login_with_mfa(client, publisher())
    answer = client.get(f"/staff/week/events/{event.pk}/attendees/")
    assert answer.status_code == 404
    assert AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count() == 1


def test_the_demo_mailbox_exists_only_in_demo_mode(client, tmp_path):
    force_login_with_mfa(client, editor())
    assert client.get("/staff/week/mailbox/").status_code == 404
    with override_settings(DEMO_MODE=True, WEEK_MAILBOX_DIR=str(tmp_path),
                           EMAIL_BACKEND="uitweg.week.mailbox.DemoMailboxBackend"):
        from django.core.mail import send_mail

        send_mail("Uitnodiging", "Welkom", None, ["new@example.org"])
        listing = client.get("/staff/week/mailbox/")
        assert listing.status_code == 200 and b"Uitnodiging" in listing.content
        (stored,) = list(tmp_path.glob("*.eml"))
        message = client.get(f"/staff/week/mailbox/{stored.stem}/")
        assert b"Welkom" in message.content



def test_staff_pages_render_for_the_roles_that_use_them(client):
    boss = publisher()
    author = editor()
    event = make_event(by=author, boss=boss)
    force_login_with_mfa(client, author)
    for url in ("/staff/week/", "/staff/week/events/new/", f"/staff/week/events/{event.pk}/"):
        assert client.get(url).status_code == 200, url
    assert client.get("/staff/week/editions/").status_code == 403  # publishers only
    client.logout()
    force_login_with_mfa(client, boss)
    for url in ("/staff/week/", f"/staff/week/events/{event.pk}/", "/staff/week/editions/",
                f"/staff/week/editions/{event.edition_id}/", "/staff/week/figures/"):
        assert client.get(url).status_code == 200, url


def test_an_editor_submits_through_the_form_and_bad_dates_are_explained(client):
    boss = publisher()
    author = editor()
    make_event(by=author, boss=boss)  # the edition
    force_login_with_mfa(client, author)
    answer = client.post("/staff/week/events/new/", {
        "title_nl": "Nieuw", "starts_at": "2099-01-01T10:00", "ends_at": "2099-01-01T09:00",
        "venue": "Hier", "audiences": ["public"], "capacity": "5",
        "registration_required": "on"})
    assert answer.status_code == 400
    assert "utrecht-form-field--invalid" in answer.content.decode()


def test_lowering_places_on_the_page_shows_the_confirmed_count(client):
    author = editor()
    event = make_event(by=author, capacity=3)
    sign_up(event, 3)
    force_login_with_mfa(client, author)
    from uitweg.week.forms import EventForm

    data = {k: v for k, v in EventForm.initial_for(event).items() if v is not None}
    data.update({"starts_at": data["starts_at"].strftime("%Y-%m-%dT%H:%M"),
                 "ends_at": data["ends_at"].strftime("%Y-%m-%dT%H:%M"), "capacity": "2",
                 "registration_required": "on"})
    answer = client.post(f"/staff/week/events/{event.pk}/", data)
    assert answer.status_code == 400
    assert "Er zijn al 3 mensen bevestigd" in answer.content.decode()
    event.refresh_from_db()
    assert event.capacity == 3


def test_a_script_in_a_description_is_shown_as_text_never_run(client):
    event = make_event(description={"nl": "Welkom <script>alert('x')</script> allemaal"})
    html = client.get(f"/week/events/{event.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_a_toolkit_file_downloads_under_its_own_name_in_any_script_and_cannot_run(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from uitweg.week import materials

    from .factories import edition

    boss = publisher()
    material = materials.upload(
        by=boss, edition_id=edition(boss).pk, kind="poster", title="Плакат",
        upload_file=SimpleUploadedFile("плакат.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64))
    response = client.get(f"/week/materials/{material.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D0%BF%D0%BB%D0%B0%D0%BA%D0%B0%D1%82.png")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert not response.cookies

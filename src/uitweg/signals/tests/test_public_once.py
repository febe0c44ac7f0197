"""The public report is filed once, its text does not come back, the rate limit keeps the text.

Issue 10 items 1 and 2, issue 9 finding 8. Every test here failed on the form as it was before
(POST rendered the thank-you page itself, no token, every POST counted against the limit).
"""

import re

import pytest
from django.core.cache import cache
from django.test import override_settings

from uitweg.signals.models import Signal
from uitweg.signals.tests.factories import care_org

pytestmark = pytest.mark.django_db

VALID = {"description": "Three women live above the nail studio and never go out alone.",
         "location": "Hoefkade 12, Den Haag", "observed_when": "last week",
         "forms_seen": ["sexual"], "indicators": ["restriction_of_movement"],
         "child_involved": "unknown"}


@pytest.fixture(autouse=True)
def _setting():
    cache.clear()
    care_org()
    yield
    cache.clear()


def form_token(client, url="/report/") -> str:
    page = client.get(url).content.decode()
    found = re.search(r'name="submission"[^>]*value="([^"]+)"', page)
    assert found, "the form carries a one-time submission token"
    return found[1]


def code_in(response) -> str:
    return re.search(r'data-testid="report-code">([A-Z0-9-]+)<', response.content.decode())[1]


def test_send_redirects_to_a_thank_you_page_without_the_code_in_its_address(client):
    token = form_token(client)
    response = client.post("/report/", {**VALID, "submission": token})
    assert response.status_code == 303
    location = response["Location"]
    assert "?" not in location and "/report/sent/" in location
    page = client.get(location)
    code = code_in(page)
    assert code not in location
    assert Signal.objects.count() == 1


def test_double_tap_files_one_signal_and_both_land_on_the_same_code(client):
    token = form_token(client)
    first = client.post("/report/", {**VALID, "submission": token})
    second = client.post("/report/", {**VALID, "submission": token})
    assert Signal.objects.count() == 1
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert code_in(client.get(first["Location"])) == code_in(client.get(second["Location"]))


def test_reloading_the_thank_you_page_shows_the_same_code_and_creates_nothing(client):
    token = form_token(client)
    location = client.post("/report/", {**VALID, "submission": token})["Location"]
    codes = {code_in(client.get(location)) for _ in range(3)}
    assert len(codes) == 1
    assert Signal.objects.count() == 1


def test_a_get_to_an_unknown_thank_you_page_creates_nothing_and_shows_no_code(client):
    response = client.get("/report/sent/" + "A" * 32 + "/")
    assert response.status_code == 404
    assert 'data-testid="report-code"' not in response.content.decode()
    assert Signal.objects.count() == 0


def test_the_thank_you_page_forgets_the_code_after_its_short_lifetime(client):
    from freezegun import freeze_time

    from uitweg.signals import receipts

    with freeze_time("2026-11-29 10:00:00") as clock:
        token = form_token(client)
        location = client.post("/report/", {**VALID, "submission": token})["Location"]
        assert client.get(location).status_code == 200
        clock.tick(receipts.RECEIPT_TTL + 1)
        cache.delete(receipts.cache_key(token))  # locmem ignores frozen time; expiry is the cache's
        response = client.get(location)
    assert response.status_code == 404
    assert 'data-testid="report-code"' not in response.content.decode()


def test_a_reused_token_with_other_text_files_nothing_silently_and_keeps_the_text(client):
    token = form_token(client)
    client.post("/report/", {**VALID, "submission": token})
    other = {**VALID, "description": "A different situation at the car wash.",
             "submission": token}
    response = client.post("/report/", other)
    assert response.status_code == 200
    page = response.content.decode()
    assert "A different situation at the car wash." in page  # the text is kept
    assert Signal.objects.count() == 1
    new_token = re.search(r'name="submission"[^>]*value="([^"]+)"', page)[1]
    assert new_token != token
    assert client.post("/report/", {**other, "submission": new_token}).status_code == 303
    assert Signal.objects.count() == 2


def test_a_post_without_a_token_keeps_the_text_and_files_nothing(client):
    response = client.post("/report/", VALID)
    assert response.status_code == 200
    assert "nail studio" in response.content.decode()
    assert Signal.objects.count() == 0


def test_the_form_and_the_result_are_not_stored_by_the_browser(client):
    form = client.get("/report/")
    assert "no-store" in form["Cache-Control"]
    assert re.search(r'<form method="post"[^>]*autocomplete="off"', form.content.decode())
    token = form_token(client)
    response = client.post("/report/", {**VALID, "submission": token})
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get(response["Location"])["Cache-Control"]
    invalid = client.post("/report/", {**VALID, "description": "", "submission": token + "x"})
    assert "no-store" in invalid["Cache-Control"]


# --- The rate limit never throws text away --------------------------------------------------


@override_settings(SIGNALS_PUBLIC_RATE_LIMIT=2, SIGNALS_RATE_WINDOW=600)
def test_failed_validations_do_not_count_against_the_limit(client):
    for _ in range(6):
        client.post("/report/", {**VALID, "description": "", "submission": form_token(client)})
    for _ in range(2):
        assert client.post("/report/", {**VALID, "submission": form_token(client)}
                           ).status_code == 303
    assert Signal.objects.count() == 2


@override_settings(SIGNALS_PUBLIC_RATE_LIMIT=2, SIGNALS_RATE_WINDOW=600)
def test_at_the_limit_the_form_keeps_the_text_and_says_when_it_can_be_sent(client):
    from freezegun import freeze_time

    with freeze_time("2026-11-29 10:01:00"):  # the 10-minute window ends at 10:10:00
        for _ in range(2):
            client.post("/report/", {**VALID, "submission": form_token(client)})
        token = form_token(client)
        text = "Boys are dropped off at the greenhouses at 5 every morning."
        response = client.post("/en/report/", {**VALID, "description": text,
                                               "submission": token})
    assert response.status_code == 429
    page = response.content.decode()
    assert text in page and 'name="description"' in page
    assert f'value="{token}"' in page  # the same form: sending it later still files it once
    assert "You can send it in 10 minutes" in page
    assert Signal.objects.count() == 2


@override_settings(SIGNALS_PUBLIC_RATE_LIMIT=1, SIGNALS_RATE_WINDOW=600)
def test_the_limit_speaks_the_reporters_language(client):
    client.post("/pl/report/", {**VALID, "submission": form_token(client, "/pl/report/")})
    response = client.post("/pl/report/", {**VALID, "submission": form_token(
        client, "/pl/report/")})
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="pl"' in page and "Wyślij zgłoszenie" in page  # the Polish form, kept


@override_settings(SIGNALS_PUBLIC_RATE_LIMIT=1, SIGNALS_RATE_WINDOW=600)
def test_the_same_token_after_the_limit_still_lands_on_its_thank_you_page(client):
    token = form_token(client)
    first = client.post("/report/", {**VALID, "submission": token})
    again = client.post("/report/", {**VALID, "submission": token})  # the limit is reached
    assert again.status_code == 303 and again["Location"] == first["Location"]


@override_settings(SIGNALS_STATUS_RATE_LIMIT=2, SIGNALS_RATE_WINDOW=600)
def test_status_lookup_at_the_limit_keeps_the_code_typed(client):
    for _ in range(2):
        client.post("/report/status/", {"code": "AAAA-BBBB-CCCC"})
    response = client.post("/en/report/status/", {"code": "KLMN-PQRS-TUVW"})
    assert response.status_code == 429
    page = response.content.decode()
    assert 'value="KLMN-PQRS-TUVW"' in page
    assert re.search(r"Please wait \d+ minutes? and try again", page)


def test_retry_after_is_rounded_up_to_whole_minutes():
    from uitweg.signals.views_public import minutes_until

    assert minutes_until(1) == 1
    assert minutes_until(60) == 1
    assert minutes_until(61) == 2
    assert minutes_until(600) == 10

"""The programme and event pages from the cache of rendered pages (uitweg.core.pagecache, ADR
0111): served without rendering, never behind on "places left" after a registration or a
cancellation, filters kept apart, and the registration form's token fresh and working."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from uitweg.testing.pagecache import page_cache_on  # noqa: F401 (a fixture)

from .factories import make_event, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def get(url, client=None, **params):
    client = client or Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def test_places_left_follow_a_registration_at_once(django_capture_on_commit_callbacks):
    event = make_event(capacity=5)
    url = f"/week/events/{event.pk}/"
    html, rendered = get(url)
    assert "5 plaatsen vrij" in html or "5 places left" in html
    _html, cached = get(url)
    assert cached == 0 < rendered
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(event, 2)
    html, _queries = get(url)
    assert "3 plaatsen vrij" in html or "3 places left" in html
    programme, _queries = get("/week/")
    assert "3 plaatsen vrij" in programme or "3 places left" in programme


def test_filters_are_cached_apart(django_capture_on_commit_callbacks):
    make_event(title={"nl": "Gastles", "pl": "Lekcja"}, audiences=["schools"])
    make_event(title={"nl": "Alleen Nederlands"}, audiences=["public"])
    for _round in range(2):
        everyone, _q = get("/week/")
        public, _q = get("/week/", audience="public")
        assert "Gastles" in everyone and "Alleen Nederlands" in everyone
        assert "Gastles" not in public and "Alleen Nederlands" in public
    _html, cached = get("/week/", audience="public")
    assert cached == 0


def test_the_registration_form_from_the_cache_has_a_fresh_working_token():
    event = make_event(capacity=5)
    url = f"/pl/week/events/{event.pk}/"
    first, _q = get(url)
    visitor = Client(enforce_csrf_checks=True)
    second, cached = get(url, visitor)
    assert cached == 0
    assert TOKEN.findall(first) != TOKEN.findall(second)
    answer = visitor.post(url, {"csrfmiddlewaretoken": TOKEN.findall(second)[0],
                                "name": "Anna", "email": "anna@example.org"})
    assert answer.status_code == 303

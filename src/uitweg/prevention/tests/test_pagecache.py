"""The cache of rendered information pages (uitweg.core.pagecache, ADR 0111): a second visitor
gets the same page without it being rendered again, with their own CSRF token and CSP nonce, no
cookie, the view counted, and the new text right after a publication."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from uitweg.prevention import reach
from uitweg.prevention.models import PageViewCount
from uitweg.testing.pagecache import page_cache_on  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def get(url, client=None):
    client = client or Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


def test_a_second_visitor_gets_the_same_page_without_rendering_it(translated):
    url = translated("rights", "pl").url
    first, rendered = get(url)
    second, cached = get(url)
    assert second.content == first.content
    assert "Twoje prawa w pracy" in second.content.decode()
    assert cached <= 2 < rendered  # the view counter only
    assert "no-store" in second["Cache-Control"] and "nonce-" not in second.get(
        "Content-Security-Policy", "")
    assert not second.cookies and "Set-Cookie" not in str(second.serialize_headers())


def test_languages_do_not_mix(translated):
    urls = {lang: translated("rights", lang).url for lang in ("nl", "pl", "ar")}
    for _round in range(2):
        for lang, url in urls.items():
            response, _queries = get(url)
            assert f'<html lang="{lang}"' in response.content.decode()


def test_every_view_is_counted_also_from_the_cache(translated):
    page = translated("rights", "ar")
    for _ in range(3):
        get(page.url)
    row = PageViewCount.objects.get(page=page)
    assert (row.language, row.day, row.views) == ("ar", timezone.localdate(), 3)


@override_settings(PREVENTION_VIEW_COUNT_FLUSH_SECONDS=3600)
def test_views_added_up_in_the_worker_are_written_together(translated):
    page = translated("rights", "pl")
    reach.flush()
    for _ in range(4):
        get(page.url)
    reach.flush()
    assert PageViewCount.objects.get(page=page).views == 4


def test_a_publication_shows_at_once(translated, django_capture_on_commit_callbacks):
    page = translated("rights", "pl")
    get(page.url)
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Nowy tytuł strony"
        page.save_revision().publish()
    response, _queries = get(page.url)
    assert "Nowy tytuł strony" in response.content.decode()


def test_an_unpublished_page_is_gone_at_once(translated, django_capture_on_commit_callbacks):
    page = translated("rights", "pl")
    get(page.url)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert Client().get(page.url).status_code == 404


def test_the_self_check_form_gets_a_fresh_token_that_works(translated):
    page = translated("selfcheck", "pl")
    first, rendered = get(page.url)
    visitor = Client(enforce_csrf_checks=True)
    second, cached = get(page.url, visitor)
    assert cached <= 2 < rendered
    tokens = TOKEN.findall(first.content.decode()), TOKEN.findall(second.content.decode())
    assert len(tokens[0]) == len(tokens[1]) == 1 and tokens[0] != tokens[1]
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())
    # the cookie the visitor needs to send the form, as for a rendered page: a session cookie
    assert second.cookies and not second.cookies[next(iter(second.cookies))]["max-age"]
    result = visitor.post(page.url, {"csrfmiddlewaretoken": tokens[1][0], "q0": "yes"})
    assert result.status_code == 200 and "no-store" in result["Cache-Control"]


def test_a_signed_in_editor_is_never_served_from_the_cache(translated):
    url = translated("rights", "pl").url
    get(url)
    editor = Client()
    editor.cookies[settings.SESSION_COOKIE_NAME] = "x"
    _response, queries = get(url, editor)
    assert queries > 2


def test_an_unknown_query_string_is_not_cached(translated):
    url = translated("rights", "pl").url
    get(url + "?a=1")
    _response, queries = get(url + "?a=1")
    assert queries > 2


def test_a_csp_nonce_is_replaced_by_the_new_responses_own():
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from uitweg.core import pagecache

    def request():
        made = RequestFactory().get("/werken-in-nederland/x/")
        CSPMiddleware(lambda r: HttpResponse()).process_request(made)
        return made

    first = request()
    key = pagecache.request_key(first, "test")
    found = pagecache.fetch(first, key, "test")
    body = f'<script nonce="{first.csp_nonce}">1</script>'
    pagecache.store(first, key, "test", found.generation, HttpResponse(body), ttl=60)
    second = request()
    again = pagecache.fetch(second, key, "test").response
    assert again.content.decode() == f'<script nonce="{second.csp_nonce}">1</script>'
    assert str(second.csp_nonce) != str(first.csp_nonce)


def test_a_page_with_the_csrf_token_outside_the_form_input_is_not_shared():
    from django.http import HttpResponse
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    from uitweg.core import pagecache

    made = RequestFactory().get("/werken-in-nederland/x/")
    made.META["CSRF_COOKIE"] = _get_new_csrf_string()
    key = pagecache.request_key(made, "test")
    found = pagecache.fetch(made, key, "test")
    body = f'<meta name="token" content="{_mask_cipher_secret(made.META["CSRF_COOKIE"])}">'
    pagecache.store(made, key, "test", found.generation, HttpResponse(body), ttl=60)
    assert pagecache.fetch(RequestFactory().get("/werken-in-nederland/x/"), key,
                           "test").response is None

"""The public prevention pages: languages, direction, the self-check, counting, the report link."""

import re

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from uitweg.accounts.roles import Role
from uitweg.prevention.models import PageViewCount
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def html_tag(response) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="(\w+)"', response.content.decode())
    return match.groups()


def test_every_language_renders_with_its_lang_and_direction(client, translated):
    cases = [("nl", "nl", "ltr", "Uw rechten op het werk"),
             ("pl", "pl", "ltr", "Twoje prawa w pracy"),
             ("ar", "ar", "rtl", "حقوقك في العمل")]
    for language, lang, direction, title in cases:
        page = translated("rights", language)
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert html_tag(response) == (lang, direction)
        assert title in response.content.decode()
        assert "quick-exit" in response.content.decode()


def test_language_links_go_to_the_translated_pages_only(client, translated):
    response = client.get(translated("help", "pl").url)
    links = dict(re.findall(r'href="([^"]+)" lang="([\w-]+)" hreflang', response.content.decode()))
    assert set(links.values()) == {"nl", "ar"}
    assert "/ar/werken-in-nederland/alamat-wa-musaada/" in links


def test_a_page_not_translated_into_the_language_sends_the_visitor_to_its_own_language(
        client, pages):
    response = client.get("/ro/werken-in-nederland/")
    assert response.status_code == 302 and response["Location"] == "/werken-in-nederland/"


def test_other_public_pages_in_arabic_or_easy_dutch_redirect_to_english_or_dutch(client):
    assert client.get("/ar/report/")["Location"] == "/en/report/"
    assert client.get("/nl-b1/report/")["Location"] == "/report/"
    assert client.get("/ar/")["Location"] == "/en/"


def test_the_self_check_asks_every_question_without_javascript(client, translated):
    response = client.get(translated("selfcheck", "pl").url)
    body = response.content.decode()
    assert body.count('data-testid="question"') == 13
    assert '<form method="post"' in body and 'name="q12"' in body


def _row_counts():
    # every table of the platform (models that tests declare for themselves have none)
    return {model._meta.label: model.objects.count() for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy
            and ".tests." not in model.__module__}


def test_the_self_check_result_is_shown_and_forgotten(client, translated):
    page = translated("selfcheck", "pl")
    before = _row_counts()
    response = client.post(page.url, {"q0": "yes", "q4": "yes", "q12": "unsure"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert 'data-level="signs"' in body
    assert ("/pl/report/?indicators=retention_of_documents&amp;indicators=deception"
            in body)
    assert _row_counts() == before, "a self-check answer left a trace in the database"
    assert not response.cookies


def test_no_signs_offers_no_report_link(client, translated):
    response = client.post(translated("selfcheck", "ar").url, {})
    body = response.content.decode()
    assert 'data-level="none"' in body and 'data-testid="open-report"' not in body
    assert html_tag(response) == ("ar", "rtl")


def test_the_report_form_opens_with_the_chosen_indicators_ticked(client):
    response = client.get("/pl/report/?indicators=debt_bondage&indicators=bogus"
                          "&indicators=isolation")
    body = response.content.decode()
    inputs = re.findall(r'<input type="checkbox" name="indicators"[^>]*>', body)
    ticked = [re.search(r'value="(\w+)"', tag).group(1) for tag in inputs if " checked" in tag]
    assert sorted(ticked) == ["debt_bondage", "isolation"]
    assert 'value="bogus"' not in body


def test_views_are_counted_per_page_language_and_day_without_visitor_data(client, translated):
    page = translated("rights", "ar")
    for _ in range(3):
        response = client.get(page.url, HTTP_USER_AGENT="Spy/1.0", REMOTE_ADDR="203.0.113.9")
        assert not response.cookies
    row = PageViewCount.objects.get(page=page)
    assert (row.language, row.day, row.views) == ("ar", timezone.localdate(), 3)
    assert {f.name for f in PageViewCount._meta.concrete_fields} == {
        "id", "page", "language", "day", "views"}


def test_the_reach_page_shows_counts_to_analysts_and_editors_only(client, translated):
    client.get(translated("rights", "pl").url)
    org = OrganisationFactory(kind="municipality")
    for roles, status in (([Role.ANALYST], 200), ([Role.EDITOR], 200),
                          ([Role.CASE_WORKER], 403)):
        staff = force_login_with_mfa(Client(), UserFactory(organisation=org, roles=roles))
        response = staff.get("/staff/prevention/reach/")
        assert response.status_code == status, roles
        if status == 200:
            assert "Uw rechten op het werk" in response.content.decode()


def test_public_pages_keep_the_strict_csp_and_only_the_cms_is_relaxed(client, pages):
    public = client.get("/werken-in-nederland/")["Content-Security-Policy"]
    assert "unsafe-inline" not in public and "frame-ancestors 'none'" in public
    org = OrganisationFactory(kind="municipality")
    editor = force_login_with_mfa(Client(), UserFactory(organisation=org, roles=[Role.EDITOR]))
    response = editor.get("/cms/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    staff_page = editor.get("/staff/prevention/reach/")
    assert "unsafe-inline" not in staff_page["Content-Security-Policy"]

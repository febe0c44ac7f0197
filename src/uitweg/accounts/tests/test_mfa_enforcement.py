"""No staff URL is reachable without login and MFA — proved over the whole URL configuration."""

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, reverse

from uitweg.accounts.access import MFA_SETUP_URL_NAMES, is_public_view
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _sample_path(route: str) -> str:
    """Turn a route pattern into a concrete path with dummy values for every converter."""
    import re

    path = route.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    path = re.sub(r"<(?:int:)?(\w+)>", "1", path)
    path = re.sub(r"<(?:str|slug|uuid|path):(\w+)>", "x", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", path)
    return "/" + path


def staff_routes():
    """Every URL whose view is not public (admin included), as concrete paths."""
    from django.urls import resolve

    routes = []
    for route, _pattern in _walk(get_resolver().url_patterns):
        path = _sample_path(route)
        if "(" in path or "[" in path or "*" in path:
            continue  # regex leftovers we cannot instantiate safely
        try:
            match = resolve(path)
        except Resolver404:  # a sample value the converter refuses
            continue
        if not is_public_view(match):
            routes.append((path, match.view_name))
    return routes


def test_there_are_staff_routes_to_check():
    names = {name for _, name in staff_routes()}
    assert "dashboard" in names
    assert "accounts:staff_list" in names
    assert len(names) > 10


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_users_are_sent_to_login_for_every_staff_url(client, method):
    for path, name in staff_routes():
        response = getattr(client, method)(path)
        assert response.status_code == 302, (path, name, response.status_code)
        assert response.url.startswith(reverse("account_login")), (path, response.url)


def test_staff_without_mfa_reach_only_the_enrolment_pages(client):
    user = UserFactory(mfa=False)
    force_login_with_mfa(client, user)
    for path, name in staff_routes():
        if name in MFA_SETUP_URL_NAMES:
            continue
        response = client.get(path)
        assert response.status_code == 302, (path, name, response.status_code)
        assert response.url == reverse("accounts:mfa_required"), (path, response.url)


def test_staff_with_mfa_get_the_dashboard(client):
    force_login_with_mfa(client, UserFactory())
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


def test_user_without_organisation_is_logged_out(client):
    user = UserFactory(organisation=None)
    force_login_with_mfa(client, user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))

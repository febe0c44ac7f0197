"""Issue 9, finding 7: X-Forwarded-For counts only when a configured proxy sent it.

The chain a request passes: the Makefile starts the server through ``uitweg.core.serve`` →
uvicorn's proxy-headers middleware with ``TRUSTED_PROXIES`` (default: off) → Django's
``REMOTE_ADDR`` → ``PrivacyLoggingMiddleware`` (rate-limit key, logged network).
"""

from __future__ import annotations

import ipaddress
import subprocess
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from uitweg.audit.models import AccessLogEntry
from uitweg.core.forwarded import client_address, trusted_networks
from uitweg.core.middleware import PrivacyLoggingMiddleware, client_hash
from uitweg.core.serve import uvicorn_options
from uitweg.testing.aio import run_coroutine

REPO = Path(__file__).resolve().parents[4]
FORGED = "203.0.113.66"


# --- the ASGI server -----------------------------------------------------------------------

def _client_seen_by_app(options: dict, peer: str, forwarded_for: str) -> str:
    """Run one request through uvicorn's middleware stack as configured by ``options``."""
    import uvicorn

    seen = {}

    async def app(scope, receive, send):
        seen["client"] = scope["client"][0]

    config = uvicorn.Config(app, **options)
    config.load()
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": "/", "raw_path": b"/",
             "query_string": b"", "root_path": "", "client": (peer, 50000),
             "server": ("127.0.0.1", 8000),
             "headers": [(b"host", b"127.0.0.1"), (b"x-forwarded-for", forwarded_for.encode())]}
    run_coroutine(config.loaded_app(scope, None, None))
    return seen["client"]


def test_the_server_ignores_a_forged_forwarded_for_from_a_local_peer_by_default():
    assert _client_seen_by_app(uvicorn_options([]), "127.0.0.1", FORGED) == "127.0.0.1"


def test_the_server_honours_a_configured_proxy_rightmost_untrusted_hop():
    options = uvicorn_options(["10.0.0.5", "10.0.1.0/24"])
    # the client wrote "203.0.113.66"; proxy 10.0.1.7 appended the real client, 10.0.0.5 the proxy
    seen = _client_seen_by_app(options, "10.0.0.5", f"{FORGED}, 198.51.100.7, 10.0.1.7")
    assert seen == "198.51.100.7"
    assert _client_seen_by_app(options, "192.0.2.1", FORGED) == "192.0.2.1"  # not a proxy


def test_make_run_and_serve_start_the_server_with_the_configured_proxy_trust():
    """The Makefile goes through uitweg.core.serve, never a bare uvicorn (trusts 127.0.0.1)."""
    plan = subprocess.run(["make", "-n", "-B", "run", "serve"], cwd=REPO, capture_output=True,
                          text=True, check=True).stdout
    servers = [line for line in plan.splitlines() if "uvicorn" in line or "core.serve" in line]
    assert len(servers) == 2, plan
    assert all("-m uitweg.core.serve" in line and "bin/uvicorn" not in line
               for line in servers), servers


# --- the application -----------------------------------------------------------------------

def _through_middleware(rf, path: str, *, peer: str, forwarded_for: str):
    seen = {}

    def view(request):
        seen["remote_addr"] = request.META.get("REMOTE_ADDR")
        seen["client_hash"] = request.client_hash
        seen["forwarded"] = request.META.get("HTTP_X_FORWARDED_FOR")
        return HttpResponse("ok")

    request = rf.get(path, REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded_for)
    PrivacyLoggingMiddleware(view)(request)
    return seen


def test_a_forged_header_from_an_untrusted_peer_changes_no_rate_limit_key(rf):
    seen = [_through_middleware(rf, "/staff/", peer="192.0.2.10", forwarded_for=f"10.9.9.{i}")
            for i in range(5)]
    assert {s["client_hash"] for s in seen} == {client_hash("192.0.2.10")}
    assert {s["remote_addr"] for s in seen} == {"192.0.2.10"}
    assert {s["forwarded"] for s in seen} == {None}  # no view can read the forged header


@override_settings(TRUSTED_PROXIES=["10.0.0.5"])
def test_behind_a_configured_proxy_each_client_gets_its_own_rate_limit_key(rf):
    one = _through_middleware(rf, "/staff/", peer="10.0.0.5",
                              forwarded_for=f"{FORGED}, 198.51.100.7")
    two = _through_middleware(rf, "/staff/", peer="10.0.0.5", forwarded_for="198.51.100.8")
    assert one["client_hash"] == client_hash("198.51.100.7")
    assert two["client_hash"] == client_hash("198.51.100.8")
    assert one["remote_addr"] == "198.51.100.7"


@pytest.mark.django_db
def test_the_access_log_records_the_peer_network_not_a_forged_one(client):
    from uitweg.cases.tests.factories import coordinator, make_case
    from uitweg.testing.clients import force_login_with_mfa

    boss = coordinator()
    case = make_case(by=boss)
    force_login_with_mfa(client, boss)
    response = client.get(f"/staff/cases/{case.pk}/", REMOTE_ADDR="192.0.2.10",
                          HTTP_X_FORWARDED_FOR=FORGED)
    assert response.status_code == 200
    assert AccessLogEntry.objects.order_by("-seq").first().client_address == "192.0.2.0/24"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=["10.0.0.0/24"])
def test_the_access_log_records_the_client_network_behind_a_configured_proxy(client):
    from uitweg.cases.tests.factories import coordinator, make_case
    from uitweg.testing.clients import force_login_with_mfa

    boss = coordinator()
    case = make_case(by=boss)
    force_login_with_mfa(client, boss)
    response = client.get(f"/staff/cases/{case.pk}/", REMOTE_ADDR="10.0.0.5",
                          HTTP_X_FORWARDED_FOR=f"{FORGED}, 198.51.100.7, 10.0.0.9")
    assert response.status_code == 200
    assert AccessLogEntry.objects.order_by("-seq").first().client_address == "198.51.100.0/24"


# --- the rule itself -----------------------------------------------------------------------

addresses = st.ip_addresses(v=4).map(str)


@given(peer=addresses, hops=st.lists(addresses | st.text(max_size=20), max_size=6))
def test_without_trusted_proxies_the_peer_is_always_the_client(peer, hops):
    assert client_address(peer, ", ".join(hops), trusted_networks(())) == peer


@given(client=addresses, forged=st.lists(addresses | st.text(max_size=20), max_size=4),
       proxies=st.lists(st.integers(1, 254), min_size=1, max_size=3))
def test_behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client(client, forged,
                                                                         proxies):
    networks = trusted_networks(("10.0.0.0/24",))
    if any(ipaddress.ip_address(client) in n for n in networks):
        return
    chain = [*forged, client, *(f"10.0.0.{p}" for p in proxies[1:])]
    assert client_address(f"10.0.0.{proxies[0]}", ",".join(chain), networks) == client


def test_a_bad_trusted_proxy_entry_is_a_configuration_error():
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        trusted_networks(("10.0.0.300",))

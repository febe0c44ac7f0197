"""A cache of rendered public pages for anonymous GET requests (issue 11, ADR 0111).

Used by the views of the prevention information pages and the Week programme and event pages:

    key = pagecache.request_key(request, "week", params=("day", "audience", "language"))
    found = pagecache.fetch(request, key, "week")
    if found.response is not None:
        return found.response
    response = render(...)
    return pagecache.store(request, key, "week", found.generation, response, ttl=3)

The cache sits *inside* the middleware stack (in the view), so every hit still passes the
session, CSRF, CSP, privacy and security-header middleware: ``Cache-Control: no-store`` (ADR
0027), the CSP header with a fresh nonce, no IP address. What is per response is not cached:

- the CSRF form token (``{% csrf_token %}``) is stored as a placeholder and a fresh token is put
  in on the way out (``get_token``: the CSRF middleware sets its session cookie exactly as for a
  rendered page);
- a CSP nonce, if a page ever uses one, likewise (the public templates use none today).

What is not cached at all: anything but GET/HEAD; requests with a cookie other than the CSRF
cookie (a signed-in editor, a visitor with messages); query strings other than the view's known
filter parameters; responses other than 200, with cookies, streaming, or marked private.

Invalidation: each group (``pages``, ``week``) has a generation; an entry is valid only while its
generation is the current one. :func:`bump` starts a new generation (on publish, unpublish,
move or delete of a page; on a change of an event, edition or registration), so a visitor sees
the new text on the next request. An entry's ``ttl`` bounds staleness when a change bypasses the
signals.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.utils.translation import get_language

PREFIX = "pagecache:v1"
CSRF_SLOT = b"\x00uitweg-csrf-token\x00"
NONCE_SLOT = b"\x00uitweg-csp-nonce\x00"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
TOKEN_LIKE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % CSRF_TOKEN_LENGTH)
MAX_PARAM_LENGTH = 40


@dataclass(frozen=True)
class Found:
    response: HttpResponse | None = None
    generation: str = ""
    meta: dict | None = None


def enabled() -> bool:
    return bool(getattr(settings, "PUBLIC_PAGE_CACHE", True))


def _generation_key(group: str) -> str:
    return f"{PREFIX}:generation:{group}"


def bump(group: str) -> None:
    """Start a new generation of ``group``: every entry cached before is gone for visitors.

    Called at once and again after the transaction commits, so a request that rendered the old
    state between the two cannot keep it under the new generation."""

    def new() -> None:
        cache.set(_generation_key(group), uuid.uuid4().hex, None)

    new()
    transaction.on_commit(new)


def _current_generation(group: str, value: str | None) -> str:
    if value:
        return value
    cache.add(_generation_key(group), uuid.uuid4().hex, None)  # evicted or never set
    return cache.get(_generation_key(group)) or ""


def request_key(request, group: str, *, params: tuple[str, ...] = ()) -> str | None:
    """The cache key of this request, or None if its answer must not come from the cache."""
    if not enabled() or request.method not in ("GET", "HEAD"):
        return None
    if any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES):
        return None
    for name in request.GET:
        values = request.GET.getlist(name)
        if name not in params or len(values) != 1 or len(values[0]) > MAX_PARAM_LENGTH:
            return None
    # the query string as sent: the page's language links repeat it
    raw = "\n".join([group, get_language() or "", request.path,
                     request.META.get("QUERY_STRING", "")])
    return f"{PREFIX}:{group}:{hashlib.sha256(raw.encode()).hexdigest()}"


def fetch(request, key: str | None, group: str) -> Found:
    """The cached answer to ``request`` (with a fresh CSRF token and nonce), or the generation a
    new entry is to be stored under."""
    if key is None:
        return Found()
    values = cache.get_many([key, _generation_key(group)])
    generation = _current_generation(group, values.get(_generation_key(group)))
    entry = values.get(key)
    if not entry or entry["generation"] != generation:
        return Found(generation=generation)
    body = entry["body"]
    if CSRF_SLOT in body:
        body = body.replace(CSRF_SLOT, get_token(request).encode())
    if NONCE_SLOT in body:
        body = body.replace(NONCE_SLOT, str(request.csp_nonce).encode())
    response = HttpResponse(body, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return Found(response=response, generation=generation, meta=entry.get("meta"))


def _cacheable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _csrf_secret_left(request, body: bytes) -> bool:
    """Does ``body`` still hold this visitor's CSRF secret, plain or masked (a masked token
    carries its own mask, so whoever reads it knows the secret)?"""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return False
    if secret.encode() in body:
        return True
    for candidate in TOKEN_LIKE.findall(body):
        if _unmask_cipher_token(candidate.decode()) == secret:
            return True
    return False


def store(request, key: str | None, group: str, generation: str, response, *, ttl: int,
          meta: dict | None = None):
    """Keep ``response`` under ``key`` for ``ttl`` seconds if it may be shared; return it."""
    if key is None or not generation:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if not _cacheable(request, response):
        return response
    body = bytes(response.content)
    body = CSRF_INPUT.sub(lambda m: m.group(1) + CSRF_SLOT + m.group(3), body)
    if _csrf_secret_left(request, body):
        return response  # the token appears somewhere we do not substitute: never share it
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:
        body = body.replace(str(nonce).encode(), NONCE_SLOT)
    entry = {"generation": generation, "status": response.status_code, "body": body,
             "headers": [(name, value) for name, value in response.headers.items()
                         if name.lower() not in ("content-length", "set-cookie")],
             "meta": meta}
    cache.set(key, entry, ttl)
    return response

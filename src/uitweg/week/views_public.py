"""Public pages of the Week: the programme, an event with registration, the result page, the
cancellation link, iCal feeds and the toolkit. No account, no IP address, no tracking cookie;
every page is ``no-store`` (SecurityHeadersMiddleware). Registrations and cancellations are
rate limited per client hash like the public report form (:mod:`uitweg.core.ratelimit`)."""

from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from uitweg.accounts.access import public
from uitweg.core import pagecache, ratelimit

from . import ical, registration, tokens
from .forms_public import ProgrammeFilter, RegistrationForm
from .models import Edition, Event, Material
from .queries import event_rows, programme_events
from .vocabulary import LANGUAGE_NAMES, LANGUAGES

PUBLIC_LANGUAGES = LANGUAGES
#: The cache group of the programme and event pages (uitweg.core.pagecache, ADR 0111): kept for
#: PUBLIC_PAGE_CACHE_WEEK_SECONDS at most, cleared by any change of an edition, event or
#: registration (week.apps), so "places left" is never more than those seconds behind.
CACHE_GROUP = "week"
FILTER_PARAMS = ("day", "audience", "language")


class SeeOther(HttpResponseRedirect):
    status_code = 303


def _public(request):
    request.public_languages = PUBLIC_LANGUAGES


def _language() -> str:
    return (get_language() or "nl")[:2]


def _link_base(request) -> str:
    return request.build_absolute_uri("/")


def _limit(request, *, count: bool) -> ratelimit.Decision:
    check = ratelimit.hit if count else ratelimit.peek
    return check("week:public", ratelimit.client_key(request),
                 limit=settings.WEEK_PUBLIC_RATE_LIMIT, window=settings.WEEK_RATE_WINDOW)


def current_edition() -> Edition | None:
    return Edition.objects.filter(published=True).order_by("-year").first()


@public
@require_safe
def programme(request):
    _public(request)
    key = pagecache.request_key(request, CACHE_GROUP, params=FILTER_PARAMS)
    found = pagecache.fetch(request, key, CACHE_GROUP)
    if found.response is not None:
        return found.response
    response = _programme(request)
    return pagecache.store(request, key, CACHE_GROUP, found.generation, response,
                           ttl=settings.PUBLIC_PAGE_CACHE_WEEK_SECONDS)


def _programme(request):
    edition = current_edition()
    if edition is None:
        return render(request, "week/public/programme.html", {"edition": None}, status=404)
    days = [edition.starts_on + timedelta(days=n)
            for n in range((edition.ends_on - edition.starts_on).days + 1)]
    form = ProgrammeFilter(request.GET or None, days=days)
    filters = form.cleaned_data if form.is_valid() else {}
    events = programme_events(edition, day=filters.get("day"),
                              audience=filters.get("audience") or "",
                              language=filters.get("language") or "")
    return render(request, "week/public/programme.html", {
        "edition": edition, "form": form, "rows": event_rows(events, _language()),
        "theme": edition.theme_in(), "intro": edition.intro_in(),
        "filtered": bool(filters and any(filters.values())),
    })


def _public_event(pk: int) -> Event:
    return get_object_or_404(Event.objects.public().select_related("edition", "organisation"),
                             pk=pk)


def _event_page(request, event, form, *, status=200, refusal="", wait_minutes=None):
    row = event_rows([event], _language())[0]
    return render(request, "week/public/event.html", {
        "event": event, "row": row, "form": form, "refusal": refusal,
        "wait_minutes": wait_minutes, "open": row.registration_open,
    }, status=status)


@public
@require_http_methods(["GET", "HEAD", "POST"])
def event_detail(request, pk: int):
    _public(request)
    if request.method != "POST":
        key = pagecache.request_key(request, CACHE_GROUP)
        found = pagecache.fetch(request, key, CACHE_GROUP)
        if found.response is not None:
            return found.response
        response = _event_page(request, _public_event(pk), RegistrationForm())
        return pagecache.store(request, key, CACHE_GROUP, found.generation, response,
                               ttl=settings.PUBLIC_PAGE_CACHE_WEEK_SECONDS)
    event = _public_event(pk)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return _event_page(request, event, form, status=400)
    decision = _limit(request, count=False)
    if not decision.allowed:
        return _event_page(request, event, form, status=429,
                           wait_minutes=max(1, math.ceil(decision.retry_after / 60)))
    try:
        result = registration.register(
            event_id=event.pk, name=form.cleaned_data["name"],
            email=form.cleaned_data["email"], language=_language(),
            link_base=_link_base(request))
    except registration.RegistrationRefused as exc:
        return _event_page(request, event, form, status=409, refusal=exc.messages[0])
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return _event_page(request, event, form, status=400)
    _limit(request, count=True)
    token = tokens.result_token(event.pk, result.outcome)
    return SeeOther(reverse("week_public:registered", kwargs={"token": token}))


@public
@require_safe
def registered(request, token: str):
    _public(request)
    try:
        event_id, outcome = tokens.read_result_token(token)
    except tokens.BadToken:
        raise Http404("unknown result") from None
    event = _public_event(event_id)
    return render(request, "week/public/registered.html", {
        "event": event, "outcome": outcome, "title": event.title_in(_language())})


@public
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token: str):
    """GET asks to confirm (a link checker opening the link cancels nothing); POST cancels."""
    _public(request)
    event = registration.event_for_token(token)
    if request.method != "POST":
        return render(request, "week/public/cancel.html", {"event": event, "token": token,
                                                           "done": False})
    decision = _limit(request, count=True)
    if not decision.allowed:
        return render(request, "week/public/cancel.html", {
            "event": event, "token": token, "done": False,
            "wait_minutes": max(1, math.ceil(decision.retry_after / 60))}, status=429)
    try:
        result = registration.cancel(token=token, link_base=_link_base(request))
    except registration.RegistrationRefused as exc:
        return render(request, "week/public/cancel.html", {
            "event": event, "token": token, "done": False, "refusal": exc.messages[0],
            "reason": exc.reason}, status=400 if exc.reason == registration.FORGED else 409)
    return render(request, "week/public/cancel.html", {"event": result.event, "done": True})


def _ics(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@public
@require_safe
def event_ics(request, pk: int):
    event = _public_event(pk)
    language = _language()
    url = request.build_absolute_uri(reverse("week_public:event", args=[event.pk]))
    return _ics(ical.event_calendar(event, language=language, url=url), f"week-{event.pk}.ics")


@public
@require_safe
def programme_ics(request):
    edition = current_edition()
    if edition is None:
        raise Http404("no programme")
    language = _language()
    events = Event.objects.public().filter(edition=edition)
    name = _("Week against Human Trafficking %(year)s") % {"year": edition.year}
    return _ics(ical.programme_calendar(
        name, events, language=language,
        url_of=lambda e: request.build_absolute_uri(reverse("week_public:event", args=[e.pk]))),
        f"week-{edition.year}.ics")


@public
@require_safe
def toolkit(request, year: int):
    _public(request)
    edition = get_object_or_404(Edition, year=year, published=True)
    materials = edition.materials.defer("data")
    return render(request, "week/public/toolkit.html",
                  {"edition": edition, "materials": materials})


@public
@require_safe
def material_file(request, pk: int):
    material = get_object_or_404(Material, pk=pk, edition__published=True)
    response = HttpResponse(bytes(material.data), content_type=material.content_type)
    # RFC 6266: a name with letters outside ASCII (Cyrillic, Arabic) as filename*=utf-8''…
    response["Content-Disposition"] = content_disposition_header(True, material.filename)
    # an SVG opened directly runs nothing, even if a check were ever missed
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def language_names(codes) -> list[tuple[str, str]]:
    return [(c, LANGUAGE_NAMES.get(c, c)) for c in codes]


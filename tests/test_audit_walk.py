"""The access-log walk over ALL apps (issue 9, "Must show"), built from the URL configuration.

Every staff URL of every app (cases, signals, chat, accounts, audit, the dashboard, and every app
added later — the URL configuration is enumerated, nothing is listed by hand) is requested by
one user per demo role, with object ids from a world built through the services: records of
the users' own organisations (mostly granted) and of an organisation none of them belongs to
(refused). For every response:

- a granted read (GET 200) of a protected record wrote exactly one granted access-log entry;
- every refusal (403, 404) wrote exactly one denied entry;
- a refused change (POST on a record the user may not see) wrote exactly one denied entry;
- nothing else wrote a granted entry on a GET;
- no other organisation's record was shown (200), except the few documented in
  ``CROSS_ORGANISATION``.

Pages that show no personal data are listed in ``NOT_PERSONAL_DATA`` with the reason, in this
file only. A new view is therefore covered the day it is added: if it shows a record without
writing an entry, or refuses without a denied entry, or needs an object id the world cannot
give, this test fails and says which URL and why.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from uitweg.accounts.access import is_public_view
from uitweg.accounts.demo import USERS as DEMO_USERS
from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.audit.models import AccessLogEntry, Outcome
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

#: URL name (or a prefix ending in ":" or "_") → why its pages need no access-log entry when
#: they answer 200. A refusal (403) is still logged for these, like everywhere.
NOT_PERSONAL_DATA: dict[str, str] = {
    "account_": "allauth: the signed-in staff member's own login, e-mail and password",
    "mfa_": "allauth: the signed-in staff member's own second factor",
    "admin:": "Django admin: superusers only (operations); checked separately below",
    "accounts:mfa_required": "the notice to enrol a second factor",
    "accounts:invite": "an empty invitation form; the invitation is logged by the service",
    "cases:open": "an empty form to open a case; the service logs the creation",
    "cases:break_glass": "the break-glass form (number + reason); the access it grants and "
                         "every failed attempt are logged by the view and the service",
    "cases:export": "a count of registrable cases; the export itself (POST) is logged",
    "cases:meeting_new": "an empty form to schedule a case meeting",
    "signals:intake": "an empty intake form; the service logs the new signal",
    "signals:rules": "routing rules (organisation, region, form): no personal data",
    "signals:rule_edit": "one routing rule: no personal data",
    "signals:rule_delete": "deleting a routing rule (POST): no personal data",
    "signals:api_keys": "partner API keys (organisation, prefix, scopes): no personal data",
    "signals:api_key_revoke": "revoking a partner API key (POST): no personal data",
    "chat:statistics": "aggregate figures of anonymous registrations",
    "chat:canned": "canned responses (texts counsellors reuse): no personal data",
    "chat:canned_edit": "one canned response: no personal data",
    "chat:handover": "the form to enter a handover code; a found handover is logged (POST)",
    "chat:invite": "an outreach worker's personal chat code: shown once, stored as a digest, "
                   "nothing about the contact (ADR 0110)",
    "outreach:templates": "the outreach team's platforms and message texts: no personal data",
    "outreach:figures": "aggregate outreach figures with small cells suppressed",
    "outreach:figures_csv": "the same suppressed figures as CSV",
    "week:events": "events of partner organisations (public texts, counts): no personal data",
    "week:event_new": "an empty form to submit an event of the Week",
    "week:event_edit": "one event of the Week (public texts, a confirmed count): no personal "
                       "data; its attendee list is a separate, logged page",
    "week:event_decide": "approving, rejecting, publishing or cancelling an event (POST)",
    "week:event_registration": "opening or closing an event's registration (POST)",
    "week:editions": "editions of the Week (year, dates, theme): no personal data",
    "week:edition": "one edition and its toolkit files: no personal data",
    "week:material_upload": "uploading a toolkit file (POST): no personal data",
    "week:material_delete": "removing a toolkit file (POST): no personal data",
    "week:figures": "aggregate registration and attendance counts per audience",
    "week:mailbox": "the demo mailbox: demo mode only (404 otherwise), synthetic e-mails",
    "week:mailbox_message": "one message of the demo mailbox: demo mode only (404 otherwise)",
    "monitoring:": "programme figures: suppressed aggregate counts, never a record (ADR 0072)",
    "prevention:": "page-view counters of the public information pages: no visitor data",
    "programme:": "the action programme: actions of organisations and suppressed figures, "
                  "never a person (ADR 0100)",
}


#: (URL name, role) → why that role may read a record of an organisation it does not belong to.
#: Any other 200 on another organisation's record fails the walk (a leak across organisations).
CROSS_ORGANISATION: dict[tuple[str, str], str] = {
    ("chat:conversation", Role.CHAT_SUPERVISOR):
        "supervisors see every chat: the youth chat is anonymous and not an organisation's "
        "record (chat.models.ConversationQuerySet.visible_to)",
    ("accounts:staff_detail", Role.FUNCTIONAL_ADMIN):
        "the functional administrator reads every account, read only, to set up "
        "organisations (accounts.models.StaffQuerySet.visible_to)",
}


def exempt_reason(name: str) -> str:
    if name in NOT_PERSONAL_DATA:
        return NOT_PERSONAL_DATA[name]
    for key, reason in NOT_PERSONAL_DATA.items():
        if key.endswith((":", "_")) and name.startswith(key):
            return reason
    return ""


@dataclass(frozen=True)
class Route:
    name: str
    pattern: URLPattern

    @property
    def converters(self) -> dict:
        return self.pattern.pattern.converters

    @property
    def namespace(self) -> str:
        return self.name.split(":")[0] if ":" in self.name else ""


def all_routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns, namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                found.append(Route(f"{namespace}:{entry.name}" if namespace else entry.name,
                                   entry))

    walk(get_resolver().url_patterns)
    return found


class _Match:
    """Enough of a ResolverMatch for ``is_public_view``."""

    def __init__(self, route: Route):
        self.func = route.pattern.callback
        self.view_name = route.name
        self.url_name = route.pattern.name


def staff_routes() -> list[Route]:
    return [r for r in all_routes() if not is_public_view(_Match(r))]


# --- the world ---------------------------------------------------------------------------------


def _orgs():
    kinds = {kind for _name, kind, _roles in DEMO_USERS}
    orgs = {kind: OrganisationFactory(name=f"Walk {kind}", kind=kind) for kind in kinds}
    orgs.setdefault(OrganisationKind.CARE_COORDINATION, OrganisationFactory(
        name="Walk coordination", kind=OrganisationKind.CARE_COORDINATION))
    orgs.setdefault(OrganisationKind.SHELTER, OrganisationFactory(
        name="Walk shelter", kind=OrganisationKind.SHELTER))
    return orgs


def _case_world(coordinator, partner_org) -> dict:
    """A case with every kind of sub-record an URL can name, built through the services."""
    from uitweg.cases import services
    from uitweg.cases.models import CaseMembership
    from uitweg.cases.tests.factories import make_case

    case = make_case(by=coordinator)
    services.add_member(by=coordinator, case=case, organisation=partner_org)
    membership = CaseMembership.objects.get(case=case, organisation=partner_org)
    need = services.add_need(by=coordinator, case=case, domain="shelter", description="Opvang")
    action = services.add_action(by=coordinator, need=need, description="Intake",
                                 responsible_organisation=partner_org,
                                 due_date=timezone.localdate() + timedelta(days=7))
    consent = services.record_consent(by=coordinator, case=case, given_on=timezone.localdate(),
                                      organisations=[partner_org], external_recipients=[],
                                      data_categories=["identity"])
    referral = services.send_referral(by=coordinator, case=case, to_organisation=partner_org,
                                      purpose="Opvang", data_categories=["identity"],
                                      legal_basis="consent", consent=consent)
    meeting = services.schedule_meeting(by=coordinator, title="MDO",
                                        scheduled_for=timezone.now() + timedelta(days=1))
    item = services.put_on_agenda(by=coordinator, meeting=meeting, case=case)
    return {"pk": case.pk, "membership_pk": membership.pk, "need_pk": need.pk,
            "action_pk": action.pk, "consent_pk": consent.pk, "referral_pk": referral.pk,
            "meeting_pk": meeting.pk, "item_pk": item.pk, "case": case}


def _world_kwargs(*, coordinator, partner_org, org, counsellor) -> dict[str, dict]:
    """Object ids by namespace and keyword argument name (view names override)."""
    from uitweg.chat.models import Status
    from uitweg.chat.tests.factories import ConversationFactory
    from uitweg.outreach.tests.factories import walk_world
    from uitweg.signals.tests.factories import make_signal
    from uitweg.week.tests.factories import walk_world as week_walk_world

    cases = _case_world(coordinator, partner_org)
    case = cases.pop("case")
    signal = make_signal(org)
    chat = ConversationFactory(counsellor=counsellor, status=Status.ACTIVE)
    colleague = UserFactory(organisation=org, roles=[Role.CASE_WORKER])
    return {
        "cases": cases,
        "signals": {"reference": signal.reference},
        "chat": {"public_id": chat.public_id},
        "accounts": {"pk": colleague.pk},
        "audit": {"object_type": "cases.case", "object_id": case.pk},
        "outreach": walk_world(partner_org),  # the demo outreach worker's kind (a shelter)
        "week": week_walk_world(partner_org),  # the demo Week editor's kind (a shelter)
    }


@pytest.fixture
def demo_users():
    """One user per demo login (``accounts.demo.USERS``: new demo roles join automatically),
    in an organisation of the demo's kind."""
    orgs = _orgs()
    users = [UserFactory(username=f"walk-{name}", organisation=orgs[kind], roles=list(roles))
             for name, kind, roles in DEMO_USERS]
    return orgs, users


@pytest.fixture
def world(demo_users):
    orgs, users = demo_users
    by_role = {role: u for u in users for role in u.roles}
    coordinator = by_role.get(Role.CARE_COORDINATOR) or UserFactory(
        organisation=orgs[OrganisationKind.CARE_COORDINATION], roles=[Role.CARE_COORDINATOR])
    counsellor = next((u for u in users if u.roles == [Role.CHAT_COUNSELLOR]),
                      None) or UserFactory(roles=[Role.CHAT_COUNSELLOR])
    own = _world_kwargs(coordinator=coordinator, partner_org=orgs[OrganisationKind.SHELTER],
                        org=coordinator.organisation, counsellor=counsellor)
    elsewhere = OrganisationFactory(name="Walk elsewhere",
                                    kind=OrganisationKind.CARE_COORDINATION)
    stranger = UserFactory(organisation=elsewhere, roles=[Role.CARE_COORDINATOR])
    other = _world_kwargs(coordinator=stranger, partner_org=OrganisationFactory(
        name="Walk elsewhere shelter", kind=OrganisationKind.SHELTER), org=elsewhere,
        counsellor=UserFactory(organisation=elsewhere, roles=[Role.CHAT_COUNSELLOR]))
    return users, own, other


def _missing(converter) -> object:
    name = type(converter).__name__
    return {"IntConverter": 999_999, "UUIDConverter": uuid.UUID(int=1)}.get(name, "missing")


def url_for(route: Route, values: dict[str, dict]) -> tuple[str, list[str]]:
    """The concrete URL; names of keyword arguments the world has no object for."""
    kwargs, missing = {}, []
    given = values.get(route.namespace, {})
    for name, converter in route.converters.items():
        if name in given:
            kwargs[name] = given[name]
        else:
            kwargs[name] = _missing(converter)
            missing.append(name)
    return reverse(route.name, kwargs=kwargs), missing


# --- the walk ----------------------------------------------------------------------------------


def _last_seq() -> int:
    return AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def check(route: Route, method: str, response, entries) -> str:
    """The rule for one response; an empty string when it holds."""
    granted = [e for e in entries if e.outcome == Outcome.GRANTED]
    denied = [e for e in entries if e.outcome == Outcome.DENIED]
    status = response.status_code
    exempt = exempt_reason(route.name)
    if status in (403, 404):
        if status == 404 and exempt:
            return ""  # e.g. an unknown routing rule: not a protected record
        if len(denied) != 1 or granted:
            return f"refused ({status}) with {len(denied)} denied / {len(granted)} granted"
        return ""
    if method == "get" and status == 200 and not exempt:
        if len(granted) != 1 or denied:
            return f"granted read (200) with {len(granted)} granted / {len(denied)} denied"
        return ""
    if method == "get" and granted and not exempt:
        return f"{status} but wrote {len(granted)} granted entries"
    return ""


def test_every_granted_read_and_every_refusal_in_every_app_is_logged_once(world):
    users, own, other = world
    routes = [r for r in staff_routes() if not r.name.startswith("admin:")
              and not is_cms_route(r)]
    failures: list[str] = []
    granted_somewhere: set[str] = set()
    post_only: set[str] = set()  # GET answered 405 (Method Not Allowed)
    unknown_kwargs: dict[str, list[str]] = {}
    for user in users:
        client = force_login_with_mfa(Client(), user)
        who = f"{user.username} ({','.join(user.roles)})"
        for route in routes:
            worlds = [("own", own), ("other", other)] if route.converters else [("own", own)]
            for label, values in worlds:
                try:
                    url, missing = url_for(route, values)
                except NoReverseMatch as exc:
                    if not exempt_reason(route.name):  # allauth's regex URLs are exempt
                        failures.append(f"{route.name}: cannot build a URL ({exc})")
                    continue
                if missing:
                    unknown_kwargs[route.name] = missing
                methods = ["get"] if label == "own" or exempt_reason(route.name) else [
                    "get", "post"]
                for method in methods:
                    before = _last_seq()
                    response = getattr(client, method)(url)
                    entries = list(AccessLogEntry.objects.filter(seq__gt=before))
                    if method == "get":
                        if response.status_code == 200:
                            granted_somewhere.add(route.name)
                        if response.status_code == 405:
                            post_only.add(route.name)
                    problem = check(route, method, response, entries)
                    if (not problem and label == "other" and method == "get"
                            and response.status_code == 200 and not exempt_reason(route.name)
                            and not any((route.name, role) in CROSS_ORGANISATION
                                        for role in user.roles)):
                        problem = "another organisation's record was shown (200)"
                    if problem:
                        failures.append(f"{method.upper()} {url} [{route.name}, {label} "
                                        f"record] as {who}: {problem}")
    # Coverage: every page that shows records was granted to someone (else the walk proved
    # nothing about its entry) — POST-only URLs (405 on GET) excepted.
    for route in routes:
        if exempt_reason(route.name) or route.name in granted_somewhere \
                or route.name in post_only:
            continue
        hint = f"; the world has no object for {unknown_kwargs[route.name]}" \
            if route.name in unknown_kwargs else ""
        failures.append(f"{route.name}: no demo role was granted this page, so its access-log "
                        f"entry is unproven{hint} — extend the world in this test, or list it "
                        "in NOT_PERSONAL_DATA with the reason")
    assert not failures, f"{len(failures)} problem(s):\n" + "\n".join(sorted(set(failures)))


def api_routes() -> list[Route]:
    """Partner-API URLs: public for the page middleware, authenticated by an API key."""
    def keyed(route):
        view_class = getattr(route.pattern.callback, "view_class", None)
        return bool(getattr(view_class, "authentication_classes", None))

    return [r for r in all_routes() if keyed(r) and not is_cms_route(r)]


def test_every_partner_api_read_and_refusal_is_logged_once(client):
    """The same rule for the partner API (every API added later included): the key's own
    signals are granted with one entry; another organisation's, or a key without the read
    scope, are refused with one denied entry."""
    from uitweg.signals import services as signal_services
    from uitweg.signals.services import SignalData
    from uitweg.signals.tests.factories import care_org, make_signal

    care_org()  # where signals are routed
    partner = OrganisationFactory(name="Walk inspectorate",
                                  kind=OrganisationKind.LABOUR_INSPECTORATE)
    key, raw = signal_services.issue_api_key(by=None, organisation=partner, name="walk",
                                             scopes=["signals:read", "signals:write"])
    _key, write_only = signal_services.issue_api_key(by=None, organisation=partner,
                                                     name="walk-w", scopes=["signals:write"])
    mine = signal_services.submit_api_signal(key=key, data=SignalData(description="Seen."))
    foreign = make_signal()
    routes = api_routes()
    assert routes, "no partner-API URL found"
    failures, granted = [], set()
    for label, reference, secret in (("own", mine.reference, raw),
                                     ("other", foreign.reference, raw),
                                     ("no scope", mine.reference, write_only)):
        for route in routes:
            url, missing = url_for(route, {route.namespace: {"reference": reference}})
            if missing:
                failures.append(f"{route.name}: no object for {missing}")
                continue
            before = _last_seq()
            response = client.get(url, HTTP_AUTHORIZATION=f"Api-Key {secret}")
            entries = list(AccessLogEntry.objects.filter(seq__gt=before))
            if response.status_code == 200:
                granted.add(route.name)
            problem = check(route, "get", response, entries)
            if problem:
                failures.append(f"GET {url} [{route.name}, {label}]: {problem}")
            if entries and not all(e.access_point == f"api:{url}" for e in entries):
                failures.append(f"GET {url}: access point {entries[0].access_point!r}")
    failures += [f"{r.name}: never granted" for r in routes if r.name not in granted]
    assert not failures, "\n".join(failures)


def test_the_walk_covers_every_app():
    names = {r.name for r in staff_routes()}
    for expected in ("dashboard", "cases:detail", "cases:decision_add", "signals:detail",
                     "chat:conversation", "accounts:staff_detail", "audit:record_log"):
        assert expected in names
    namespaces = {r.namespace for r in staff_routes()}
    assert {"cases", "signals", "chat", "accounts", "audit"} <= namespaces


def test_every_allow_listed_name_exists_and_has_a_reason():
    names = {r.name for r in all_routes()}
    for key, reason in NOT_PERSONAL_DATA.items():
        assert len(reason) > 10, key
        if key.endswith((":", "_")):
            assert any(n.startswith(key) for n in names), f"stale prefix {key}"
        else:
            assert key in names, f"stale entry {key}: the URL no longer exists"
    for (name, role), reason in CROSS_ORGANISATION.items():
        assert name in names and role in Role.values and len(reason) > 10, (name, role)


def is_cms_route(route: Route) -> bool:
    """Wagtail's admin under /cms/ (prevention pages, ADR 0090): public content, no personal
    data of victims; checked separately below rather than walked URL by URL."""
    return route.name.startswith("wagtail")


def test_the_cms_admits_only_editors_and_publishers(demo_users):
    users = demo_users[1]
    cms_roles = {Role.EDITOR, Role.PUBLISHER}
    for user in [*users, UserFactory(organisation=users[0].organisation, roles=[Role.EDITOR])]:
        client = force_login_with_mfa(Client(), user)
        response = client.get("/cms/")
        admitted = response.status_code == 200
        assert admitted == bool(cms_roles & set(user.roles)), (user.username, response.status_code)


def test_the_django_admin_is_refused_to_every_demo_role(demo_users):
    users = demo_users[1]
    for user in users:
        client = force_login_with_mfa(Client(), user)
        response = client.get("/admin/")
        assert response.status_code != 200, f"{user.username} reached the Django admin"


def test_a_new_view_that_shows_a_record_without_an_entry_fails_the_walk(settings):
    """The walk's own proof: a staff view added without the access log is enumerated, is not
    exempt, and its unlogged read is reported."""
    import sys
    import types

    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    from uitweg import urls as root_urls
    from uitweg.cases.models import Case
    from uitweg.cases.tests.factories import coordinator as case_coordinator
    from uitweg.cases.tests.factories import make_case

    def leaky(request, pk):
        return HttpResponse(Case.objects.visible_to(request.user).get(pk=pk).number)

    module = types.ModuleType("walk_leaky_urls")
    module.urlpatterns = [path("staff/leak/<int:pk>/", leaky, name="leak"),
                          *root_urls.urlpatterns]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()
    try:
        route = next(r for r in staff_routes() if r.name == "leak")
        assert not exempt_reason(route.name)
        coordinator = case_coordinator()
        case = make_case(by=coordinator)
        client = force_login_with_mfa(Client(), coordinator)
        before = _last_seq()
        response = client.get(f"/staff/leak/{case.pk}/")
        entries = list(AccessLogEntry.objects.filter(seq__gt=before))
        assert response.status_code == 200
        assert check(route, "get", response, entries).startswith("granted read (200) with 0")
    finally:
        del sys.modules[module.__name__]
        clear_url_caches()

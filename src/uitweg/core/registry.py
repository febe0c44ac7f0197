"""Extension points other apps register with in their ``AppConfig.ready``.

- navigation: staff menu items per role;
- dashboard: widgets on the staff dashboard;
- demo: loaders that ``manage.py load_demo`` runs in order (and what it prints afterwards);
- public cards on the public home page;
- the access log (the audit app) and guards (the accounts app) for core's own views and the
  partner API's error handler.
Core never imports the apps; the apps import this module.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class NavItem:
    label: Any  # lazy translation
    url_name: str
    roles: frozenset[str]  # empty: every staff member
    order: int = 100


@dataclass
class DashboardWidget:
    """``render(request) -> WidgetResult | None``; None hides the widget for this user."""

    name: str
    render: Callable[[Any], WidgetResult | None]
    order: int = 100


@dataclass
class WidgetResult:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    #: (object_type, id) of every record the widget shows, for the dashboard's access-log entry.
    records: list[tuple[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[..., Any]  # load(stdout) -> None; must be idempotent
    order: int = 100
    #: summary(stdout) -> None, printed after every loader ran (unless ``--quiet-logins``)
    summary: Callable[..., Any] | None = None


NAVIGATION: list[NavItem] = []
DASHBOARD: list[DashboardWidget] = []
#: sections of a staff member's "my tasks" page (same contract as dashboard widgets)
TASKS: list[DashboardWidget] = []
DEMO_LOADERS: list[DemoLoader] = []


def register_nav(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in NAVIGATION):
        NAVIGATION.append(item)


def register_widget(widget: DashboardWidget) -> None:
    if all(existing.name != widget.name for existing in DASHBOARD):
        DASHBOARD.append(widget)


def register_task(section: DashboardWidget) -> None:
    if all(existing.name != section.name for existing in TASKS):
        TASKS.append(section)


def register_demo(loader: DemoLoader) -> None:
    if all(existing.name != loader.name for existing in DEMO_LOADERS):
        DEMO_LOADERS.append(loader)


@dataclass(frozen=True)
class PublicCard:
    """A card on the public home page pointing to a public service (report, chat, info)."""

    title: Any
    text: Any
    link: Any
    url_name: str
    order: int = 100


PUBLIC_CARDS: list[PublicCard] = []


def register_public_card(card: PublicCard) -> None:
    if all(existing.url_name != card.url_name for existing in PUBLIC_CARDS):
        PUBLIC_CARDS.append(card)


@dataclass(frozen=True)
class AccessLog:
    """The access log as core's own views and the API error handler need it (ADR 0040).

    The audit app registers it in ``ready()``: ``audited(view)`` wraps a staff view (one
    transaction, exactly one entry), ``record_for_request(request, **entry)`` writes an entry and
    ``log_api_refusal(request, exc)`` writes the denied entry of a partner-API refusal.
    """

    audited: Callable[[Callable], Callable]
    record_for_request: Callable[..., Any]
    log_api_refusal: Callable[[Any, BaseException], None]


_ACCESS_LOG: list[AccessLog] = []


def register_access_log(log: AccessLog) -> None:
    _ACCESS_LOG[:] = [log]


def access_log() -> AccessLog:
    if not _ACCESS_LOG:
        raise LookupError("No access log registered (is uitweg.audit in INSTALLED_APPS?)")
    return _ACCESS_LOG[0]


#: name → view decorator, e.g. "audit.read_log" → role_required(...) (registered by accounts)
GUARDS: dict[str, Callable[[Callable], Callable]] = {}


def register_guard(name: str, decorator: Callable[[Callable], Callable]) -> None:
    GUARDS[name] = decorator


def guarded(name: str) -> Callable[[Callable], Callable]:
    """A view decorator applying the guard another app registers under ``name`` (looked up per
    request, so the registering app may be ready after the view module is imported). An
    unregistered guard refuses: a page is never left open because an app is missing."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                guard = GUARDS[name]
            except KeyError:
                raise PermissionDenied(f"no guard registered for {name}") from None
            return guard(view)(request, *args, **kwargs)

        return wrapper

    return decorator

"""Extension points other apps register with in their ``AppConfig.ready``.

- navigation: staff menu items per role;
- dashboard: widgets on the staff dashboard;
- demo: loaders that ``manage.py load_demo`` runs in order.
Core never imports the apps; the apps import this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


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


NAVIGATION: list[NavItem] = []
DASHBOARD: list[DashboardWidget] = []
DEMO_LOADERS: list[DemoLoader] = []


def register_nav(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in NAVIGATION):
        NAVIGATION.append(item)


def register_widget(widget: DashboardWidget) -> None:
    if all(existing.name != widget.name for existing in DASHBOARD):
        DASHBOARD.append(widget)


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

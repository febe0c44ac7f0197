"""The programme's figures from the platform's own records: count tables per source, computed by
the database (``values().annotate(Count)``), never by looping over rows in Python.

Other apps are read only through their ``queries`` modules (cases, signals, outreach). The chat
has no queries module; its anonymous statistical registrations (``chat.models.Registration``,
which hold no personal data by design) are read directly. Every table returned here is raw: the
pages, charts and exports pass it through :func:`uitweg.monitoring.tables.shown` first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from .periods import Period
from .tables import CountTable, open_categories, shape

#: Open vocabularies show their largest categories, the rest together as "other".
OPEN_KEEP = 8


@dataclass(frozen=True)
class Dimension:
    key: str
    title: Callable[[], str]
    #: fixed categories (code, label) or None for an open vocabulary (nationality, region)
    categories: Callable[[], list[tuple[str, str]]] | None


@dataclass(frozen=True)
class Source:
    key: str
    title: Callable[[], str]
    queryset: Callable[[], object]
    date_field: str
    #: whether the date field is a plain year field already annotated as ``year``
    annotated_year: bool
    expressions: Callable[[], dict]
    dimensions: list[Dimension]
    #: counts from the owning app itself: (dimension key, first year, last year, quarter) ->
    #: (year, code, count) rows; then queryset, date_field and expressions are unused
    rows: Callable[[str, int, int, int | None], list[tuple[int, str, int]]] | None = None


def _choices(choices, *extra: tuple[str, str]) -> Callable[[], list[tuple[str, str]]]:
    return lambda: [(str(code), str(label)) for code, label in choices] + [
        (code, str(label)) for code, label in extra]


def _unknown() -> tuple[str, str]:
    return ("", _("Unknown"))


def _persons() -> Source:
    from uitweg.accounts.roles import OrganisationKind
    from uitweg.cases import queries
    from uitweg.core.vocabulary import Gender

    def forms():
        return [("sexual", _("Sexual exploitation")), ("labour", _("Labour exploitation")),
                ("criminal", _("Criminal exploitation")), ("other", _("Other form")),
                ("multiple", _("More than one form")), ("unknown", _("Unknown"))]

    def ages():
        return [("minor", _("Minor")), ("adult", _("Adult")), ("unknown", _("Unknown"))]

    return Source(
        "persons", lambda: _("Persons in view"), queries.persons_first_registered,
        "first_signal_date", True, queries.person_dimensions, [
            Dimension("form", lambda: _("By form of exploitation"), forms),
            Dimension("age", lambda: _("By age at first registration"), ages),
            Dimension("gender", lambda: _("By gender"), _choices(Gender.choices)),
            Dimension("nationality", lambda: _("By nationality"), None),
            Dimension("organisation", lambda: _("By type of reporting organisation"),
                      lambda: [*_choices(OrganisationKind.choices)(), _unknown()]),
            Dimension("region", lambda: _("By region"), None),
        ])


def _signals() -> Source:
    from uitweg.signals import queries
    from uitweg.signals.vocabulary import ClosureReason, Priority
    from uitweg.signals.vocabulary import Source as SignalSource

    return Source(
        "signals", lambda: _("Signals"), queries.all_signals, "received_at", False,
        queries.signal_dimensions, [
            Dimension("source", lambda: _("By source"), _choices(SignalSource.choices)),
            Dimension("priority", lambda: _("By priority"), _choices(Priority.choices)),
            Dimension("outcome", lambda: _("By outcome"),
                      lambda: [("open", _("Still open")), *_choices(ClosureReason.choices)(),
                               _unknown()]),
        ])


def _chat() -> Source:
    from django.db.models import F

    from uitweg.chat.channels import Channel
    from uitweg.chat.models import AgeBand, Outcome, Registration, Topic

    return Source(
        "chat", lambda: _("Chat contacts"), Registration.objects.all, "day", False,
        lambda: {"channel": F("channel"), "topic": F("topic"), "outcome": F("outcome"),
                 "age": F("age_band")}, [
            # the youth chat and the outreach chat for adults apart (ADR 0110)
            Dimension("channel", lambda: _("By chat"), _choices(Channel.choices)),
            Dimension("topic", lambda: _("By topic"), _choices(Topic.choices)),
            Dimension("outcome", lambda: _("By outcome"), _choices(Outcome.choices)),
            Dimension("age", lambda: _("By age"), _choices(AgeBand.choices)),
        ])


def _outreach() -> Source:
    from uitweg.outreach import queries
    from uitweg.outreach.vocabulary import Response, TargetGroup

    return Source(
        "outreach", lambda: _("Outreach contacts"), queries.all_contacts, "first_contact_on",
        False, queries.contact_dimensions, [
            Dimension("target_group", lambda: _("By target group"),
                      _choices(TargetGroup.choices)),
            Dimension("response", lambda: _("By response"), _choices(Response.choices)),
        ])


def _week() -> Source:
    from uitweg.week import queries
    from uitweg.week.vocabulary import Audience

    def attendance():
        return [("checked_in", _("Checked in")), ("registered", _("Registered, not checked in")),
                ("waitlisted", _("On the waiting list")), ("cancelled", _("Cancelled"))]

    def none():
        raise AssertionError("week figures are counted by week.queries.registration_counts")

    return Source(
        "week", lambda: _("Week registrations"), none, "", False, none, [
            Dimension("audience", lambda: _("By audience of the event"),
                      _choices(Audience.choices,
                               (queries.MULTIPLE_AUDIENCES, _("More than one audience")),
                               _unknown())),
            Dimension("attendance", lambda: _("By attendance"), attendance),
        ], rows=queries.registration_counts)


def sources() -> list[Source]:
    """The sources this installation has (outreach and the Week only when their apps are
    installed)."""
    found = [_persons(), _signals(), _chat()]
    if apps.is_installed("uitweg.outreach"):
        found.append(_outreach())
    if apps.is_installed("uitweg.week"):
        found.append(_week())
    return found


def source(key: str) -> Source | None:
    return next((s for s in sources() if s.key == key), None)


def count_rows(src: Source, dimension: Dimension, periods: list[Period]
               ) -> list[tuple[int, str, int]]:
    """(year, category code, count) for the periods: from the per-day counts
    (:mod:`.daycounts`) for the sources kept there, else counted by the database."""
    from django.conf import settings

    from . import daycounts

    if src.key in daycounts.DAY_COUNTED and getattr(settings, "MONITORING_DAY_COUNTS", True):
        return daycounts.count_rows(src.key, dimension.key, periods)
    return direct_rows(src, dimension, periods)


def direct_rows(src: Source, dimension: Dimension, periods: list[Period]
                ) -> list[tuple[int, str, int]]:
    """(year, category code, count) for the periods, grouped by the database from the records
    themselves (what the per-day counts must always equal)."""
    first, last = periods[0], periods[-1]
    if src.rows is not None:
        return list(src.rows(dimension.key, first.year, last.year, last.quarter or None))
    field = src.date_field
    qs = src.queryset().filter(**{f"{field}__year__gte": first.year,
                                  f"{field}__year__lte": last.year})
    if last.quarter:
        qs = qs.filter(**{f"{field}__quarter": last.quarter})
    if not src.annotated_year:
        qs = qs.annotate(year=ExtractYear(field))
    expression = src.expressions()[dimension.key]
    rows = (qs.annotate(category=expression).values("year", "category")
            .annotate(n=Count("pk")).order_by())
    return [(r["year"], r["category"] or "", r["n"]) for r in rows]


def count_table(src: Source, dimension: Dimension, periods: list[Period],
                rows: list[tuple[int, str, int]] | None = None) -> CountTable:
    """The table of ``rows`` (counted now when not given: :mod:`.figures` passes cached ones)."""
    if rows is None:
        rows = count_rows(src, dimension, periods)
    if dimension.categories is not None:
        categories = dimension.categories()
    else:
        categories = open_categories(rows, keep=OPEN_KEEP, labels={},
                                     unknown_label=_("Unknown"), other_label=_("Other"))
    return CountTable(f"{src.key}.{dimension.key}", str(dimension.title()), periods,
                      categories, shape(rows, periods, categories))

"""Per-day counts: the pre-aggregated figures of the large sources (issue 13, "Speed").

For every source counted record by record (persons in view, signals, chat contacts, outreach
contacts) :class:`~.models.DayCount` holds, per breakdown, day and category, how many records
fall there. A page sums at most ~365 rows per category and year instead of counting a million
records; the Week, counted by its own app, is not kept here.

The table is kept current by the writes themselves: a receiver of each counted model's
pre/post save and delete counts the *unit* the record belongs to before and after the write
with the same query expressions the direct count uses (a record; for persons in view the
person, because which of a person's cases counts depends on the others) and adds the
difference in one ``INSERT … ON CONFLICT … DO UPDATE SET n = n + excluded.n`` — in the
transaction of the write, so a rolled-back write leaves no count behind. A write therefore
costs two small queries and one upsert, however large the source.

Writes that send no signal (``QuerySet.update``, ``bulk_create``, raw SQL, a change of an
organisation's kind) are not seen: ``manage.py rebuild_monitoring_counts`` counts everything
again (``--check`` only reports differences), and it runs by itself after ``migrate`` when the
table is empty while a source has records.
"""

from __future__ import annotations

import contextlib
import weakref
from collections import Counter
from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractYear, TruncDate
from django.utils import timezone

from . import aggregates
from .models import DayCount
from .periods import Period

#: the sources kept here (the Week is counted by ``week.queries`` itself)
DAY_COUNTED = ("persons", "signals", "chat", "outreach")

#: (app label, model) -> (source, how a record of it finds its unit)
#: A unit is a filter of the source's queryset; for a case or a person it is the person,
#: because which case of a person counts in a year depends on the person's other cases.
TRACKED = {
    ("chat", "Registration"): "chat",
    ("signals", "Signal"): "signals",
    ("outreach", "Contact"): "outreach",
    ("cases", "Case"): "persons",
    ("cases", "Person"): "persons",
}

Key = tuple[str, date, str]  # (dimension, day, category code)


def _day_expression(src: aggregates.Source):
    field = src.queryset().model._meta.get_field(src.date_field)
    if field.get_internal_type() == "DateTimeField":  # the day in the platform's time zone
        return TruncDate(src.date_field, tzinfo=timezone.get_default_timezone())
    return F(src.date_field)


def count(src: aggregates.Source, unit: dict | None = None) -> Counter[Key]:
    """The per-day counts of the whole source, or of one unit of it (``unit`` filters the
    source's queryset), with the expressions of the direct count."""
    qs = src.queryset().annotate(m_day=_day_expression(src))
    codes = src.expressions()
    out: Counter[Key] = Counter()
    if unit is None:  # the whole source: one group-by per breakdown, days by categories
        for d in src.dimensions:
            for row in (qs.annotate(m_code=codes[d.key]).values("m_day", "m_code")
                        .annotate(m_n=Count("pk")).order_by()):
                if row["m_day"] is not None:
                    out[(d.key, row["m_day"], row["m_code"] or "")] += row["m_n"]
        return out
    names = {f"m_{d.key}": codes[d.key] for d in src.dimensions}
    rows = (qs.filter(**unit).annotate(**names)
            .values("m_day", *names).annotate(m_n=Count("pk")).order_by())
    for row in rows:
        if row["m_day"] is None:
            continue
        for d in src.dimensions:
            out[(d.key, row["m_day"], row[f"m_{d.key}"] or "")] += row["m_n"]
    return out


def add(source_key: str, delta: Counter[Key]) -> None:
    """Add ``delta`` to the stored counts in one statement (concurrent writers add, never
    overwrite)."""
    rows = [(source_key, dim, day, code, n) for (dim, day, code), n in delta.items() if n]
    if not rows:
        return
    table = DayCount._meta.db_table
    adapt = connection.ops.adapt_datefield_value
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
    params = [v for s, dim, day, code, n in rows for v in (s, dim, adapt(day), code, n)]
    # table name from the model, values as parameters
    sql = (f'INSERT INTO "{table}" ("source", "dimension", "day", "code", "n") '  # noqa: S608
           f"VALUES {values} ON CONFLICT (\"source\", \"dimension\", \"day\", \"code\") "
           f'DO UPDATE SET "n" = "{table}"."n" + excluded."n"')
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _difference(after: Counter[Key], before: Counter[Key]) -> Counter[Key]:
    delta = Counter(after)
    delta.subtract(before)
    return delta


# --- keeping the counts current --------------------------------------------------------------

def _source_of(sender) -> aggregates.Source | None:
    key = TRACKED.get((sender._meta.app_label, sender.__name__))
    return aggregates.source(key) if key else None


def _units(sender, instance, *, stored: bool) -> list[dict]:
    """The units a record belongs to; with ``stored`` also the one it belonged to before (a
    case moved to another person changes both persons)."""
    if sender.__name__ == "Person":
        return [{"person_id": instance.pk}] if instance.pk is not None else []
    if sender.__name__ == "Case":
        persons = {instance.person_id} - {None}
        if stored and instance.pk is not None:
            persons |= set(sender.objects.filter(pk=instance.pk)
                           .values_list("person_id", flat=True))
        return [{"person_id": p} for p in sorted(persons)]
    return [{"pk": instance.pk}] if instance.pk is not None else []


def _counted(src, units: Iterable[dict]) -> dict[tuple, Counter[Key]]:
    return {tuple(u.items()): count(src, u) for u in units}


def before_save(sender, instance, **_kwargs) -> None:
    src = _source_of(sender)
    if src is None:
        return
    units = _units(sender, instance, stored=True) if instance.pk is not None else []
    instance._monitoring_counted = _counted(src, units)


def after_save(sender, instance, **_kwargs) -> None:
    src = _source_of(sender)
    if src is None:
        return
    before = instance.__dict__.pop("_monitoring_counted", {})
    units = [dict(u) for u in before] + _units(sender, instance, stored=False)
    after = _counted(src, units)
    delta: Counter[Key] = Counter()
    for unit, counted in after.items():
        delta.update(_difference(counted, before.get(unit, Counter())))
    add(src.key, delta)


#: Per deletion (its ``origin``: the instance or queryset ``delete()`` was called on), the
#: counts of each unit as last applied: one deletion may remove several records of one unit
#: (a person's cases), and each sends its own signals. Django sends every pre_delete of a
#: deletion before its first post_delete; the state is dropped after the last post_delete.
_deleting: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _deletion_state(origin) -> dict:
    try:
        return _deleting.setdefault(origin, {"units": {}, "pending": set()})
    except TypeError:  # not weakly referable or not hashable: no sharing
        return {"units": {}, "pending": set()}


def before_delete(sender, instance, origin=None, **_kwargs) -> None:
    src = _source_of(sender)
    if src is None:
        return
    state = _deletion_state(origin)
    state["pending"].add(id(instance))
    instance._monitoring_deletion = (origin, state)
    for unit in _units(sender, instance, stored=False):
        key = tuple(unit.items())
        if key not in state["units"]:
            state["units"][key] = count(src, unit)


def after_delete(sender, instance, **_kwargs) -> None:
    src = _source_of(sender)
    if src is None:
        return
    origin, state = instance.__dict__.pop("_monitoring_deletion", (None, None))
    if state is None:
        state = {"units": {}, "pending": set()}
    delta: Counter[Key] = Counter()
    for unit in _units(sender, instance, stored=False):
        key = tuple(unit.items())
        after = count(src, unit)
        delta.update(_difference(after, state["units"].get(key, Counter())))
        state["units"][key] = after
    add(src.key, delta)
    state["pending"].discard(id(instance))
    if not state["pending"] and origin is not None:
        with contextlib.suppress(TypeError):
            _deleting.pop(origin, None)


def connect() -> None:
    """Connect the receivers (``MonitoringConfig.ready``)."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

    for app_label, model in TRACKED:
        if not apps.is_installed(f"uitweg.{app_label}"):
            continue
        sender = apps.get_model(app_label, model)
        uid = f"monitoring-daycounts-{app_label}.{model}"
        pre_save.connect(before_save, sender=sender, dispatch_uid=uid)
        post_save.connect(after_save, sender=sender, dispatch_uid=uid)
        pre_delete.connect(before_delete, sender=sender, dispatch_uid=uid)
        post_delete.connect(after_delete, sender=sender, dispatch_uid=uid)


# --- reading ---------------------------------------------------------------------------------

def count_rows(source_key: str, dimension_key: str, periods: list[Period]
               ) -> list[tuple[int, str, int]]:
    """(year, category code, count) for the periods, summed from the per-day counts."""
    first, last = periods[0], periods[-1]
    qs = DayCount.objects.filter(source=source_key, dimension=dimension_key,
                                 day__gte=date(first.year, 1, 1), day__lte=date(last.year, 12, 31))
    if last.quarter:
        qs = qs.filter(day__quarter=last.quarter)
    rows = (qs.annotate(year=ExtractYear("day")).values("year", "code")
            .annotate(total=Sum("n")).filter(total__gt=0).order_by())
    return [(r["year"], r["code"], r["total"]) for r in rows]


# --- rebuilding ------------------------------------------------------------------------------

def stored(source_key: str) -> Counter[Key]:
    return Counter({(d, day, code): n for d, day, code, n in DayCount.objects
                    .filter(source=source_key).exclude(n=0)
                    .values_list("dimension", "day", "code", "n")})


def differences(source_key: str) -> int:
    """How many (breakdown, day, category) counts differ from a count of the records now."""
    src = aggregates.source(source_key)
    fresh, kept = count(src), stored(source_key)
    return sum(1 for k in set(fresh) | set(kept) if fresh.get(k, 0) != kept.get(k, 0))


def rebuild(source_keys: Iterable[str] | None = None) -> dict[str, int]:
    """Count the sources again from their records; returns the rows stored per source.

    Holds a lock on the table meanwhile (PostgreSQL), so a write during the rebuild adds its
    difference after it, to the recounted table."""
    from .figures import bump_source

    done = {}
    for key in source_keys or DAY_COUNTED:
        src = aggregates.source(key)
        if src is None or key not in DAY_COUNTED:
            continue
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f'LOCK TABLE "{DayCount._meta.db_table}" '
                                   "IN SHARE ROW EXCLUSIVE MODE")
            DayCount.objects.filter(source=key).delete()
            counted = count(src)
            DayCount.objects.bulk_create(
                (DayCount(source=key, dimension=d, day=day, code=code, n=n)
                 for (d, day, code), n in counted.items() if n), batch_size=5000)
        bump_source(key)
        done[key] = sum(1 for n in counted.values() if n)
    return done


def build_missing(using: str = "default", **_kwargs) -> None:
    """After ``migrate``: count a source that has records but no stored counts yet (the table
    is new, or was emptied)."""
    if using != "default" or DayCount._meta.db_table not in connection.introspection.table_names():
        return  # the monitoring migrations have not run yet
    missing = []
    for key in DAY_COUNTED:
        src = aggregates.source(key)
        if src is None or DayCount.objects.filter(source=key).exists():
            continue
        if src.queryset().exists():
            missing.append(key)
    if missing:
        rebuild(missing)


def load_demo(stdout=None) -> None:
    """Demo step (after the apps' own): some demo dates are set with ``QuerySet.update``."""
    stored = rebuild()
    if stdout:
        stdout.write("monitoring: per-day counts " + ", ".join(
            f"{k} {n}" for k, n in stored.items()))

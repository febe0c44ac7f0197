"""Reach without tracking: one counter per page, language and day (ADR 0093).

Nothing about the visitor is read or kept: no cookie, no IP address, no user agent, no referrer.
The row is upserted with one UPDATE (``views = views + 1``), or created on the first view of
the day.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections import Counter
from datetime import date, timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

logger = logging.getLogger(__name__)
_pending: Counter = Counter()  # (page id, language, day) -> views not yet written
_lock = threading.Lock()
_last_write = time.monotonic()


def count_view(*, page_id: int, language: str, day: date | None = None) -> None:
    """One view. With ``PREVENTION_VIEW_COUNT_FLUSH_SECONDS`` > 0 (production) the views are
    added up in this worker and written together at most that often: one UPDATE per page and
    language per interval instead of one per view, which under load is the page's largest cost
    (ADR 0111). A worker that is killed loses at most the last interval's views."""
    global _last_write

    day = day or timezone.localdate()
    interval = getattr(settings, "PREVENTION_VIEW_COUNT_FLUSH_SECONDS", 0)
    if interval <= 0:
        _add(page_id, language, day, 1)
        return
    with _lock:
        _pending[(page_id, language, day)] += 1
        now = time.monotonic()
        if now - _last_write < interval:
            return
        _last_write = now
        batch = dict(_pending)
        _pending.clear()
    _write(batch)


def flush() -> None:
    """Write the views this worker has added up (at exit, and in tests)."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
    _write(batch)


def _write(batch: dict) -> None:
    for (page_id, language, day), views in batch.items():
        try:
            _add(page_id, language, day, views)
        except DatabaseError:  # a page deleted meanwhile, or the database away: a counter only
            logger.warning("page views not written: page %s %s %s (%s)", page_id, language,
                           day, views)


def _add(page_id: int, language: str, day: date, views: int) -> None:
    from uitweg.prevention.models import PageViewCount

    rows = PageViewCount.objects.filter(page_id=page_id, language=language, day=day)
    if rows.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            PageViewCount.objects.create(page_id=page_id, language=language, day=day,
                                         views=views)
    except IntegrityError:  # created meanwhile by another request
        rows.update(views=F("views") + views)


atexit.register(flush)


def figures(*, days: int = 30, today: date | None = None) -> dict:
    """Views per page and language over the last ``days`` days, with totals."""
    from wagtail.models import Page

    from uitweg.prevention.models import PageViewCount

    today = today or timezone.localdate()
    since = today - timedelta(days=days - 1)
    rows = (PageViewCount.objects.filter(day__gte=since, day__lte=today)
            .values("page__translation_key", "language").annotate(total=Sum("views")))
    languages = sorted({row["language"] for row in rows})
    by_page: dict = {}
    for row in rows:
        by_page.setdefault(row["page__translation_key"], {})[row["language"]] = row["total"]
    titles = {}
    for page in Page.objects.filter(translation_key__in=by_page, locale__language_code="nl"):
        titles[page.translation_key] = page.title
    table = []
    for key, counts in by_page.items():
        table.append({"title": titles.get(key) or str(key)[:8],
                      "counts": [counts.get(lang, 0) for lang in languages],
                      "total": sum(counts.values())})
    table.sort(key=lambda r: (-r["total"], r["title"]))
    return {"since": since, "until": today, "languages": languages, "rows": table,
            "total": sum(r["total"] for r in table)}

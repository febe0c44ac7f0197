"""Reach without tracking: one counter per page, language and day (ADR 0093).

Nothing about the visitor is read or kept: no cookie, no IP address, no user agent, no referrer.
The row is upserted with one UPDATE (``views = views + 1``), or created on the first view of
the day.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone


def count_view(*, page_id: int, language: str, day: date | None = None) -> None:
    from uitweg.prevention.models import PageViewCount

    day = day or timezone.localdate()
    rows = PageViewCount.objects.filter(page_id=page_id, language=language, day=day)
    if rows.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            PageViewCount.objects.create(page_id=page_id, language=language, day=day, views=1)
    except IntegrityError:  # created meanwhile by another request
        rows.update(views=F("views") + 1)


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

"""The public Week pages show dates in the product's one style, in the reader's language
(month and day names from Django's catalogue): "niedziela 29 lis 2026, 14:05" on /pl/."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from .factories import make_event

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def event():
    with freeze_time("2026-11-20 10:00"):
        return make_event(starts_at=datetime(2026, 11, 29, 14, 5, tzinfo=AMSTERDAM))


@pytest.mark.parametrize(("prefix", "expected"), [
    ("/pl", f"niedziela{NBSP}29{NBSP}lis{NBSP}2026,{NBSP}14:05"),
    ("/ro", f"duminică{NBSP}29{NBSP}noi{NBSP}2026,{NBSP}14:05"),
    ("", f"zondag{NBSP}29{NBSP}nov.{NBSP}2026,{NBSP}14:05"),
])
@freeze_time("2026-11-20 10:00")
def test_the_event_page_shows_the_date_in_the_page_language(client, event, prefix, expected):
    html = client.get(f"{prefix}/week/events/{event.pk}/").content.decode()
    assert expected in html
    assert 'class="uitweg-date" datetime="2026-11-29T14:05+01:00"' in html  # never wraps
    assert "16:05" in html  # the end, time only


@pytest.mark.parametrize(("prefix", "november", "december"), [("/pl", "lis", "gru"),
                                                              ("/uk", "лис", "гру")])  # noqa: RUF001
@freeze_time("2026-11-20 10:00")
def test_the_programme_lists_its_days_and_events_in_the_page_language(client, event, prefix,
                                                                       november, december):
    html = client.get(f"{prefix}/week/").content.decode()
    assert f"29{NBSP}{november}{NBSP}2026,{NBSP}14:05" in html  # the event
    assert f"31{NBSP}{december}{NBSP}2026" in html  # the last day of the edition
    assert "29-11" not in html and "November" not in html

"""In headless Chromium: an analyst opens the monitoring section, picks a year, sees small
counts as "<5", downloads the CSV, and axe finds no serious or critical violation."""

from datetime import date
from pathlib import Path

import pytest

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.cases.tests.factories import coordinator, make_case
from uitweg.testing.browser import login_with_totp, run_axe
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_analyst_filters_a_year_and_downloads_the_csv(axe_page, live_server):
    by = coordinator()
    for day in range(1, 8):
        make_case(by=by, first_signal_date=date(2025, 3, day), forms=("sexual",))
    make_case(by=by, first_signal_date=date(2025, 6, 1), forms=("labour",))
    analyst = UserFactory(username="analyst-e2e", roles=[Role.ANALYST],
                          organisation=OrganisationFactory(kind=OrganisationKind.MUNICIPALITY))
    page = axe_page
    login_with_totp(page, live_server.url, analyst)

    page.click("nav a[href='/staff/monitoring/']")
    page.select_option("select[name=year]", "2025")
    page.click("form[data-testid=period-form] button[type=submit]")
    page.wait_for_load_state()
    assert "year=2025" in page.url
    table = page.locator("[data-testid='table-persons.form']")
    row = table.locator("tr", has=page.locator("th", has_text="2025"))
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == "7" and cells[1] == "<5" and cells[-1] == "8"
    assert page.locator("svg[role=img]").count() > 0
    assert [v for v in run_axe(page) if v.get("impact") in ("serious", "critical")] == []

    with page.expect_download() as info:
        page.click("a[data-testid=csv]")
    download = info.value
    assert download.suggested_filename == "monitoring-2025.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "<5" in text and ",7\n" in text  # read_text turns \r\n into \n

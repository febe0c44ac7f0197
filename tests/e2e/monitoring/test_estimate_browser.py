"""In headless Chromium: an analyst opens monitoring, goes to the estimate, starts it for a year,
watches the progress bar move (htmx polling) and reads the result; axe finds nothing serious."""

import threading
from datetime import date

import pytest
from django.test import override_settings

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.cases.tests.factories import coordinator, make_case
from uitweg.monitoring import estimates
from uitweg.monitoring.models import EstimateRun
from uitweg.testing.browser import login_with_totp, run_axe
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
               "estimates": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
YEAR = 2025


def _registrations():
    by = coordinator()
    orgs = {k: OrganisationFactory(kind=k) for k in
            (OrganisationKind.POLICE, OrganisationKind.SHELTER, OrganisationKind.YOUTH_CARE)}
    kinds = list(orgs)
    for i in range(40):
        for j, kind in enumerate(kinds):
            if (i + j) % 3 == 0 or (i % 5 == j):  # overlapping lists
                make_case(by=by, person={"full_name": f"Persoon{i:02d} Naam{i * 7 % 41:02d}",
                                         "date_of_birth": date(1980 + i % 20, 1 + i % 12, 10),
                                         "phone_numbers": [], "identity_documents": [],
                                         "aliases": []},
                          first_signal_date=date(YEAR, 1 + i % 12, 1),
                          reporting_organisation=orgs[kind])


@override_settings(TASKS=QUEUED_ONLY, MONITORING_ESTIMATE_BOOTSTRAP=200,
                   MONITORING_ESTIMATE_LISTS="police=police; care=shelter; youth=youth_care")
def test_analyst_starts_the_estimate_watches_the_progress_and_reads_the_result(
        axe_page, live_server):
    _registrations()
    analyst = UserFactory(username="analyst-estimate", roles=[Role.ANALYST],
                          organisation=OrganisationFactory(kind=OrganisationKind.MUNICIPALITY))
    page = axe_page
    login_with_totp(page, live_server.url, analyst)
    page.click("nav a[href='/staff/monitoring/']")
    page.click("a[data-testid=estimate-link]")
    page.select_option("select[name=year]", str(YEAR))
    page.click("form[data-testid=estimate-form] button[type=submit]")
    page.wait_for_selector("progress#estimate-bar")
    assert [v for v in run_axe(page) if v.get("impact") in ("serious", "critical")] == []

    run = EstimateRun.objects.get(year=YEAR)
    worker = threading.Thread(target=estimates.execute, args=(run.pk,))  # the worker's part
    worker.start()
    page.wait_for_selector("[data-testid=estimate-result]", timeout=120_000)
    worker.join()
    text = page.locator("[data-testid=estimate-result]").inner_text()
    assert text.startswith("In beeld") or text.startswith("In view")
    assert page.locator("[data-testid=estimate-table]").count() == 1
    assert "Persoon" not in page.content()
    assert [v for v in run_axe(page) if v.get("impact") in ("serious", "critical")] == []

"""In headless Chromium: an analyst opens monitoring, filters a year, goes to the estimate,
starts it for that year, watches the progress bar move (htmx polling), reads the result and the
estimates per age group, and downloads the year's PDF for the council (issue 13, "Must show");
axe finds nothing serious."""

import io
import os
import shutil
import subprocess
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


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF: pdftotext (poppler-utils, installed by .ci/run) or pypdf."""
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode()
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


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
    page.select_option("form[data-testid=period-form] select[name=year]", str(YEAR))
    page.click("form[data-testid=period-form] button[type=submit]")
    page.wait_for_load_state()
    assert f"year={YEAR}" in page.url
    persons = page.locator("[data-testid='table-persons.form']").locator(
        "tr", has=page.locator("th", has_text=str(YEAR))).locator("td").all_inner_texts()[-1]
    assert persons.isdigit() and int(persons) > 5
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
    ages = page.locator("[data-testid=stratum-age]").inner_text()
    assert any(w in ages for w in ("Meerderjarig", "Volwassen", "Adult"))  # estimated or why not
    assert "Minderjarig" in ages or "Minor" in ages  # no minors: the reason, never 0
    forms = page.locator("[data-testid=stratum-form]").inner_text()  # the cases record forms
    assert "Seksuele uitbuiting" in forms or "Sexual exploitation" in forms
    assert page.locator("[data-testid=stratum-gender] [data-testid=stratum-rule]").count() == 1
    assert [v for v in run_axe(page) if v.get("impact") in ("serious", "critical")] == []
    if directory := os.environ.get("SCREENSHOT_DIR"):  # the result with its groups
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{directory}/monitoring-estimate-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

    # the year's report for the council, fetched with the analyst's session
    page.goto(f"{live_server.url}/staff/monitoring/?year={YEAR}")
    href = page.locator("a[data-testid=pdf]").get_attribute("href")
    assert f"year={YEAR}" in href
    response = page.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert str(YEAR) in text
    assert persons in text.split()  # the persons in view of the year, as on the page
    assert "Persoon" not in text

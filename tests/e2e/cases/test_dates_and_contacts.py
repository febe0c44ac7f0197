"""In headless Chromium (issue 10.9 and 10.10): an odd due date is asked about in the error
summary and saved once "Ja, deze datum klopt" is ticked; a partner organisation names its
contact on the team; the case list names a legal clock as the next deadline. Screenshots at
1280 and 390 px go to ``UITWEG_SCREENS`` (a temporary folder by default)."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.cases import services
from uitweg.cases.models import CareAction, CaseMembership
from uitweg.testing.browser import login_with_totp, run_axe
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENS = Path(os.environ.get("UITWEG_SCREENS", "/tmp/uitweg-screens"))


def shoot(page, name):
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def submit(page):
    page.click("main form.uitweg-form button[type=submit]")
    page.wait_for_load_state()


def test_odd_date_is_confirmed_and_partner_names_its_contact(axe_page, browser, live_server):
    today = timezone.localdate()
    coordination = OrganisationFactory(name="Zorgcoördinatie E2E",
                                       kind=OrganisationKind.CARE_COORDINATION)
    shelter = OrganisationFactory(name="Opvang E2E", kind=OrganisationKind.SHELTER)
    boss = UserFactory(username="coord", organisation=coordination,
                       roles=[Role.CARE_COORDINATOR])
    worker = UserFactory(username="shelterworker", organisation=shelter,
                         roles=[Role.CASE_WORKER], first_name="Eva", last_name="Jansen")
    case = services.open_case(
        by=boss, person={"full_name": "Elena Voorbeeld"}, forms=["labour"], indicators=[],
        first_signal_date=today - timedelta(days=30))
    services.add_member(by=boss, case=case, organisation=shelter)
    need = services.add_need(by=boss, case=case, domain="shelter", description="Opvang")
    case = services.update_clocks(by=boss, case=case, expected_version=case.version, values={
        **dict.fromkeys(services.CLOCK_FIELDS), "reflection_start": today - timedelta(days=60)})

    page = axe_page
    login_with_totp(page, live_server.url, boss)
    page.goto(f"{live_server.url}/staff/cases/{case.pk}/plan/needs/{need.pk}/actions/add/")
    page.fill("textarea[name=description]", "Verlenging verblijfsvergunning aanvragen")
    page.select_option("select[name=responsible_organisation]", str(coordination.pk))
    far = today + timedelta(days=3 * 365)
    page.fill("input[name=due_date]", far.isoformat())
    submit(page)
    # asked, not saved: the question in the error summary, the checkbox after the date
    assert page.locator("[data-error-summary]").count() == 1
    assert page.title().startswith("Fout:")
    assert page.locator("input[name=confirm_dates]").is_visible()
    assert not page.locator("input[name=confirm_dates]").is_checked()
    assert not CareAction.objects.exists()
    assert run_axe(page) == []
    shoot(page, "date-confirmation")
    page.check("input[name=confirm_dates]")
    submit(page)
    assert page.url.endswith(f"{case.get_absolute_url()}#plan")
    assert CareAction.objects.get().due_date == far

    # the case list: the reflection period ends before the action is due, and says so
    page.goto(f"{live_server.url}/staff/cases/?sort=deadline")
    row = page.locator("table.cases-list tbody tr").first.inner_text()
    assert "Einde bedenktijd" in row or "End of reflection period" in row
    shoot(page, "case-list-legal-deadline")

    # the shelter's case worker names herself as the shelter's contact
    membership = CaseMembership.objects.get(case=case, organisation=shelter)
    context = browser.new_context(locale="nl-NL")
    other = context.new_page()
    try:
        login_with_totp(other, live_server.url, worker)
        other.goto(live_server.url + case.get_absolute_url())
        other.click(f"a[href='/staff/cases/{case.pk}/team/{membership.pk}/contact/']")
        shoot(other, "team-contact-form")
        other.select_option("select[name=contact]", str(worker.pk))
        submit(other)
        assert "Eva Jansen" in other.locator("#team").inner_text()
        other.locator("#team").scroll_into_view_if_needed()
        shoot(other, "case-file-team-contacts")
    finally:
        context.close()
    membership.refresh_from_db()
    assert membership.contact == worker

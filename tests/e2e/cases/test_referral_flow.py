"""In headless Chromium: a care coordinator opens a case, adds a partner, records consent,
sends a referral resting on it, and the partner organisation accepts it."""

import pytest

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.cases.models import Case, ReferralStatus
from uitweg.testing.browser import login_with_totp, run_axe
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(page, live_server, user):
    login_with_totp(page, live_server.url, user)


def submit(page):
    page.click("main form.uitweg-form button[type=submit]")
    page.wait_for_load_state()


def test_coordinator_refers_with_consent_and_partner_accepts(axe_page, browser, live_server):
    coordination = OrganisationFactory(name="Zorgcoördinatie E2E",
                                       kind=OrganisationKind.CARE_COORDINATION)
    shelter = OrganisationFactory(name="Opvang E2E", kind=OrganisationKind.SHELTER)
    coordinator = UserFactory(username="coord", organisation=coordination,
                              roles=[Role.CARE_COORDINATOR])
    partner = UserFactory(username="shelterworker", organisation=shelter,
                          roles=[Role.CASE_WORKER])
    page = axe_page
    login(page, live_server, coordinator)

    # 1. open a case
    page.click("nav a[href='/staff/cases/']")
    page.click("a[href='/staff/cases/new/']")
    page.fill("input[name=full_name]", "Elena Voorbeeld")
    page.fill("input[name=date_of_birth]", "2001-04-02")
    page.select_option("select[name=nationality]", "RO")
    page.select_option("select[name=gender]", "female")
    page.check("input[name=forms][value=sexual]")
    page.check("input[name=indicators][value=deception]")
    page.fill("input[name=first_signal_date]", "2026-01-15")
    submit(page)
    case = Case.objects.get()
    assert page.url.endswith(case.get_absolute_url())
    assert case.number in page.locator("h1").inner_text()
    assert run_axe(page) == []

    # 2. add the shelter to the team
    page.click(f"a[href='/staff/cases/{case.pk}/team/add/']")
    page.select_option("select[name=organisation]", str(shelter.pk))
    submit(page)
    assert "Opvang E2E" in page.locator("#team").inner_text()

    # 3. record the person's consent for the shelter, identity data
    page.click(f"a[href='/staff/cases/{case.pk}/consent/add/']")
    page.check(f"input[name=organisations][value='{shelter.pk}']")
    page.check("input[name=data_categories][value=identity]")
    submit(page)

    # 4. a referral sharing identity data cannot go without a legal basis...
    page.click(f"a[href='/staff/cases/{case.pk}/referrals/add/']")
    page.select_option("select[name=to_organisation]", str(shelter.pk))
    page.fill("input[name=purpose]", "Opvangplek en begeleiding")
    page.check("input[name=data_categories][value=identity]")
    submit(page)
    assert page.locator(".utrecht-form-field-error-message, .uitweg-errorlist, "
                        "[role=alert]").count() > 0
    assert not case.referrals.exists()
    # ... and goes with the consent
    page.select_option("select[name=legal_basis]", "consent")
    page.select_option("select[name=consent]", index=1)
    submit(page)
    referral = case.referrals.get()
    assert referral.status == ReferralStatus.PROPOSED and referral.consent is not None
    assert "Opvang E2E" in page.locator("#referrals").inner_text()

    # 5. the partner logs in, sees the case and accepts the referral
    context = browser.new_context(locale="nl-NL")
    other = context.new_page()
    try:
        login(other, live_server, partner)
        other.goto(f"{live_server.url}/staff/cases/")
        other.click(f"a[href='{case.get_absolute_url()}']")
        other.click(f"a[href='/staff/cases/{case.pk}/referrals/{referral.pk}/']")
        other.select_option("select[name=status]", "accepted")
        other.click("main form.uitweg-form button[type=submit]")
        other.wait_for_url(f"**{case.get_absolute_url()}**")
    finally:
        context.close()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    page.reload()
    timeline = page.locator("#timeline").inner_text()
    assert "Opvang E2E" in timeline

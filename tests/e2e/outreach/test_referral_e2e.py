"""A referral to care from an outreach contact in a real browser (issue 12.4): the worker chooses
the care organisation, notes the consent and refers; what followed shows the organisation and
the case number (no link: the worker cannot open the file). axe finds no serious violation;
screenshots at 1280 and 390 px go to ``SCREENSHOT_DIR`` when it is set."""

import os

import pytest

from uitweg.testing.browser import login_with_totp, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_worker_refers_a_contact_with_consent(axe_page, live_server):
    from django.core.cache import cache

    from uitweg.cases.models import Case, Referral
    from uitweg.outreach.tests.factories import contact, team_org, worker
    from uitweg.signals.tests.factories import care_org

    cache.clear()
    care = care_org(name="Zorgcoördinatie E2E")
    me = worker(team_org(name="Opvang E2E"), username="sanne")
    person = contact(me, handle="@Jade_2026", phone="06-12345678")
    page = axe_page
    login_with_totp(page, live_server.url, me)
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    form = page.locator("form[data-testid=referral-form]")
    form.locator("select[name=to_organisation]").select_option(label=care.name)
    form.locator("input[name=purpose]").fill("Wil stoppen en zoekt opvang.")
    form.locator("input[name=forms_seen][value=sexual]").check()
    form.locator("textarea[name=consent_note]").fill(
        "Stemde vandaag mondeling in met verwijzing, zonder naam en nummer.")
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    case = Case.objects.get()
    followed = page.locator("[data-testid=follow-ups]").inner_text()
    assert case.number in followed and care.name in followed
    assert page.locator("[data-testid=follow-ups] a").count() == 0
    assert Referral.objects.get().to_organisation == care
    assert run_axe(page) == []
    if directory := os.environ.get("SCREENSHOT_DIR"):
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{directory}/outreach-referral-{width}.png", full_page=True)

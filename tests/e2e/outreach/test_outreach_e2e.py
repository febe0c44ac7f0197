"""An outreach worker's round in a real browser (issue 12, "Must show"): start a round, log three
contacts (one known before), report a signal from one with two indicators and see it in what
followed and in the follow-up list. axe finds no serious or critical violation on the pages."""

import pytest

from uitweg.testing.browser import login_with_totp, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting():
    from django.core.cache import cache

    from uitweg.outreach.tests.factories import contact, lead, open_round, team_org, worker
    from uitweg.signals.tests.factories import care_org

    cache.clear()
    care_org(name="Zorgcoördinatie E2E")
    org = team_org(name="Opvang E2E")
    colleague = lead(org, username="lotte")
    open_round(colleague)  # the platform "Kinky.nl"
    earlier = contact(colleague, handle="@Bella_7", response="replied")
    return {"worker": worker(org, username="sanne"), "earlier": earlier}


def submit(page, testid_or_action):
    page.locator(f"{testid_or_action} button[type=submit]").click()
    page.wait_for_load_state()


def log_contact(page, handle, phone=""):
    form = page.locator("form[data-testid=contact-form]")
    form.locator("input[name=handle]").fill(handle)
    form.locator("input[name=phone]").fill(phone)
    form.locator("select[name=response]").select_option("replied")
    submit(page, "form[data-testid=contact-form]")


def test_a_round_three_contacts_one_known_and_a_signal(axe_page, live_server, setting):
    from django.utils import timezone

    from uitweg.outreach.models import Contact
    from uitweg.signals.models import Signal

    page = axe_page
    login_with_totp(page, live_server.url, setting["worker"])
    page.goto(f"{live_server.url}/staff/outreach/")
    assert run_axe(page) == []

    # 1. Start a round on Kinky.nl for women in Den Haag.
    page.select_option("select[name=platform]", label="Kinky.nl")
    page.select_option("select[name=target_group]", "women")
    page.fill("input[name=region]", "Den Haag")
    submit(page, "form[action$='/rounds/start/']")
    page.wait_for_url("**/staff/outreach/rounds/*/")
    assert run_axe(page) == []

    # 2. Three contacts; the profile link of @Bella_7 is known before.
    log_contact(page, "@Jade_2026", "06-12345678")
    log_contact(page, "https://www.kinky.nl/profiel/bella_7/")
    assert "C-%d" % setting["earlier"].pk in page.locator(
        ".utrecht-alert:visible, .uitweg-messages:visible, [role=status]:visible, main").first \
        .inner_text()
    log_contact(page, "Mia.Escort ")
    assert page.locator("[data-testid=round-contacts] li").count() == 3
    assert Contact.objects.count() == 3  # two new, one known before

    # 3. A signal from Jade with two indicators and her consent; a follow-up today.
    from uitweg.outreach.identifiers import handle_identifier
    from uitweg.outreach.models import ContactIdentifier

    jade = ContactIdentifier.objects.get(digest=handle_identifier("@Jade_2026").digest).contact
    page.click(f"text=C-{jade.pk}")
    page.wait_for_url(f"**/staff/outreach/contacts/{jade.pk}/")
    assert "06-…78" in page.locator("[data-testid=phone]").inner_text()
    assert run_axe(page) == []
    form = page.locator("form[data-testid=signal-form]")
    form.locator("textarea[name=description]").fill(
        "Vertelt dat een 'vriend' haar advertenties plaatst en het geld houdt.")
    form.locator("input[name=indicators][value=withholding_of_wages]").check()
    form.locator("input[name=indicators][value=debt_bondage]").check()
    form.locator("input[name=consent]").check()
    submit(page, "form[data-testid=signal-form]")
    signal = Signal.objects.get()
    assert signal.indicators == ["withholding_of_wages", "debt_bondage"]
    assert signal.reference in page.locator("[data-testid=follow-ups]").inner_text()

    # 4. Plan the follow-up for today: it is in the worker's follow-up list.
    update = page.locator(f"form[action$='/contacts/{jade.pk}/update/']")
    update.locator("input[name=next_follow_up]").fill(timezone.localdate().isoformat())
    update.locator("select[name=response]").select_option("replied")
    submit(page, f"form[action$='/contacts/{jade.pk}/update/']")
    page.goto(f"{live_server.url}/staff/outreach/")
    assert f"C-{jade.pk}" in page.locator("[data-testid=follow-ups]").inner_text()
    page.goto(f"{live_server.url}/staff/outreach/known-before/?handle=%40bella_7")
    assert run_axe(page) == []

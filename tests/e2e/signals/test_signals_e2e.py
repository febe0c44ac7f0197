"""A member of the public reports in Polish; an intake officer logs in (TOTP), triages and links."""

import re

import pytest

from uitweg.testing.browser import login_with_totp, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(page, live_server, user):
    login_with_totp(page, live_server.url, user)


@pytest.fixture
def setting():
    from django.core.cache import cache

    from uitweg.signals.models import RoutingRule
    from uitweg.signals.services import SignalData, submit_public_report
    from uitweg.signals.tests.factories import care_org, intake_officer

    cache.clear()
    org = care_org(name="Zorgcoördinatie E2E")
    RoutingRule.objects.create(name="all", order=100, organisation=org, team="Intake")
    earlier, _code = submit_public_report(data=SignalData(
        description="Vans stop here at night", addresses=["Hoefkade 12, Den Haag"]),
        language="nl")
    officer = intake_officer(org, username="ilse")
    return {"earlier": earlier, "officer": officer}


def test_polish_report_is_triaged_and_linked_by_the_intake_officer(axe_page, live_server,
                                                                   setting):
    page = axe_page
    # 1. The public: the Polish form, 112 above it, accessible.
    page.goto(f"{live_server.url}/pl/report/")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert "Zadzwoń pod 112" in page.locator(".uitweg-emergency").inner_text()
    assert run_axe(page) == []
    page.fill("textarea[name=description]",
              "Kobiety mieszkają nad salonem i nigdy nie wychodzą same. <b>pilne</b>")
    page.fill("input[name=location]", "Hoefkade 12, Den Haag")
    page.fill("input[name=observed_when]", "w zeszłym tygodniu")
    page.check("input[name=forms_seen][value=sexual]")
    page.check("input[name=indicators][value=restriction_of_movement]")
    page.check("input[name=indicators][value=retention_of_documents]")
    page.check("input[name=child_involved][value=no]")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=report-code]")
    assert "Dziękujemy za zgłoszenie" in page.content()
    assert run_axe(page) == []
    code = page.locator("[data-testid=report-code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)

    # The status page in Polish: received.
    page.goto(f"{live_server.url}/pl/report/status/")
    page.fill("input[name=code]", code)
    page.click("button[type=submit]")
    assert page.locator("[data-testid=stage]").inner_text() == "Przyjęte"
    assert run_axe(page) == []

    # 2. The intake officer: real login with TOTP, the new signal, its priority explained.
    from uitweg.signals.models import Signal

    signal = Signal.objects.exclude(pk=setting["earlier"].pk).get()
    assert signal.language == "pl"
    login(page, live_server, setting["officer"])
    page.goto(f"{live_server.url}/staff/signals/")
    page.click(f"text={signal.reference}")
    page.wait_for_url(f"**/staff/signals/{signal.reference}/")
    assert page.locator("[data-testid=priority]").inner_text() == "Hoog"
    assert "documenten ingehouden" in page.locator("[data-testid=why]").inner_text()
    assert "<b>pilne</b>" in page.locator("[data-testid=description]").inner_text()

    # Triage: a minor is involved after all → urgent.
    page.check("input[name=triage-minor][value=yes]")
    page.fill("textarea[name=triage-note]", "Gesproken met melder via tolk")
    page.click("text=Triage opslaan")
    page.wait_for_selector("text=Triage opgeslagen.")
    assert page.locator("[data-testid=priority]").inner_text() == "Urgent"
    assert page.locator("[data-testid=status]").inner_text().startswith("Getrieerd")

    # Link: the earlier signal at the same address is a candidate.
    earlier = setting["earlier"].reference
    assert earlier in page.locator("[data-testid=candidates]").inner_text()
    page.click(f"button:has-text('Koppel {earlier}')")
    page.wait_for_selector("text=Gekoppeld.")
    assert earlier in page.locator("[data-testid=linked]").inner_text()
    assert run_axe(page) == []

    # 3. The reporter sees only the neutral stage.
    page.goto(f"{live_server.url}/pl/report/status/")
    page.fill("input[name=code]", code)
    page.click("button[type=submit]")
    assert page.locator("[data-testid=stage]").inner_text() == "W trakcie rozpatrywania"
    body = page.locator("main").inner_text()
    for secret in (earlier, signal.reference, "Zorgcoördinatie", "Hoefkade", "Urgent"):
        assert secret not in body

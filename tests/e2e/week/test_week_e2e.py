"""The Week in a real browser (issue 11, "Must show"): a visitor reads the programme in Polish,
registers for a full event, lands on the waiting list, is promoted when someone cancels through
the link in their e-mail, and receives both e-mails. axe finds no serious or critical violation
on the programme, the event page with its registration form and the result page, in Polish."""

from pathlib import Path

import pytest

from uitweg.testing.browser import run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENS = Path("/tmp/uitweg-week-screens")


@pytest.fixture
def full_event():
    from django.core.cache import cache

    from uitweg.week.tests.factories import make_event, sign_up

    cache.clear()
    event = make_event(capacity=1, title={"nl": "Gastles mensenhandel",
                                          "pl": "Lekcja o handlu ludźmi"},
                       description={"nl": "Over uitbuiting.", "pl": "O wyzysku."})
    sign_up(event, 1, prefix="first")
    yield event
    cache.clear()


def test_a_visitor_joins_the_waiting_list_and_is_promoted_after_a_cancellation(
        axe_page, live_server, full_event, mailoutbox):
    page = axe_page
    SCREENS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/pl/week/")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert page.get_by_text("Lekcja o handlu ludźmi").is_visible()
    assert run_axe(page) == []
    page.get_by_role("link", name="Lekcja o handlu ludźmi").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=full]").is_visible()
    assert run_axe(page) == []
    page.fill("input[name=name]", "Ewa Kowalska")
    page.fill("input[name=email]", "ewa@example.org")
    page.locator("form.uitweg-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=outcome]").get_attribute("data-outcome") == "waitlisted"
    assert run_axe(page) == []
    page.screenshot(path=str(SCREENS / "registered-pl.png"), full_page=True)
    waiting_mail = [m for m in mailoutbox if m.to == ["ewa@example.org"]]
    assert len(waiting_mail) == 1 and not waiting_mail[0].attachments
    assert "Lekcja o handlu ludźmi" in waiting_mail[0].subject

    # the first person cancels with the link from their confirmation
    first = next(m for m in mailoutbox if m.to == ["first0@example.org"])
    link = next(word for word in first.body.split() if "/week/cancel/" in word)
    page.goto(live_server.url + link.split("testserver", 1)[1])
    page.locator("form.uitweg-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=cancelled]").is_visible()
    assert run_axe(page) == []

    ewa = [m for m in mailoutbox if m.to == ["ewa@example.org"]]
    assert len(ewa) == 2, [m.subject for m in ewa]
    promoted = ewa[1]
    assert promoted.attachments and promoted.attachments[0][0].endswith(".ics")
    from uitweg.week.models import Registration

    assert Registration.objects.get(status="confirmed").promoted_at is not None

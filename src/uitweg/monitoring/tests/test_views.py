"""The monitoring pages, CSV and PDF: who may see them, and that no small count ever shows."""

import csv
import html
import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse

from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.cases.tests.factories import coordinator, make_case
from uitweg.chat import services as chat_services
from uitweg.chat.models import Registration
from uitweg.monitoring.periods import Period
from uitweg.monitoring.tables import CountTable, shown
from uitweg.signals.tests.factories import make_signal
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

FIGURES = "monitoring:figures"


def _user(*roles):
    return UserFactory(organisation=OrganisationFactory(), roles=list(roles))


@pytest.fixture
def analyst_client(client):
    return force_login_with_mfa(client, _user(Role.ANALYST))


@pytest.fixture
def world():
    """Small numbers on purpose: 7 sexual and 2 labour cases in 2025, 3 signals, 6 chats."""
    by = coordinator()
    cases = [make_case(by=by, first_signal_date=date(2025, 1 + i % 3, 2 + i), forms=("sexual",),
                       minor_on_first_signal=i < 3) for i in range(7)]
    cases += [make_case(by=by, first_signal_date=date(2025, 6, 1 + i), forms=("labour",))
              for i in range(2)]
    signals = []
    for _ in range(3):
        signal = make_signal()
        signal.received_at = datetime(2025, 3, 3, 10, tzinfo=UTC)
        signal.save()
        signals.append(signal)
    for i in range(6):
        Registration.objects.create(day=date(2025, 2, 1 + i), topic="work" if i else "other",
                                    outcome="informed")
    return {"cases": cases, "signals": signals}


@pytest.mark.parametrize("role", [Role.ANALYST, Role.CARE_COORDINATOR])
def test_analysts_and_coordinators_see_the_figures(client, world, role):
    force_login_with_mfa(client, _user(role))
    response = client.get(reverse(FIGURES), {"year": "2025"})
    assert response.status_code == 200
    assert b"Personen in beeld" in response.content


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.INTAKE_OFFICER, Role.CHAT_COUNSELLOR,
                                  Role.FUNCTIONAL_ADMIN])
def test_other_roles_are_refused(client, role):
    force_login_with_mfa(client, _user(role))
    for name in (FIGURES, "monitoring:figures_csv", "monitoring:report_pdf"):
        assert client.get(reverse(name)).status_code == 403


def test_the_analyst_still_cannot_open_a_case_a_signal_or_a_chat(analyst_client, world):
    conversation, _token = chat_services.start_conversation(nickname="Sam")
    case, signal = world["cases"][0], world["signals"][0]
    for url in (reverse("cases:detail", args=[case.pk]),
                reverse("signals:detail", args=[signal.reference]),
                reverse("chat:conversation", args=[conversation.public_id])):
        response = analyst_client.get(url)
        assert response.status_code in (403, 404), url
        assert case.person.full_name.encode() not in response.content


def test_a_figures_page_writes_no_access_log_entry(analyst_client, world):
    before = AccessLogEntry.objects.count()
    assert analyst_client.get(reverse(FIGURES), {"year": "2025"}).status_code == 200
    assert AccessLogEntry.objects.count() == before


def _numbers_shown(page: str) -> list[str]:
    """Every table cell and every text drawn in a chart."""
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page, flags=re.S)
    texts = re.findall(r"<text[^>]*>(.*?)</text>", page, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", t)).strip() for t in cells + texts]


def _assert_nothing_small(values, threshold):
    seen = 0
    for value in values:
        for number in re.findall(r"(?<![<\dQ])\d+(?!\d)", value):
            if not re.fullmatch(r"(19|20)\d\d", number):  # a year label
                assert int(number) >= threshold, f"{value!r} shows a count below {threshold}"
                seen += 1
    return seen


@pytest.mark.parametrize("threshold", [5, 3])
def test_no_page_or_export_shows_a_count_below_the_threshold(analyst_client, world, threshold):
    with override_settings(MONITORING_SUPPRESSION_THRESHOLD=threshold):
        for query in ({"year": "2025"}, {"year": "2025", "quarter": "1"}, {"year": "2024"}):
            page = analyst_client.get(reverse(FIGURES), query).content.decode()
            assert f"&lt;{threshold}" in page
            _assert_nothing_small(_numbers_shown(page), threshold)
        response = analyst_client.get(reverse("monitoring:figures_csv"), {"year": "2025"})
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        counts = [row[-1] for row in rows[1:]]
        assert f"<{threshold}" in counts
        assert _assert_nothing_small(counts, threshold) > 0  # the 7 (or 9) is shown


def test_the_page_shows_the_big_numbers_and_hides_the_small(analyst_client, world):
    page = analyst_client.get(reverse(FIGURES), {"year": "2025"}).content.decode()
    table = re.search(r'data-testid="table-persons.form".*?</table>', page, flags=re.S).group(0)
    row_2025 = re.search(r"<th[^>]*>2025</th>(.*?)</tr>", table, flags=re.S).group(1)
    labels = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row_2025)]
    assert labels[0] == "7" and labels[1] == "<5" and labels[-1] == "9"


def test_charts_are_accessible_svg_beside_their_table(analyst_client, world):
    page = analyst_client.get(reverse(FIGURES), {"year": "2025"}).content.decode()
    svgs = re.findall(r"<svg[^>]*>", page)
    assert svgs and all('role="img"' in s and "aria-label=" in s for s in svgs)
    assert page.count("<title>") >= len(svgs)
    assert "cdn" not in page.lower() and not re.search(r"src=\"https?:", page)


def test_bad_input_never_breaks_the_page(analyst_client):
    for query in ({"year": "x"}, {"year": "99999"}, {"quarter": "7"}, {"source": "nope"},
                  {"year": "2025", "quarter": "-1"}):
        assert analyst_client.get(reverse(FIGURES), query).status_code == 200


def test_the_yearly_report_is_a_pdf(analyst_client, world):
    response = analyst_client.get(reverse("monitoring:report_pdf"), {"year": "2025"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "monitoring-2025.pdf" in response["Content-Disposition"]


def test_a_withheld_table_says_too_few_to_show():
    table = shown(CountTable("persons.form", "By form", Period(2025).trend(1),
                             [("a", "A")], [[9]]), threshold=5)
    html_text = render_to_string("monitoring/_table.html", {
        "table": replace(table, table=replace(table.table, withheld=True)), "caption": "x"})
    assert "te weinig om te tonen" in html_text and "9" not in html_text


def test_the_analysts_dashboard_shows_persons_in_view(analyst_client, world):
    page = analyst_client.get(reverse("dashboard")).content.decode()
    assert "Personen in beeld" in page and reverse(FIGURES) in page

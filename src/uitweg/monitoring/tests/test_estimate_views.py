"""The estimate pages: who may use them, the progress bar, the result, and no individual."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.monitoring.models import EstimateRun, EstimateStatus
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

from .conftest import YEAR
from .test_estimate import DUMMY, IMMEDIATE, LISTS

pytestmark = pytest.mark.django_db


def login(client, *roles):
    return force_login_with_mfa(client, UserFactory(organisation=OrganisationFactory(),
                                                    roles=list(roles)))


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.INTAKE_OFFICER, Role.FUNCTIONAL_ADMIN])
def test_other_roles_are_refused(client, role):
    login(client, role)
    assert client.get(reverse("monitoring:estimate")).status_code == 403
    assert client.post(reverse("monitoring:estimate"), {"year": YEAR}).status_code == 403
    assert not EstimateRun.objects.exists()


@override_settings(TASKS=DUMMY)
def test_starting_shows_the_progress_and_a_second_start_joins_it(client):
    login(client, Role.ANALYST)
    response = client.post(reverse("monitoring:estimate"), {"year": YEAR})
    run = EstimateRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:estimate_run", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and 'hx-trigger="every 1s"' in page
    assert 'http-equiv="refresh"' in page  # without JavaScript the page reloads itself
    login(client, Role.CARE_COORDINATOR)
    again = client.post(reverse("monitoring:estimate"), {"year": YEAR})
    assert again["Location"] == response["Location"] and EstimateRun.objects.count() == 1


def test_a_bad_year_is_a_clear_error_not_a_500(client):
    login(client, Role.ANALYST)
    for year in ("", "soon", str(timezone.localdate().year + 3)):
        response = client.post(reverse("monitoring:estimate"), {"year": year})
        assert response.status_code == 400
        assert 'data-testid="estimate-error"' in response.content.decode()
    assert not EstimateRun.objects.exists()


def test_progress_fragment_asks_for_the_page_when_finished(client):
    login(client, Role.ANALYST)
    run = EstimateRun.objects.create(year=YEAR, status=EstimateStatus.RUNNING, progress=40,
                                     stage="bootstrap")
    url = reverse("monitoring:estimate_progress", args=[run.pk])
    assert 'value="40"' in client.get(url).content.decode()
    EstimateRun.objects.filter(pk=run.pk).update(status=EstimateStatus.DONE)
    assert client.get(url)["HX-Refresh"] == "true"


@override_settings(TASKS=IMMEDIATE, MONITORING_ESTIMATE_LISTS=LISTS,
                   MONITORING_ESTIMATE_BOOTSTRAP=100)
def test_the_result_page_gives_the_estimate_the_model_and_the_lists_but_no_one(
        client, population, django_capture_on_commit_callbacks):
    login(client, Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:estimate"), {"year": YEAR})
    run = EstimateRun.objects.get()
    assert run.status in (EstimateStatus.DONE, EstimateStatus.REFUSED), run.message
    before = AccessLogEntry.objects.count()
    page = client.get(response["Location"]).content.decode()
    assert AccessLogEntry.objects.count() == before  # aggregates: no access-log entry
    if run.status == EstimateStatus.DONE:
        assert 'data-testid="estimate-result"' in page and "12" in page
    else:
        assert 'data-testid="estimate-refused"' in page
    assert 'data-testid="estimate-lists"' in page
    for name, _dob in population:
        assert name.split()[1] not in page
    overview = client.get(reverse("monitoring:estimate")).content.decode()
    assert str(YEAR) in overview


def test_the_methods_page_explains_in_plain_language(client):
    login(client, Role.CARE_COORDINATOR)
    page = client.get(reverse("monitoring:estimate_methods"))
    assert page.status_code == 200
    assert 'data-testid="methods-lists"' in page.content.decode()

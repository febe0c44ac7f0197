"""The estimate from the platform's own registrations: lists, linkage, the task and its pages."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.audit.models import AccessLogEntry
from uitweg.core.refusals import Refused
from uitweg.monitoring import estimate_lists, estimates
from uitweg.monitoring.models import EstimateRun, EstimateStatus
from uitweg.monitoring.registrations import linked_registrations
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

from .conftest import YEAR

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
         "estimates": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
             "estimates": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LISTS = "police=police; care=care_coordination+shelter; youth=youth_care"


def analyst():
    return UserFactory(organisation=OrganisationFactory(), roles=[Role.ANALYST])


def test_lists_are_parsed_and_bad_definitions_refused():
    lists = estimate_lists.parse("police=police+kmar; care=shelter")
    assert lists.names == ("police", "care") and lists.list_of("kmar") == "police"
    assert lists.list_of("ngo") is None
    for bad in ("police=police", "police=police; police=shelter", "a=x; b=x", "Bad name=x; b=y",
                "nonsense"):
        with pytest.raises(estimate_lists.ListsError):
            estimate_lists.parse(bad)


def test_registrations_are_linked_across_organisations_into_counts_only(population):
    linked = linked_registrations(YEAR, estimate_lists.parse(LISTS))
    assert linked.registrations == 16  # "Someone Else" is on no list
    assert linked.left_out == {OrganisationKind.OTHER: 1}
    assert linked.persons == 12
    assert linked.table.observed == 12
    assert linked.table.list_totals == {"police": 8, "care": 7, "youth": 1}
    text = json.dumps(linked.to_dict())
    for name, _dob in population:
        assert name.split()[1] not in text and "1980" not in text


@override_settings(TASKS=DUMMY)
def test_two_analysts_starting_the_same_estimate_get_one_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, created = estimates.start_estimate(by=analyst(), year=YEAR)
        second, again = estimates.start_estimate(by=analyst(), year=YEAR)
    assert created and not again and first.pk == second.pk
    assert EstimateRun.objects.count() == 1
    assert EstimateRun.objects.get().task_id


def test_only_figure_roles_start_an_estimate_and_only_for_a_real_year():
    with pytest.raises(Refused):
        estimates.start_estimate(by=UserFactory(roles=[Role.CASE_WORKER]), year=YEAR)
    with pytest.raises(ValueError):
        estimates.start_estimate(by=analyst(), year=timezone.localdate().year + 1)
    assert not EstimateRun.objects.exists()


@override_settings(TASKS=IMMEDIATE, MONITORING_ESTIMATE_LISTS=LISTS,
                   MONITORING_ESTIMATE_BOOTSTRAP=0)
def test_the_task_links_estimates_and_logs_its_one_read(population,
                                                        django_capture_on_commit_callbacks):
    user = analyst()
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = estimates.start_estimate(by=user, year=YEAR)
    run.refresh_from_db()
    assert run.status in (EstimateStatus.DONE, EstimateStatus.REFUSED), run.message
    assert run.result["linkage"]["persons"] == 12
    entry = AccessLogEntry.objects.get(object_type="monitoring.linkage")
    assert entry.username == user.username and "16 registrations" in entry.object_label


@override_settings(TASKS=IMMEDIATE, MONITORING_ESTIMATE_LISTS=LISTS)
def test_a_year_without_registrations_is_refused_with_the_reason(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = estimates.start_estimate(by=analyst(), year=YEAR - 5)
    run.refresh_from_db()
    assert run.status == EstimateStatus.REFUSED and run.message
    assert "estimate" not in run.result


@override_settings(TASKS=IMMEDIATE, MONITORING_ESTIMATE_LISTS="police=police")
def test_a_task_that_fails_says_so(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = estimates.start_estimate(by=analyst(), year=YEAR)
    run.refresh_from_db()
    assert run.status == EstimateStatus.FAILED and "MONITORING_ESTIMATE_LISTS" in run.message


def test_a_worker_that_stopped_leaves_no_estimate_shown_as_running(client):
    run = EstimateRun.objects.create(year=YEAR, status=EstimateStatus.RUNNING, progress=40)
    EstimateRun.objects.filter(pk=run.pk).update(
        updated_at=timezone.now() - estimates.STALE_AFTER - timedelta(minutes=1))
    force_login_with_mfa(client, analyst())
    page = client.get(reverse("monitoring:estimate_run", args=[run.pk]))
    assert page.status_code == 200
    assert 'data-testid="estimate-failed"' in page.content.decode()
    run.refresh_from_db()
    assert run.status == EstimateStatus.FAILED


@pytest.mark.django_db(transaction=True)
@override_settings(MONITORING_ESTIMATE_LISTS=LISTS, MONITORING_ESTIMATE_BOOTSTRAP=0)
def test_the_database_worker_runs_the_queued_estimate(population):
    """The real queue: django-tasks' database backend and its worker command.

    Transactional, as the worker is in production: it closes connections whose autocommit
    differs from the settings, which on PostgreSQL would close the test's own transaction.
    """
    run, _ = estimates.start_estimate(by=analyst(), year=YEAR)
    estimates.enqueue(run)  # on commit, in real life
    call_command("db_worker", "--batch", "--backend", "estimates", "--no-startup-delay",
                 "--queue-name", "*")
    run.refresh_from_db()
    assert run.status in (EstimateStatus.DONE, EstimateStatus.REFUSED), run.message


def test_make_run_starts_the_estimate_worker_beside_the_web_server():
    from pathlib import Path

    from uitweg.core.serve import task_worker_command

    command = task_worker_command()
    assert command[1:4] == ["-m", "django", "db_worker"]
    assert "--backend" in command and command[command.index("--backend") + 1] == "estimates"
    makefile = (Path(__file__).resolve().parents[4] / "Makefile").read_text()
    assert "uitweg.core.serve --host $(HOST) --port $(PORT) --with-tasks" in makefile

"""Dates that cannot be right are refused by the case services themselves (core.plausibility), so
every entry point — form, conversion from a signal, API, command — gets the same rule."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from uitweg.cases import services
from uitweg.cases.models import CareAction, Case, Meeting

from .factories import coordination_org, coordinator, make_case

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time("2026-11-29 10:00"):
        yield


def test_a_date_of_birth_before_1900_is_refused_and_nothing_is_opened():
    boss = coordinator(coordination_org())
    with pytest.raises(services.InvalidValue) as caught:
        make_case(by=boss, person={"date_of_birth": date(1850, 1, 1)})
    assert caught.value.field == "date_of_birth"
    assert "1900" in str(caught.value)
    assert not Case.objects.exists()


def test_an_action_due_in_1990_is_refused():
    boss = coordinator(coordination_org())
    case = make_case(by=boss)
    need = services.add_need(by=boss, case=case, domain="shelter", description="Opvang")
    with pytest.raises(services.InvalidValue) as caught:
        services.add_action(by=boss, need=need, description="Intake",
                            responsible_organisation=boss.organisation,
                            due_date=date(1990, 1, 1))
    assert caught.value.field == "due_date"
    assert not CareAction.objects.exists()
    action = services.add_action(by=boss, need=need, description="Intake",
                                 responsible_organisation=boss.organisation,
                                 due_date=date(2026, 12, 5))
    assert action.due_date == date(2026, 12, 5)


def test_a_reflection_period_starting_years_ahead_is_refused():
    boss = coordinator(coordination_org())
    case = make_case(by=boss)
    with pytest.raises(services.InvalidValue) as caught:
        services.update_clocks(by=boss, case=case, expected_version=case.version, values={
            **dict.fromkeys(services.CLOCK_FIELDS), "reflection_start": date(2029, 1, 1)})
    assert caught.value.field == "reflection_start"
    case.refresh_from_db()
    assert case.reflection_start is None


def test_a_meeting_years_ahead_is_refused_a_normal_one_is_kept():
    boss = coordinator(coordination_org())
    far = timezone.make_aware(datetime(2031, 1, 1, 10))
    with pytest.raises(services.InvalidValue) as caught:
        services.schedule_meeting(by=boss, title="MDO", scheduled_for=far)
    assert caught.value.field == "scheduled_for"
    assert not Meeting.objects.exists()
    soon = timezone.now() + timedelta(days=7)
    assert services.schedule_meeting(by=boss, title="MDO", scheduled_for=soon).pk

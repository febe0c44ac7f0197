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


# --- odd but possible dates: asked, and saved once the user confirms (issue 10.9) ------------

def test_an_odd_due_date_is_saved_only_once_confirmed():
    boss = coordinator(coordination_org())
    case = make_case(by=boss)
    need = services.add_need(by=boss, case=case, domain="shelter", description="Opvang")
    three_years = date(2029, 12, 1)
    with pytest.raises(services.NeedsConfirmation) as caught:
        services.add_action(by=boss, need=need, description="Verlenging",
                            responsible_organisation=boss.organisation, due_date=three_years)
    assert caught.value.field == "due_date"
    assert [f.code for f in caught.value.findings] == ["deadline.far_ahead"]
    assert "Is that right?" in str(caught.value)
    assert not CareAction.objects.exists()
    action = services.add_action(by=boss, need=need, description="Verlenging",
                                 responsible_organisation=boss.organisation,
                                 due_date=three_years, confirmed=True)
    assert CareAction.objects.get().due_date == three_years
    # a later change of the status keeps the date it was given without asking again
    services.update_action(by=boss, action=action, expected_version=action.version,
                           status="in_progress", due_date=three_years)
    assert CareAction.objects.get().status == "in_progress"


def test_confirming_never_lets_an_impossible_date_through():
    boss = coordinator(coordination_org())
    need = services.add_need(by=boss, case=make_case(by=boss), domain="shelter",
                             description="Opvang")
    with pytest.raises(services.InvalidValue) as caught:
        services.add_action(by=boss, need=need, description="Intake",
                            responsible_organisation=boss.organisation,
                            due_date=date(1990, 1, 1), confirmed=True)
    assert not isinstance(caught.value, services.NeedsConfirmation)
    assert not CareAction.objects.exists()


def test_a_meeting_in_the_past_is_asked_about_then_recorded():
    boss = coordinator(coordination_org())
    yesterday = timezone.now() - timedelta(days=1)
    with pytest.raises(services.NeedsConfirmation) as caught:
        services.schedule_meeting(by=boss, title="MDO", scheduled_for=yesterday)
    assert [f.code for f in caught.value.findings] == ["meeting.in_past"]
    assert not Meeting.objects.exists()
    services.schedule_meeting(by=boss, title="MDO", scheduled_for=yesterday, confirmed=True)
    assert Meeting.objects.count() == 1


def test_an_old_reflection_period_is_confirmed_once_and_not_asked_again():
    boss = coordinator(coordination_org())
    case = make_case(by=boss, first_signal_date=date(2023, 6, 1))
    values = {**dict.fromkeys(services.CLOCK_FIELDS), "reflection_start": date(2023, 6, 1)}
    with pytest.raises(services.NeedsConfirmation) as caught:
        services.update_clocks(by=boss, case=case, expected_version=case.version,
                               values=values)
    assert caught.value.field == "reflection_start"
    assert Case.objects.get(pk=case.pk).reflection_start is None
    case = services.update_clocks(by=boss, case=case, expected_version=case.version,
                                  values=values, confirmed=True)
    assert case.reflection_start == date(2023, 6, 1)
    # adding the shelter placement later does not ask about the confirmed start again
    case = services.update_clocks(by=boss, case=case, expected_version=case.version, values={
        **values, "reflection_end": case.reflection_end, "shelter_kind": "wmo",
        "shelter_start": date(2026, 11, 1)})
    assert case.shelter_start == date(2026, 11, 1)


def test_a_first_signal_long_ago_is_asked_about_before_the_case_is_opened():
    boss = coordinator(coordination_org())
    with pytest.raises(services.NeedsConfirmation):
        make_case(by=boss, first_signal_date=date(2014, 5, 1))
    assert not Case.objects.exists()
    assert make_case(by=boss, first_signal_date=date(2014, 5, 1), confirmed=True).pk


# --- the form: the question in the error summary, a checkbox, saved once ticked -------------

def test_the_action_form_asks_and_saves_once_the_date_is_confirmed(client):
    from django.urls import reverse

    from uitweg.testing.clients import force_login_with_mfa

    boss = coordinator(coordination_org())
    case = make_case(by=boss)
    need = services.add_need(by=boss, case=case, domain="shelter", description="Opvang")
    force_login_with_mfa(client, boss)
    url = reverse("cases:action_add", args=[case.pk, need.pk])
    data = {"description": "Verlenging", "responsible_organisation": boss.organisation.pk,
            "due_date": "2029-12-01"}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and not CareAction.objects.exists()
    assert "data-error-summary" in html and 'href="#id_due_date"' in html
    assert 'name="confirm_dates"' in html and 'type="checkbox"' in html
    asked = response.context["form"].data["confirm_dates_for"]
    assert asked == "due_date=2029-12-01"
    # ticked, but the date was changed to another odd one: asked again, nothing saved
    changed = client.post(url, {**data, "due_date": "2030-06-01", "confirm_dates": "on",
                                "confirm_dates_for": asked})
    assert changed.status_code == 200 and not CareAction.objects.exists()
    # ticked for the date that was asked about: saved
    response = client.post(url, {**data, "confirm_dates": "on", "confirm_dates_for": asked})
    assert response.status_code == 302
    assert CareAction.objects.get().due_date == date(2029, 12, 1)

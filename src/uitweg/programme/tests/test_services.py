"""The action programme's rules, called as every entry point calls them: the services."""

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.core.refusals import Refused
from uitweg.testing.factories import OrganisationFactory, UserFactory

from .. import services
from ..models import Action, IndicatorValue
from ..vocabulary import ActionStatus, IndicatorSource
from .factories import make_action, municipality, policy_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time("2026-11-29 10:00"):
        yield


def _data(action, **changes):
    return services.ActionData(
        pillar=action.pillar, title=action.title, owner_id=action.owner_id,
        start_year=action.start_year, end_year=action.end_year, status=action.status,
        **changes) if not changes else replace(_data(action), **changes)


def test_policy_staff_of_the_municipality_write_the_programme():
    action = make_action()
    assert action.status == ActionStatus.RUNNING and action.version == 1


@pytest.mark.parametrize("kind, roles", [
    (OrganisationKind.CARE_COORDINATION, [Role.ANALYST]),
    (OrganisationKind.MUNICIPALITY, [Role.CARE_COORDINATOR]),
    (OrganisationKind.MUNICIPALITY, [Role.FUNCTIONAL_ADMIN]),
])
def test_others_may_not_write_the_programme(kind, roles):
    other = UserFactory(organisation=OrganisationFactory(kind=kind), roles=roles)
    with pytest.raises(Refused):
        make_action(by=other)
    assert not Action.objects.exists()


def test_the_owner_keeps_progress_but_does_not_rewrite_the_action():
    owner_org = OrganisationFactory(kind=OrganisationKind.SHELTER)
    action = make_action(owner_id=owner_org.pk)
    owner_staff = UserFactory(organisation=owner_org, roles=[Role.ANALYST])
    services.update_status(by=owner_staff, action_id=action.pk, status=ActionStatus.DELAYED,
                           version=1)
    with pytest.raises(Refused):
        services.update_action(by=owner_staff, action_id=action.pk,
                               data=_data(action, title="Anders"), version=2)
    outsider = UserFactory(organisation=OrganisationFactory(), roles=[Role.ANALYST])
    with pytest.raises(Refused):
        services.update_status(by=outsider, action_id=action.pk, status=ActionStatus.DONE,
                               version=2)
    assert Action.objects.get().status == ActionStatus.DELAYED


@pytest.mark.parametrize("changes, field", [
    ({"start_year": 2027, "end_year": 2026}, "end_year"),
    ({"start_year": 1990}, "start_year"),
    ({"end_year": 2099}, "end_year"),
    ({"title": "  "}, "title"),
    ({"pillar": "elsewhere"}, "pillar"),
])
def test_bad_input_names_the_field_and_saves_nothing(changes, field):
    by = policy_staff()
    data = replace(services.ActionData(pillar="prevent", title="Actie", owner_id=by.organisation_id,
                                       start_year=2026, end_year=2027), **changes)
    with pytest.raises(ValidationError) as caught:
        services.create_action(by=by, data=data)
    assert field in caught.value.message_dict
    assert not Action.objects.exists()


def test_a_missing_or_stale_version_is_refused():
    by = policy_staff()
    action = make_action(by=by)
    for version in (None, 7):
        with pytest.raises(ValidationError) as caught:
            services.update_action(by=by, action_id=action.pk,
                                   data=_data(action, title="Nieuw"), version=version)
        assert "version" in caught.value.message_dict
    services.update_action(by=by, action_id=action.pk, data=_data(action, title="Nieuw"),
                           version=1)
    assert Action.objects.get().title == "Nieuw"


def test_milestones_fall_in_the_years_of_the_action_and_can_be_reached():
    by = policy_staff()
    action = make_action(by=by)
    with pytest.raises(ValidationError) as caught:
        services.add_milestone(by=by, action_id=action.pk, title="Te vroeg",
                               due_on=date(1990, 1, 1))
    assert "due_on" in caught.value.message_dict
    milestone = services.add_milestone(by=by, action_id=action.pk, title="Online",
                                       due_on=date(2026, 3, 1))
    services.mark_milestone(by=by, milestone_id=milestone.pk, done=True)
    milestone.refresh_from_db()
    assert milestone.done_on == date(2026, 11, 29)


def test_an_indicator_counts_only_breakdowns_that_exist():
    by = policy_staff()
    action = make_action(by=by)
    with pytest.raises(ValidationError) as caught:
        services.add_indicator(by=by, action_id=action.pk, title="x",
                               source=IndicatorSource.PERSONS, dimension="shoe_size")
    assert "dimension" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.add_indicator(by=by, action_id=action.pk, title="x",
                               source=IndicatorSource.PERSONS, dimension="age",
                               category="teenager")
    assert "category" in caught.value.message_dict
    ok = services.add_indicator(by=by, action_id=action.pk, title="Minderjarigen",
                                source=IndicatorSource.PERSONS, dimension="age",
                                category="minor")
    assert ok.category == "minor"


def test_values_by_hand_only_for_manual_indicators_and_begun_years():
    by = policy_staff()
    action = make_action(by=by)
    counted = services.add_indicator(by=by, action_id=action.pk, title="Signalen",
                                     source=IndicatorSource.SIGNALS)
    manual = services.add_indicator(by=by, action_id=action.pk, title="Flyers",
                                    source=IndicatorSource.MANUAL)
    with pytest.raises(ValidationError):
        services.record_value(by=by, indicator_id=counted.pk, year=2026, value=3)
    with pytest.raises(ValidationError) as caught:
        services.record_value(by=by, indicator_id=manual.pk, year=2027, value=3)
    assert "year" in caught.value.message_dict
    services.record_value(by=by, indicator_id=manual.pk, year=2026, value=300)
    services.record_value(by=by, indicator_id=manual.pk, year=2026, value=350, note="telling")
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [350]


def test_municipality_factory_is_the_same_organisation_each_time():
    assert municipality().pk == municipality().pk

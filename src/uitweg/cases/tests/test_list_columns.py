"""The case list's stored columns (ADR 0115) always equal what the source tables say: after
any sequence of plan changes and other edits through the services, ``Case.next_action_due`` is
the earliest open action and ``Case.last_activity_at`` the latest event, so the list sorted by
next deadline or by activity is the true order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uitweg.cases import case_list, list_columns, owner, services
from uitweg.cases.clocks import DEADLINE_LABELS
from uitweg.cases.models import ActionStatus, Case, LegalDeadline
from uitweg.testing.clients import force_login_with_mfa

from .factories import coordinator, make_case, partner_org

pytestmark = pytest.mark.django_db

ADD = st.tuples(st.just("add"), st.integers(-40, 80))
UPDATE = st.tuples(st.just("update"), st.integers(0, 7), st.sampled_from(ActionStatus.values),
                   st.integers(-40, 80))
OTHER = st.sampled_from([("need",), ("owner",), ("no_owner",)])


@pytest.fixture
def team():
    boss = coordinator()
    return boss, partner_org()


def _apply(step, *, boss, shelter, case, need, actions):
    today = timezone.localdate()
    if step[0] == "add":
        actions.append(services.add_action(
            by=boss, need=need, description="Actie", responsible_organisation=shelter,
            due_date=today + timedelta(days=step[1]), confirmed=True))
    elif step[0] == "update" and actions:
        action = actions[step[1] % len(actions)]
        action.refresh_from_db()
        services.update_action(by=boss, action=action, expected_version=action.version,
                               status=step[2], due_date=today + timedelta(days=step[3]),
                               confirmed=True)
    elif step[0] == "need":
        services.add_need(by=boss, case=case, domain="housing", description="Woning")
    elif step[0] in ("owner", "no_owner"):
        fresh = Case.objects.get(pk=case.pk)
        owner.set_owner(by=boss, case=fresh, owner=boss if step[0] == "owner" else None,
                        expected_version=fresh.version)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.one_of(ADD, UPDATE, OTHER), max_size=8))
def test_the_stored_columns_equal_the_computed_ones_after_any_edits(team, steps):
    boss, shelter = team
    case = make_case(by=boss)
    need = services.add_need(by=boss, case=case, domain="shelter", description="Opvang")
    actions: list = []
    for step in steps:
        _apply(step, boss=boss, shelter=shelter, case=case, need=need, actions=actions)
    stored = Case.objects.values_list("next_action_due", "last_activity_at").get(pk=case.pk)
    assert stored == list_columns.computed(case.pk)


def test_saving_a_case_loaded_earlier_keeps_the_newer_columns(team):
    boss, shelter = team
    case = make_case(by=boss)
    stale = Case.objects.get(pk=case.pk)
    need = services.add_need(by=boss, case=case, domain="shelter", description="Opvang")
    services.add_action(by=boss, need=need, description="Intake", responsible_organisation=shelter,
                        due_date=timezone.localdate() + timedelta(days=3))
    stale.save()  # a full save of an old copy must not put the old values back
    stored = Case.objects.values_list("next_action_due", "last_activity_at").get(pk=case.pk)
    assert stored == list_columns.computed(case.pk)
    assert stored[0] == timezone.localdate() + timedelta(days=3)


def test_the_list_sorts_by_the_stored_columns(team):
    boss, shelter = team
    quiet, busy, later = make_case(by=boss), make_case(by=boss), make_case(by=boss)
    today = timezone.localdate()
    for case, days in ((busy, 2), (later, 9)):
        need = services.add_need(by=boss, case=case, domain="shelter", description="Opvang")
        services.add_action(by=boss, need=need, description="Intake",
                            responsible_organisation=shelter, due_date=today + timedelta(days=days))
    client = force_login_with_mfa(Client(), boss)

    def order(sort):
        page = client.get(reverse("cases:list"), {"sort": sort}).context["page"]
        return [c.number for c in page.object_list]

    assert order("deadline") == [busy.number, later.number, quiet.number]
    assert order("-activity") == [later.number, busy.number, quiet.number]
    assert order("activity") == [quiet.number, busy.number, later.number]


# --- the sort by next deadline from two index walks (case_list.DeadlineOrder) ---------------

DEADLINES = st.lists(st.tuples(st.one_of(st.none(), st.integers(-5, 5)),  # earliest action
                               st.lists(st.integers(-5, 5), max_size=4, unique=True)),  # legal
                     min_size=9, max_size=9)


@pytest.fixture
def nine_cases(team):
    boss, _ = team
    return boss, [make_case(by=boss) for _ in range(9)]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(deadlines=DEADLINES, size=st.integers(1, 5))
def test_every_page_sorted_by_deadline_is_the_one_a_full_sort_gives(nine_cases, deadlines,
                                                                      size):
    _, cases = nine_cases
    today = timezone.localdate()
    LegalDeadline.objects.filter(case__in=cases).delete()
    for case, (action, legal) in zip(cases, deadlines, strict=True):
        Case.objects.filter(pk=case.pk).update(
            next_action_due=None if action is None else today + timedelta(days=action))
        LegalDeadline.objects.bulk_create([
            LegalDeadline(case=case, kind=kind, due=today + timedelta(days=days))
            for kind, days in zip(DEADLINE_LABELS, legal, strict=False)])
    mine = Case.objects.filter(pk__in=[c.pk for c in cases])
    full = [c.pk for c in case_list.ordered(case_list.annotated(mine, today=today), "deadline")]
    walked = case_list.DeadlineOrder(mine, today=today)
    pages = [[c.pk for c in walked[start:start + size]] for start in range(0, 9, size)]
    assert [pk for page in pages for pk in page] == full
    assert [c.next_deadline for c in walked[0:9]] == [
        c.next_deadline for c in case_list.ordered(case_list.annotated(mine, today=today),
                                                   "deadline")]

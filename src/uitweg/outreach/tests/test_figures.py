"""Figures (item 7): small cells suppressed on the page and in the CSV; no formula cells."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from uitweg.accounts.roles import Role
from uitweg.outreach import figures, services
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

from .factories import contact, lead, open_round, team_org, worker

pytestmark = pytest.mark.django_db


@freeze_time("2026-03-15 12:00")
def test_small_counts_are_suppressed_on_the_page_and_in_the_csv():
    org = team_org()
    me = worker(org)
    round_ = open_round(me)
    for i in range(3):  # three contacts in March: a small cell
        contact(me, round_, handle=f"@p{i}", topics=["health"])
    services.close_round(by=me, round_id=round_.pk, profiles_seen=30, profiles_contacted=3)
    data = figures.figures_for(org.pk, 2026)
    new_contacts = data.monthly[2][1]  # "New contacts"
    assert new_contacts.cells[0][2].label() == "<5"
    analyst = UserFactory(organisation=org, roles=[Role.ANALYST])
    client = force_login_with_mfa(Client(), analyst)
    page = client.get(reverse("outreach:figures")).content.decode()
    assert "&lt;5" in page
    csv = client.get(reverse("outreach:figures_csv")).content.decode()
    assert "<5" in csv and ",3," not in csv


@freeze_time("2026-03-15 12:00")
def test_a_platform_name_cannot_become_a_formula_in_the_export():
    org = team_org()
    boss = lead(org)
    evil = services.save_platform(by=boss, name="=HYPERLINK(\"x\")")
    round_ = open_round(boss, evil)
    for i in range(6):
        contact(boss, round_, handle=f"@q{i}")
    client = force_login_with_mfa(Client(), boss)
    csv = client.get(reverse("outreach:figures_csv")).content.decode()
    assert "\n=HYPERLINK" not in csv and ",=HYPERLINK" not in csv


def test_other_roles_get_no_figures():
    client = force_login_with_mfa(Client(), UserFactory(roles=[Role.CASE_WORKER]))
    assert client.get(reverse("outreach:figures")).status_code == 403

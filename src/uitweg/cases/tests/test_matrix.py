"""The authorisation matrix, built from the URL configuration.

Every URL of the ``cases`` namespace that takes a case (``pk``), every role and an organisation
that is the coordinator / a current partner / a former partner / not a member:
- case-role members get their page (200), or 403 on coordinator-only pages for partners;
- everyone else gets 404 (which never says whether the case exists);
- every granted request writes exactly one access-log entry; refused ones none granted.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from uitweg.accounts.roles import CASE_ROLES, Role
from uitweg.audit.models import AccessLogEntry, Outcome
from uitweg.cases import services
from uitweg.cases.models import CaseMembership, MembershipRole
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

from .factories import coordination_org, coordinator, make_case, partner_org


def cases_patterns() -> list[URLPattern]:
    found = []

    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif namespace == "cases":
                found.append(p)

    walk(get_resolver().url_patterns)
    return found


def case_patterns() -> list[URLPattern]:
    return [p for p in cases_patterns() if "pk" in p.pattern.converters]


def test_the_matrix_covers_the_case_urls():
    names = {p.name for p in case_patterns()}
    assert {"detail", "transition", "referral_decide", "subject_access_pdf"} <= names
    assert len(names) >= 15


@pytest.fixture
def world(db):
    coordinating = coordination_org(name="Coordination (matrix)")
    partner = partner_org(name="Shelter (matrix)")
    former = partner_org(name="Former partner (matrix)")
    outsider = partner_org(name="Outsider (matrix)")
    boss = coordinator(coordinating)
    case = make_case(by=boss)
    services.add_member(by=boss, case=case, organisation=partner)
    services.add_member(by=boss, case=case, organisation=former,
                        start_date=timezone.localdate() - timedelta(days=30))
    old = CaseMembership.objects.get(case=case, organisation=former)
    services.end_membership(by=boss, membership=old,
                            end_date=timezone.localdate() - timedelta(days=1))
    need = services.add_need(by=boss, case=case, domain="shelter", description="Opvang")
    action = services.add_action(by=boss, need=need, description="Intake",
                                 responsible_organisation=partner,
                                 due_date=timezone.localdate())
    consent = services.record_consent(by=boss, case=case, given_on=timezone.localdate(),
                                      organisations=[partner], external_recipients=[],
                                      data_categories=["identity"])
    referral = services.send_referral(by=boss, case=case, to_organisation=partner,
                                      purpose="Opvang", data_categories=["identity"],
                                      legal_basis="consent", consent=consent)
    partner_membership = CaseMembership.objects.get(case=case, organisation=partner)
    assert partner_membership.role == MembershipRole.PARTNER
    kwargs = {"pk": case.pk, "membership_pk": partner_membership.pk, "need_pk": need.pk,
              "action_pk": action.pk, "consent_pk": consent.pk, "referral_pk": referral.pk}
    orgs = {"coordinating": coordinating, "partner": partner, "former": former,
            "outsider": outsider}
    return case, kwargs, orgs


def expected_status(pattern: URLPattern, membership: str, role: str) -> int:
    if role not in CASE_ROLES or membership in ("former", "outsider"):
        return 404
    view_class = pattern.callback.view_class
    if membership == "partner" and getattr(view_class, "coordinator_only", False):
        return 403
    return 200


@pytest.mark.parametrize("role", list(Role.values))
def test_authorisation_matrix(world, role):
    case, kwargs, orgs = world
    failures = []
    for membership, organisation in orgs.items():
        user = UserFactory(organisation=organisation, roles=[role])
        client = force_login_with_mfa(Client(), user)
        for pattern in case_patterns():
            url = reverse(f"cases:{pattern.name}",
                          kwargs={k: kwargs[k] for k in pattern.pattern.converters})
            before = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True)[0]
            response = client.get(url)
            new = list(AccessLogEntry.objects.filter(seq__gt=before))
            granted = [e for e in new if e.outcome == Outcome.GRANTED]
            expected = expected_status(pattern, membership, role)
            where = f"{role} / {membership} / {pattern.name}"
            if response.status_code != expected:
                failures.append(f"{where}: {response.status_code}, expected {expected}")
            elif expected == 200 and (len(new) != 1 or len(granted) != 1):
                failures.append(f"{where}: {len(new)} access entries, expected one granted")
            elif expected == 200 and granted[0].object_label != case.number:
                failures.append(f"{where}: entry labelled {granted[0].object_label!r}")
            elif expected != 200 and granted:
                failures.append(f"{where}: refused but wrote a granted entry")
            if expected == 404 and b"Ana Testescu" in response.content:
                failures.append(f"{where}: 404 page shows the name")
    assert not failures, "\n".join(failures)


def test_break_glass_is_the_exception(world, client):
    """An outsider with a case role reaches the detail page only after break-glass."""
    case, _kwargs, orgs = world
    outsider = UserFactory(organisation=orgs["outsider"], roles=[Role.CASE_WORKER])
    force_login_with_mfa(client, outsider)
    assert client.get(case.get_absolute_url()).status_code == 404
    services.break_glass(by=outsider, case=case, reason="Acute safety risk tonight")
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.break_glass and entry.outcome == Outcome.GRANTED
    # break-glass reads; it does not make the outsider a team member who can write
    assert client.get(reverse("cases:note_add", kwargs={"pk": case.pk})).status_code == 404


def test_every_cases_url_answers_a_coordinator_and_refuses_other_roles(world):
    """The URLs without a case: list, open, break-glass, export, meetings."""
    case, _kwargs, orgs = world
    boss = case.coordinating_organisation.staff.get()
    meeting = services.schedule_meeting(by=boss, title="MDO",
                                        scheduled_for=timezone.now() + timedelta(days=1))
    item = services.put_on_agenda(by=boss, meeting=meeting, case=case)
    kwargs = {"meeting_pk": meeting.pk, "item_pk": item.pk, "access_pk": 0}
    analyst = UserFactory(organisation=orgs["coordinating"], roles=[Role.ANALYST])
    boss_client = force_login_with_mfa(Client(), boss)
    analyst_client = force_login_with_mfa(Client(), analyst)
    checked = 0
    for pattern in cases_patterns():
        if "pk" in pattern.pattern.converters or pattern.name in (
                "break_glass_seen", "filter_save", "filter_delete"):
            continue  # case URLs: the matrix above; the others are POST only
        url = reverse(f"cases:{pattern.name}",
                      kwargs={k: kwargs[k] for k in pattern.pattern.converters})
        assert boss_client.get(url).status_code == 200, url
        assert analyst_client.get(url).status_code in (403, 404), url
        checked += 1
    assert checked == 8

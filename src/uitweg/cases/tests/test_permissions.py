"""Who may change a case file, checked by the services themselves (issue 9, finding 4).

Every test calls a service function DIRECTLY with the wrong actor — as a command, another app's
service or a forgotten view would — and expects a refusal (``Refused``, a ``PermissionDenied``
with a reason code) with nothing written: no row, no history event, no access-log entry.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.audit.models import AccessLogEntry
from uitweg.cases import models as case_models
from uitweg.cases import permissions, services
from uitweg.cases.models import (
    AgendaItem,
    BreakGlassAccess,
    CareAction,
    Case,
    CaseMembership,
    Consent,
    Decision,
    Note,
    Person,
    Referral,
    ReferralStatus,
)
from uitweg.testing.factories import OrganisationFactory, UserFactory

from .factories import PERSON, case_worker, coordination_org, coordinator, make_case, partner_org

pytestmark = pytest.mark.django_db


class World:
    """A case coordinated by ``boss``; a shelter and the police on the team; an outsider."""

    def __init__(self):
        self.coordinating = coordination_org(name="Coordination")
        self.boss = coordinator(self.coordinating)
        self.colleague = case_worker(self.coordinating)  # case worker at the coordinator
        self.shelter = partner_org(name="Shelter")
        self.police = OrganisationFactory(kind=OrganisationKind.POLICE, name="Police")
        self.partner = case_worker(self.shelter)
        self.officer = case_worker(self.police)
        self.outsider = case_worker(partner_org(name="Elsewhere"))
        self.analyst = UserFactory(organisation=self.coordinating, roles=[Role.ANALYST])
        self.case = make_case(by=self.boss)
        boss, case = self.boss, self.case
        self.shelter_membership = services.add_member(by=boss, case=case,
                                                      organisation=self.shelter)
        services.add_member(by=boss, case=case, organisation=self.police)
        self.need = services.add_need(by=boss, case=case, domain="shelter", description="Bed")
        self.police_action = services.add_action(
            by=boss, need=self.need, description="Statement", due_date=timezone.localdate(),
            responsible_organisation=self.police)
        self.shelter_action = services.add_action(
            by=boss, need=self.need, description="Intake", due_date=timezone.localdate(),
            responsible_organisation=self.shelter)
        self.consent = services.record_consent(
            by=boss, case=case, given_on=timezone.localdate(),
            organisations=[self.shelter, self.police], external_recipients=["Lawyer B.V."],
            data_categories=["identity"])
        self.to_shelter = services.send_referral(
            by=boss, case=case, to_organisation=self.shelter, purpose="Shelter place")
        self.external = services.send_referral(
            by=boss, case=case, external_organisation="Lawyer B.V.", purpose="Legal aid")
        self.to_police = services.send_referral(
            by=boss, case=case, to_organisation=self.police, purpose="Report")
        self.to_police = services.decide_referral(
            by=self.officer, referral=self.to_police, status=ReferralStatus.ACCEPTED,
            expected_version=1)
        self.access = services.break_glass(by=self.outsider, case=case,
                                           reason="Acute danger tonight")
        self.meeting = services.schedule_meeting(
            by=boss, title="MDO", scheduled_for=timezone.now() + timedelta(days=1))
        self.item = services.put_on_agenda(by=boss, meeting=self.meeting, case=case)
        self.own_meeting = {  # a meeting each organisation organises itself
            user.organisation_id: services.schedule_meeting(
                by=user, title="Own", scheduled_for=timezone.now() + timedelta(days=2))
            for user in (self.partner, self.officer, self.outsider)}

    def case_version(self) -> int:
        return Case.objects.get(pk=self.case.pk).version


@pytest.fixture
def w():
    return World()


def snapshot() -> dict:
    """Everything a refused call must leave as it was."""
    return {
        "counts": {m.__name__: m.objects.count() for m in (
            Case, Person, case_models.CaseEvent, CaseMembership, Note, case_models.CareNeed,
            CareAction, Consent, Referral, BreakGlassAccess, AgendaItem, Decision,
            AccessLogEntry)},
        "cases": list(Case.objects.values_list("pk", "state", "version", "forms",
                                               "reflection_start").order_by("pk")),
        "persons": [(p.pk, p.full_name, p.version) for p in Person.objects.order_by("pk")],
        "members": list(CaseMembership.objects.values_list("pk", "end_date").order_by("pk")),
        "actions": list(CareAction.objects.values_list("pk", "status", "due_date", "version")
                        .order_by("pk")),
        "consents": list(Consent.objects.values_list("pk", "status").order_by("pk")),
        "referrals": list(Referral.objects.values_list("pk", "status", "version")
                          .order_by("pk")),
        "glass": list(BreakGlassAccess.objects.values_list("pk", "acknowledged_at")
                      .order_by("pk")),
    }


def refused(call, code: str | None = None):
    before = snapshot()
    with pytest.raises(PermissionDenied) as exc:
        call()
    assert isinstance(exc.value, permissions.Refused)
    if code:
        assert exc.value.code == code
    assert snapshot() == before, "a refused call wrote something"
    return exc.value


TODAY = timezone.localdate


# --- coordinator-only changes ------------------------------------------------------------------

COORDINATOR_ONLY = {
    "transition": lambda w, by: services.transition(
        by=by, case=w.case, target="assessment", expected_version=w.case_version()),
    "update_person": lambda w, by: services.update_person(
        by=by, case=w.case, expected_version=1, values={**PERSON, "full_name": "Changed"}),
    "update_case_details": lambda w, by: services.update_case_details(
        by=by, case=w.case, expected_version=w.case_version(), values={"forms": ["labour"]}),
    "update_clocks": lambda w, by: services.update_clocks(
        by=by, case=w.case, expected_version=w.case_version(),
        values={**dict.fromkeys(services.CLOCK_FIELDS), "reflection_start": TODAY()}),
    "add_member": lambda w, by: services.add_member(
        by=by, case=w.case, organisation=partner_org(name="New partner")),
    "end_membership": lambda w, by: services.end_membership(
        by=by, membership=w.shelter_membership),
    "record_consent": lambda w, by: services.record_consent(
        by=by, case=w.case, given_on=TODAY(), organisations=[w.shelter],
        external_recipients=[], data_categories=["identity"]),
    "withdraw_consent": lambda w, by: services.withdraw_consent(by=by, consent=w.consent),
    "sensitive_note": lambda w, by: services.add_note(by=by, case=w.case, text="Secret",
                                                      sensitive=True),
}


def test_coordinator_changes_are_refused_to_everyone_else(w):
    """A partner on the team, an outsider with break-glass, a role without case access."""
    for call in COORDINATOR_ONLY.values():
        refused(lambda c=call: c(w, w.partner), permissions.NOT_COORDINATING)
        refused(lambda c=call: c(w, w.outsider), permissions.NOT_COORDINATING)
        refused(lambda c=call: c(w, w.analyst), permissions.NOT_CASE_STAFF)


def test_the_coordinating_organisation_may_make_them(w):
    for call in COORDINATOR_ONLY.values():
        call(w, w.colleague)  # a case worker of the coordinating organisation


# --- team-member writes ------------------------------------------------------------------------

MEMBER_WRITES = {
    "add_note": lambda w, by: services.add_note(by=by, case=w.case, text="Note"),
    "add_need": lambda w, by: services.add_need(by=by, case=w.case, domain="medical",
                                                description="GP"),
    "add_action": lambda w, by: services.add_action(
        by=by, need=w.need, description="Call", responsible_organisation=w.shelter,
        due_date=TODAY()),
    "send_referral": lambda w, by: services.send_referral(
        by=by, case=w.case, to_organisation=w.shelter, purpose="Bed"),
    "put_on_agenda": lambda w, by: services.put_on_agenda(
        by=by, meeting=w.own_meeting[by.organisation_id], case=w.case),
    "record_decision": lambda w, by: services.record_decision(by=by, item=w.item,
                                                              text="Decided"),
}


def test_break_glass_reads_but_does_not_write(w):
    assert Case.objects.visible_to(w.outsider).filter(pk=w.case.pk).exists()
    for call in MEMBER_WRITES.values():
        refused(lambda c=call: c(w, w.outsider), permissions.NOT_MEMBER)


def test_a_former_member_cannot_write_and_a_current_one_can(w):
    for call in MEMBER_WRITES.values():
        call(w, w.officer)
    services.end_membership(by=w.boss, membership=w.shelter_membership)
    for call in MEMBER_WRITES.values():
        refused(lambda c=call: c(w, w.partner), permissions.NOT_MEMBER)


def test_a_case_goes_only_on_the_agenda_of_a_meeting_one_may_see(w):
    other = services.schedule_meeting(by=coordinator(), title="Elsewhere",
                                      scheduled_for=timezone.now())
    refused(lambda: services.put_on_agenda(by=w.boss, meeting=other, case=w.case),
            permissions.MEETING_NOT_VISIBLE)


def test_only_a_care_coordinator_opens_a_case_and_break_glass_needs_a_case_role(w):
    refused(lambda: make_case(by=w.partner), permissions.NOT_COORDINATOR_ROLE)
    refused(lambda: make_case(by=w.analyst), permissions.NOT_COORDINATOR_ROLE)
    refused(lambda: services.break_glass(by=w.analyst, case=w.case,
                                         reason="I want to have a look"),
            permissions.NOT_CASE_STAFF)


# --- care-plan actions belong to their organisation ---------------------------------------------

def test_a_partner_cannot_cancel_or_reschedule_another_organisations_action(w):
    action = w.police_action
    refused(lambda: services.update_action(by=w.partner, action=action, expected_version=1,
                                           status="cancelled", due_date=action.due_date),
            permissions.NOT_RESPONSIBLE)
    refused(lambda: services.update_action(by=w.partner, action=action, expected_version=1,
                                           status=action.status,
                                           due_date=action.due_date + timedelta(days=30)),
            permissions.NOT_RESPONSIBLE)


def test_the_responsible_organisation_and_the_coordinator_update_an_action(w):
    action = services.update_action(by=w.partner, action=w.shelter_action, expected_version=1,
                                    status="in_progress", due_date=w.shelter_action.due_date)
    assert action.status == "in_progress"
    action = services.update_action(by=w.boss, action=action, expected_version=2,
                                    status="done", due_date=action.due_date)
    assert action.status == "done"


# --- referral decisions ------------------------------------------------------------------------

def test_a_team_member_cannot_accept_a_referral_addressed_to_someone_else(w):
    """The shelter accepted a referral addressed to an outside organisation (found in review)."""
    for referral in (w.external, Referral.objects.get(pk=w.to_police.pk)):
        for status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
            refused(lambda r=referral, s=status: services.decide_referral(
                by=w.partner, referral=r, status=s, reason="Not us", expected_version=1),
                permissions.NOT_RECEIVING)


def test_a_partner_cannot_complete_a_referral_to_the_police(w):
    refused(lambda: services.decide_referral(by=w.partner, referral=w.to_police,
                                             status=ReferralStatus.COMPLETED,
                                             expected_version=2),
            permissions.NOT_RECEIVING)
    done = services.decide_referral(by=w.officer, referral=w.to_police,
                                    status=ReferralStatus.COMPLETED, expected_version=2)
    assert done.status == ReferralStatus.COMPLETED


def test_the_referring_organisation_may_not_accept_for_a_platform_organisation(w):
    refused(lambda: services.decide_referral(by=w.boss, referral=w.to_shelter,
                                             status=ReferralStatus.ACCEPTED,
                                             expected_version=1),
            permissions.NOT_RECEIVING)
    accepted = services.decide_referral(by=w.partner, referral=w.to_shelter,
                                        status=ReferralStatus.ACCEPTED, expected_version=1)
    assert accepted.status == ReferralStatus.ACCEPTED


def test_only_the_referrer_withdraws_and_records_an_outside_organisations_answer(w):
    refused(lambda: services.decide_referral(by=w.partner, referral=w.to_shelter,
                                             status=ReferralStatus.WITHDRAWN,
                                             expected_version=1),
            permissions.NOT_REFERRING)
    accepted = services.decide_referral(by=w.colleague, referral=w.external,
                                        status=ReferralStatus.ACCEPTED, expected_version=1)
    assert accepted.status == ReferralStatus.ACCEPTED
    withdrawn = services.decide_referral(by=w.boss, referral=w.to_shelter,
                                         status=ReferralStatus.WITHDRAWN, expected_version=1)
    assert withdrawn.status == ReferralStatus.WITHDRAWN


def test_the_form_offers_exactly_what_the_service_allows(w, client):
    from uitweg.cases.views_edit import ReferralDecideView

    expected = [("partner", w.external, []), ("partner", w.to_police, []),
                ("officer", w.to_police, [ReferralStatus.COMPLETED]),
                ("boss", w.to_police, [ReferralStatus.WITHDRAWN]),
                ("boss", w.external, [ReferralStatus.ACCEPTED, ReferralStatus.DECLINED,
                                      ReferralStatus.WITHDRAWN])]
    for who, referral, offered in expected:
        assert ReferralDecideView.choices_for(getattr(w, who), referral, w.case) == offered


# --- break-glass notices -----------------------------------------------------------------------

def test_only_a_coordinator_of_the_case_acknowledges_a_break_glass_notice(w):
    for user in (w.partner, w.outsider, w.colleague, w.analyst):
        refused(lambda u=user: services.acknowledge_break_glass(by=u, access=w.access))
    other_boss = coordinator()
    refused(lambda: services.acknowledge_break_glass(by=other_boss, access=w.access),
            permissions.NOT_COORDINATING)
    services.acknowledge_break_glass(by=w.boss, access=w.access)
    assert BreakGlassAccess.objects.get(pk=w.access.pk).acknowledged_at is not None


def test_a_refused_post_is_a_403_and_changes_nothing(w, client):
    """The view does not re-check: the service refuses, the page answers 403 with the reason."""
    from uitweg.testing.clients import force_login_with_mfa

    force_login_with_mfa(client, w.partner)
    url = f"/staff/cases/{w.case.pk}/plan/actions/{w.police_action.pk}/"
    before = snapshot()
    response = client.post(url, {"status": "cancelled", "version": 1,
                                 "due_date": w.police_action.due_date.isoformat()})
    assert response.status_code == 403
    with translation.override(response.wsgi_request.LANGUAGE_CODE):  # the page's language
        reason = gettext("Only the responsible organisation or the coordinator can change "
                         "this action.")
    assert reason in response.content.decode()
    after = snapshot()
    after["counts"].pop("AccessLogEntry"), before["counts"].pop("AccessLogEntry")
    assert after == before
    entry = AccessLogEntry.objects.order_by("-seq").first()  # the refusal, logged once
    assert (entry.outcome, entry.reason, entry.object_label) == (
        "denied", permissions.NOT_RESPONSIBLE, w.case.number)


def test_the_case_page_offers_a_referral_decision_only_to_who_may_take_it(w, client):
    from uitweg.testing.clients import force_login_with_mfa

    def offered(user) -> set[int]:
        force_login_with_mfa(client, user)
        html = client.get(w.case.get_absolute_url()).content.decode()
        return {r.pk for r in (w.to_shelter, w.external, w.to_police)
                if f"/referrals/{r.pk}/" in html}

    assert offered(w.partner) == {w.to_shelter.pk}             # to accept or decline
    assert offered(w.officer) == {w.to_police.pk}              # to complete
    assert offered(w.boss) == {w.to_shelter.pk, w.external.pk, w.to_police.pk}  # withdraw
    assert offered(w.outsider) == set()                         # break-glass reads only

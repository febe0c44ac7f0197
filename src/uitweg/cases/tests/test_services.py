"""Rules of the case file, through the services (the one write path)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from freezegun import freeze_time

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.audit.models import AccessLogEntry
from uitweg.cases import services
from uitweg.cases.models import (
    AppendOnly,
    Case,
    CaseEvent,
    CaseMembership,
    CaseState,
    Note,
    Person,
    PersonIdentifier,
    ReferralStatus,
)
from uitweg.cases.queries import cases_matching_identifiers, document_digest
from uitweg.cases.services import CaseClosed, CaseError, LegalBasisMissing, StaleEdit
from uitweg.crypto.index import IdentifierKind, identifier_digest
from uitweg.testing.factories import OrganisationFactory, UserFactory

from .factories import (
    PERSON,
    case_worker,
    coordination_org,
    coordinator,
    make_case,
    make_team,
    partner_org,
)

pytestmark = pytest.mark.django_db


def transition(by, case: Case, target: str, **kwargs) -> Case:
    """Change the status with the version the user would have seen on the page just now."""
    return services.transition(by=by, case=case, target=target,
                               expected_version=Case.objects.get(pk=case.pk).version, **kwargs)


# --- person, encryption, identifiers -----------------------------------------------------------

def test_identifying_data_is_encrypted_at_rest():
    case = make_case(by=coordinator())
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name, date_of_birth, phone_numbers FROM cases_person "
                       "WHERE id = %s", [case.person_id])
        raw = cursor.fetchone()
    assert all(value.startswith("v1:") for value in raw)
    assert "Ana" not in "".join(raw)
    assert Person.objects.get(pk=case.person_id).full_name == "Ana Testescu"


def test_open_case_from_signal_contract():
    # a care coordinator working at the organisation the signal was routed to
    intake = UserFactory(organisation=OrganisationFactory(kind=OrganisationKind.POLICE),
                         roles=[Role.CARE_COORDINATOR])
    first = coordination_org(name="A coordination")
    police = intake.organisation
    case = services.open_case_from_signal(
        by=intake, person={**PERSON, "date_of_birth": None}, forms=["labour"],
        indicators=["debt_bondage"], minor_on_first_signal=True,
        first_signal_date=date(2026, 1, 5), reporting_organisation=police,
        source_reference="SIG-1")
    assert case.state == CaseState.NEW
    assert case.coordinating_organisation == first  # intake is not care coordination
    assert case.minor_on_first_signal is True       # no date of birth: the signal's flag
    assert case.number == "ZM-2026-0001" and case.audit_label == case.number
    assert case.get_absolute_url() == f"/staff/cases/{case.pk}/"
    assert CaseMembership.objects.get(case=case).organisation == first


def test_identifiers_are_written_for_matching():
    case = make_case(by=coordinator())
    kinds = set(PersonIdentifier.objects.filter(person=case.person).values_list("kind",
                                                                                flat=True))
    assert kinds == {"phone", "address", "document", "person"}
    pairs = [(IdentifierKind.PHONE, identifier_digest(IdentifierKind.PHONE, "+31 6 1234 5678"))]
    assert list(cases_matching_identifiers(pairs)) == [case]
    person = [(IdentifierKind.PERSON, identifier_digest(IdentifierKind.PERSON, "ana testescu",
                                                        date(1999, 3, 14)))]
    assert list(cases_matching_identifiers(person)) == [case]
    assert list(cases_matching_identifiers([("document", document_digest("ro 1234567"))])) \
        == [case]
    assert not cases_matching_identifiers([]).exists()


def test_minor_is_derived_from_date_of_birth_on_first_signal():
    boss = coordinator()
    case = make_case(by=boss, person={"date_of_birth": date(2008, 3, 15)},
                     first_signal_date=date(2026, 3, 14))
    assert case.minor_on_first_signal is True
    case = make_case(by=boss, person={"date_of_birth": date(2008, 3, 15)},
                     first_signal_date=date(2026, 3, 15))
    assert case.minor_on_first_signal is False


@pytest.mark.parametrize(("override", "message"), [
    ({"person": {"date_of_birth": date.today() + timedelta(days=2)}}, "future"),
    ({"forms": ["sexual", "piracy"]}, "unknown codes"),
    ({"indicators": ["bad_vibes"]}, "unknown codes"),
    ({"forms": []}, "at least one"),
    ({"person": {"nationality": "Roemenië"}}, "ISO"),
    ({"person": {"full_name": " "}}, "name"),
])
def test_bad_input_is_refused_and_nothing_is_half_saved(override, message):
    boss = coordinator()
    with pytest.raises(CaseError, match=message):
        make_case(by=boss, **override)
    assert Person.objects.count() == 0 and Case.objects.count() == 0


# --- lifecycle and history ---------------------------------------------------------------------

def test_transitions_append_to_history_and_refuse_invalid_steps():
    boss = coordinator()
    case = make_case(by=boss)
    with pytest.raises(CaseError, match="cannot go from"):
        transition(boss, case, CaseState.AFTERCARE)
    case = transition(boss, case, CaseState.ASSESSMENT)
    with pytest.raises(CaseError, match="closure reason"):
        transition(boss, case, CaseState.CLOSED)
    case = transition(boss, case, CaseState.CLOSED,
                      closure_reason="goals_reached")
    assert case.closed_on == timezone.localdate()
    case = transition(boss, case, CaseState.ASSESSMENT,
                      reason="New threats")
    assert (case.state, case.closure_reason, case.closed_on) == ("assessment", "", None)
    steps = list(CaseEvent.objects.filter(case=case, kind="status")
                 .values_list("from_state", "to_state"))
    assert steps == [("", "new"), ("new", "assessment"), ("assessment", "closed"),
                     ("closed", "assessment")]


def test_history_is_never_edited():
    case = make_case(by=coordinator())
    event = CaseEvent.objects.filter(case=case).first()
    event.summary = "rewritten"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        CaseEvent.objects.filter(case=case).update(summary="rewritten")


def test_a_closed_case_cannot_be_edited():
    boss = coordinator()
    case = make_case(by=boss)
    transition(boss, case, CaseState.CLOSED,
               closure_reason="no_contact")
    with pytest.raises(CaseClosed):
        services.add_note(by=boss, case=case, text="late note")
    with pytest.raises(CaseClosed):
        services.update_person(by=boss, case=case, expected_version=1,
                               values={**PERSON, "full_name": "Other"})
    assert not Note.objects.filter(case=case).exists()


# --- optimistic locking ------------------------------------------------------------------------

def test_second_save_of_a_person_is_refused_with_what_changed():
    boss = coordinator()
    case = make_case(by=boss)
    services.update_person(by=boss, case=case, expected_version=1,
                           values={**PERSON, "phone_numbers": ["0611111111"]})
    with pytest.raises(StaleEdit) as exc:
        services.update_person(by=boss, case=case, expected_version=1,
                               values={**PERSON, "full_name": "Ana T."})
    assert [e.fields for e in exc.value.changes] == [["phone_numbers"]]
    assert Person.objects.get(pk=case.person_id).full_name == "Ana Testescu"


def test_second_save_of_case_and_plan_is_refused():
    boss = coordinator()
    case = make_case(by=boss)
    services.update_case_details(by=boss, case=case, expected_version=1,
                                 values={"forms": ["labour"]})
    with pytest.raises(StaleEdit):
        services.update_case_details(by=boss, case=case, expected_version=1,
                                     values={"forms": ["criminal"]})
    assert Case.objects.get(pk=case.pk).forms == ["labour"]
    need = services.add_need(by=boss, case=case, domain="medical", description="GP")
    action = services.add_action(by=boss, need=need, description="Call GP",
                                 responsible_organisation=boss.organisation,
                                 due_date=date(2026, 1, 1), confirmed=True)
    services.update_action(by=boss, action=action, expected_version=1, status="done",
                           due_date=action.due_date)
    with pytest.raises(StaleEdit):
        services.update_action(by=boss, action=action, expected_version=1,
                               status="cancelled", due_date=action.due_date)


# --- team, need to know, break-glass, notes ----------------------------------------------------

def test_only_current_members_see_the_case():
    boss = coordinator()
    worker = case_worker()
    case = make_case(by=boss)
    assert not Case.objects.visible_to(worker).exists()
    membership = services.add_member(by=boss, case=case, organisation=worker.organisation)
    assert list(Case.objects.visible_to(worker)) == [case]
    services.end_membership(by=boss, membership=membership)
    assert not Case.objects.visible_to(worker).exists()
    future = services.add_member(by=boss, case=case, organisation=worker.organisation,
                                 start_date=timezone.localdate() + timedelta(days=3))
    assert future and not Case.objects.visible_to(worker).exists()


def test_roles_without_case_access_see_nothing_even_in_the_team():
    boss = coordinator()
    make_case(by=boss)
    analyst = UserFactory(organisation=boss.organisation, roles=[Role.ANALYST])
    assert not Case.objects.visible_to(analyst).exists()


def test_visible_to_is_one_query_whatever_the_number_of_cases(django_assert_num_queries):
    boss = coordinator()
    for _ in range(5):
        make_case(by=boss)
    with django_assert_num_queries(1):
        assert len(list(Case.objects.visible_to(boss))) == 5


def test_coordinator_cannot_leave_and_end_before_start_is_refused():
    boss = coordinator()
    case = make_case(by=boss)
    with pytest.raises(CaseError):
        services.end_membership(by=boss, membership=CaseMembership.objects.get(case=case))
    membership = services.add_member(by=boss, case=case, organisation=partner_org())
    with pytest.raises(CaseError):
        services.end_membership(by=boss, membership=membership,
                                end_date=membership.start_date - timedelta(days=1))
    with pytest.raises(CaseError, match="already"):
        services.add_member(by=boss, case=case, organisation=membership.organisation)


def test_break_glass_needs_a_reason_is_flagged_and_expires():
    boss = coordinator()
    case = make_case(by=boss)
    stranger = case_worker()
    with pytest.raises(CaseError):
        services.break_glass(by=stranger, case=case, reason="x")
    access = services.break_glass(by=stranger, case=case, reason="Acute danger, police asks")
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.break_glass, entry.object_label) == ("break_glass", True,
                                                                     case.number)
    assert list(Case.objects.visible_to(stranger)) == [case]
    assert not Case.objects.member_of(stranger).exists()
    with freeze_time(access.expires_at + timedelta(seconds=1)):
        assert not Case.objects.visible_to(stranger).exists()


def test_sensitive_notes_only_for_the_coordinating_organisation():
    boss = coordinator()
    worker = case_worker()
    case = make_case(by=boss)
    services.add_member(by=boss, case=case, organisation=worker.organisation)
    services.add_note(by=boss, case=case, text="open", sensitive=False)
    services.add_note(by=boss, case=case, text="secret", sensitive=True)
    assert [n.text for n in Note.objects.visible_to(boss)] == ["open", "secret"]
    assert [n.text for n in Note.objects.visible_to(worker)] == ["open"]


# --- referrals and legal basis -----------------------------------------------------------------

@pytest.fixture
def team():
    return make_team()


def test_referral_sharing_personal_data_needs_a_legal_basis(team):
    boss, worker, case = team
    with pytest.raises(LegalBasisMissing):
        services.send_referral(by=boss, case=case, to_organisation=worker.organisation,
                               purpose="Shelter", data_categories=["identity"])
    with pytest.raises(LegalBasisMissing, match="why"):
        services.send_referral(by=boss, case=case, to_organisation=worker.organisation,
                               purpose="Shelter", data_categories=["identity"],
                               legal_basis="vital_interest", justification="")
    referral = services.send_referral(
        by=boss, case=case, to_organisation=worker.organisation, purpose="Shelter",
        data_categories=["identity"], legal_basis="vital_interest",
        justification="Immediate danger to life; no time to ask.")
    assert referral.status == ReferralStatus.PROPOSED
    plain = services.send_referral(by=boss, case=case, to_organisation=worker.organisation,
                                   purpose="Ask for a place, no personal data")
    assert plain.legal_basis == ""


def test_consent_scope_is_checked(team):
    boss, worker, case = team
    other = partner_org()
    services.add_member(by=boss, case=case, organisation=other)
    consent = services.record_consent(by=boss, case=case, given_on=timezone.localdate(),
                                      organisations=[worker.organisation],
                                      external_recipients=["FairWork"],
                                      data_categories=["identity"])
    with pytest.raises(LegalBasisMissing, match="does not cover"):
        services.send_referral(by=boss, case=case, to_organisation=other, purpose="x",
                               data_categories=["identity"], legal_basis="consent",
                               consent=consent)
    with pytest.raises(LegalBasisMissing, match="does not cover"):
        services.send_referral(by=boss, case=case, to_organisation=worker.organisation,
                               purpose="x", data_categories=["health"],
                               legal_basis="consent", consent=consent)
    external = services.send_referral(by=boss, case=case, external_organisation="fairwork",
                                      purpose="Labour rights advice",
                                      data_categories=["identity"], legal_basis="consent",
                                      consent=consent)
    assert external.to_organisation is None and external.recipient_name == "fairwork"


def test_withdrawing_consent_stops_future_sharing_and_shows_what_rested_on_it(team):
    boss, worker, case = team
    consent = services.record_consent(by=boss, case=case, given_on=timezone.localdate(),
                                      organisations=[worker.organisation],
                                      external_recipients=[], data_categories=["identity"])
    shared = services.send_referral(by=boss, case=case, to_organisation=worker.organisation,
                                    purpose="Shelter", data_categories=["identity"],
                                    legal_basis="consent", consent=consent)
    rested = services.withdraw_consent(by=boss, consent=consent)
    assert rested == [shared]
    with pytest.raises(LegalBasisMissing, match="withdrawn"):
        services.send_referral(by=boss, case=case, to_organisation=worker.organisation,
                               purpose="Again", data_categories=["identity"],
                               legal_basis="consent", consent=consent)


def test_referral_lifecycle(team):
    boss, worker, case = team
    referral = services.send_referral(by=boss, case=case, to_organisation=worker.organisation,
                                      purpose="Shelter")
    with pytest.raises(PermissionDenied, match="receiving organisation"):
        services.decide_referral(by=boss, referral=referral, status="accepted",
                                 expected_version=1)
    with pytest.raises(CaseError, match="declined"):
        services.decide_referral(by=worker, referral=referral, status="declined",
                                 expected_version=1)
    referral = services.decide_referral(by=worker, referral=referral, status="accepted",
                                        expected_version=1)
    with pytest.raises(CaseError, match="cannot become"):
        services.decide_referral(by=worker, referral=referral, status="declined",
                                 reason="Changed our mind", expected_version=2)
    referral = services.decide_referral(by=worker, referral=referral, status="completed",
                                        expected_version=2)
    assert referral.status == "completed"


def test_referral_to_an_organisation_outside_the_team_or_nowhere_is_refused(team):
    boss, _worker, case = team
    with pytest.raises(CaseError, match="team"):
        services.send_referral(by=boss, case=case, to_organisation=partner_org(), purpose="x")
    with pytest.raises(CaseError, match="one organisation"):
        services.send_referral(by=boss, case=case, purpose="x")


# --- clocks ------------------------------------------------------------------------------------

def test_clocks_on_the_case(team):
    boss, _worker, case = team
    values = dict.fromkeys(services.CLOCK_FIELDS)
    with pytest.raises(CaseError, match="before it starts"):
        services.update_clocks(by=boss, case=case, expected_version=1, values={
            **values, "reflection_start": date(2026, 3, 1),
            "reflection_end": date(2026, 2, 1)})
    case = services.update_clocks(by=boss, case=case, expected_version=1, values={
        **values, "reflection_start": date(2026, 1, 31), "crime_reported_on": date(2026, 2, 2),
        "shelter_kind": "cosm", "shelter_start": date(2026, 1, 31)})
    assert case.reflection_end == date(2026, 4, 29)
    assert case.permit_applied_on == date(2026, 2, 2)  # the report counts as the application
    kinds = [d.kind for d in services.case_deadlines(case)]
    assert kinds == ["reflection_end", "shelter_end"]


# --- meetings ----------------------------------------------------------------------------------

def test_meeting_decision_appears_on_timeline_and_creates_an_action(team):
    boss, worker, case = team
    meeting = services.schedule_meeting(by=boss, title="MDO",
                                        scheduled_for=timezone.now() + timedelta(days=2),
                                        attendees=[boss, worker])
    item = services.put_on_agenda(by=boss, meeting=meeting, case=case)
    need = services.add_need(by=boss, case=case, domain="safety", description="Safety plan")
    with pytest.raises(CaseError, match="To create an action"):
        services.record_decision(by=boss, item=item, text="Plan", need=need)
    decision = services.record_decision(by=boss, item=item, text="Make a safety plan",
                                        need=need, responsible_organisation=worker.organisation,
                                        due_date=timezone.localdate() + timedelta(days=7))
    assert decision.action.need == need
    summaries = list(CaseEvent.objects.filter(case=case, kind="meeting")
                     .values_list("summary", flat=True))
    assert any("Decision" in s or "Besluit" in s for s in summaries)


# --- retention ---------------------------------------------------------------------------------

def test_anonymisation_after_retention_keeps_the_access_log(team, settings):
    boss, _worker, case = team
    held = make_case(by=boss)
    for c in (case, held):
        transition(boss, c, CaseState.CLOSED,
                   closure_reason="goals_reached")
    Case.objects.filter(pk=held.pk).update(criminal_case_pending=True)
    log_before = AccessLogEntry.objects.count()
    with freeze_time(timezone.now() + timedelta(days=365 * 5 + 2)):
        from io import StringIO
        out = StringIO()
        call_command("anonymise_cases", stdout=out)
    report = out.getvalue()
    assert f"anonymised {case.number}" in report and f"held {held.number}" in report
    person = Person.objects.get(pk=case.person_id)
    assert person.full_name == "[geanonimiseerd]" and person.phone_numbers == []
    assert person.anonymised_at
    assert not PersonIdentifier.objects.filter(person=person).exists()
    assert Person.objects.get(pk=held.person_id).full_name == "Ana Testescu"
    assert AccessLogEntry.objects.count() == log_before + 1  # kept, plus one for the deletion
    assert AccessLogEntry.objects.filter(object_label=case.number).exists()


def test_not_anonymised_before_the_period(team):
    boss, _worker, case = team
    transition(boss, case, CaseState.CLOSED,
               closure_reason="goals_reached")
    with freeze_time(timezone.now() + timedelta(days=365 * 4)):
        assert not services.anonymisation_due().exists()

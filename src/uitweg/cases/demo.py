"""About 50 synthetic cases across all states, forms, ages and organisations. Idempotent.

All names, numbers and addresses are invented.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind
from uitweg.core.vocabulary import ExploitationForm, Gender, Indicator

from . import lifecycle, permissions, services
from .models import (
    ActionStatus,
    Case,
    CaseState,
    ClosureReason,
    DataCategory,
    LegalBasis,
    NeedDomain,
)

COUNT = 50
FIRST = ["Ana", "Maria", "Ioana", "Elena", "Joy", "Blessing", "Precious", "Mihai", "Andrei",
         "Piotr", "Tomasz", "Olena", "Iryna", "Kateryna", "Sanne", "Lisa", "Noor", "Dewi",
         "Yusuf", "Kofi", "Nguyen", "Thi", "Daria", "Bogdan", "Sofia"]
LAST = ["Popescu", "Ionescu", "Nowak", "Kowalski", "Okafor", "Adeyemi", "Shevchenko",
        "Bondarenko", "de Vries", "Jansen", "Bakker", "Nguyen", "Tran", "Dimitrov", "Petrova"]
NATIONALITIES = ["RO", "PL", "BG", "NG", "UA", "NL", "VN", "HU", "SK", "ER", "MA", "NL", "NL"]
LANGUAGES = {"RO": ["ro"], "PL": ["pl"], "BG": ["bg"], "NG": ["en"], "UA": ["uk", "ru"],
             "NL": ["nl"], "VN": ["vi"], "HU": ["hu"], "SK": ["sk"], "ER": ["ti"],
             "MA": ["ar", "nl"]}
PATHS = {
    CaseState.NEW: [],
    CaseState.ASSESSMENT: [CaseState.ASSESSMENT],
    CaseState.CARE_COORDINATION: [CaseState.ASSESSMENT, CaseState.CARE_COORDINATION],
    CaseState.AFTERCARE: [CaseState.ASSESSMENT, CaseState.CARE_COORDINATION,
                          CaseState.AFTERCARE],
    CaseState.CLOSED: [CaseState.ASSESSMENT, CaseState.CARE_COORDINATION, CaseState.CLOSED],
}


def _org(kind):
    return Organisation.objects.filter(kind=kind, active=True).order_by("pk").first()


def load(stdout=None) -> None:
    """Timeline texts are written in the writer's language: Dutch, the product's default."""
    with translation.override("nl"):
        _load(stdout)


@transaction.atomic
def _load(stdout=None) -> None:
    if Case.objects.filter(source_reference__startswith="demo-").count() >= COUNT:
        if stdout:
            stdout.write("cases: demo cases already loaded")
        return
    coordinator = User.objects.filter(username="coordinator").first()
    if coordinator is None:
        return
    rng = random.Random(2026)
    today = timezone.localdate()
    shelter = _org(OrganisationKind.SHELTER)
    police = _org(OrganisationKind.POLICE)
    youth = _org(OrganisationKind.YOUTH_CARE)
    inspectorate = _org(OrganisationKind.LABOUR_INSPECTORATE)
    municipality = _org(OrganisationKind.MUNICIPALITY)
    reporters = [o for o in (police, inspectorate, shelter, municipality, None) if o or o is None]
    states = list(PATHS)
    forms = list(ExploitationForm.values)
    meeting = services.schedule_meeting(
        by=coordinator, title="MDO Mensenhandel Haaglanden",
        scheduled_for=timezone.now() + timedelta(days=6), location="Zorg- en Veiligheidshuis",
        attendees=User.objects.filter(username__in=["coordinator", "caseworker", "police"]))
    for i in range(COUNT):
        nationality = NATIONALITIES[i % len(NATIONALITIES)]
        minor = i % 5 == 0
        first_signal = today - timedelta(days=rng.randint(20, 700))
        age_years = rng.randint(14, 17) if minor else rng.randint(18, 55)
        dob = first_signal - timedelta(days=int(age_years * 365.25) + rng.randint(1, 300))
        case_forms = [forms[i % 4]] + ([forms[(i + 1) % 4]] if i % 7 == 0 else [])
        if case_forms[0] == ExploitationForm.ORGAN_REMOVAL and i % 3:
            case_forms = [ExploitationForm.LABOUR]
        gender = [Gender.FEMALE, Gender.MALE, Gender.FEMALE, Gender.TRANSGENDER,
                  Gender.NON_BINARY, Gender.MALE][i % 6]
        case = services.open_case(
            by=coordinator,
            person={"full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    "aliases": [rng.choice(FIRST)] if i % 3 == 0 else [],
                    "date_of_birth": dob,
                    "phone_numbers": [f"06-{rng.randint(10000000, 99999999)}"],
                    "addresses": [f"Demostraat {i + 1}, 2500 AA Den Haag"] if i % 2 else [],
                    "nationality": nationality, "gender": gender,
                    "languages": LANGUAGES[nationality]},
            forms=case_forms,
            indicators=rng.sample(list(Indicator.values), rng.randint(1, 4)),
            first_signal_date=first_signal,
            reporting_organisation=reporters[i % len(reporters)],
            source_reference=f"demo-{i:03d}")
        target = states[i % len(states)]
        partner = youth if minor else shelter
        if partner:
            services.add_member(by=coordinator, case=case, organisation=partner)
        if police and i % 3 == 0:
            services.add_member(by=coordinator, case=case, organisation=police)
        if nationality != "NL" and i % 2 == 0:
            start = today - timedelta(days=rng.randint(60, 95))
            case = services.update_clocks(by=coordinator, case=case,
                                          expected_version=case.version, values={
                "reflection_start": start, "reflection_end": None,
                "crime_reported_on": None, "permit_applied_on": None,
                "permit_decision_on": None, "permit_valid_from": None,
                "shelter_kind": "cosm" if not minor else "youth",
                "shelter_start": start})
        elif i % 4 == 1:
            valid_from = today - timedelta(days=365 - rng.randint(1, 20))
            case = services.update_clocks(by=coordinator, case=case,
                                          expected_version=case.version, values={
                "reflection_start": None, "reflection_end": None,
                "crime_reported_on": valid_from - timedelta(days=40),
                "permit_applied_on": None, "permit_decision_on": valid_from,
                "permit_valid_from": valid_from, "shelter_kind": "wmo",
                "shelter_start": valid_from})
        need = services.add_need(by=coordinator, case=case, domain=NeedDomain.SHELTER,
                                 description="Veilige opvangplek en begeleiding")
        services.add_action(by=coordinator, need=need, description="Intake bij de opvang",
                            responsible_organisation=partner or coordinator.organisation,
                            due_date=today + timedelta(days=rng.randint(-20, 30)))
        if i % 2:
            medical = services.add_need(by=coordinator, case=case, domain=NeedDomain.MEDICAL,
                                        description="Huisarts en medische check")
            action = services.add_action(by=coordinator, need=medical,
                                         description="Afspraak huisarts maken",
                                         responsible_organisation=coordinator.organisation,
                                         due_date=today - timedelta(days=rng.randint(1, 10)))
            if i % 4 == 3:
                services.update_action(by=coordinator, action=action,
                                       expected_version=action.version,
                                       status=ActionStatus.DONE, due_date=action.due_date)
        if partner and i % 2 == 0:
            consent = services.record_consent(
                by=coordinator, case=case, given_on=first_signal, organisations=[partner],
                external_recipients=[], data_categories=[DataCategory.IDENTITY,
                                                         DataCategory.CASE])
            referral = services.send_referral(
                by=coordinator, case=case, to_organisation=partner,
                purpose="Opvang en begeleiding", data_categories=[DataCategory.IDENTITY],
                legal_basis=LegalBasis.CONSENT, consent=consent)
            partner_user = next((u for u in User.objects.filter(organisation=partner)
                                 if permissions.is_member(u, case)), None) if i % 4 == 0 else None
            if partner_user:
                services.decide_referral(by=partner_user, referral=referral,
                                         status=lifecycle.ACCEPTED,
                                         expected_version=referral.version)
        services.add_note(by=coordinator, case=case,
                          text="Eerste gesprek gevoerd met tolk; afspraken gemaakt.")
        if i % 6 == 0:
            services.add_note(by=coordinator, case=case, sensitive=True,
                              text="Vertrouwelijk: dreiging vanuit netwerk, adres afschermen.")
        for step in PATHS[target]:
            case = services.transition(by=coordinator, case=case, target=step,
                                       expected_version=case.version,
                                       closure_reason=rng.choice(ClosureReason.values)
                                       if step == CaseState.CLOSED else "")
        if i < 6 and target != CaseState.CLOSED:
            services.put_on_agenda(by=coordinator, meeting=meeting, case=case)
        if i % 3 == 0 and target != CaseState.NEW:
            Case.objects.filter(pk=case.pk).update(registration_basis=True)
    if stdout:
        stdout.write(f"cases: {COUNT} demo cases, 1 case meeting")

"""About 200 synthetic signals from the public and partners, with routing rules. Idempotent."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind
from uitweg.core.vocabulary import ExploitationForm, Indicator
from uitweg.signals import services
from uitweg.signals.models import RoutingRule, Signal
from uitweg.signals.services import BusinessData, PersonData, SignalData
from uitweg.signals.vocabulary import ClosureReason, PersonRole

TOTAL = 200
MARK = "DEMO-"

STREETS = ["Wateringseweg", "Hoefkade", "Paul Krugerlaan", "Vaillantlaan", "Zuiderparklaan",
           "Laakkade", "Binckhorstlaan", "Westlandseweg", "Poeldijkseweg", "Calandplein"]
BUSINESSES = [("Nagelstudio Glamour", "71234561"), ("Uitzendbureau FlexWork Westland",
              "68123452"), ("Autowasserette Sparkle", "59123453"), ("Massagesalon Lotus",
              "80123454"), ("Kassenbouw Hoekstra BV", "62123455"), ("Schoonmaak Direct",
              "74123456")]
PHONES = ["06-12345001", "06-12345002", "+31 6 1234 5003", "06-12345004", "06-98765432"]
WEBSITES = ["https://example.org/escort-denhaag", "https://example.org/werk-in-nl",
            "https://example.net/massage-24h"]
FIRST = ["Anna", "Maria", "Olena", "Ioana", "Petra", "Joanna", "Mihai", "Piotr", "Nadia",
         "Sofia", "Elena", "Andrei", "Kateryna", "Daria", "Stefan"]
LAST = ["Nowak", "Popescu", "Ivanova", "Kowalska", "Shevchenko", "Dimitrova", "Ionescu",
        "Wiśniewska", "Georgieva", "Bondarenko"]
TEXTS = {
    ExploitationForm.LABOUR: "Workers picked up by van at 05:00, return late at night; they "
                             "say their boss keeps their passports and they owe rent.",
    ExploitationForm.SEXUAL: "Young women advertised online at changing addresses; a man "
                             "collects the money and answers the phone for them.",
    ExploitationForm.CRIMINAL: "Teenagers seen dealing near the station; an older man "
                               "brings them and takes the proceeds.",
    ExploitationForm.ORGAN_REMOVAL: "Someone was offered money to travel abroad for a "
                                    "'medical donation' to pay off a debt.",
}

RULES = [
    ("Minderjarigen → jeugdzorg", 10, "", True, OrganisationKind.YOUTH_CARE, "Jeugd en uitbuiting"),
    ("Arbeidsuitbuiting → liaison Arbeidsinspectie", 20, ExploitationForm.LABOUR, None,
     OrganisationKind.LABOUR_INSPECTORATE, "Liaison mensenhandel"),
    ("Criminele uitbuiting → politie", 30, ExploitationForm.CRIMINAL, None,
     OrganisationKind.POLICE, "AVIM"),
    ("Overige → zorgcoördinatie", 100, "", None, OrganisationKind.CARE_COORDINATION,
     "Intake"),
]


def load_rules() -> int:
    created = 0
    for name, order, form, minor, kind, team in RULES:
        org = Organisation.objects.filter(kind=kind).order_by("pk").first()
        if org is None or RoutingRule.objects.filter(name=name).exists():
            continue
        RoutingRule.objects.create(name=name, order=order, form=form, minor=minor,
                                   organisation=org, team=team)
        created += 1
    return created


def _data(rng: random.Random, professional: bool, n: int) -> SignalData:
    form = rng.choice(list(ExploitationForm.values)[:3] * 5 + [ExploitationForm.ORGAN_REMOVAL])
    indicators = rng.sample(list(Indicator.values), rng.choice([0, 1, 1, 2, 2, 3, 4]))
    minor = rng.random() < 0.1
    address = f"{rng.choice(STREETS)} {rng.randint(1, 12)}, Den Haag"
    data = SignalData(
        description=TEXTS[form] + f" (synthetic demo signal {n})",
        location=address, observed_when=rng.choice(["yesterday", "last week", "every night",
                                                    "since March"]),
        forms=[form], indicators=indicators, minor=minor if rng.random() < 0.9 else None,
        acute_danger=rng.random() < 0.03, addresses=[address])
    if rng.random() < 0.4:
        name, kvk = rng.choice(BUSINESSES)
        data.businesses.append(BusinessData(name=name, kvk=kvk))
    if rng.random() < 0.35:
        data.phone_numbers.append(rng.choice(PHONES))
    if form == ExploitationForm.SEXUAL and rng.random() < 0.5:
        data.websites.append(rng.choice(WEBSITES))
    data.source_reference = f"{MARK}{n:04d}"  # marks demo rows (idempotent loading)
    if professional:
        if rng.random() < 0.6:
            born = date(1985, 1, 1) + timedelta(days=rng.randint(0, 13000))
            if minor:
                born = timezone.localdate() - timedelta(days=rng.randint(13 * 365, 17 * 365))
            data.persons.append(PersonData(
                full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", date_of_birth=born,
                nationality=rng.choice(["PL", "RO", "BG", "UA", "NL", "NG"]),
                role=PersonRole.POSSIBLE_VICTIM))
    return data


def _advance(rng: random.Random, signal: Signal, users: list[User], age_days: int) -> None:
    """Move older signals along the workflow; most signals older than a month are closed."""
    old = age_days > 30
    workers = [u for u in users if u.organisation_id == signal.responsible_organisation_id
               and u.has_role("intake_officer", "care_coordinator")]
    if not workers or (not old and rng.random() < 0.3):
        return
    by = rng.choice(workers)
    services.triage_signal(by=by, signal_id=signal.pk, forms=signal.forms,
                           indicators=signal.indicators, minor=signal.minor_involved,
                           acute_danger=signal.acute_danger)
    signal.refresh_from_db()
    workers = [u for u in users if u.organisation_id == signal.responsible_organisation_id
               and u.has_role("intake_officer", "care_coordinator")]
    if not workers or (not old and rng.random() < 0.3):
        return
    services.assign_signal(by=by if by in workers else workers[0], signal_id=signal.pk,
                           assignee=rng.choice(workers))
    if not old and rng.random() < 0.4:
        return
    actor = workers[0]
    services.start_signal(by=actor, signal_id=signal.pk)
    if rng.random() < (0.85 if old else 0.3):
        services.close_signal(by=actor, signal_id=signal.pk,
                              reason=rng.choice([ClosureReason.FORWARDED,
                                                 ClosureReason.NO_INDICATION,
                                                 ClosureReason.DUPLICATE]))


def load(stdout=None) -> None:
    rules = load_rules()
    existing = Signal.objects.filter(source_reference__startswith=MARK).count()
    if existing >= TOTAL or not RoutingRule.objects.exists():
        if stdout:
            stdout.write(f"signals: {rules} routing rules, signals already loaded")
        return
    rng = random.Random(4)
    users = list(User.objects.filter(is_active=True).exclude(organisation=None))
    professionals = [u for u in users if u.has_role("intake_officer", "case_worker",
                                                    "care_coordinator", "outreach_worker")]
    now = timezone.now()
    for n in range(existing, TOTAL):
        age = rng.randint(0, 90)
        received = now - timedelta(days=age, hours=rng.randint(0, 23))
        professional = bool(professionals) and rng.random() < 0.45
        data = _data(rng, professional, n)
        with transaction.atomic():
            if professional:
                signal = services.submit_professional_signal(
                    by=rng.choice(professionals), data=data, received_at=received)
            else:
                signal, _code = services.submit_public_report(
                    data=data, language=rng.choice(["nl", "nl", "en", "pl", "ro", "bg", "uk"]),
                    received_at=received)
            if age >= 2:
                _advance(rng, signal, users, age)
    if stdout:
        stdout.write(f"signals: {rules} routing rules, {TOTAL - existing} demo signals")

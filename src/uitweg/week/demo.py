"""Demo Week: the coming edition (around 18 October; :func:`demo_year`) with eight events of
partner organisations, two of them full with people on the waiting list. Built through the
services; idempotent (runs once: nothing happens when that edition exists). Uses the demo
logins ``editor`` (shelter) and ``publisher`` (municipality) of ``accounts.demo`` (made here if
missing) and adds an editor per other partner organisation (``weekeditor-<kind>``)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from uitweg.accounts.demo import DEMO_PASSWORD, enrol_totp
from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind, Role

from . import registration, services
from .models import Edition
from .services import EventData


def demo_year(today: date | None = None) -> int:
    """The coming Week (around 18 October): this year's until it is over, then next year's, so
    the demo programme is always open for registration (on 29 November 2026 that is 2027)."""
    today = today or timezone.localdate()
    return today.year if today <= date(today.year, 10, 18) else today.year + 1

LINK_BASE = "http://127.0.0.1:8000"

EVENTS = [
    # day offset from 12 Oct, start, hours, org kind, titles, audiences, capacity, registrants
    (0, "19:30", 2, OrganisationKind.MUNICIPALITY,
     {"nl": "Opening: film en gesprek over arbeidsuitbuiting",
      "en": "Opening: film and talk on labour exploitation"},
     ["public"], 120, 40, "Filmhuis Den Haag", "Spui 191, Den Haag"),
    (1, "10:00", 3, OrganisationKind.SHELTER,
     {"nl": "Training signalen herkennen voor zorgprofessionals"},
     ["professionals"], 20, 26, "Opvang De Haven, zaal 2", "Laan van Meerdervoort 1, Den Haag"),
    (2, "14:00", 2, OrganisationKind.LABOUR_INSPECTORATE,
     {"nl": "Je rechten als arbeidsmigrant", "en": "Your rights as a labour migrant",
      "pl": "Twoje prawa jako pracownika migrującego",
      "ro": "Drepturile tale ca lucrător migrant",
      "bg": "Твоите права като работник мигрант",
      "uk": "Твої права як трудового мігранта"},
     ["labour_migrants"], 60, 12, "Bibliotheek Den Haag Centrale", "Spui 68, Den Haag"),
    (3, "09:30", 1, OrganisationKind.POLICE,
     {"nl": "Gastles mensenhandel voor het mbo", "en": "Guest lesson for vocational schools"},
     ["schools"], 30, 30, "ROC Mondriaan", "Koningin Marialaan 1, Den Haag"),
    (3, "16:00", 2, OrganisationKind.MUNICIPALITY,
     {"nl": "Werkgeversontbijt: eerlijk werk in de keten",
      "en": "Employers' breakfast: fair work in the supply chain"},
     ["employers", "professionals"], 40, 8, "Stadhuis, Atrium", "Spui 70, Den Haag"),
    (4, "20:00", 1, OrganisationKind.CARE_COORDINATION,
     {"nl": "Webinar: zorgcoördinatie in de praktijk",
      "en": "Webinar: care coordination in practice"},
     ["professionals"], None, 5, "", ""),
    (5, "13:00", 4, OrganisationKind.SHELTER,
     {"nl": "Open dag inloophuis", "pl": "Dzień otwarty", "ro": "Zi deschisă"},
     ["public", "labour_migrants"], None, 0, "Inloophuis De Haven", "Wagenstraat 5, Den Haag"),
    (6, "15:00", 2, OrganisationKind.MUNICIPALITY,
     {"nl": "Slotbijeenkomst en uitreiking", "en": "Closing meeting"},
     ["public", "professionals"], 80, 3, "Nieuwspoort", "Lange Poten 10, Den Haag"),
]

DESCRIPTIONS = {
    "nl": "Een bijeenkomst in de Haagse Week tegen Mensenhandel. Gratis; de zaal is "
          "rolstoeltoegankelijk.",
    "en": "An event of The Hague Week against Human Trafficking. Free of charge.",
    "pl": "Wydarzenie Tygodnia przeciwko Handlowi Ludźmi w Hadze. Bezpłatne.",
    "ro": "Un eveniment al Săptămânii împotriva traficului de persoane din Haga. Gratuit.",
    "bg": "Събитие от Седмицата срещу трафика на хора в Хага. Безплатно.",  # noqa: RUF001
    "uk": "Захід Тижня протидії торгівлі людьми в Гаазі. Безкоштовно.",
}


def _user(username: str, kind: str, role: str) -> User:
    org = Organisation.objects.filter(kind=kind).order_by("pk").first()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, organisation=org, roles=[role],
                    email=f"{username}@example.org")
        user.set_password(DEMO_PASSWORD)
        user.save()
    enrol_totp(user)
    return user


@transaction.atomic
def load(stdout=None) -> None:
    year = demo_year()
    if Edition.objects.filter(year=year).exists():
        return
    publisher = _user("publisher", OrganisationKind.MUNICIPALITY, Role.PUBLISHER)
    edition = services.save_edition(
        by=publisher, year=year, starts_on=date(year, 10, 12), ends_on=date(year, 10, 18),
        theme={"nl": "Kijk niet weg", "en": "Don't look away", "pl": "Nie odwracaj wzroku",
               "ro": "Nu întoarce privirea", "bg": "Не извръщай поглед",  # noqa: RUF001
               "uk": "Не відводь погляду"},  # noqa: RUF001
        intro={"nl": "Rond 18 oktober, de Europese dag tegen mensenhandel, organiseren de "
                     "gemeente en haar partners een week vol bijeenkomsten.",
               "en": "Around 18 October, the European Anti-Trafficking Day, the city and "
                     "its partners organise a week of events.",
               "pl": "Wokół 18 października miasto i partnerzy organizują tydzień wydarzeń.",
               "ro": "În jurul zilei de 18 octombrie, orașul și partenerii organizează o "
                     "săptămână de evenimente.",
               "bg": "Около 18 октомври градът и партньорите организират седмица събития.",
               "uk": "Навколо 18 жовтня місто та партнери проводять тиждень заходів."},
        published=True)
    editors = {}
    made = 0
    for offset, start, hours, kind, title, audiences, capacity, registrants, venue, address \
            in EVENTS:
        org = Organisation.objects.filter(kind=kind).order_by("pk").first()
        if org is None:
            continue
        editor = editors.get(kind) or _user(
            "editor" if kind == OrganisationKind.SHELTER else f"weekeditor-{kind}"[:30],
            kind, Role.EDITOR)
        editors[kind] = editor
        hour, minute = (int(p) for p in start.split(":"))
        starts = timezone.make_aware(datetime.combine(
            date(year, 10, 12) + timedelta(days=offset), time(hour, minute)))
        event = services.submit_event(by=editor, edition_id=edition.pk, data=EventData(
            title=title, description={k: v for k, v in DESCRIPTIONS.items() if k in title},
            starts_at=starts, ends_at=starts + timedelta(hours=hours), venue=venue,
            address=address, accessibility="Rolstoeltoegankelijk; ringleiding aanwezig."
            if venue else "", online_url="" if venue else "https://meet.example.org/week",
            audiences=audiences, capacity=capacity, registration_required=offset != 5))
        services.decide_event(by=publisher, event_id=event.pk, decision="approve")
        services.decide_event(by=publisher, event_id=event.pk, decision="publish")
        for n in range(registrants):
            registration.register(event_id=event.pk, name=f"Demo Deelnemer {n + 1}",
                                  email=f"deelnemer{n + 1}.e{event.pk}@example.org",
                                  language="nl", link_base=LINK_BASE,
                                  now=starts - timedelta(days=30))
        made += 1
    if stdout:
        stdout.write(f"week: edition {year} with {made} events")

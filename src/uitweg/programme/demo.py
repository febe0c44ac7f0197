"""Demo action programme: actions of "Naar een stad zonder uitbuiting" under the three pillars,
with milestones and indicators (counted and by hand). Written through the services, as the
municipality's analyst; idempotent (skipped when any action exists)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind

from . import services
from .models import Action
from .vocabulary import ActionStatus, IndicatorSource, Pillar

# (pillar, title, title_en, owner kind, status, published, milestones, indicators)
ACTIONS = [
    (Pillar.PREVENT, "Informatie voor arbeidsmigranten in hun eigen taal",
     "Information for labour migrants in their own language", OrganisationKind.MUNICIPALITY,
     ActionStatus.RUNNING, True,
     [("Teksten in zes talen online", 3, 1), ("Flyers verspreid bij uitzendbureaus", 9, 30)],
     [("Ontvangen signalen (alle bronnen)", IndicatorSource.SIGNALS, "", "", 150),
      ("Uitgedeelde flyers", IndicatorSource.MANUAL, "", "", 2000)]),
    (Pillar.PREVENT, "Haagse Week tegen Mensenhandel", "The Hague Week against Human "
     "Trafficking", OrganisationKind.MUNICIPALITY, ActionStatus.RUNNING, True,
     [("Programma gepubliceerd", 9, 1), ("Week rond 18 oktober gehouden", 10, 24)],
     [("Bezoekers van de activiteiten", IndicatorSource.MANUAL, "", "", 500)]),
    (Pillar.COMBAT, "Meer online veldwerk", "More online outreach",
     OrganisationKind.SHELTER, ActionStatus.RUNNING, True,
     [("Tweede veldwerker gestart", 2, 1)],
     [("Contacten via online veldwerk", IndicatorSource.OUTREACH, "", "", 300)]),
    (Pillar.COMBAT, "Bestuurlijke aanpak van terugkerende adressen en bedrijven",
     "Administrative approach of recurring addresses and businesses",
     OrganisationKind.MUNICIPALITY, ActionStatus.DELAYED, False,
     [("Werkwijze met politie en Arbeidsinspectie vastgesteld", 6, 30)],
     [("Signalen van de politie", IndicatorSource.SIGNALS, "source", "professional", None)]),
    (Pillar.PROTECT, "Zorgcoördinatie voor elk bekend slachtoffer",
     "Care coordination for every known victim", OrganisationKind.CARE_COORDINATION,
     ActionStatus.RUNNING, True,
     [("Casusoverleg elke twee weken", 1, 15)],
     [("Personen in beeld", IndicatorSource.PERSONS, "", "", 145),
      ("Minderjarigen in beeld", IndicatorSource.PERSONS, "age", "minor", None)]),
    (Pillar.PROTECT, "Anonieme chat voor jongeren", "Anonymous chat for young people",
     OrganisationKind.MUNICIPALITY, ActionStatus.RUNNING, True,
     [("Openingstijden ook op zaterdag", 5, 1)],
     [("Chatgesprekken", IndicatorSource.CHAT, "", "", 250)]),
]


def load(stdout=None) -> None:
    if Action.objects.exists():
        return
    analyst = User.objects.filter(username="analyst").first()
    if analyst is None:
        return
    year = timezone.localdate().year
    with transaction.atomic():
        for pillar, title, title_en, kind, status, published, milestones, indicators in ACTIONS:
            owner = Organisation.objects.filter(kind=kind).order_by("pk").first()
            if owner is None:
                continue
            action = services.create_action(by=analyst, data=services.ActionData(
                pillar=pillar, title=title, title_en=title_en, owner_id=owner.pk,
                start_year=year - 1, end_year=year + 2, status=status, published=published))
            for name, month, day in milestones:
                milestone = services.add_milestone(by=analyst, action_id=action.pk, title=name,
                                                   due_on=date(year, month, day))
                if date(year, month, day) < timezone.localdate():
                    services.mark_milestone(by=analyst, milestone_id=milestone.pk, done=True)
            for name, source, dimension, category, target in indicators:
                indicator = services.add_indicator(
                    by=analyst, action_id=action.pk, title=name, source=source,
                    dimension=dimension, category=category, target=target)
                if source == IndicatorSource.MANUAL:
                    services.record_value(by=analyst, indicator_id=indicator.pk, year=year,
                                          value=target // 2 if target else 0,
                                          note="Opgave van de eigenaar (demo)")
    if stdout is not None:
        stdout.write(f"action programme: {Action.objects.count()} actions")

"""Week test data, built through the services (so every rule applies)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.testing.factories import OrganisationFactory, UserFactory
from uitweg.week import registration, services
from uitweg.week.models import Edition

LINK_BASE = "http://testserver/"


def municipality():
    return OrganisationFactory(name="Gemeente Week", kind=OrganisationKind.MUNICIPALITY)


def publisher(org=None, **kwargs):
    return UserFactory(organisation=org or municipality(), roles=[Role.PUBLISHER], **kwargs)


def editor(org=None, **kwargs):
    org = org or OrganisationFactory(name="Partner Week", kind=OrganisationKind.SHELTER)
    return UserFactory(organisation=org, roles=[Role.EDITOR], **kwargs)


def edition(by=None, *, year=None, published=True) -> Edition:
    today = timezone.localdate()
    year = year or today.year
    existing = Edition.objects.filter(year=year).first()
    if existing:
        return existing
    first = date(year, 1, 1)
    return services.save_edition(by=by or publisher(), year=year, starts_on=first,
                                 ends_on=date(year, 12, 31), theme={"nl": "Kijk niet weg",
                                                                    "pl": "Nie odwracaj"},
                                 intro={"nl": "Een week vol bijeenkomsten."},
                                 published=published)


def event_data(*, starts_at=None, capacity=10, title=None, **overrides) -> services.EventData:
    starts_at = starts_at or timezone.make_aware(datetime.combine(
        timezone.localdate() + timedelta(days=3), time(19, 0)))
    values = {"title": title or {"nl": "Gastles", "pl": "Lekcja"},
              "description": {"nl": "Over uitbuiting."}, "starts_at": starts_at,
              "ends_at": starts_at + timedelta(hours=2), "venue": "Stadhuis",
              "address": "Spui 70", "audiences": ["public"], "capacity": capacity}
    values.update(overrides)
    return services.EventData(**values)


def make_event(*, by=None, boss=None, publish=True, **kwargs):
    """A published event of ``by``'s organisation (an editor of a partner by default)."""
    boss = boss or publisher()
    by = by or editor()
    ed = edition(boss, year=(kwargs.get("starts_at") or timezone.now()).year)
    event = services.submit_event(by=by, edition_id=ed.pk, data=event_data(**kwargs))
    if publish:
        services.decide_event(by=boss, event_id=event.pk, decision="approve")
        services.decide_event(by=boss, event_id=event.pk, decision="publish")
    event.refresh_from_db()
    return event


def sign_up(event, n: int, *, prefix="p", language="nl"):
    return [registration.register(event_id=event.pk, name=f"Persoon {i}",
                                  email=f"{prefix}{i}@example.org", language=language,
                                  link_base=LINK_BASE) for i in range(n)]


def walk_world(org) -> dict:
    """Object ids for the URL walk (tests/test_audit_walk.py): an event of ``org`` with a
    registration, the edition and a toolkit file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from uitweg.week import materials

    boss = publisher()
    author = editor(org)
    event = make_event(by=author, boss=boss, capacity=5)
    person = sign_up(event, 1, prefix=f"walk{org.pk}-")[0].registration
    material = materials.upload(by=boss, edition_id=event.edition_id, kind="poster",
                                title="Poster", upload_file=SimpleUploadedFile(
                                    "poster.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64))
    return {"event_pk": event.pk, "registration_pk": person.pk,
            "edition_pk": event.edition_id, "material_pk": material.pk}

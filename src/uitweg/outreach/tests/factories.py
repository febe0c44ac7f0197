"""Test helpers for outreach: built through the real services, so every rule applies."""

from __future__ import annotations

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.outreach import services
from uitweg.outreach.services import ContactData
from uitweg.testing.factories import OrganisationFactory, UserFactory


def team_org(name=None):
    if name is None:
        return OrganisationFactory(kind=OrganisationKind.SHELTER)
    return OrganisationFactory(name=name, kind=OrganisationKind.SHELTER)


def worker(org=None, **kwargs):
    return UserFactory(organisation=org or team_org(), roles=[Role.OUTREACH_WORKER], **kwargs)


def lead(org=None, **kwargs):
    return UserFactory(organisation=org or team_org(),
                       roles=[Role.OUTREACH_WORKER, Role.OUTREACH_LEAD], **kwargs)


def platform(org, name="Kinky.nl"):
    from uitweg.outreach.models import Platform

    existing = Platform.objects.filter(organisation=org, name=name).first()
    return existing or services.save_platform(by=lead(org), name=name)


def open_round(by, platform_=None, target_group="women"):
    platform_ = platform_ or platform(by.organisation)
    return services.start_round(by=by, platform=platform_, target_group=target_group,
                                region="Den Haag")


def contact(by, round_=None, *, handle="@Lisa", phone="", **fields):
    round_ = round_ or open_round(by)
    data = ContactData(target_group=fields.pop("target_group", round_.target_group),
                       handle=handle, phone=phone, **fields)
    return services.log_contact(by=by, round_id=round_.pk, data=data)[0]


def walk_world(org) -> dict:
    """Object ids for the URL walk (tests/test_audit_walk.py): one of everything in ``org``."""
    boss = lead(org)
    platform_ = services.save_platform(by=boss, name="Walk platform")
    template = services.save_template(by=boss, name="Walk", language="nl",
                                      text="Hoi, ik ben {worker}.")
    round_ = open_round(boss, platform_)
    person = contact(boss, round_, handle="@walk", phone="06-12345678")
    return {"round_pk": round_.pk, "contact_pk": person.pk, "template_pk": template.pk,
            "platform_pk": platform_.pk}

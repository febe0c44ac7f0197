from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.testing.factories import OrganisationFactory, UserFactory

from .. import services
from ..vocabulary import ActionStatus, Pillar


def municipality():
    return OrganisationFactory(name="Gemeente (test)", kind=OrganisationKind.MUNICIPALITY)


def policy_staff(org=None):
    return UserFactory(organisation=org or municipality(), roles=[Role.ANALYST])


def make_action(by=None, **fields):
    by = by or policy_staff()
    data = services.ActionData(**{
        "pillar": Pillar.PREVENT, "title": "Flyers bij uitzendbureaus",
        "owner_id": by.organisation_id, "start_year": 2026, "end_year": 2027,
        "status": ActionStatus.RUNNING, **fields})
    return services.create_action(by=by, data=data)

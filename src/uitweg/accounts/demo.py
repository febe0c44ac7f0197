"""Demo organisations and one demo user per role, each with TOTP enrolled. Idempotent.

``admin`` is the functional administrator (organisations, routing, vocabularies; no access to
people's accounts); ``orgadmin`` and ``orgadmin2`` administer the care coordination staff (four
eyes), ``havenadmin`` the shelter's."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.db import transaction

from uitweg.accounts import totp
from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind, Role

DEMO_PASSWORD = "uitweg-demo-2026"  # noqa: S105 - demo mode only, printed by `make run`
REGION = "Haaglanden"

ORGANISATIONS = [
    ("Gemeente Den Haag (demo)", OrganisationKind.MUNICIPALITY),
    ("Zorgcoördinatie Mensenhandel Haaglanden (demo)", OrganisationKind.CARE_COORDINATION),
    ("Opvang De Haven (demo)", OrganisationKind.SHELTER),
    ("Jeugdzorg Haaglanden (demo)", OrganisationKind.YOUTH_CARE),
    ("Politie Eenheid Den Haag (demo)", OrganisationKind.POLICE),
    ("Nederlandse Arbeidsinspectie (demo)", OrganisationKind.LABOUR_INSPECTORATE),
]

#: username, organisation kind, roles
USERS = [
    ("coordinator", OrganisationKind.CARE_COORDINATION, [Role.CARE_COORDINATOR]),
    ("caseworker", OrganisationKind.SHELTER, [Role.CASE_WORKER]),
    ("intake", OrganisationKind.CARE_COORDINATION, [Role.INTAKE_OFFICER]),
    ("counsellor", OrganisationKind.MUNICIPALITY, [Role.CHAT_COUNSELLOR]),
    ("supervisor", OrganisationKind.MUNICIPALITY, [Role.CHAT_SUPERVISOR, Role.CHAT_COUNSELLOR]),
    ("outreach", OrganisationKind.SHELTER, [Role.OUTREACH_WORKER]),
    ("analyst", OrganisationKind.MUNICIPALITY, [Role.ANALYST]),
    ("admin", OrganisationKind.MUNICIPALITY, [Role.FUNCTIONAL_ADMIN]),
    ("youthcare", OrganisationKind.YOUTH_CARE, [Role.CASE_WORKER, Role.INTAKE_OFFICER]),
    ("police", OrganisationKind.POLICE, [Role.INTAKE_OFFICER, Role.CASE_WORKER]),
    ("inspector", OrganisationKind.LABOUR_INSPECTORATE, [Role.INTAKE_OFFICER]),
    # Organisation administrators: two for care coordination, so four eyes can be shown.
    ("orgadmin", OrganisationKind.CARE_COORDINATION, [Role.ORG_ADMIN]),
    ("orgadmin2", OrganisationKind.CARE_COORDINATION, [Role.ORG_ADMIN]),
    ("havenadmin", OrganisationKind.SHELTER, [Role.ORG_ADMIN]),
    # The Week against Human Trafficking and the information pages (issue 11): an editor at a
    # partner organisation (the shelter) and a publisher at the municipality.
    ("editor", OrganisationKind.SHELTER, [Role.EDITOR]),
    ("publisher", OrganisationKind.MUNICIPALITY, [Role.PUBLISHER]),
]


def enrol_totp(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        totp.enrol(user)


@transaction.atomic
def load(stdout=None) -> list[User]:
    orgs = {}
    for name, kind in ORGANISATIONS:
        orgs[kind], _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "region": REGION})
    users = []
    for username, kind, roles in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, organisation=orgs[kind], roles=list(roles),
                        first_name=username.capitalize(), last_name="(demo)")
            user.set_password(DEMO_PASSWORD)
            user.save()
        enrol_totp(user)
        users.append(user)
    if stdout:
        stdout.write(f"accounts: {len(orgs)} organisations, {len(users)} demo users")
    return users


def print_logins(stdout) -> None:
    """What ``manage.py load_demo`` prints after loading: the demo logins."""
    stdout.write("")
    stdout.write("Demo logins (password for all: %s):" % DEMO_PASSWORD)
    for username, _kind, roles in USERS:
        stdout.write(f"  {username:<12} {', '.join(str(r.label) for r in roles)}")
    stdout.write("One-time code for a user: .venv/bin/python manage.py demo_code USERNAME")

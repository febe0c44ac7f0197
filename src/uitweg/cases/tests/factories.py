"""Test data for the cases app, built through the services (the one write path)."""

from __future__ import annotations

import time
from datetime import date, timedelta

from django.utils import timezone

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.cases import services
from uitweg.cases.models import Case
from uitweg.testing.factories import OrganisationFactory, UserFactory

PERSON = {
    "full_name": "Ana Testescu",
    "aliases": ["Ani"],
    "date_of_birth": date(1999, 3, 14),
    "phone_numbers": ["06-12345678"],
    "addresses": ["Teststraat 1, 2500 AA Den Haag"],
    "identity_documents": ["RO1234567"],
    "nationality": "RO",
    "gender": "female",
    "languages": ["ro", "en"],
}


def coordination_org(**kwargs):
    return OrganisationFactory(kind=OrganisationKind.CARE_COORDINATION, **kwargs)


def partner_org(**kwargs):
    return OrganisationFactory(kind=OrganisationKind.SHELTER, **kwargs)


def coordinator(organisation=None, **kwargs):
    return UserFactory(organisation=organisation or coordination_org(),
                       roles=[Role.CARE_COORDINATOR], **kwargs)


def case_worker(organisation=None, **kwargs):
    return UserFactory(organisation=organisation or partner_org(), roles=[Role.CASE_WORKER],
                       **kwargs)


def make_case(*, by, person: dict | None = None, forms=("sexual",), indicators=("deception",),
              first_signal_date: date | None = None, **kwargs) -> Case:
    return services.open_case(
        by=by, person={**PERSON, **(person or {})}, forms=list(forms),
        indicators=list(indicators),
        first_signal_date=first_signal_date or timezone.localdate() - timedelta(days=30),
        **kwargs)


def make_team():
    """A coordinator, a case worker of a partner organisation, and a case they share."""
    boss = coordinator()
    worker = case_worker()
    case = make_case(by=boss)
    services.add_member(by=boss, case=case, organisation=worker.organisation)
    return boss, worker, case


def mark_reauthenticated(client, user) -> None:
    """As if the user re-entered their password just now (allauth's session records)."""
    session = client.session
    session["account_authentication_methods_user"] = str(user.pk)
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}]
    session.save()

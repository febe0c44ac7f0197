"""Shared test data of monitoring: registrations of one year by several kinds of organisation."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from uitweg.accounts.roles import OrganisationKind
from uitweg.cases.tests.factories import coordinator, make_case
from uitweg.testing.factories import OrganisationFactory

YEAR = timezone.localdate().year - 1


def register(by, orgs, name, dob, kind, n=0):
    return make_case(by=by, person={"full_name": name, "date_of_birth": dob,
                                    "phone_numbers": [], "identity_documents": [],
                                    "aliases": []},
                     first_signal_date=date(YEAR, 3, 1) + timedelta(days=n),
                     reporting_organisation=orgs[kind])


@pytest.fixture
def orgs():
    return {kind: OrganisationFactory(kind=kind) for kind in
            (OrganisationKind.POLICE, OrganisationKind.SHELTER, OrganisationKind.YOUTH_CARE,
             OrganisationKind.OTHER)}


@pytest.fixture
def population(orgs):
    """Twelve people; some registered by two or three kinds of organisation, spelled apart."""
    by = coordinator()
    people = [(f"Persoon{chr(65 + i)} Achternaam{chr(75 + i)}", date(1980 + i, 1 + i, 10 + i))
              for i in range(12)]
    for i, (name, dob) in enumerate(people):
        register(by, orgs, name, dob, OrganisationKind.POLICE if i % 2 else
                 OrganisationKind.SHELTER, i)
    # the same people again, by another organisation, with the errors of real registrations
    register(by, orgs, "ACHTERNAAMK, PersoonA", date(1980, 1, 10), OrganisationKind.POLICE)
    register(by, orgs, "PersoonB Achternaamll", date(1981, 2, 11), OrganisationKind.SHELTER)
    register(by, orgs, "PersoonC AchternaamM", date(1982, 12, 3), OrganisationKind.YOUTH_CARE)
    register(by, orgs, "PersoonC AchternaamM", date(1982, 3, 12), OrganisationKind.POLICE)
    register(by, orgs, "Someone Else", date(1990, 1, 1), OrganisationKind.OTHER)  # on no list
    return people


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached counts and suppressions of one test never serve the next (the test database is
    rolled back without signals)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

"""factory_boy factories for the foundation models; apps add their own next to their tests."""

from __future__ import annotations

import functools

import factory
from django.contrib.auth.hashers import make_password

from uitweg.accounts import totp
from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind, Role

PASSWORD = "correct-horse-battery-staple-42"  # noqa: S105


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    # zero-padded: organisations are listed by name, and "Organisation 1000" must not come
    # before "Organisation 999" (a fallback route to the first care coordinator by name
    # depended on where a test process's count stood)
    name = factory.Sequence(lambda n: f"Organisation {n:06d}")
    kind = OrganisationKind.CARE_COORDINATION
    region = "Haaglanden"

    class Params:
        shelter = factory.Trait(kind=OrganisationKind.SHELTER)
        police = factory.Trait(kind=OrganisationKind.POLICE)
        youth_care = factory.Trait(kind=OrganisationKind.YOUTH_CARE)


@functools.cache
def _hashed(raw: str) -> str:
    """One real Argon2 hash per password and test process: hashing takes 0.15 s, and the suite
    creates thousands of users. Logging in still verifies the hash with Argon2."""
    return make_password(raw)


class UserFactory(factory.django.DjangoModelFactory):
    """A staff member with MFA enrolled (``mfa=False`` for one without)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    roles = factory.LazyFunction(lambda: [Role.CARE_COORDINATOR])

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.password = _hashed(extracted or PASSWORD)

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            self.totp_secret = totp.enrol(self)

"""factory_boy factories for the foundation models; apps add their own next to their tests."""

from __future__ import annotations

import factory

from uitweg.accounts import totp
from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import OrganisationKind, Role

PASSWORD = "correct-horse-battery-staple-42"  # noqa: S105


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.CARE_COORDINATION
    region = "Haaglanden"

    class Params:
        shelter = factory.Trait(kind=OrganisationKind.SHELTER)
        police = factory.Trait(kind=OrganisationKind.POLICE)
        youth_care = factory.Trait(kind=OrganisationKind.YOUTH_CARE)


class UserFactory(factory.django.DjangoModelFactory):
    """A staff member with MFA enrolled (``mfa=False`` for one without)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    roles = factory.LazyFunction(lambda: [Role.CARE_COORDINATOR])
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            self.totp_secret = totp.enrol(self)

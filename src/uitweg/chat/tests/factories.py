import factory

from uitweg.accounts.roles import Role
from uitweg.chat.models import Conversation
from uitweg.chat.services import hash_token
from uitweg.testing.factories import UserFactory


class CounsellorFactory(UserFactory):
    roles = factory.LazyFunction(lambda: [Role.CHAT_COUNSELLOR])


class SupervisorFactory(UserFactory):
    roles = factory.LazyFunction(lambda: [Role.CHAT_SUPERVISOR, Role.CHAT_COUNSELLOR])


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    token_hash = factory.Sequence(lambda n: hash_token(f"token-{n:040d}"))
    age_band = "16-17"


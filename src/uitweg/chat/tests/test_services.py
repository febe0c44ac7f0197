import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.chat import services
from uitweg.chat.models import Block, Conversation, Message, Registration, Sender, Status
from uitweg.chat.tests.factories import ConversationFactory, CounsellorFactory, SupervisorFactory
from uitweg.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_messages_are_numbered_and_a_repeated_id_is_not_stored_twice():
    chat = ConversationFactory()
    first = services.post_message(conversation_id=chat.pk, sender=Sender.YOUTH,
                                  client_id="a" * 10, body="hallo")
    second = services.post_message(conversation_id=chat.pk, sender=Sender.YOUTH,
                                   client_id="b" * 10, body="is daar iemand?")
    again = services.post_message(conversation_id=chat.pk, sender=Sender.YOUTH,
                                  client_id="a" * 10, body="hallo")
    assert (first.message.seq, second.message.seq) == (1, 2)
    assert again.created is False and again.message.seq == 1
    assert Message.objects.filter(conversation=chat).count() == 2
    chat.refresh_from_db()
    assert chat.last_seq == 2


def test_ended_chat_takes_no_new_messages():
    chat = ConversationFactory()
    services.end_conversation(conversation_id=chat.pk, reason="youth")
    with pytest.raises(services.ChatError) as exc:
        services.post_message(conversation_id=chat.pk, sender=Sender.YOUTH,
                              client_id="c" * 10, body="x")
    assert exc.value.code == "ended"


@override_settings(CHAT_COUNSELLOR_CAPACITY=2)
def test_pick_next_takes_longest_waiting_within_capacity_and_logs_it():
    counsellor = CounsellorFactory()
    first, second, third = ConversationFactory(), ConversationFactory(), ConversationFactory()
    assert services.queue_position(third) == 3
    assert services.pick_next(counsellor=counsellor) == first
    assert services.pick_next(counsellor=counsellor) == second
    with pytest.raises(services.ChatError) as exc:
        services.pick_next(counsellor=counsellor)
    assert exc.value.code == "capacity"
    third.refresh_from_db()
    assert services.queue_position(third) == 1
    first.refresh_from_db()
    assert first.status == Status.ACTIVE and first.counsellor == counsellor
    assert first.messages.get(seq=1).body == "counsellor_joined"
    assert AccessLogEntry.objects.filter(object_type="chat.conversation",
                                         object_id=str(first.pk)).exists()


def test_only_counsellors_pick_up():
    ConversationFactory()
    with pytest.raises(services.ChatError):
        services.pick_next(counsellor=UserFactory(roles=[Role.CASE_WORKER]))


def test_visible_to_is_one_filter_per_role():
    counsellor, other = CounsellorFactory(), CounsellorFactory()
    waiting = ConversationFactory()
    mine = ConversationFactory(status=Status.ACTIVE, counsellor=counsellor)
    theirs = ConversationFactory(status=Status.ACTIVE, counsellor=other)
    assert set(Conversation.objects.visible_to(counsellor)) == {waiting, mine}
    assert set(Conversation.objects.visible_to(SupervisorFactory())) == {waiting, mine, theirs}
    assert not Conversation.objects.visible_to(UserFactory(roles=[Role.CASE_WORKER])).exists()
    assert "OR" in str(Conversation.objects.visible_to(counsellor).query)


def test_registration_keeps_only_anonymous_figures():
    counsellor = CounsellorFactory()
    chat = ConversationFactory()
    services.pick_next(counsellor=counsellor)
    services.end_conversation(conversation_id=chat.pk, reason="counsellor", user=counsellor)
    registration = services.register(conversation=chat, user=counsellor, topic="work",
                                     exploitation_form="labour", age_band="16-17",
                                     outcome="informed")
    assert registration.day == timezone.localdate()
    field_names = {f.name for f in Registration._meta.get_fields()}
    assert not field_names & {"conversation", "nickname", "token_hash", "counsellor"}
    with pytest.raises(services.ChatError):
        services.register(conversation=chat, user=counsellor, topic="work",
                          exploitation_form="", age_band="", outcome="informed")


@override_settings(CHAT_RETENTION_DAYS=30)
def test_purge_deletes_transcripts_after_retention_and_keeps_registrations():
    counsellor = CounsellorFactory()
    with freeze_time("2026-01-01 12:00"):
        old = ConversationFactory()
        services.post_message(conversation_id=old.pk, sender=Sender.YOUTH,
                              client_id="d" * 10, body="oud")
        services.pick_next(counsellor=counsellor)
        services.end_conversation(conversation_id=old.pk, reason="youth")
        services.register(conversation=old, user=counsellor, topic="other",
                          exploitation_form="", age_band="", outcome="dropped")
    with freeze_time("2026-01-20 12:00"):
        recent = ConversationFactory()
        services.end_conversation(conversation_id=recent.pk, reason="youth")
    with freeze_time("2026-02-05 12:00"):
        call_command("purge_chat_transcripts")
    assert not Conversation.objects.filter(pk=old.pk).exists()
    assert not Message.objects.filter(conversation_id=old.pk).exists()
    assert Conversation.objects.filter(pk=recent.pk).exists()
    assert Registration.objects.count() == 1


@override_settings(CHAT_RETENTION_DAYS=0)
def test_retention_zero_deletes_the_transcript_when_the_chat_is_done():
    counsellor = CounsellorFactory()
    chat = ConversationFactory()
    services.pick_next(counsellor=counsellor)
    services.end_conversation(conversation_id=chat.pk, reason="youth")
    assert Conversation.objects.filter(pk=chat.pk).exists()  # registration still to do
    services.register(conversation=chat, user=counsellor, topic="other", exploitation_form="",
                      age_band="", outcome="dropped")
    assert not Conversation.objects.filter(pk=chat.pk).exists()
    abandoned = ConversationFactory()
    services.end_conversation(conversation_id=abandoned.pk, reason="youth")
    assert not Conversation.objects.filter(pk=abandoned.pk).exists()


def test_block_stops_the_token_for_the_chosen_time_and_ends_the_chat():
    counsellor = CounsellorFactory()
    chat = ConversationFactory()
    services.pick_next(counsellor=counsellor)
    services.block(conversation=chat, user=counsellor, hours=24, client_hash="abc")
    chat.refresh_from_db()
    assert chat.status == Status.ENDED
    assert services.token_blocked(chat.token_hash)
    assert services.client_blocked("abc")
    assert not services.token_blocked(chat.token_hash,
                                      now=timezone.now() + dt.timedelta(hours=25))
    assert Block.objects.count() == 1


def test_handover_code_carries_only_what_was_agreed():
    counsellor = CounsellorFactory()
    chat = ConversationFactory()
    services.pick_next(counsellor=counsellor)
    handover = services.create_handover(conversation=chat, user=counsellor,
                                        shared_summary="Wants help with housing")
    assert len(handover.code) == 8 and handover.code.isalnum()
    assert handover.expires_at > timezone.now() + dt.timedelta(days=29)


@override_settings(CHAT_STARTS_PER_HOUR=2)
def test_starts_are_limited_per_client_hash():
    assert services.allow_start("h1") and services.allow_start("h1")
    assert not services.allow_start("h1")
    assert services.allow_start("h2")

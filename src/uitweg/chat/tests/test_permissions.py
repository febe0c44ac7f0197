"""Chat services check who may act, whoever calls them (issue 9, finding 4): called directly
with the wrong actor they refuse, change nothing and write one denied access-log entry."""

import pytest
from django.urls import reverse

from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.chat import permissions, services
from uitweg.chat.models import (
    Block,
    Conversation,
    Handover,
    Note,
    Registration,
    RiskCheck,
    Sender,
    Status,
)
from uitweg.chat.tests.factories import ConversationFactory, CounsellorFactory, SupervisorFactory
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

ACTS = {
    "add_note": (lambda chat, user: services.add_note(conversation=chat, user=user, text="x"),
                 lambda: Note.objects.exists()),
    "transfer": (lambda chat, user: services.transfer(conversation=chat, user=user,
                                                      to_user=user),
                 lambda: Conversation.objects.exclude(counsellor__username="owner").filter(
                     status=Status.ACTIVE).exists()),
    "block": (lambda chat, user: services.block(conversation=chat, user=user, hours=1),
              lambda: Block.objects.exists()),
    "escalate": (lambda chat, user: services.escalate(conversation=chat, user=user),
                 lambda: Conversation.objects.filter(escalated_at__isnull=False).exists()),
    "record_risk_check": (
        lambda chat, user: services.record_risk_check(
            conversation=chat, user=user, thoughts=True, plan=True, means=True, timeframe=True,
            acute_danger=True),
        lambda: RiskCheck.objects.exists()),
    "create_handover": (
        lambda chat, user: services.create_handover(conversation=chat, user=user,
                                                    shared_summary="x"),
        lambda: Handover.objects.exists()),
    "end_conversation": (
        lambda chat, user: services.end_conversation(conversation_id=chat.pk,
                                                     reason="counsellor", user=user),
        lambda: Conversation.objects.filter(status=Status.ENDED).exists()),
    "register": (
        lambda chat, user: services.register(conversation=chat, user=user, topic="other",
                                             exploitation_form="", age_band="", outcome="informed"),
        lambda: Registration.objects.exists()),
    "join_as_supervisor": (
        lambda chat, user: services.join_as_supervisor(conversation=chat, user=user, openly=True),
        lambda: chat_has_system_line("supervisor_joined")),
    "create_signal": (
        lambda chat, user: services.create_signal(conversation=chat, user=user,
                                                  description="x", forms=["labour"]),
        lambda: __import__("uitweg.signals.models", fromlist=["Signal"]).Signal.objects.exists()),
}


def chat_has_system_line(code: str) -> bool:
    """A system line after "counsellor joined" (bodies are encrypted: no filter on them)."""
    from uitweg.chat.models import Message

    return any(m.body == code for m in Message.objects.filter(sender=Sender.SYSTEM))


def _wrong_actors():
    return {
        "other counsellor": CounsellorFactory(),
        "case worker": UserFactory(roles=[Role.CASE_WORKER]),
        # another channel's staff (ADR 0110): the youth chat is not theirs
        "outreach worker": UserFactory(roles=[Role.OUTREACH_WORKER]),
        "outreach lead": UserFactory(roles=[Role.OUTREACH_WORKER, Role.OUTREACH_LEAD]),
        "deactivated owner": None,  # filled in per test: the chat's own counsellor, deactivated
    }


@pytest.mark.parametrize("act", sorted(ACTS))
@pytest.mark.parametrize("who", ["other counsellor", "case worker", "deactivated owner",
                                 "outreach worker", "outreach lead"])
def test_a_service_called_with_the_wrong_actor_refuses_and_logs_it(act, who):
    owner = CounsellorFactory(username="owner")
    chat = ConversationFactory()
    services.pick_next(counsellor=owner)
    chat.refresh_from_db()
    actor = _wrong_actors()[who]
    if actor is None:
        actor = owner
        owner.is_active = False
        owner.save(update_fields=["is_active"])
    call, changed = ACTS[act]
    before = AccessLogEntry.objects.filter(outcome="denied").count()
    with pytest.raises(permissions.NotPermitted):
        call(chat, actor)
    assert not changed(), f"{act} by {who} changed something"
    denied = AccessLogEntry.objects.filter(outcome="denied").order_by("seq")[before:]
    assert [(e.object_type, e.user_id_ref) for e in denied] == [("chat.conversation", actor.pk)]
    assert denied[0].access_point == f"service:uitweg.chat.services.{act}"


def test_the_right_actor_passes_the_same_checks():
    owner, supervisor = CounsellorFactory(), SupervisorFactory()
    chat = ConversationFactory()
    services.pick_next(counsellor=owner)
    chat.refresh_from_db()
    services.add_note(conversation=chat, user=owner, text="mine")
    services.add_note(conversation=chat, user=supervisor, text="supervising")
    services.join_as_supervisor(conversation=chat, user=supervisor, openly=False)
    assert Note.objects.count() == 2
    assert not AccessLogEntry.objects.filter(outcome="denied").exists()


def test_only_counsellors_pick_up_and_a_refusal_is_logged():
    ConversationFactory()
    with pytest.raises(permissions.NotPermitted):
        services.pick_next(counsellor=UserFactory(roles=[Role.CHAT_SUPERVISOR]))
    assert AccessLogEntry.objects.filter(outcome="denied").count() == 1


def test_a_counsellor_message_under_someone_elses_chat_is_refused_by_the_service():
    owner, other = CounsellorFactory(), CounsellorFactory()
    chat = ConversationFactory()
    services.pick_next(counsellor=owner)
    with pytest.raises(permissions.NotPermitted):
        services.post_message(conversation_id=chat.pk, sender=Sender.COUNSELLOR,
                              client_id="intruder-01", body="hi", author=other)
    chat.refresh_from_db()
    assert chat.last_seq == 1  # only "counsellor joined"; no number was taken
    assert AccessLogEntry.objects.filter(outcome="denied").count() == 1


def test_a_counsellor_who_is_not_the_chats_gets_403_and_a_denied_entry_on_the_page(client):
    owner, other = CounsellorFactory(), CounsellorFactory()
    chat = ConversationFactory()
    services.pick_next(counsellor=owner)
    supervisor_chat = ConversationFactory()  # waiting: visible to every counsellor
    force_login_with_mfa(client, other)
    response = client.get(reverse("chat:conversation", args=[supervisor_chat.public_id]))
    assert response.status_code == 403
    response = client.post(reverse("chat:note", args=[supervisor_chat.public_id]),
                           {"text": "x"})
    assert response.status_code == 403
    denied = AccessLogEntry.objects.filter(outcome="denied", object_id=str(supervisor_chat.pk))
    assert [e.action for e in denied.order_by("seq")] == ["view", "update"]
    assert all(e.access_point.startswith("/staff/chat/c/") for e in denied)
    assert not Note.objects.exists()
    assert chat.pk != supervisor_chat.pk

"""What one chat frame costs the database (issue 9 speed, ADR 0044): a counsellor's message is
admitted in one query and stored in one statement (PostgreSQL; two on SQLite), in one hop."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from uitweg.chat import services
from uitweg.chat.consumers import YouthConsumer
from uitweg.chat.models import Message, Sender, Status
from uitweg.chat.staff_socket import StaffConsumer
from uitweg.chat.tests.factories import ConversationFactory, CounsellorFactory
from uitweg.chat.tests.sockets import staff_cookie

pytestmark = pytest.mark.django_db(transaction=True)


def _statements(queries) -> list[str]:
    """What does work (transaction control — BEGIN, COMMIT, savepoints — left out)."""
    return [q["sql"] for q in queries
            if q["sql"].split(None, 1)[0].upper() in {"SELECT", "INSERT", "UPDATE", "WITH"}]


def _staff_socket(counsellor, chat) -> StaffConsumer:
    """A counsellor's socket as it is after opening (admitted once, chat joined)."""
    consumer = StaffConsumer()
    key = staff_cookie(counsellor).split("=", 1)[1]
    consumer.scope = {"path": f"/ws/chat/staff/{chat.public_id}/",
                      "session": type("S", (), {"session_key": key})(),
                      "url_route": {"kwargs": {"public_id": chat.public_id}},
                      "client": ("127.0.0.1", 1)}
    assert consumer._admit(opening=True, activity=False) == ""
    consumer.conversation = chat
    return consumer


def test_a_counsellors_message_is_one_admission_query_and_the_insert():
    counsellor = CounsellorFactory()
    chat = ConversationFactory(status=Status.ACTIVE, counsellor=counsellor)
    socket = _staff_socket(counsellor, chat)
    frame = {"type": "msg", "id": "cost-0001", "body": "Hoi, ik ben er."}
    with CaptureQueriesContext(connection) as queries:
        posted = socket._gated_post(frame)
    assert isinstance(posted, services.Posted) and posted.created
    statements = _statements(queries.captured_queries)
    one_statement = connection.vendor == "postgresql"
    assert len(statements) == (2 if one_statement else 3), statements
    stored = Message.objects.get(conversation=chat, client_id="cost-0001")
    assert (stored.seq, stored.sender, stored.author_id, stored.body) == (
        posted.message.seq, Sender.COUNSELLOR, counsellor.pk, "Hoi, ik ben er.")


def test_a_resent_message_is_acknowledged_with_its_number_not_stored_twice():
    counsellor = CounsellorFactory()
    chat = ConversationFactory(status=Status.ACTIVE, counsellor=counsellor)
    socket = _staff_socket(counsellor, chat)
    frame = {"type": "msg", "id": "cost-0002", "body": "Nog een keer"}
    first, again = socket._gated_post(frame), socket._gated_post(frame)
    assert (first.created, again.created) == (True, False)
    assert again.message.seq == first.message.seq
    assert Message.objects.filter(conversation=chat).count() == 1


def test_a_message_after_the_chat_was_transferred_is_refused_and_not_stored():
    counsellor, colleague = CounsellorFactory(), CounsellorFactory()
    chat = ConversationFactory(status=Status.ACTIVE, counsellor=counsellor)
    socket = _staff_socket(counsellor, chat)
    chat.counsellor = colleague
    chat.save(update_fields=["counsellor"])
    refused = socket._gated_post({"type": "msg", "id": "cost-0003", "body": "Nog hier?"})
    assert refused == ("not_found", 0)
    assert not Message.objects.filter(conversation=chat).exists()


def test_a_young_persons_message_stamps_them_as_still_there():
    chat = ConversationFactory(status=Status.ACTIVE, counsellor=CounsellorFactory(),
                               youth_seen_at=None)
    socket = YouthConsumer()
    socket.conversation = chat
    posted = socket._gated_post({"type": "msg", "id": "cost-0004", "body": "hallo"})
    assert posted.created
    chat.refresh_from_db()
    assert chat.youth_seen_at is not None and chat.last_seq == posted.message.seq

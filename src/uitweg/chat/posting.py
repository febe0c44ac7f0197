"""A chat message numbered and stored in one SQL statement (PostgreSQL; ADR 0044).

The usual case of :func:`uitweg.chat.services.post_message` — a live chat, an allowed sender, a
new client id — as one statement in autocommit mode, so one round trip instead of four
(``BEGIN``, the numbering ``UPDATE``, the ``INSERT``, ``COMMIT``)::

    WITH n AS (UPDATE chat_conversation SET last_seq = last_seq + 1 …
               WHERE id = … AND status <> 'ended' [AND the staff member may write]
               RETURNING last_seq, public_id)
    INSERT INTO chat_message (…) SELECT …, n.last_seq, … FROM n RETURNING id, …

A statement is its own transaction: the number is taken under the conversation's row lock and
the message stored, or — a repeated client id violating the unique constraint — neither.
Whenever the statement stores nothing (the chat ended or is gone, the staff member may not
write, a repeated id), it returns ``None`` and ``post_message`` takes its two-statement path,
which decides, logs and explains exactly as before. SQLite, and calls inside a transaction,
always take that path.
"""

from __future__ import annotations

import functools

from django.db import IntegrityError, connection
from django.utils import timezone

from uitweg.chat import channels, permissions
from uitweg.chat.models import Conversation, Message, Sender, Status


def insert_numbered(*, conversation_id: int, sender: str, client_id: str, body: str,
                    author=None) -> tuple[Message, str] | None:
    """``(stored message, the chat's public id)`` or ``None`` (take the usual path)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    staff = sender == Sender.COUNSELLOR
    if staff and (author is None or not permissions.uses_chat(author)):
        return None
    message = Message(conversation_id=conversation_id, seq=0, client_id=client_id,
                      sender=sender, author=author, body=body)
    fields = _fields()
    params: list = []
    if sender == Sender.YOUTH:  # a young person's message says they are still there
        params.append(connection.ops.adapt_datetimefield_value(timezone.now()))
    params += [conversation_id, Status.ENDED]
    if staff:
        params += [author.pk, channels.supervised_by(author) or [""], author.organisation_id]
    params += [field.get_db_prep_save(field.pre_save(message, add=True), connection)
               for field in fields if field.name != "seq"]
    try:
        with connection.cursor() as cursor:
            cursor.execute(_statement(youth=sender == Sender.YOUTH, staff=staff), params)
            row = cursor.fetchone()
    except IntegrityError:  # a repeated client id: nothing was stored, the usual path explains
        return None
    if row is None:
        return None
    message.pk, message.seq = row[0], row[1]
    message._state.adding = False
    message._state.db = connection.alias
    return message, str(row[2])


@functools.cache
def _fields():
    return [field for field in Message._meta.concrete_fields if not field.primary_key]


@functools.cache
def _statement(*, youth: bool, staff: bool) -> str:
    qn = connection.ops.quote_name
    chats, messages = Conversation._meta, Message._meta

    def col(meta, name):
        return qn(meta.get_field(name).column)

    seen = f", {col(chats, 'youth_seen_at')} = %s" if youth else ""
    # the chat's counsellor, or a supervisor of its channel within its organisation (ADR 0110)
    may_write = (f" AND ({col(chats, 'counsellor')} = %s OR ({col(chats, 'channel')} = ANY(%s)"
                 f" AND ({col(chats, 'organisation')} IS NULL OR {col(chats, 'organisation')}"
                 " = %s)))" if staff else "")
    values = ", ".join("n.last_seq" if field.name == "seq" else "%s" for field in _fields())
    parts = [
        f"WITH n AS (UPDATE {qn(chats.db_table)}",
        f"SET {col(chats, 'last_seq')} = {col(chats, 'last_seq')} + 1{seen}",
        f"WHERE {qn(chats.pk.column)} = %s AND {col(chats, 'status')} <> %s{may_write}",
        f"RETURNING {col(chats, 'last_seq')} AS last_seq, {col(chats, 'public_id')} AS public_id)",
        f"INSERT INTO {qn(messages.db_table)}",
        "(" + ", ".join(qn(field.column) for field in _fields()) + ")",
        f"SELECT {values} FROM n",  # noqa: S608 - names from the models, values as params
        f"RETURNING {qn(messages.pk.column)}, {col(messages, 'seq')},",
        "(SELECT public_id FROM n)",
    ]
    return " ".join(parts)

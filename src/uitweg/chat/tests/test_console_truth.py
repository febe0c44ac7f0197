"""Issue 10 item 11: a chat console that tells the truth."""

import datetime as dt
import re
from pathlib import Path

import pytest
from channels.db import database_sync_to_async
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from uitweg.chat import services
from uitweg.chat.models import Conversation, Status
from uitweg.chat.tests.factories import ConversationFactory, CounsellorFactory, SupervisorFactory
from uitweg.chat.tests.sockets import (
    ALWAYS,
    frames_until,
    frames_until_quiet,
    start,
    youth_socket,
)
from uitweg.testing.aio import run_coroutine
from uitweg.testing.clients import force_login_with_mfa

pytestmark = pytest.mark.django_db


def action_url(chat, name: str) -> str:
    """The URL of an action on a chat (the handover code page is "chat:handover")."""
    return reverse(f"chat:{'give_handover' if name == 'handover' else name}",
                   args=[chat.public_id])


def _action(chat, name: str) -> str:
    return f'action="{action_url(chat, name)}"'


def test_supervisor_overview_with_two_waiting_chats(client):
    supervisor = SupervisorFactory()
    first, second = ConversationFactory(), ConversationFactory()
    force_login_with_mfa(client, supervisor)
    response = client.get(reverse("chat:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert first.audit_label in html and second.audit_label in html


# --- a young person who left leaves the queue (item 11) ---
@override_settings(CHAT_LEFT_AFTER=2)
def test_a_young_person_not_heard_for_two_minutes_leaves_the_queue(client):
    counsellor = CounsellorFactory()
    with freeze_time("2026-11-30 15:00:00") as clock:
        gone = ConversationFactory(youth_seen_at=timezone.now())
        here = ConversationFactory(youth_seen_at=timezone.now())
        clock.tick(dt.timedelta(minutes=1, seconds=50))
        services.youth_seen(conversation_id=here.pk)  # the page pinged; the other tab closed
        clock.tick(dt.timedelta(seconds=20))
        force_login_with_mfa(client, counsellor)
        html = client.get(reverse("chat:console")).content.decode()
        assert here.audit_label in html and gone.audit_label not in html
        gone.refresh_from_db()
        assert (gone.status, gone.end_reason) == (Status.ENDED, "left")
        assert gone.messages.last().body == "ended_by_left"
        assert services.queue_position(here) == 1


@override_settings(CHAT_LEFT_AFTER=2)
def test_picking_the_next_chat_never_picks_a_dead_one():
    counsellor = CounsellorFactory()
    with freeze_time("2026-11-30 15:00:00") as clock:
        dead = ConversationFactory(youth_seen_at=timezone.now())
        clock.tick(dt.timedelta(minutes=3))
        alive = ConversationFactory(youth_seen_at=timezone.now())
        assert services.pick_next(counsellor=counsellor).pk == alive.pk
        dead.refresh_from_db()
        assert dead.status == Status.ENDED and dead.counsellor is None
        clock.tick(dt.timedelta(minutes=3))
        with pytest.raises(services.ChatError):  # the only one left is dead too
            services.pick_next(counsellor=CounsellorFactory())


@override_settings(CHAT_LEFT_AFTER=2)
def test_a_waiting_chat_is_never_stuck_for_ever_and_a_returning_youth_keeps_theirs():
    with freeze_time("2026-11-30 15:00:00") as clock:
        waiting = ConversationFactory(youth_seen_at=timezone.now())
        clock.tick(dt.timedelta(minutes=10))
        services.youth_seen(conversation_id=waiting.pk)  # came back just before the sweep
        assert services.sweep_left() == 0
        waiting.refresh_from_db()
        assert waiting.status == Status.WAITING
        clock.tick(dt.timedelta(minutes=2, seconds=1))
        assert services.sweep_left() == 1  # the next queue read, purge or new chat ends it
        waiting.refresh_from_db()
        assert waiting.status == Status.ENDED and waiting.end_reason == "left"


@override_settings(CHAT_LEFT_AFTER=2)
def test_an_active_chat_whose_youth_left_is_marked_left_for_the_counsellor(client):
    counsellor = CounsellorFactory()
    with freeze_time("2026-11-30 15:00:00") as clock:
        ConversationFactory(youth_seen_at=timezone.now())
        chat = services.pick_next(counsellor=counsellor)
        clock.tick(dt.timedelta(minutes=5))
        force_login_with_mfa(client, counsellor)
        console = client.get(reverse("chat:console")).content.decode()
        assert 'data-end-reason="left"' in console  # under "registration missing"
        page = client.get(reverse("chat:conversation", args=[chat.public_id])).content.decode()
    assert 'data-reason="left"' in page and 'id="chat-youth-gone" ' in page
    assert 'id="chat-youth-gone" role="alert" data-reason="left" hidden' not in page
    assert _action(chat, "handover") not in page and _action(chat, "block") not in page


# --- quick exit is a danger sign for the counsellor (item 11) ---
def test_quick_exit_beacon_is_shown_to_the_counsellor_as_used_quick_exit(client):
    counsellor = CounsellorFactory()
    chat, token = services.start_conversation()
    services.pick_next(counsellor=counsellor)
    assert client.post("/chat/end/", {"token": token, "quick_exit": "1"}).status_code == 204
    chat.refresh_from_db()
    assert (chat.status, chat.end_reason) == (Status.ENDED, "quick_exit")
    assert chat.messages.last().body == "ended_by_quick_exit"
    force_login_with_mfa(client, counsellor)
    page = client.get(reverse("chat:conversation", args=[chat.public_id])).content.decode()
    assert 'role="alert" data-reason="quick_exit">' in page  # shown, not hidden
    assert "chat-badge--alert" in page
    assert _action(chat, "handover") not in page  # nobody to give it to
    assert _action(chat, "note") in page and _action(chat, "end") in page
    console = client.get(reverse("chat:console")).content.decode()
    assert 'data-end-reason="quick_exit"' in console


def test_an_ordinary_end_is_not_shown_as_a_quick_exit(client):
    counsellor = CounsellorFactory()
    chat, token = services.start_conversation()
    services.pick_next(counsellor=counsellor)
    client.post("/chat/end/", {"token": token})
    chat.refresh_from_db()
    assert chat.end_reason == "youth"
    force_login_with_mfa(client, counsellor)
    page = client.get(reverse("chat:conversation", args=[chat.public_id])).content.decode()
    assert 'id="chat-youth-gone" role="alert" data-reason="youth" hidden' in page
    assert _action(chat, "handover") in page


def _age(public_id) -> None:
    Conversation.objects.filter(public_id=public_id).update(
        youth_seen_at=timezone.now() - dt.timedelta(days=1))


def _seen(public_id):
    return Conversation.objects.get(public_id=public_id).youth_seen_at


@ALWAYS
@pytest.mark.django_db(transaction=True)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_youth_socket_stamps_last_seen_and_its_quick_exit_frame_is_a_quick_exit():
    async def scenario():
        youth = youth_socket()
        token, welcome, _queue = await start(youth)
        await database_sync_to_async(_age)(welcome["conversation"])
        await youth.disconnect()  # the tab closes: its last moment is stamped
        seen = await database_sync_to_async(_seen)(welcome["conversation"])
        assert timezone.now() - seen < dt.timedelta(minutes=1)
        again = youth_socket()
        await again.connect()
        await again.send_json_to({"type": "resume", "token": token, "last_seq": 0})
        await frames_until_quiet(again)
        await again.send_json_to({"type": "end", "quick_exit": True})
        # the server ends the chat, then closes the socket: wait for the close, not for a
        # quiet spell (a loaded machine can take longer to end it than any spell we would wait)
        closed = await frames_until(again, lambda frames: frames and frames[-1]["type"] == "closed")
        assert closed[-1] == {"type": "closed", "code": 1000}
        return welcome["conversation"]

    chat = Conversation.objects.get(public_id=run_coroutine(scenario()))
    assert (chat.status, chat.end_reason) == (Status.ENDED, "quick_exit")


# --- links only to pages the role may open (item 11) ---
@pytest.mark.parametrize("factory", [CounsellorFactory, SupervisorFactory])
def test_every_chat_link_on_the_console_opens_for_the_role_that_sees_it(client, factory):
    user = factory()
    ConversationFactory(), ConversationFactory()
    chat, _token = services.start_conversation()
    services.pick_next(counsellor=user)
    force_login_with_mfa(client, user)
    pages = [reverse("chat:console"), reverse("chat:conversation", args=[chat.public_id])]
    seen = set()
    for page in pages:
        html = client.get(page).content.decode()
        seen.update(re.findall(r'href="(/staff/chat/[^"]*)"', html))
    assert seen, "the console links somewhere"
    for url in sorted(seen):
        assert client.get(url).status_code == 200, url
    handover = reverse("chat:handover")
    assert (handover in seen) is (factory is SupervisorFactory)


# --- the youth chat in six languages, the language shown to the counsellor (item 3) ---
PUBLIC = ["nl", "en", "pl", "ro", "bg", "uk"]
CHAT_LOCALE = Path(__file__).resolve().parents[1] / "locale"


@ALWAYS
@pytest.mark.parametrize("lang", PUBLIC[1:])
def test_the_youth_chat_is_offered_in_every_public_language(client, lang):
    html = client.get(f"/{lang}/chat/").content.decode()
    assert f'<html lang="{lang}"' in html
    offered = set(re.findall(r'hreflang="([a-z]+)"', html)) | {lang}
    assert offered == set(PUBLIC)  # the same set as the report form
    assert f'data-lang="{lang}"' in html  # the start frame carries it


@ALWAYS
@pytest.mark.skipif(not (CHAT_LOCALE / "pl").exists(),
                    reason="the pl/ro/bg/uk chat catalogues are made from the helper's TSV")
@pytest.mark.parametrize("lang", ["pl", "ro", "bg", "uk"])
def test_the_youth_chat_has_no_dutch_under_another_language(client, lang):
    html = client.get(f"/{lang}/chat/").content.decode()
    for dutch in ("Anoniem chatten", "Voordat je begint", "Openingstijden", "Start de chat",
                  "zeg ik liever niet", "Je bericht"):
        assert dutch not in html, (lang, dutch)


def test_the_counsellor_sees_the_young_persons_language(client):
    counsellor = CounsellorFactory()
    chat, _token = services.start_conversation(language="pl")
    force_login_with_mfa(client, counsellor)
    queue = client.get(reverse("chat:queue")).content.decode()
    assert 'data-language="pl">Pools<' in queue
    services.pick_next(counsellor=counsellor)
    page = client.get(reverse("chat:conversation", args=[chat.public_id])).content.decode()
    assert 'data-language="pl">Pools<' in page


@ALWAYS
@pytest.mark.django_db(transaction=True)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_start_frame_keeps_a_public_language_and_refuses_nothing_else():
    async def scenario():
        chats = []
        for lang in ("pl", ["pl"], {"x": 1}, "xx"):
            youth = youth_socket()
            await youth.connect()
            await youth.send_json_to({"type": "start", "lang": lang})
            await youth.receive_json_from()  # token
            chats.append((await youth.receive_json_from())["conversation"])
            await youth.disconnect()
        return chats

    chats = run_coroutine(scenario())
    languages = [Conversation.objects.get(public_id=c).language for c in chats]
    assert languages == ["pl", "nl", "nl", "nl"]

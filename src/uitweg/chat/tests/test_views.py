import pytest
from django.test import override_settings
from django.urls import reverse

from uitweg.accounts.roles import Role
from uitweg.audit.testing import assert_one_access_entry
from uitweg.chat import services
from uitweg.chat.models import CannedResponse, Conversation, Handover, Registration, Status
from uitweg.chat.tests.factories import ConversationFactory, CounsellorFactory, SupervisorFactory
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def action_url(chat, name: str) -> str:
    """The URL of an action on a chat (the handover code page is "chat:handover")."""
    return reverse(f"chat:{'give_handover' if name == 'handover' else name}",
                   args=[chat.public_id])


@override_settings(CHAT_OPENING_HOURS="mon-sun 00:00-24:00")
def test_youth_page_in_dutch_and_english_sets_no_cookie(client):
    response = client.get("/chat/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anoniem chatten" in html
    assert 'id="chat-start"' in html and "0800-0432" in html
    assert not response.cookies
    english = client.get("/en/chat/")
    assert "Chat anonymously" in english.content.decode()
    assert "<script>" not in html and "style=" not in html


@override_settings(CHAT_OPENING_HOURS="mon-sun 00:00-00:01")
def test_youth_page_when_closed_shows_the_alternatives(client):
    from freezegun import freeze_time

    with freeze_time("2026-11-30 12:00"):
        html = client.get("/en/chat/").content.decode()
    assert "The chat is closed right now." in html
    assert 'id="chat-alternatives" hidden' not in html


def test_quick_exit_beacon_ends_the_chat(client):
    chat, token = services.start_conversation()
    response = client.post("/chat/end/", {"token": token})
    assert response.status_code == 204
    chat.refresh_from_db()
    assert chat.status == Status.ENDED
    assert client.post("/chat/end/", {"token": "nonsense"}).status_code == 204


def test_console_lists_the_queue_with_one_access_entry(client):
    counsellor = CounsellorFactory()
    ConversationFactory()
    force_login_with_mfa(client, counsellor)
    with assert_one_access_entry("search", object_type="chat.conversation"):
        response = client.get(reverse("chat:console"))
    assert response.status_code == 200
    assert "chat-" in response.content.decode()


def test_other_roles_cannot_open_the_console(client):
    force_login_with_mfa(client, UserFactory(roles=[Role.CASE_WORKER]))
    assert client.get(reverse("chat:console")).status_code == 403
    assert client.post(reverse("chat:pick")).status_code == 403


def test_pick_open_note_risk_and_end_with_registration(client):
    counsellor = CounsellorFactory()
    chat = ConversationFactory()
    force_login_with_mfa(client, counsellor)
    response = client.post(reverse("chat:pick"))
    assert response.url == reverse("chat:conversation", args=[chat.public_id])
    with assert_one_access_entry("view", object_type="chat.conversation"):
        page = client.get(response.url)
    assert page.status_code == 200
    url = lambda name: action_url(chat, name)  # noqa: E731
    client.post(url("note"), {"text": "Noemt een 'vriend' die geld regelt"})
    client.post(url("risk"), {"thoughts": "on", "plan": "on", "means": "on", "timeframe": "on"})
    chat.refresh_from_db()
    assert chat.notes.get().text.startswith("Noemt") and chat.escalated_at is not None
    response = client.post(url("end"), {"topic": "loverboy", "exploitation_form": "sexual",
                                        "age_band": "16-17", "outcome": "handover"})
    assert response.url == reverse("chat:console")
    chat.refresh_from_db()
    assert chat.status == Status.ENDED and chat.registered
    assert Registration.objects.get().exploitation_form == "sexual"


def test_a_counsellor_cannot_open_someone_elses_chat(client):
    other = CounsellorFactory()
    chat = ConversationFactory(status=Status.ACTIVE, counsellor=other)
    force_login_with_mfa(client, CounsellorFactory())
    with assert_one_access_entry("view", outcome="denied"):
        assert client.get(reverse("chat:conversation", args=[chat.public_id])).status_code == 404


def test_supervisor_sees_all_live_chats_and_joins_openly(client):
    counsellor = CounsellorFactory()
    ConversationFactory()
    chat = services.pick_next(counsellor=counsellor)
    supervisor = SupervisorFactory()
    force_login_with_mfa(client, supervisor)
    with assert_one_access_entry("search", object_type="chat.conversation"):
        assert client.get(reverse("chat:overview")).status_code == 200
    client.post(reverse("chat:join", args=[chat.public_id]), {"openly": "1"})
    assert "supervisor_joined" in [m.body for m in chat.messages.all()]
    page = client.get(reverse("chat:conversation", args=[chat.public_id])).content.decode()
    assert 'data-read-only="0"' in page


def test_transfer_block_and_handover(client):
    counsellor, colleague = CounsellorFactory(), CounsellorFactory()
    ConversationFactory()
    chat = services.pick_next(counsellor=counsellor)
    force_login_with_mfa(client, counsellor)
    url = lambda name: action_url(chat, name)  # noqa: E731
    client.post(url("handover"), {"shared_summary": "Zoekt opvang", "consent": "on"})
    handover = Handover.objects.get()
    client.post(url("transfer"), {"to_user": colleague.pk})
    chat.refresh_from_db()
    assert chat.counsellor == colleague
    force_login_with_mfa(client, colleague)
    client.post(url("block"), {"hours": "24"})
    chat.refresh_from_db()
    assert chat.status == Status.ENDED and services.token_blocked(chat.token_hash)

    force_login_with_mfa(client, UserFactory(roles=[Role.CASE_WORKER]))
    with assert_one_access_entry("view", object_type="chat.handover"):
        found = client.post(reverse("chat:handover"), {"code": handover.code.lower()})
    assert "Zoekt opvang" in found.content.decode()


def test_supervisor_edits_canned_responses(client):
    force_login_with_mfa(client, SupervisorFactory())
    client.post(reverse("chat:canned"), {"title": "Hallo", "text": "Hoi, fijn dat je er bent.",
                                         "order": 1})
    assert CannedResponse.objects.get().title == "Hallo"
    force_login_with_mfa(client, CounsellorFactory())
    assert client.get(reverse("chat:canned")).status_code == 403


def test_statistics_show_only_counts(client):
    force_login_with_mfa(client, UserFactory(roles=[Role.ANALYST]))
    assert client.get(reverse("chat:statistics")).status_code == 200
    assert Conversation.objects.count() == 0


def test_signal_to_the_intake_carries_only_what_was_agreed(client):
    from uitweg.signals.models import Signal

    counsellor = CounsellorFactory()
    ConversationFactory(age_band="12-15")
    chat = services.pick_next(counsellor=counsellor)
    force_login_with_mfa(client, counsellor)
    client.post(reverse("chat:signal", args=[chat.public_id]),
                {"description": "Moet spullen vervoeren voor een 'vriend'",
                 "exploitation_forms": ["criminal"], "consent": "on"})
    signal = Signal.objects.get()
    assert signal.description == "Moet spullen vervoeren voor een 'vriend'"
    assert signal.forms == ["criminal"] and signal.minor_involved is True
    assert signal.source == "professional"
    assert signal.reporting_organisation == counsellor.organisation


def test_dashboard_widget_lists_the_queue_in_the_dashboard_entry(client):
    chat = ConversationFactory()
    force_login_with_mfa(client, CounsellorFactory())
    with assert_one_access_entry("search") as log:
        response = client.get(reverse("dashboard"))
    assert "chat-" in response.content.decode() or "wacht" in response.content.decode()
    assert f"chat.conversation:{chat.pk}" in log.entries[0].object_ids

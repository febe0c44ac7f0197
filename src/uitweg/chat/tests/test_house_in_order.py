"""Issue 14 item 4: the chat like the rest (services, one view per action, no raw codes)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from uitweg.audit.models import AccessLogEntry
from uitweg.chat import services
from uitweg.chat.errors import refusal_text
from uitweg.chat.models import Block, CannedResponse, Status
from uitweg.chat.tests.factories import ConversationFactory, CounsellorFactory, SupervisorFactory
from uitweg.testing.clients import force_login_with_mfa

pytestmark = pytest.mark.django_db
CHAT = Path(services.__file__).parent


def test_a_block_whose_ending_fails_leaves_no_block_behind(monkeypatch):
    """Block and end are one transaction: no blocked token on a chat that is still open."""
    counsellor = CounsellorFactory()
    ConversationFactory()
    chat = services.pick_next(counsellor=counsellor)

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "end_conversation", broken)
    with pytest.raises(RuntimeError):
        services.block(conversation=chat, user=counsellor, hours=24)
    assert not Block.objects.exists()
    chat.refresh_from_db()
    assert chat.status == Status.ACTIVE


def test_canned_responses_are_kept_through_the_service_by_the_supervisor_only():
    supervisor, counsellor = SupervisorFactory(), CounsellorFactory()
    response = services.save_canned_response(user=supervisor, response=None, title="Hallo",
                                             text="Fijn dat je er bent.", order=1)
    with pytest.raises(services.NotPermitted):
        services.save_canned_response(user=counsellor, response=response, title="Weg",
                                      text="x", order=1)
    with pytest.raises(services.NotPermitted):
        services.delete_canned_response(user=counsellor, response=response)
    response.refresh_from_db()
    assert response.title == "Hallo"
    denied = AccessLogEntry.objects.filter(outcome="denied", object_type="chat.cannedresponse")
    assert denied.count() == 2
    services.delete_canned_response(user=supervisor, response=response)
    assert not CannedResponse.objects.exists()


def test_the_canned_page_deletes_through_the_service(client):
    supervisor = SupervisorFactory()
    response = services.save_canned_response(user=supervisor, response=None, title="Hallo",
                                             text="Hoi", order=1)
    force_login_with_mfa(client, supervisor)
    client.post(reverse("chat:canned_edit", args=[response.pk]), {"delete": "1"})
    assert not CannedResponse.objects.exists()


def test_every_action_is_its_own_post_only_url(client):
    counsellor = CounsellorFactory()
    ConversationFactory()
    chat = services.pick_next(counsellor=counsellor)
    force_login_with_mfa(client, counsellor)
    for name in ("note", "risk", "escalate", "transfer", "block", "give_handover", "signal",
                 "end", "join"):
        url = reverse(f"chat:{name}", args=[chat.public_id])
        assert url.startswith(f"/staff/chat/c/{chat.public_id}/")
        assert client.get(url).status_code == 405, name
    chat.refresh_from_db()
    assert chat.status == Status.ACTIVE and not chat.notes.exists()


def test_a_refused_transfer_is_said_in_dutch_never_as_its_code(client):
    counsellor, colleague = CounsellorFactory(), CounsellorFactory()
    ConversationFactory()
    chat = services.pick_next(counsellor=counsellor)
    services.end_conversation(conversation_id=chat.pk, reason="youth")
    force_login_with_mfa(client, counsellor)
    page = client.post(reverse("chat:transfer", args=[chat.public_id]),
                       {"to_user": colleague.pk}, follow=True).content.decode()
    assert "De chat is al beëindigd." in page
    assert "ended" not in re.sub(r"<[^>]+>", " ", page).split()


def test_every_code_a_service_refuses_with_has_words():
    codes = set()
    for module in ("services.py", "handover.py", "canned.py", "permissions.py"):
        for a, b in re.findall(r'ChatError\("(\w+)"\)|code="(\w+)"',
                               (CHAT / module).read_text()):
            codes.add(a or b)
    assert {"ended", "capacity", "queue_empty", "role", "registered"} <= codes
    with translation.override("nl"):
        for code in codes:
            text = refusal_text(code)
            assert text and code not in text

"""All my chats in one panel (issue 10, item 11): which chats it shows, to whom, and its log."""

import pytest
from django.urls import reverse

from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.audit.testing import assert_one_access_entry
from uitweg.chat import services
from uitweg.chat.models import Status
from uitweg.chat.tests.factories import ConversationFactory, CounsellorFactory, SupervisorFactory
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
PANEL = reverse("chat:panel")


def tabs(html: str) -> list[str]:
    """The public ids of the chats that got a tab, in page order."""
    import re

    return re.findall(r'data-chat-tab="([0-9a-f-]+)"', html)


@pytest.fixture
def world():
    me, colleague = CounsellorFactory(), CounsellorFactory()
    first = ConversationFactory(counsellor=me, status=Status.ACTIVE, nickname="Fenneke")
    second = ConversationFactory(counsellor=me, status=Status.ACTIVE, nickname="Gijsbert")
    ended = ConversationFactory(counsellor=me, status=Status.ENDED, nickname="Quirijn")
    theirs = ConversationFactory(counsellor=colleague, status=Status.ACTIVE, nickname="Xander")
    waiting = ConversationFactory(nickname="Yfke")
    return {"me": me, "colleague": colleague, "first": first, "second": second,
            "ended": ended, "theirs": theirs, "waiting": waiting}


def test_the_panel_shows_only_my_open_chats_each_with_its_own_socket(client, world):
    force_login_with_mfa(client, world["me"])
    response = client.get(PANEL)
    assert response.status_code == 200
    html = response.content.decode()
    assert tabs(html) == [str(world["first"].public_id), str(world["second"].public_id)]
    for chat in (world["first"], world["second"]):
        assert f'data-ws-path="/ws/chat/staff/{chat.public_id}/"' in html
        assert reverse("chat:conversation", args=[chat.public_id]) in html  # the full page
        assert f'id="chat-input-{chat.public_id}"' in html
    for absent in ("ended", "theirs", "waiting"):
        assert str(world[absent].public_id) not in html
        assert world[absent].nickname not in html
    # without JavaScript both chats are visible: only the script hides panels
    assert html.count("data-chat-panel") == 2
    assert "data-chat-panel hidden" not in html and 'class="chat-tabpanel" hidden' not in html


def test_the_access_log_names_every_chat_shown_and_no_other(client, world):
    force_login_with_mfa(client, world["me"])
    with assert_one_access_entry("view", object_type="chat.conversation") as log:
        client.get(PANEL)
    entry = log.entries[0]
    assert sorted(entry.object_ids) == sorted([str(world["first"].pk), str(world["second"].pk)])
    assert entry.access_point.endswith("/staff/chat/panel/")


def test_another_counsellor_sees_only_their_own_chat(client, world):
    force_login_with_mfa(client, world["colleague"])
    html = client.get(PANEL).content.decode()
    assert tabs(html) == [str(world["theirs"].public_id)]
    assert "Fenneke" not in html and "Gijsbert" not in html


def test_a_supervisor_sees_only_chats_assigned_to_them(client, world):
    force_login_with_mfa(client, SupervisorFactory())
    with assert_one_access_entry("view", object_type="chat.conversation") as log:
        html = client.get(PANEL).content.decode()
    assert tabs(html) == [] and log.entries[0].object_ids == []
    assert "data-chat-panel" not in html  # "You have no open chats."


def test_roles_without_chat_access_are_refused_like_on_the_conversation_page(client, world):
    force_login_with_mfa(client, UserFactory(roles=[Role.CASE_WORKER]))
    before = AccessLogEntry.objects.count()
    assert client.get(PANEL).status_code == 403
    assert client.get(reverse("chat:conversation",
                              args=[world["first"].public_id])).status_code == 403
    denied = AccessLogEntry.objects.order_by("seq")[before:]
    assert [e.outcome for e in denied] == ["denied", "denied"]


def test_not_logged_in_goes_to_the_login(client):
    response = client.get(PANEL)
    assert response.status_code == 302 and "login" in response.url


def test_query_selects_the_tab_and_unknown_falls_back_to_the_first(client, world):
    force_login_with_mfa(client, world["me"])
    second = str(world["second"].public_id)
    html = client.get(PANEL, {"chat": second}).content.decode()
    assert f'data-selected="{second}"' in html
    html = client.get(PANEL, {"chat": str(world["theirs"].public_id)}).content.decode()
    assert f'data-selected="{world["first"].public_id}"' in html


def test_an_ended_chat_leaves_the_panel(client, world):
    services.end_conversation(conversation_id=world["first"].pk, reason="youth")
    force_login_with_mfa(client, world["me"])
    assert tabs(client.get(PANEL).content.decode()) == [str(world["second"].public_id)]


def test_the_console_links_to_the_panel_only_with_open_chats(client, world):
    force_login_with_mfa(client, world["me"])
    assert 'id="chat-panel-link"' in client.get(reverse("chat:console")).content.decode()
    force_login_with_mfa(client, CounsellorFactory())
    assert 'id="chat-panel-link"' not in client.get(reverse("chat:console")).content.decode()

"""Issue 12 item 6: the chat in channels — the youth chat and the outreach chat for adults
(ADR 0110): who sees which chats, personal codes, languages."""

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.chat import invites, services
from uitweg.chat.channels import Channel
from uitweg.chat.models import Conversation, Invite, Sender, Status
from uitweg.chat.tests.factories import ConversationFactory, CounsellorFactory, SupervisorFactory
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def worker(org=None, *roles):
    return UserFactory(organisation=org or OrganisationFactory(),
                       roles=list(roles or [Role.OUTREACH_WORKER]))


def test_each_side_sees_only_its_own_channel():
    youth_chat = ConversationFactory()
    adult_chat = ConversationFactory(channel=Channel.OUTREACH)
    counsellor, supervisor, outreach = CounsellorFactory(), SupervisorFactory(), worker()
    assert list(Conversation.objects.visible_to(counsellor)) == [youth_chat]
    assert list(Conversation.objects.visible_to(supervisor)) == [youth_chat]
    assert list(Conversation.objects.visible_to(outreach)) == [adult_chat]
    assert services.pick_next(counsellor=outreach) == adult_chat
    with pytest.raises(services.ChatError):
        services.pick_next(counsellor=outreach)  # the youth chat is not theirs to pick
    assert services.pick_next(counsellor=counsellor) == youth_chat


def test_a_youth_supervisor_can_neither_join_nor_write_in_an_outreach_chat():
    outreach = worker()
    ConversationFactory(channel=Channel.OUTREACH)
    chat = services.pick_next(counsellor=outreach)
    supervisor = SupervisorFactory()
    with pytest.raises(services.NotPermitted):
        services.join_as_supervisor(conversation=chat, user=supervisor, openly=True)
    with pytest.raises(services.NotPermitted):
        services.post_message(conversation_id=chat.pk, sender=Sender.COUNSELLOR,
                              client_id="intruder-0001", body="hoi", author=supervisor)
    assert [m.body for m in chat.messages.all()] == ["counsellor_joined"]


def test_a_personal_code_opens_one_chat_waiting_for_that_worker_only():
    org = OrganisationFactory()
    mine, colleague = worker(org), worker(org)
    lead = worker(org, Role.OUTREACH_WORKER, Role.OUTREACH_LEAD)
    other_lead = worker(None, Role.OUTREACH_WORKER, Role.OUTREACH_LEAD)
    _invite, code = invites.create_invite(user=mine)
    chat, _token = services.start_conversation(channel=Channel.OUTREACH, code=code.lower())
    assert chat.requested_counsellor == mine and chat.organisation == org
    assert chat in Conversation.objects.visible_to(mine)
    assert chat in Conversation.objects.visible_to(lead)
    assert chat not in Conversation.objects.visible_to(colleague)
    assert chat not in Conversation.objects.visible_to(other_lead)
    with pytest.raises(services.ChatError):
        services.pick_next(counsellor=colleague)
    with pytest.raises(services.ChatError) as used:
        services.start_conversation(channel=Channel.OUTREACH, code=code)  # a second contact
    assert used.value.code == "bad_code"
    assert services.pick_next(counsellor=mine) == chat
    assert Conversation.objects.count() == 1


def test_codes_are_stored_only_as_a_digest_and_expire():
    outreach = worker()
    invite, code = invites.create_invite(user=outreach)
    assert len(code) == 10 and set(code) <= set(invites.ALPHABET)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Invite._meta.db_table}")  # noqa: S608
        row = " ".join(str(v) for v in cursor.fetchone())
    assert code not in row and invites.shown(code) not in row
    Invite.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    with pytest.raises(services.ChatError):
        services.start_conversation(channel=Channel.OUTREACH, code=code)
    assert not Conversation.objects.exists()
    services.purge()
    assert not Invite.objects.exists()


def test_only_an_outreach_worker_makes_codes_and_a_refusal_is_logged():
    with pytest.raises(services.NotPermitted):
        invites.create_invite(user=CounsellorFactory())
    assert AccessLogEntry.objects.filter(outcome="denied", object_type="chat.invite").count() == 1
    assert not Invite.objects.exists()


def test_the_invite_page_shows_the_code_once_with_a_link_in_the_chosen_language(client):
    force_login_with_mfa(client, worker())
    assert client.get(reverse("chat:invite")).status_code == 200
    page = client.post(reverse("chat:invite"), {"language": "es"}).content.decode()
    assert "/es/chat/outreach/#code=" in page
    assert Invite.objects.count() == 1
    force_login_with_mfa(client, CounsellorFactory())
    assert client.get(reverse("chat:invite")).status_code == 403


@override_settings(CHAT_OUTREACH_OPENING_HOURS="mon-sun 00:00-24:00")
def test_the_outreach_page_exists_in_its_languages_and_spanish_nowhere_else(client):
    page = client.get("/es/chat/outreach/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'lang="es"' in html and 'data-channel="outreach"' in html
    assert 'hreflang="bg"' in html and 'hreflang="pl"' not in html
    assert client.get("/es/chat/").url == "/en/chat/"
    assert client.get("/es/report/").status_code == 302
    assert 'hreflang="es"' not in client.get("/chat/").content.decode()
    assert client.get("/pl/chat/outreach/").url == "/en/chat/outreach/"
    assert not page.cookies


def test_the_console_shows_the_channel_of_every_chat(client):
    supervisor = UserFactory(roles=[Role.CHAT_SUPERVISOR, Role.CHAT_COUNSELLOR,
                                    Role.OUTREACH_WORKER])
    ConversationFactory()
    ConversationFactory(channel=Channel.OUTREACH)
    force_login_with_mfa(client, supervisor)
    html = client.get(reverse("chat:console")).content.decode()
    assert 'data-channel="youth"' in html and 'data-channel="outreach"' in html
    force_login_with_mfa(client, worker())
    html = client.get(reverse("chat:console")).content.decode()
    assert 'data-channel="outreach"' in html and 'data-channel="youth"' not in html


def test_an_outreach_lead_oversees_only_the_outreach_chats(client):
    lead = worker(None, Role.OUTREACH_WORKER, Role.OUTREACH_LEAD)
    youth_chat = ConversationFactory(status=Status.ACTIVE, counsellor=CounsellorFactory())
    ConversationFactory(channel=Channel.OUTREACH)
    force_login_with_mfa(client, lead)
    html = client.get(reverse("chat:overview")).content.decode()
    assert 'data-channel="outreach"' in html and youth_chat.audit_label not in html
    assert client.get(reverse("chat:conversation", args=[youth_chat.public_id])
                      ).status_code == 404


def test_an_outreach_worker_picks_up_on_the_console_page(client):
    chat = ConversationFactory(channel=Channel.OUTREACH)
    force_login_with_mfa(client, worker())
    response = client.post(reverse("chat:pick"))
    assert response.url == reverse("chat:conversation", args=[chat.public_id])

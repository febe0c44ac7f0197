"""Issue 10 item 11: a chat console that tells the truth."""

import pytest
from django.urls import reverse

from uitweg.chat.tests.factories import ConversationFactory, SupervisorFactory
from uitweg.testing.clients import force_login_with_mfa

pytestmark = pytest.mark.django_db


def test_supervisor_overview_with_two_waiting_chats(client):
    supervisor = SupervisorFactory()
    first, second = ConversationFactory(), ConversationFactory()
    force_login_with_mfa(client, supervisor)
    response = client.get(reverse("chat:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert first.audit_label in html and second.audit_label in html

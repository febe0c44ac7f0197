"""No self-signup: an administrator invites, the invitee sets a password and must enrol MFA.

The invitation link goes to the invitee's e-mail only; the inviter never sees it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from uitweg.accounts.models import User
from uitweg.accounts.roles import Role
from uitweg.audit.testing import assert_one_access_entry
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def link_in_mail(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [to])
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def _invite(client, on_commit):
    org = OrganisationFactory(name="Opvang Test")
    admin = UserFactory(organisation=org, roles=[Role.ORG_ADMIN])
    force_login_with_mfa(client, admin)
    with assert_one_access_entry("create", object_type="accounts.user"), on_commit(execute=True):
        response = client.post(reverse("accounts:invite"), {
            "username": "nieuw", "email": "nieuw@example.org", "roles": [Role.ANALYST]})
    assert response.status_code == 302
    link = link_in_mail("nieuw@example.org")
    shown = response.content.decode() + client.get(response.url).content.decode()
    assert link.split("/")[-2] not in shown  # the token: in the e-mail, never on the page
    client.logout()
    return link


def test_invitee_sets_password_then_must_enrol_mfa(client, django_capture_on_commit_callbacks):
    link = _invite(client, django_capture_on_commit_callbacks)
    user = User.objects.get(username="nieuw")
    assert not user.has_usable_password()
    weak = client.post(link, {"password1": "short", "password2": "short"})
    assert weak.status_code == 200 and not User.objects.get(pk=user.pk).has_usable_password()
    common = client.post(link, {"password1": "password1234", "password2": "password1234"})
    assert "common" in common.content.decode().lower() or "veelgebruikt" in (
        common.content.decode().lower())
    good = "a-long-and-unusual-passphrase-7"
    response = client.post(link, {"password1": good, "password2": good})
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).password.startswith("argon2$argon2id$")
    # The link works once.
    assert client.get(link).status_code == 400
    # Logging in without an authenticator leads to enrolment, not to data.
    response = client.post("/accounts/login/", {"login": "nieuw", "password": good})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).url == reverse("accounts:mfa_required")


def test_only_administrators_invite(client):
    force_login_with_mfa(client, UserFactory(roles=[Role.CARE_COORDINATOR]))
    assert client.get(reverse("accounts:invite")).status_code == 403


def test_invalid_invitation_token_is_refused(client):
    user = UserFactory(mfa=False)
    user.set_unusable_password()
    user.save()
    response = client.get(reverse("accounts:accept_invitation", args=["MQ", "bad-token"]))
    assert response.status_code == 400


def test_a_deactivated_invitee_cannot_use_the_link(client, django_capture_on_commit_callbacks):
    link = _invite(client, django_capture_on_commit_callbacks)
    User.objects.filter(username="nieuw").update(is_active=False)
    assert client.get(link).status_code == 400

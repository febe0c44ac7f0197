"""An invited staff member sets a password, enrols TOTP and reaches the dashboard — in Chromium."""

import re

import pytest
from django.core import mail

from uitweg.accounts import services
from uitweg.accounts.roles import Role
from uitweg.testing.clients import fresh_code
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-and-unusual-passphrase-7"


def test_invited_user_sets_password_and_enrols_mfa_before_any_data(page, live_server):
    organisation = OrganisationFactory(name="Opvang Test")
    admin = UserFactory(organisation=organisation, roles=[Role.ORG_ADMIN])
    services.invite_staff(
        by=admin, username="nieuw", email="nieuw@example.org", organisation=organisation,
        roles=[Role.ANALYST], link_base=live_server.url)
    (message,) = mail.outbox  # the link goes to the invitee only
    link = re.search(r"https?://\S+/accounts/invitation/\S+", message.body).group(0)

    page.goto(link)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/login/**")

    page.fill("input[name=login]", "nieuw")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(live_server.url + "/staff/")
    assert page.url.endswith("/accounts/mfa-required/")  # no data before a second factor

    page.click("main a[href$='/2fa/totp/activate/']")
    page.wait_for_load_state()
    if "reauthenticate" in page.url:  # allauth asks to confirm the password first
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url("**/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    code = fresh_code(secret, margin=10)
    page.fill("input[name=code]", code)
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.goto(live_server.url + "/staff/")
    assert page.url == live_server.url + "/staff/"
    assert "Opvang Test" in page.locator("header").inner_text()

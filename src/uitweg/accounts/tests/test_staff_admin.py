"""Issue 9, finding 1: no administrator path to case files.

Each organisation manages its own people; a role that opens personal data takes a second
administrator of that organisation (four eyes); the functional administrator manages
organisations, not people's access; every change is on the organisation's own history page."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from uitweg.accounts import services
from uitweg.accounts.models import AccountEvent, AccountEventKind, GrantState, RoleGrant, User
from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.audit.testing import assert_one_access_entry
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
LINK_BASE = "http://testserver/"


@pytest.fixture
def org():
    return OrganisationFactory(name="Zorgcoördinatie Test")


@pytest.fixture
def admins(org):
    return (UserFactory(organisation=org, roles=[Role.ORG_ADMIN], username="beheer1"),
            UserFactory(organisation=org, roles=[Role.ORG_ADMIN], username="beheer2"))


def _functional_admin(client):
    admin = UserFactory(roles=[Role.FUNCTIONAL_ADMIN], is_staff=True)
    force_login_with_mfa(client, admin)
    return admin


# --- the functional administrator -----------------------------------------------------------


def test_functional_admin_cannot_invite_a_care_coordinator_anywhere(client, org, admins):
    _functional_admin(client)
    empty = OrganisationFactory(name="Nieuwe organisatie")
    for target in (org, empty):
        response = client.post(reverse("accounts:invite"), {
            "username": f"spy{target.pk}", "email": "spy@example.org",
            "organisation": target.pk, "roles": [Role.CARE_COORDINATOR]})
        assert response.status_code in (200, 403)
        assert not User.objects.filter(username=f"spy{target.pk}").exists()
    assert mail.outbox == []
    with pytest.raises(services.Refused):  # the service refuses too, whatever calls it
        services.invite_staff(by=_fa(), username="spy", email="spy@example.org",
                              organisation=empty, roles=[Role.CARE_COORDINATOR],
                              link_base=LINK_BASE)


def _fa():
    return UserFactory(roles=[Role.FUNCTIONAL_ADMIN])


def test_functional_admin_cannot_change_roles_of_users_of_another_organisation(client, org):
    _functional_admin(client)
    staff = UserFactory(organisation=org, roles=[Role.ANALYST])
    with assert_one_access_entry("update", object_type="accounts.user", outcome="denied"):
        response = client.post(reverse("accounts:staff_detail", args=[staff.pk]), {
            "roles": [Role.CARE_COORDINATOR], "active": "on"})
    assert response.status_code == 404
    assert User.objects.get(pk=staff.pk).roles == [Role.ANALYST]
    with pytest.raises(services.Refused):
        services.update_staff_roles(by=_fa(), user=staff, roles=[Role.CARE_COORDINATOR])
    with pytest.raises(services.Refused):
        services.deactivate_staff(by=_fa(), user=staff)


def test_functional_admin_sets_up_a_new_organisation_but_never_sees_the_link(
        client, django_capture_on_commit_callbacks):
    _functional_admin(client)
    new = OrganisationFactory(name="Nieuwe opvang")
    for n in (1, 2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("accounts:invite"), {
                "username": f"eerste{n}", "email": f"eerste{n}@example.org",
                "organisation": new.pk, "roles": [Role.ORG_ADMIN]}, follow=True)
        assert response.status_code == 200
        user = User.objects.get(username=f"eerste{n}")
        assert user.roles == [Role.ORG_ADMIN] and user.organisation == new
        body = response.content.decode()
        assert "/accounts/invitation/" not in body
        assert mail.outbox[-1].to == [f"eerste{n}@example.org"]
        assert "/accounts/invitation/" in mail.outbox[-1].body
    # Set up: from now on the organisation's own administrators invite.
    client.post(reverse("accounts:invite"), {
        "username": "derde", "email": "derde@example.org", "organisation": new.pk,
        "roles": [Role.ORG_ADMIN]})
    assert not User.objects.filter(username="derde").exists()


def test_admin_site_is_for_superusers_only(client):
    _functional_admin(client)  # is_staff, as the demo admin used to be
    with assert_one_access_entry("view", object_type="admin", outcome="denied"):
        response = client.get("/admin/accounts/user/")
    assert response.status_code == 403
    assert client.get("/admin/").status_code == 403
    superuser = UserFactory(roles=[], is_staff=True, is_superuser=True)
    force_login_with_mfa(client, superuser)
    assert client.get("/admin/").status_code == 200
    # Even a superuser cannot change roles in the admin (no four-eyes bypass).
    staff = UserFactory(roles=[Role.ANALYST])
    client.post(f"/admin/accounts/user/{staff.pk}/change/", {"roles": '["care_coordinator"]'})
    assert User.objects.get(pk=staff.pk).roles == [Role.ANALYST]


# --- organisation administrators: own organisation only -------------------------------------


def test_org_admin_cannot_touch_users_of_another_organisation(client, admins):
    other = OrganisationFactory(name="Andere organisatie")
    stranger = UserFactory(organisation=other, roles=[Role.CASE_WORKER])
    other_admin = UserFactory(organisation=other, roles=[Role.ORG_ADMIN])
    grant = RoleGrant.objects.create(organisation=other, user=stranger,
                                     role=Role.CARE_COORDINATOR, requested_by=other_admin)
    force_login_with_mfa(client, admins[0])
    attempts = [
        ("get", reverse("accounts:staff_detail", args=[stranger.pk]), "view"),
        ("post", reverse("accounts:staff_detail", args=[stranger.pk]), "update"),
        ("post", reverse("accounts:staff_deactivate", args=[stranger.pk]), "update"),
        ("post", reverse("accounts:role_approve", args=[grant.pk]), "update"),
    ]
    for method, url, action in attempts:
        with assert_one_access_entry(action, outcome="denied"):
            response = getattr(client, method)(url, {"roles": [Role.ANALYST]})
        assert response.status_code == 404, url
    stranger.refresh_from_db()
    grant.refresh_from_db()
    assert stranger.roles == [Role.CASE_WORKER] and stranger.is_active
    assert grant.state == GrantState.PENDING
    # Same answer as for an account that does not exist.
    assert client.get(reverse("accounts:staff_detail", args=[999999])).status_code == 404
    listed = client.get(reverse("accounts:staff_list")).content.decode()
    assert stranger.username not in listed


# --- four eyes --------------------------------------------------------------------------------


def test_a_case_role_takes_effect_only_after_a_second_admin_approves(client, org, admins):
    first, second = admins
    force_login_with_mfa(client, first)
    client.post(reverse("accounts:invite"), {
        "username": "coord", "email": "coord@example.org",
        "roles": [Role.CARE_COORDINATOR, Role.ANALYST]})
    coord = User.objects.get(username="coord")
    assert coord.roles == [Role.ANALYST]  # no case access yet
    grant = RoleGrant.objects.get(user=coord)
    assert grant.role == Role.CARE_COORDINATOR and grant.state == GrantState.PENDING
    # The requester cannot approve their own request.
    client.post(reverse("accounts:role_approve", args=[grant.pk]))
    assert User.objects.get(pk=coord.pk).roles == [Role.ANALYST]
    with pytest.raises(services.Refused):
        services.approve_role(by=first, grant=grant)
    # The person receiving the role cannot approve it either, even as an administrator.
    subject = UserFactory(organisation=org, roles=[Role.ORG_ADMIN])
    (own,) = services.update_staff_roles(by=first, user=subject,
                                         roles=[Role.ORG_ADMIN, Role.CASE_WORKER])
    with pytest.raises(services.Refused):
        services.approve_role(by=subject, grant=own)
    # The requester's dashboard does not ask them; the second administrator's does.
    requests_url = reverse("accounts:role_requests")
    assert requests_url not in client.get(reverse("dashboard")).content.decode()
    # A second administrator of the same organisation approves: now it counts.
    force_login_with_mfa(client, second)
    assert requests_url in client.get(reverse("dashboard")).content.decode()
    page = client.get(reverse("accounts:role_requests")).content.decode()
    assert "coord" in page
    client.post(reverse("accounts:role_approve", args=[grant.pk]))
    assert Role.CARE_COORDINATOR in User.objects.get(pk=coord.pk).roles
    assert RoleGrant.objects.get(pk=grant.pk).decided_by == second


def test_changing_roles_in_the_form_requests_case_roles_and_removes_at_once(client, admins):
    first, _second = admins
    staff = UserFactory(organisation=first.organisation, roles=[Role.CASE_WORKER, Role.ANALYST])
    force_login_with_mfa(client, first)
    with assert_one_access_entry("view", object_type="accounts.user"):
        page = client.get(reverse("accounts:staff_detail", args=[staff.pk])).content.decode()
    assert 'name="roles"' in page and "staff_deactivate" not in page
    assert reverse("accounts:staff_deactivate", args=[staff.pk]) in page
    response = client.post(reverse("accounts:staff_detail", args=[staff.pk]),
                           {"roles": [Role.ANALYST, Role.CHAT_COUNSELLOR]})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.roles == [Role.ANALYST]  # case worker removed at once, counsellor pending
    assert RoleGrant.objects.pending().get(user=staff).role == Role.CHAT_COUNSELLOR
    page = client.get(reverse("accounts:staff_detail", args=[staff.pk])).content.decode()
    with translation.override("nl"):
        assert str(GrantState.PENDING.label) in page  # the request is shown as waiting
    # The functional administrator reads the page, without any control to change it.
    _functional_admin(client)
    page = client.get(reverse("accounts:staff_detail", args=[staff.pk])).content.decode()
    assert 'name="roles"' not in page
    assert reverse("accounts:staff_deactivate", args=[staff.pk]) not in page


def test_an_organisation_with_one_administrator_cannot_grant_case_roles(client):
    org = OrganisationFactory(name="Klein")
    alone = UserFactory(organisation=org, roles=[Role.ORG_ADMIN])
    force_login_with_mfa(client, alone)
    page = client.get(reverse("accounts:invite")).content.decode()
    with translation.override("en"):
        assert "only one active organisation administrator" in str(
            services.REFUSALS["single_admin"])
    assert "utrecht-alert--warning" in page
    response = client.post(reverse("accounts:invite"), {
        "username": "coord", "email": "coord@example.org", "roles": [Role.CASE_WORKER]})
    assert response.status_code == 200
    assert not User.objects.filter(username="coord").exists()
    assert not RoleGrant.objects.exists()


def test_organisation_administrators_neither_give_nor_take_the_platform_role(admins):
    first, _second = admins
    platform = UserFactory(organisation=first.organisation, roles=[Role.FUNCTIONAL_ADMIN])
    services.update_staff_roles(by=first, user=platform, roles=[Role.ANALYST])
    assert User.objects.get(pk=platform.pk).roles == [Role.FUNCTIONAL_ADMIN, Role.ANALYST]
    with pytest.raises(services.Refused):
        services.update_staff_roles(by=first, user=first,
                                    roles=[Role.ORG_ADMIN, Role.FUNCTIONAL_ADMIN])


def test_deactivation_is_immediate_and_reactivation_brings_no_case_role_back(client, admins):
    first, _second = admins
    staff = UserFactory(organisation=first.organisation, roles=[Role.CASE_WORKER, Role.ANALYST])
    staff_client = client.__class__()
    force_login_with_mfa(staff_client, staff)
    assert staff_client.get(reverse("dashboard")).status_code == 200
    force_login_with_mfa(client, first)
    client.post(reverse("accounts:staff_deactivate", args=[staff.pk]))
    staff.refresh_from_db()
    assert not staff.is_active and staff.roles == [Role.ANALYST]
    assert staff_client.get(reverse("dashboard")).status_code == 302  # logged out
    client.post(reverse("accounts:staff_reactivate", args=[staff.pk]))
    staff.refresh_from_db()
    assert staff.is_active and staff.roles == [Role.ANALYST]


# --- history ------------------------------------------------------------------------------------


def test_every_account_change_is_on_the_organisations_history_page(client, admins):
    first, second = admins
    invitation = services.invite_staff(by=first, username="kandidaat7",
                                       email="kandidaat7@example.org",
                                       organisation=first.organisation,
                                       roles=[Role.CASE_WORKER, Role.ANALYST],
                                       link_base=LINK_BASE)
    user = invitation.user
    services.accept_invitation(user=user, password="a-long-and-unusual-passphrase-7")
    services.approve_role(by=second, grant=invitation.pending[0])
    services.update_staff_roles(by=first, user=user, roles=[Role.CASE_WORKER])
    services.deactivate_staff(by=second, user=user)
    services.reactivate_staff(by=first, user=user)
    kinds = list(AccountEvent.objects.filter(user=user).order_by("pk")
                 .values_list("kind", "by__username"))
    assert kinds == [
        ("invited", "beheer1"), ("role_granted", "beheer1"), ("role_requested", "beheer1"),
        ("password_set", "kandidaat7"), ("role_approved", "beheer2"), ("role_removed", "beheer1"),
        ("role_removed", "beheer2"), ("deactivated", "beheer2"), ("reactivated", "beheer1")]
    force_login_with_mfa(client, first)
    with assert_one_access_entry("search", object_type="accounts.accountevent"):
        page = client.get(reverse("accounts:account_changes")).content.decode()
    assert "kandidaat7" in page and "beheer2" in page
    # Another organisation's administrator sees none of it.
    outsider = UserFactory(organisation=OrganisationFactory(name="Ander"), roles=[Role.ORG_ADMIN])
    force_login_with_mfa(client, outsider)
    assert "kandidaat7" not in client.get(reverse("accounts:account_changes")).content.decode()
    # The history cannot be rewritten.
    event = AccountEvent.objects.first()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        AccountEvent.objects.all().delete()
    assert AccessLogEntry.objects.filter(object_type="accounts.user",
                                         object_id=str(user.pk)).count() >= 6


def test_enrolling_a_second_factor_is_recorded(client, org):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.signals import authenticator_added

    user = UserFactory(organisation=org, roles=[Role.ANALYST])
    authenticator_added.send(sender=Authenticator, request=None, user=user,
                             authenticator=Authenticator.objects.get(user=user))
    assert AccountEvent.objects.filter(user=user, kind=AccountEventKind.MFA_ENROLLED).exists()


# --- the staff list (issue 10, item 12) ---------------------------------------------------------


def test_staff_list_shows_translated_roles_last_login_and_second_factor(client, admins):
    first, _ = admins
    with_mfa = UserFactory(organisation=first.organisation, roles=[Role.CARE_COORDINATOR],
                           first_name="Fenna", last_name="Visser", email="fenna@example.org")
    UserFactory(organisation=first.organisation, roles=[Role.ANALYST], mfa=False,
                username="zonder")
    force_login_with_mfa(client, first)
    response = client.get(reverse("accounts:staff_list"), HTTP_ACCEPT_LANGUAGE="nl")
    page = response.content.decode()
    assert "Fenna Visser" in page and "fenna@example.org" in page
    assert "care_coordinator" not in page and "org_admin" not in page
    with translation.override("nl"):
        assert str(dict(Role.choices)[Role.CARE_COORDINATOR]) in page
    assert with_mfa.username in page
    for column in ("Last login", "Second factor"):
        with translation.override("nl"):
            assert translation.gettext(column) in page


# --- operations' recovery path ------------------------------------------------------------------


def test_operations_give_an_organisation_without_administrator_a_new_one(
        capsys, django_capture_on_commit_callbacks):
    from django.core.management import CommandError, call_command

    org = OrganisationFactory(name="Verweesd")
    UserFactory(organisation=org, roles=[Role.CASE_WORKER])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("create_org_admin", "Verweesd", "nieuwbeheer", "nb@example.org",
                     "--reason", "ticket 42", "--site", "https://uitweg.example.nl")
    user = User.objects.get(username="nieuwbeheer")
    assert user.roles == [Role.ORG_ADMIN] and user.organisation == org
    out = capsys.readouterr().out
    assert "/accounts/invitation/" not in out
    assert mail.outbox[-1].to == ["nb@example.org"]
    assert "https://uitweg.example.nl/accounts/invitation/" in mail.outbox[-1].body
    entry = AccessLogEntry.objects.filter(object_type="accounts.user",
                                          object_id=str(user.pk)).get()
    assert entry.reason == "ticket 42"
    # A second one (four eyes needs two); then the organisation invites its own people.
    call_command("create_org_admin", "Verweesd", "tweede", "t@example.org",
                 "--reason", "ticket 42", "--site", "https://uitweg.example.nl")
    with pytest.raises(CommandError):
        call_command("create_org_admin", "Verweesd", "derde", "d@example.org",
                     "--reason", "ticket 42", "--site", "https://uitweg.example.nl")
    with pytest.raises(CommandError):
        call_command("create_org_admin", "Verweesd", "vierde", "v@example.org",
                     "--reason", " ", "--site", "https://uitweg.example.nl")

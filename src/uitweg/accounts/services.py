"""Write use cases for organisations and staff accounts.

Each organisation manages its own people: its organisation administrators invite, change and
deactivate accounts of that organisation only; a role that opens personal data takes effect only
when a second administrator of the same organisation approves it (four eyes, ADR 0006). The
functional administrator sets up organisations and may invite their first administrators, nothing
more (ADR 0007). Every change is appended to :class:`AccountEvent` and to the access log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitweg.accounts import staff_rules
from uitweg.accounts.models import (
    AccountEvent,
    AccountEventKind,
    GrantState,
    Organisation,
    RoleGrant,
    User,
    administered_organisation_id,
)
from uitweg.accounts.roles import FOUR_EYES_ROLES, ORG_GRANTABLE_ROLES, Role
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record

PURPOSE = "staff administration"

REFUSALS = {
    staff_rules.NOT_ADMIN: gettext_lazy("Only an organisation administrator can do this."),
    staff_rules.OTHER_ORGANISATION: gettext_lazy(
        "You manage the accounts of your own organisation only."),
    staff_rules.PLATFORM_ROLE: gettext_lazy(
        "The functional administrator role is not given through this page."),
    staff_rules.BOOTSTRAP_ONLY: gettext_lazy(
        "The functional administrator invites organisation administrators only; they manage "
        "the other accounts of their organisation."),
    staff_rules.ORGANISATION_SET_UP: gettext_lazy(
        "This organisation is already set up: its own administrators invite new staff."),
    staff_rules.SINGLE_ADMIN: gettext_lazy(
        "Your organisation has only one active organisation administrator. Roles with access "
        "to personal data, and the administrator role itself, need the approval of a second "
        "administrator. Ask the service desk to add a second administrator first."),
    staff_rules.OWN_REQUEST: gettext_lazy(
        "A second administrator must approve this: not the one who asked, and not the person "
        "who receives the role."),
    staff_rules.NOT_PENDING: gettext_lazy("This request has already been decided."),
    staff_rules.INACTIVE: gettext_lazy("This account is deactivated."),
    staff_rules.SELF_DEACTIVATION: gettext_lazy("You cannot deactivate your own account."),
}


class Refused(PermissionDenied):
    """A staff-administration action the actor may not take; ``code`` from staff_rules."""

    def __init__(self, code: str):
        super().__init__(str(REFUSALS.get(code, code)))
        self.code = code
        self.message = str(REFUSALS.get(code, code))


def _refuse_if(code: str | None) -> None:
    if code:
        raise Refused(code)


@dataclass(frozen=True)
class Invitation:
    """The account created; the link went to the invitee's e-mail and is never returned."""

    user: User
    pending: tuple[RoleGrant, ...] = ()


def _check_roles(roles: Iterable[str], *, allow_empty: bool = False) -> list[str]:
    roles = list(dict.fromkeys(roles))
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise ValidationError(_("Unknown role: %(roles)s") % {"roles": ", ".join(unknown)})
    if not roles and not allow_empty:
        raise ValidationError(_("Choose at least one role."))
    return roles


def _active_admins(organisation_id: int) -> int:
    return sum(1 for roles in User.objects.filter(organisation_id=organisation_id,
                                                  is_active=True).values_list("roles", flat=True)
               if Role.ORG_ADMIN in roles)


def active_admin_count(*, organisation: Organisation) -> int:
    """Active organisation administrators of ``organisation`` (four eyes needs two)."""
    return _active_admins(organisation.pk)


def _event(*, user: User, kind: str, by: User | None, role: str = "") -> AccountEvent:
    return AccountEvent.objects.create(organisation_id=user.organisation_id, user=user,
                                       kind=kind, role=role, by=by)


def _audit(by: User | None, user: User, action: str, *, reason: str = "") -> None:
    record(actor=actor_for(by), action=action, object_type="accounts.user", object_id=user.pk,
           purpose=PURPOSE, reason=reason)


def invitation_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:accept_invitation", kwargs={"uidb64": uid, "token": token})


def _send_invitation(user: User, link_base: str) -> None:
    """E-mail the one-time link to the invitee only (after commit; never shown to the inviter)."""
    link = link_base.rstrip("/") + invitation_path(user)
    subject = _("Your account on %(site)s") % {"site": settings.SITE_NAME}
    body = _("You have been invited to %(site)s. Choose your password with this link (valid "
             "for 3 days, once):\n\n%(link)s\n\nAfter that you log in and set up your second "
             "factor. Did you not expect this? Then ignore this message.") % {
        "site": settings.SITE_NAME, "link": link}
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))


def _request(*, by: User, user: User, role: str) -> RoleGrant:
    grant, _created = RoleGrant.objects.get_or_create(
        user=user, role=role, state=GrantState.PENDING,
        defaults={"organisation_id": user.organisation_id, "requested_by": by})
    if _created:
        _event(user=user, kind=AccountEventKind.ROLE_REQUESTED, by=by, role=role)
    return grant


@transaction.atomic
def invite_staff(*, by: User, username: str, email: str, first_name: str = "",
                 last_name: str = "", organisation: Organisation, roles: Iterable[str],
                 link_base: str) -> Invitation:
    """Create an account without a password and e-mail the invitee a link to set one (3 days).

    Roles without access to personal data take effect at once; four-eyes roles become pending
    requests that a second administrator of the organisation approves."""
    roles = _check_roles(roles)
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    staff_roles = list(User.objects.filter(organisation=organisation)
                       .values_list("roles", flat=True))
    _refuse_if(staff_rules.invite_refusal(
        actor_roles=by.roles, actor_org_id=by.organisation_id,
        admin_of_org_id=administered_organisation_id(by), org_id=organisation.pk, roles=roles,
        staff_roles=staff_roles, active_admins=_active_admins(organisation.pk)))
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("This username is taken."))
    immediate, four_eyes = staff_rules.split_roles(roles)
    if administered_organisation_id(by) is None:  # the functional administrator's set-up
        immediate, four_eyes = roles, []
    user = User(username=username, email=email, first_name=first_name, last_name=last_name,
                organisation=organisation, roles=immediate, invited_by=by)
    user.set_unusable_password()
    user.save()
    _event(user=user, kind=AccountEventKind.INVITED, by=by)
    for role in immediate:
        _event(user=user, kind=AccountEventKind.ROLE_GRANTED, by=by, role=role)
    pending = tuple(_request(by=by, user=user, role=role) for role in four_eyes)
    _audit(by, user, Action.CREATE)
    _send_invitation(user, link_base)
    return Invitation(user, pending)


@transaction.atomic
def accept_invitation(*, user: User, password: str) -> User:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    _event(user=user, kind=AccountEventKind.PASSWORD_SET, by=user)
    _audit(user, user, Action.UPDATE, reason="password set")
    return user


def _locked(user: User) -> User:
    return User.objects.select_for_update(of=("self",)).get(pk=user.pk)


@transaction.atomic
def update_staff_roles(*, by: User, user: User, roles: Iterable[str]) -> tuple[RoleGrant, ...]:
    """Set the roles of ``user``. Removing is immediate; a new four-eyes role becomes a request
    (returned) that a second administrator approves; other new roles take effect at once."""
    wanted = _check_roles(roles, allow_empty=True)
    user = _locked(user)
    _refuse_if(staff_rules.change_refusal(admin_of_org_id=administered_organisation_id(by),
                                          target_org_id=user.organisation_id))
    added = [r for r in wanted if r not in user.roles]
    immediate, four_eyes = staff_rules.split_roles(added)
    if four_eyes:
        _refuse_if(staff_rules.grant_refusal(roles=four_eyes,
                                             active_admins=_active_admins(user.organisation_id)))
    _refuse_if(staff_rules.grant_refusal(roles=immediate, active_admins=2))
    if four_eyes and not user.is_active:
        raise Refused(staff_rules.INACTIVE)
    # The platform role is not the organisation's to give or take (operations manage it).
    removed = [r for r in user.roles if r not in wanted and r in ORG_GRANTABLE_ROLES]
    user.roles = [r for r in user.roles if r not in removed] + immediate
    user.save(update_fields=["roles"])
    for role in removed:
        _event(user=user, kind=AccountEventKind.ROLE_REMOVED, by=by, role=role)
    for role in immediate:
        _event(user=user, kind=AccountEventKind.ROLE_GRANTED, by=by, role=role)
    for grant in RoleGrant.objects.pending().filter(user=user).exclude(role__in=wanted):
        _close(grant, by=by, state=GrantState.WITHDRAWN)
    pending = tuple(_request(by=by, user=user, role=role) for role in four_eyes)
    if removed or immediate or pending:
        _audit(by, user, Action.UPDATE)
    return pending


def _close(grant: RoleGrant, *, by: User, state: str) -> None:
    grant.state = state
    grant.decided_by = by
    grant.decided_at = timezone.now()
    grant.save(update_fields=["state", "decided_by", "decided_at"])
    kind = {GrantState.APPROVED: AccountEventKind.ROLE_APPROVED,
            GrantState.REJECTED: AccountEventKind.ROLE_REJECTED,
            GrantState.WITHDRAWN: AccountEventKind.ROLE_WITHDRAWN}[state]
    _event(user=grant.user, kind=kind, by=by, role=grant.role)


@transaction.atomic
def approve_role(*, by: User, grant: RoleGrant) -> User:
    """The second administrator's approval: only now does the role take effect."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    user = _locked(grant.user)
    _refuse_if(staff_rules.decision_refusal(
        actor_id=by.pk, admin_of_org_id=administered_organisation_id(by),
        grant_org_id=grant.organisation_id, requested_by_id=grant.requested_by_id,
        subject_id=user.pk, pending=grant.state == GrantState.PENDING,
        subject_active=user.is_active))
    if user.organisation_id != grant.organisation_id:
        raise Refused(staff_rules.OTHER_ORGANISATION)
    grant.user = user
    _close(grant, by=by, state=GrantState.APPROVED)
    if grant.role not in user.roles:
        user.roles = [*user.roles, grant.role]
        user.save(update_fields=["roles"])
    _audit(by, user, Action.UPDATE, reason=f"approved {grant.role}")
    return user


@transaction.atomic
def reject_role(*, by: User, grant: RoleGrant) -> None:
    """Any administrator of the organisation may turn a request down (the requester withdraws)."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    _refuse_if(staff_rules.change_refusal(admin_of_org_id=administered_organisation_id(by),
                                          target_org_id=grant.organisation_id))
    if grant.state != GrantState.PENDING:
        raise Refused(staff_rules.NOT_PENDING)
    state = GrantState.WITHDRAWN if by.pk == grant.requested_by_id else GrantState.REJECTED
    _close(grant, by=by, state=state)
    _audit(by, grant.user, Action.UPDATE, reason=f"{state} {grant.role}")


@transaction.atomic
def deactivate_staff(*, by: User, user: User) -> User:
    """Immediate: the account can no longer log in, its open sessions end at their next request,
    its four-eyes roles are removed and its pending requests withdrawn — so reactivating it
    never restores access to personal data without a new approval."""
    user = _locked(user)
    _refuse_if(staff_rules.change_refusal(admin_of_org_id=administered_organisation_id(by),
                                          target_org_id=user.organisation_id))
    if user.pk == by.pk:
        raise Refused(staff_rules.SELF_DEACTIVATION)
    if not user.is_active:
        return user
    removed = [r for r in user.roles if r in FOUR_EYES_ROLES]
    user.roles = [r for r in user.roles if r not in FOUR_EYES_ROLES]
    user.is_active = False
    user.save(update_fields=["roles", "is_active"])
    for role in removed:
        _event(user=user, kind=AccountEventKind.ROLE_REMOVED, by=by, role=role)
    for grant in RoleGrant.objects.pending().filter(user=user):
        _close(grant, by=by, state=GrantState.WITHDRAWN)
    _event(user=user, kind=AccountEventKind.DEACTIVATED, by=by)
    _audit(by, user, Action.UPDATE, reason="deactivated")
    return user


@transaction.atomic
def reactivate_staff(*, by: User, user: User) -> User:
    user = _locked(user)
    _refuse_if(staff_rules.change_refusal(admin_of_org_id=administered_organisation_id(by),
                                          target_org_id=user.organisation_id))
    if user.is_active:
        return user
    user.is_active = True
    user.save(update_fields=["is_active"])
    _event(user=user, kind=AccountEventKind.REACTIVATED, by=by)
    _audit(by, user, Action.UPDATE, reason="reactivated")
    return user


@transaction.atomic
def create_org_admin(*, organisation: Organisation, username: str, email: str,
                     first_name: str = "", last_name: str = "", link_base: str,
                     reason: str, access_point: str = "command:create_org_admin") -> User:
    """Operations' path (ADR 0007): an organisation with fewer than two active administrators
    gets one more, with the invitation link e-mailed to the invitee. Not reachable from any
    page; operations act on a written request of the organisation (``reason``)."""
    if not reason.strip():
        raise ValidationError(_("Give the reason (for example the ticket number)."))
    if _active_admins(organisation.pk) >= 2:
        raise ValidationError(_("This organisation has two active administrators; they invite "
                                "colleagues themselves."))
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("This username is taken."))
    user = User(username=username, email=email, first_name=first_name, last_name=last_name,
                organisation=organisation, roles=[Role.ORG_ADMIN])
    user.set_unusable_password()
    user.save()
    _event(user=user, kind=AccountEventKind.INVITED, by=None)
    _event(user=user, kind=AccountEventKind.ROLE_GRANTED, by=None, role=Role.ORG_ADMIN)
    record(actor=actor_for(None, access_point=access_point), action=Action.CREATE,
           object_type="accounts.user", object_id=user.pk, purpose=PURPOSE, reason=reason[:500])
    _send_invitation(user, link_base)
    return user


def record_account_event(*, user: User, kind: str, by: User | None = None) -> None:
    """History for changes made outside these services (second factor enrolled, login alert)."""
    if user.organisation_id is None:
        return
    with transaction.atomic():
        _event(user=user, kind=kind, by=by)


@transaction.atomic
def create_organisation(*, name: str, kind: str, region: str) -> Organisation:
    org = Organisation(name=name, kind=kind, region=region)
    org.full_clean()
    org.save()
    return org

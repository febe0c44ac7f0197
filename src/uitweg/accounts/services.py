"""Write use cases for organisations and staff accounts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from uitweg.accounts.models import Organisation, User
from uitweg.accounts.roles import Role
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record


@dataclass(frozen=True)
class Invitation:
    user: User
    path: str


def _check_roles(roles: Iterable[str]) -> list[str]:
    roles = list(dict.fromkeys(roles))
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise ValidationError(_("Unknown role: %(roles)s") % {"roles": ", ".join(unknown)})
    if not roles:
        raise ValidationError(_("Choose at least one role."))
    return roles


def invitation_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:accept_invitation", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def invite_staff(*, by: User, username: str, email: str, first_name: str = "",
                 last_name: str = "", organisation: Organisation,
                 roles: Iterable[str]) -> Invitation:
    """Create an account without a password; the link lets the invitee set one (3 days)."""
    roles = _check_roles(roles)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("This username is taken."))
    user = User(username=username, email=email, first_name=first_name, last_name=last_name,
                organisation=organisation, roles=roles, invited_by=by)
    user.set_unusable_password()
    user.save()
    record(actor=actor_for(by), action=Action.CREATE, object_type="accounts.user",
           object_id=user.pk, purpose="staff administration")
    return Invitation(user, invitation_path(user))


@transaction.atomic
def accept_invitation(*, user: User, password: str) -> User:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def update_staff_roles(*, by: User, user: User, roles: Iterable[str], active: bool) -> User:
    user.roles = _check_roles(roles)
    user.is_active = active
    user.save(update_fields=["roles", "is_active"])
    record(actor=actor_for(by), action=Action.UPDATE, object_type="accounts.user",
           object_id=user.pk, purpose="staff administration")
    return user


@transaction.atomic
def create_organisation(*, name: str, kind: str, region: str) -> Organisation:
    org = Organisation(name=name, kind=kind, region=region)
    org.full_clean()
    org.save()
    return org

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.core.appendonly import AppendOnlyModel, AppendOnlyQuerySet


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    region = models.CharField(
        _("region"), max_length=100, help_text=_("Region the organisation works in, e.g. a "
                                                 "safety region or care region.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StaffQuerySet(models.QuerySet):
    def visible_to(self, user) -> StaffQuerySet:
        """Functional administrators see every account (read only, to set up organisations);
        others only their organisation's."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.has_role(Role.FUNCTIONAL_ADMIN):
            return self
        return self.filter(organisation_id=user.organisation_id)

    def manageable_by(self, user) -> StaffQuerySet:
        """The accounts ``user`` may change: an organisation administrator's own organisation.

        The functional administrator manages no one's access (ADR 0006)."""
        org_id = administered_organisation_id(user)
        return self.none() if org_id is None else self.filter(organisation_id=org_id)


def administered_organisation_id(user) -> int | None:
    """The organisation ``user`` administers (organisation administrators only), else None."""
    if (getattr(user, "is_authenticated", False) and user.is_active
            and user.has_role(Role.ORG_ADMIN) and user.organisation_id):
        return user.organisation_id
    return None


class StaffUserManager(UserManager.from_queryset(StaffQuerySet)):
    def get_queryset(self):
        return super().get_queryset().select_related("organisation")


class User(AbstractUser):
    """A staff member. The public never has an account."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff", null=True,
        verbose_name=_("organisation"),
    )
    roles = models.JSONField(_("roles"), default=list, blank=True)
    invited_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    preferred_language = models.CharField(_("language"), max_length=8, default="nl")

    objects = StaffUserManager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels.get(r, r)) for r in self.roles]

    @property
    def audit_label(self) -> str:
        return f"staff:{self.pk}"

    @property
    def primary_role(self) -> str:
        return self.roles[0] if self.roles else ""


class GrantState(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


class RoleGrantQuerySet(models.QuerySet):
    def visible_to(self, user) -> RoleGrantQuerySet:
        """Requests of the organisation the user administers."""
        org_id = administered_organisation_id(user)
        return self.none() if org_id is None else self.filter(organisation_id=org_id)

    def pending(self) -> RoleGrantQuerySet:
        return self.filter(state=GrantState.PENDING)


class RoleGrant(models.Model):
    """A request to give ``user`` a four-eyes role; effective only once a second organisation
    administrator of the same organisation approves it (ADR 0006)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="role_grants")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    state = models.CharField(_("state"), max_length=16, choices=GrantState.choices,
                             default=GrantState.PENDING)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"],
                                    condition=models.Q(state="pending"),
                                    name="accounts_one_pending_grant_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.role} for {self.user_id} ({self.state})"

    @property
    def role_label(self) -> str:
        return str(dict(Role.choices).get(self.role, self.role))


class AccountEventKind(models.TextChoices):
    INVITED = "invited", _("invited")
    ROLE_GRANTED = "role_granted", _("role granted")
    ROLE_REQUESTED = "role_requested", _("role requested")
    ROLE_APPROVED = "role_approved", _("role request approved")
    ROLE_REJECTED = "role_rejected", _("role request rejected")
    ROLE_WITHDRAWN = "role_withdrawn", _("role request withdrawn")
    ROLE_REMOVED = "role_removed", _("role removed")
    DEACTIVATED = "deactivated", _("deactivated")
    REACTIVATED = "reactivated", _("reactivated")
    PASSWORD_SET = "password_set", _("password set")
    MFA_ENROLLED = "mfa_enrolled", _("second factor enrolled")
    LOGIN_ALERT = "login_alert", _("many failed logins (alert)")


class AccountEventQuerySet(AppendOnlyQuerySet):
    def visible_to(self, user) -> AccountEventQuerySet:
        """An organisation's administrators see its account history."""
        org_id = administered_organisation_id(user)
        return self.none() if org_id is None else self.filter(organisation_id=org_id)


class AccountEvent(AppendOnlyModel):
    """Append-only history of every change to a staff account, per organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="account_events")
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("change"), max_length=32, choices=AccountEventKind.choices)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AccountEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("account change")
        verbose_name_plural = _("account changes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.user_id}"

    @property
    def role_label(self) -> str:
        return str(dict(Role.choices).get(self.role, self.role)) if self.role else ""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.roles import OrganisationKind, Role


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
        """Functional administrators see every account; others only their organisation's."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.has_role(Role.FUNCTIONAL_ADMIN):
            return self
        return self.filter(organisation_id=user.organisation_id)


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

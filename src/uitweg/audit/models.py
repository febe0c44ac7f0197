"""The access log (NEN 7513): append-only, hash-chained, one entry per access to personal data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("view")
    SEARCH = "search", _("search")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")
    PRINT = "print", _("print")
    BREAK_GLASS = "break_glass", _("break-glass")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("granted")
    DENIED = "denied", _("denied")


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an access-log entry."""


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("access-log entries cannot be updated")

    def delete(self):
        raise AppendOnlyError("access-log entries cannot be deleted")

    _raw_delete = delete

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("access-log entries cannot be updated")

    def for_object(self, object_type: str, object_id: str) -> AccessLogQuerySet:
        return self.filter(object_type=object_type, object_id=str(object_id))


class AccessLogEntry(models.Model):
    """Written only by :func:`uitweg.audit.service.record`."""

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True, editable=False)
    at = models.DateTimeField(_("time (UTC)"), db_index=True)
    user_id_ref = models.BigIntegerField(_("user id"), null=True, db_index=True)
    username = models.CharField(_("user"), max_length=150, blank=True)
    organisation_id_ref = models.BigIntegerField(_("organisation id"), null=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=40, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(
        _("record"), max_length=64, blank=True,
        help_text=_("Pseudonymous number of the record, never a name."),
    )
    object_ids = models.JSONField(_("objects in result"), default=list, blank=True)
    purpose = models.CharField(_("purpose of use"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    access_point = models.CharField(_("access point"), max_length=300, blank=True)
    client_address = models.CharField(
        _("client network"), max_length=64, blank=True,
        help_text=_("Truncated: /24 for IPv4, /48 for IPv6."),
    )
    break_glass = models.BooleanField(_("break-glass"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access-log entry")
        verbose_name_plural = _("access log")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]
        default_permissions = ("view",)

    def save(self, *args, **kwargs):
        if self.pk is not None or not kwargs.pop("_from_service", False):
            raise AppendOnlyError(
                "access-log entries are written by uitweg.audit.service.record only"
            )
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("access-log entries cannot be deleted")

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"

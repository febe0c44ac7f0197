"""The access log (NEN 7513): append-only, hash-chained, one entry per access to personal data.

An entry is inserted in the transaction of the access it records, unchained; after that
transaction commits the sequencer gives it its chain position, ``prev_hash`` and ``hash``
(:mod:`uitweg.audit.sequencer`, ADR 0047). That one change is the only update the database
allows (migration 0004); nothing else about an entry can change, and nothing can be removed.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from uitweg.core.appendonly import AppendOnlyError, AppendOnlyQuerySet


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


class AccessLogQuerySet(AppendOnlyQuerySet):
    """The one append-only guard (``core.appendonly``), stricter: ``_raw_delete`` is refused
    too, and the database refuses updates and deletes (triggers); only the sequencer's own
    statement links entries into the chain (ADR 0047)."""

    def _refuse(self, *args, **kwargs):
        raise AppendOnlyError("access-log entries cannot be updated or deleted")

    update = delete = bulk_update = _raw_delete = _refuse

    def for_object(self, object_type: str, object_id: str) -> AccessLogQuerySet:
        return self.filter(object_type=object_type, object_id=str(object_id))


class AccessLogEntry(models.Model):
    """Written only by :func:`uitweg.audit.service.record`."""

    #: Insertion number: unique and increasing in the order entries were inserted (not the
    #: order of commit). On PostgreSQL the row's id (set by a trigger), on SQLite max + 1.
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
    #: MAC of the entry's own content, written with it; the sequencer chains only entries whose
    #: MAC matches. Empty for entries written before ADR 0047 (chained at once).
    mac = models.CharField(max_length=64, blank=True, default="", db_default="", editable=False)
    #: Set by the sequencer after the commit (null = not yet chained): position 1, 2, 3 … in
    #: the chain, without gaps, in the order entries were chained.
    chain_position = models.PositiveBigIntegerField(_("chain position"), unique=True, null=True,
                                                    editable=False)
    prev_hash = models.CharField(max_length=64, null=True, editable=False)
    hash = models.CharField(max_length=64, unique=True, null=True, editable=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access-log entry")
        verbose_name_plural = _("access log")
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "seq"]),
            # the sequencer's work queue: committed entries not yet chained
            models.Index(fields=["seq"], condition=Q(hash__isnull=True),
                         name="audit_entry_unchained_idx"),
        ]
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

    @property
    def chained(self) -> bool:
        return self.hash is not None

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"


class ChainHead(models.Model):
    """PostgreSQL: the chain's last link, one row (ADR 0117).

    Written only by ``audit_chain_link()`` (migration 0005), in the same transaction as the
    links it records: a compare-and-set on this row is the one point where sequencers
    serialise, and it is the last statement before their commit. The verifier checks that the
    chain ends here (so entries cut from its end are found). SQLite does not use it."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    position = models.PositiveBigIntegerField(editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        default_permissions = ()
        constraints = [models.CheckConstraint(condition=Q(id=1), name="audit_chainhead_one_row")]

    def __str__(self) -> str:
        return f"chain head {self.position}"

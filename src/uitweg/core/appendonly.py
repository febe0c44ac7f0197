"""One append-only guard for every history table (case, signal and account events).

A row is inserted once and never changed or removed through the ORM: ``save()`` of a stored row,
``delete()`` of a row, and a queryset's ``update()`` / ``delete()`` / ``bulk_update()`` raise
:class:`AppendOnlyError`. The retention processes erase personal fields through
``uitweg.core.personal_data.erase_rows`` (plain ``QuerySet`` methods, on purpose), and a parent's
cascade still removes its history. The access log uses the same guard, stricter (a subclass in
``uitweg.audit.models``: no ``_raw_delete`` either, and database triggers).
"""

from __future__ import annotations

from django.db import models


class AppendOnlyError(ValueError):
    """An attempt to change or remove a row of an append-only history."""


class AppendOnlyQuerySet(models.QuerySet):
    def _refuse(self, *args, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name} is append-only")

    update = delete = bulk_update = _refuse


class AppendOnlyModel(models.Model):
    """Abstract base of an append-only history; its manager should use
    :class:`AppendOnlyQuerySet` (or a subclass)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(f"{self._meta.verbose_name} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name} is append-only")

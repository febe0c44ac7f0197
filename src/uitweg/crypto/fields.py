"""Model fields for identifying data: encrypted at rest, with an optional blind index.

    class Person(models.Model):
        phone = EncryptedCharField(max_length=40, blank=True)
        phone_index = BlindIndexField(source="phone", normalise=normalise_phone)

``Person.objects.filter(phone_index=blind_index(value, normalise_phone))`` finds exact matches
without decrypting. Encrypted fields cannot be filtered, ordered or compared in SQL by design.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.core import checks
from django.db import models

from uitweg.crypto import aead
from uitweg.crypto.index import blind_index


class EncryptedMixin:
    """Stores ``aead.encrypt(serialise(value))`` in a text column; decrypts on load."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("db_index", None)
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]

    @property
    def crypto_context(self) -> str:
        meta = self.model._meta  # type: ignore[attr-defined]
        return f"{meta.app_label}.{meta.model_name}.{self.name}"  # type: ignore[attr-defined]

    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection):
        return models.TextField().db_type(connection)

    def serialise(self, value: Any) -> str:
        return str(value)

    def deserialise(self, text: str) -> Any:
        return text

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return self.empty_value()
        return self.deserialise(aead.decrypt(value, context=self.crypto_context))

    def empty_value(self) -> Any:
        return None if self.null else ""  # type: ignore[attr-defined]

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)  # type: ignore[misc]
        if value is None or value == "" or value == [] or value == {}:
            return None if self.null else ""  # type: ignore[attr-defined]
        return aead.encrypt(self.serialise(value), context=self.crypto_context)

    def get_lookup(self, lookup_name: str):
        if lookup_name not in {"isnull"}:
            return None
        return super().get_lookup(lookup_name)  # type: ignore[misc]

    def check(self, **kwargs):
        errors = super().check(**kwargs)  # type: ignore[misc]
        if getattr(self, "unique", False):
            errors.append(checks.Error("Encrypted fields cannot be unique.", obj=self))
        return errors


class EncryptedTextField(EncryptedMixin, models.TextField):
    pass


class EncryptedCharField(EncryptedMixin, models.CharField):
    """Validated against ``max_length`` in forms; stored as text (ciphertext is longer)."""

    def db_type(self, connection):
        return models.TextField().db_type(connection)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, kwargs


class EncryptedDateField(EncryptedMixin, models.DateField):
    def serialise(self, value: Any) -> str:
        return value.isoformat()

    def deserialise(self, text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    def empty_value(self) -> Any:
        return None

    def pre_save(self, model_instance, add):
        return getattr(model_instance, self.attname)


class EncryptedJSONField(EncryptedMixin, models.JSONField):
    """For lists such as aliases or phone numbers."""

    def serialise(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def deserialise(self, text: str) -> Any:
        return json.loads(text)

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == [] or value == {}:
            return None if self.null else ""
        return aead.encrypt(self.serialise(value), context=self.crypto_context)

    def empty_value(self) -> Any:
        return None if self.null else self.get_default()

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return self.empty_value()
        return self.deserialise(aead.decrypt(value, context=self.crypto_context))

    def db_type(self, connection):
        return models.TextField().db_type(connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        return self.get_prep_value(value)


class BlindIndexField(models.CharField):
    """Keyed HMAC of one or more source fields, filled on save, for exact-match search."""

    def __init__(
        self,
        *args: Any,
        sources: tuple[str, ...] = (),
        normalise: Callable[[Any], str] | None = None,
        **kwargs: Any,
    ) -> None:
        self.sources = tuple(sources)
        self.normalise = normalise
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = self.sources
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        values = [getattr(model_instance, source) for source in self.sources]
        if any(v in (None, "") for v in values):
            digest = ""
        else:
            digest = blind_index(*values, normalise=self.normalise)
        setattr(model_instance, self.attname, digest)
        return digest

"""Re-encrypt every stored ciphertext that is not under the current key."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from uitweg.crypto import aead
from uitweg.crypto.fields import EncryptedMixin
from uitweg.crypto.keys import keyring


@dataclass
class RotationResult:
    column: str
    rewritten: int


def rotate_field_keys(*, batch_size: int = 500) -> list[RotationResult]:
    """Decrypt with any known key, encrypt with the current one. Idempotent; resumable."""
    current = keyring().current_id
    results: list[RotationResult] = []
    from django.apps import apps

    fields = [f for model in apps.get_models() for f in model._meta.concrete_fields
              if isinstance(f, EncryptedMixin)]
    for field in fields:
        model = field.model
        rewritten = 0
        column = field.column
        raw_rows = model._base_manager.exclude(**{f"{field.name}__isnull": True}).values_list(
            "pk", flat=True
        )
        pks = list(raw_rows)
        for start in range(0, len(pks), batch_size):
            chunk = pks[start : start + batch_size]
            with transaction.atomic():
                table = model._meta.db_table
                with connection.cursor() as cursor:
                    quoted_pk = connection.ops.quote_name(model._meta.pk.column)
                    placeholders = ",".join(["%s"] * len(chunk))
                    cursor.execute(
                        f"SELECT {quoted_pk}, {connection.ops.quote_name(column)} "  # noqa: S608
                        f"FROM {connection.ops.quote_name(table)} "
                        f"WHERE {quoted_pk} IN ({placeholders})",
                        chunk,
                    )
                    for pk, token in cursor.fetchall():
                        if not token or aead.key_id_of(token) == current:
                            continue
                        plain = aead.decrypt(token, context=field.crypto_context)
                        cursor.execute(
                            f"UPDATE {connection.ops.quote_name(table)} "  # noqa: S608
                            f"SET {connection.ops.quote_name(column)} = %s "
                            f"WHERE {quoted_pk} = %s",
                            [aead.encrypt(plain, context=field.crypto_context), pk],
                        )
                        rewritten += 1
        results.append(RotationResult(field.crypto_context, rewritten))
    return results

"""Encrypted fields: unreadable in the database, bound to their column, rotatable; blind index."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection, models
from django.test import override_settings

from uitweg.crypto import aead
from uitweg.crypto.fields import (
    BlindIndexField,
    EncryptedCharField,
    EncryptedDateField,
    EncryptedJSONField,
)
from uitweg.crypto.index import IdentifierKind, blind_index, identifier_digest, normalise_phone
from uitweg.crypto.keys import new_key

OLD = "t1:" + __import__("base64").b64encode(b"t" * 32).decode()  # the test key (conftest)


class Sample(models.Model):
    name = EncryptedCharField(max_length=100, blank=True)
    born = EncryptedDateField(null=True, blank=True)
    phones = EncryptedJSONField(default=list, blank=True)
    phone_index = BlindIndexField(sources=("name",))

    audit_exempt = True  # test model

    class Meta:
        app_label = "crypto"

    def __str__(self) -> str:
        return f"sample {self.pk}"


@pytest.fixture
def sample_table(transactional_db):
    with connection.schema_editor() as editor:
        editor.create_model(Sample)
    yield
    with connection.schema_editor() as editor:
        editor.delete_model(Sample)


def _raw_row(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, born, phones FROM crypto_sample WHERE id = %s", [pk])
        return cursor.fetchone()


def test_values_are_not_readable_in_the_database(sample_table):
    obj = Sample.objects.create(name="Maria Popescu", born=dt.date(2008, 2, 29),
                                phones=["+40 712 345 678"])
    raw = _raw_row(obj.pk)
    assert all(value.startswith("v1:t1:") for value in raw)
    assert "Maria" not in "".join(raw) and "2008" not in "".join(raw) and "712" not in "".join(raw)
    again = Sample.objects.get(pk=obj.pk)
    assert (again.name, again.born, again.phones) == ("Maria Popescu", dt.date(2008, 2, 29),
                                                      ["+40 712 345 678"])


def test_same_value_encrypts_differently_each_time(sample_table):
    a = Sample.objects.create(name="same")
    b = Sample.objects.create(name="same")
    assert _raw_row(a.pk)[0] != _raw_row(b.pk)[0]


def test_ciphertext_moved_to_another_column_does_not_decrypt():
    token = aead.encrypt("secret", context="crypto.sample.name")
    with pytest.raises(aead.DecryptionError):
        aead.decrypt(token, context="crypto.sample.phones")


def test_altered_ciphertext_does_not_decrypt():
    token = aead.encrypt("secret", context="c")
    prefix, key_id, body = token.split(":")
    tampered = f"{prefix}:{key_id}:{body[:-4]}AAA="
    with pytest.raises(aead.DecryptionError):
        aead.decrypt(tampered, context="c")


def test_values_survive_a_key_rotation(sample_table, capsys):
    obj = Sample.objects.create(name="Anna de Vries", born=dt.date(1990, 1, 31))
    rotated = f"k2:{new_key()},{OLD}"
    with override_settings(FIELD_ENCRYPTION_KEYS=rotated):
        call_command("rotate_field_keys")
        assert "crypto.sample.name: 1 re-encrypted" in capsys.readouterr().out
        assert _raw_row(obj.pk)[0].startswith("v1:k2:")
        assert _raw_row(obj.pk)[1].startswith("v1:k2:")
    # After rotation the old key can be retired: only the new key is needed.
    with override_settings(FIELD_ENCRYPTION_KEYS=rotated.split(",")[0]):
        again = Sample.objects.get(pk=obj.pk)
        assert (again.name, again.born) == ("Anna de Vries", dt.date(1990, 1, 31))
        call_command("rotate_field_keys")  # idempotent
        assert "0 re-encrypted" in capsys.readouterr().out


def test_encrypted_fields_refuse_sql_lookups():
    with pytest.raises(Exception, match="Unsupported lookup"):
        list(Sample.objects.filter(name="x"))


def test_blind_index_is_filled_on_save_and_matches_normalised_values(sample_table):
    obj = Sample.objects.create(name="  Élodie   Martin ")
    assert obj.phone_index == blind_index("elodie martin")
    assert Sample.objects.filter(phone_index=blind_index("ELODIE MARTIN")).get() == obj


def test_identifier_digests_are_shared_and_separated_by_kind():
    assert identifier_digest(IdentifierKind.PHONE, "06-1234 5678") == identifier_digest(
        IdentifierKind.PHONE, "+31 6 12345678")
    assert identifier_digest(IdentifierKind.WEBSITE, "https://www.example.nl/") == (
        identifier_digest(IdentifierKind.WEBSITE, "example.nl"))
    assert identifier_digest(IdentifierKind.KVK, "12345678") != identifier_digest(
        IdentifierKind.PHONE, "12345678")
    assert identifier_digest(IdentifierKind.PERSON, "Jan Jansen", dt.date(2001, 5, 4)) == (
        identifier_digest(IdentifierKind.PERSON, "jan  jansen", dt.date(2001, 5, 4)))
    with pytest.raises(ValueError):
        identifier_digest("shoe size", "44")


@pytest.mark.parametrize(("raw", "expected"), [
    ("06-12345678", "+31612345678"), ("0031 6 1234 5678", "+31612345678"),
    ("+48 600 700 800", "+48600700800"),
])
def test_phone_normalisation(raw, expected):
    assert normalise_phone(raw) == expected


def test_blind_index_key_is_not_the_encryption_key():
    from uitweg.crypto.keys import blind_index_key, keyring

    assert blind_index_key() not in keyring().keys.values()

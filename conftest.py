"""Test-wide settings: fixed test keys, development mode, no demo mode; the internet blocked."""

import base64
import os

_TEST_KEY = base64.b64encode(b"t" * 32).decode()
os.environ.update({
    "UITWEG_MODE": "development",
    "UITWEG_DEMO_MODE": "0",
    "DJANGO_SECRET_KEY": "test-secret-key-not-for-production-use-0123456789",
    "FIELD_ENCRYPTION_KEYS": f"t1:{_TEST_KEY}",
    "BLIND_INDEX_KEY": base64.b64encode(b"b" * 32).decode(),
    "ANONYMISATION_KEY": base64.b64encode(b"a" * 32).decode(),
    "AUDIT_CHAIN_KEY": base64.b64encode(b"c" * 32).decode(),
})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitweg.settings")

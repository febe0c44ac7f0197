"""Write var/local.env with fresh development keys, once. Git-ignored; never used in production.

Pure standard library so it runs before the virtualenv exists.
"""

from __future__ import annotations

import base64
import secrets
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "var" / "local.env"


def key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def main() -> int:
    if TARGET.exists():
        return 0
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(
        "# Development settings written by `make run` (scripts/make_keys.py). Git-ignored.\n"
        "# Never copy these keys to production.\n"
        "UITWEG_MODE=development\n"
        "UITWEG_DEMO_MODE=1\n"
        f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}\n"
        f"FIELD_ENCRYPTION_KEYS=k1:{key()}\n"
        f"BLIND_INDEX_KEY={key()}\n"
        f"ANONYMISATION_KEY={key()}\n"
        f"AUDIT_CHAIN_KEY={key()}\n",
        encoding="utf-8",
    )
    TARGET.chmod(0o600)
    print(f"Wrote development keys to {TARGET.relative_to(Path.cwd())}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

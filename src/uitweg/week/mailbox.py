"""The local demo mailbox: in demo mode (``make run``) every e-mail of the platform is written
to a folder as an ``.eml`` file instead of being sent, and staff open it at
``/staff/week/mailbox/``. Never used in production (settings choose it only in demo mode)."""

from __future__ import annotations

import email
import email.policy
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

_lock = threading.Lock()


def folder() -> Path:
    configured = getattr(settings, "WEEK_MAILBOX_DIR", "") or ""
    return Path(configured) if configured else Path(settings.BASE_DIR) / "var" / "mail"


def enabled() -> bool:
    return bool(settings.DEMO_MODE and not settings.PRODUCTION
                and f"{__name__}.DemoMailboxBackend" == settings.EMAIL_BACKEND)


class DemoMailboxBackend(BaseEmailBackend):
    """Writes each message to ``<folder>/<time>-<id>.eml``."""

    def send_messages(self, email_messages):
        target = folder()
        target.mkdir(parents=True, exist_ok=True)
        count = 0
        with _lock:
            for message in email_messages:
                stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
                path = target / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
                path.write_bytes(message.message().as_bytes(linesep="\n"))
                count += 1
        return count


@dataclass
class Stored:
    id: str
    at: datetime
    to: str
    subject: str
    body: str
    attachments: list[tuple[str, str]]


def _parse(path: Path) -> Stored:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    body_part = message.get_body(preferencelist=("plain",))
    body = body_part.get_content() if body_part is not None else ""
    attachments = [(part.get_filename() or "", part.get_content_type())
                   for part in message.iter_attachments()]
    stamp = datetime.strptime(path.stem[:22], "%Y%m%d-%H%M%S-%f")
    return Stored(path.stem, stamp.replace(tzinfo=UTC), str(message["To"] or ""),
                  str(message["Subject"] or ""), body, attachments)


def messages(limit: int = 200) -> list[Stored]:
    target = folder()
    if not target.is_dir():
        return []
    return [_parse(p) for p in sorted(target.glob("*.eml"), reverse=True)[:limit]]


def one(message_id: str) -> Stored | None:
    if not message_id.replace("-", "").isalnum():
        return None
    path = folder() / f"{message_id}.eml"
    return _parse(path) if path.is_file() else None

"""Log filter that removes anything that looks like an IP address from every log record."""

from __future__ import annotations

import logging
import re

_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}(?![\w:])|::1\b")


def scrub(text: str) -> str:
    return _IPV6.sub("[address removed]", _IPV4.sub("[address removed]", text))


class StripClientAddressFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        for attr in ("client", "client_addr", "remote_addr"):
            if hasattr(record, attr):
                setattr(record, attr, "[address removed]")
        return True

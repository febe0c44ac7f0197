"""Log filter that removes anything that looks like an IP address from every log record."""

from __future__ import annotations

import ipaddress
import logging
import re

_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
_IPV6_CANDIDATE = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")


def _ipv6(match: re.Match) -> str:
    try:
        ipaddress.IPv6Address(match.group(0))
    except ValueError:
        return match.group(0)
    return "[address removed]"


def scrub(text: str) -> str:
    return _IPV6_CANDIDATE.sub(_ipv6, _IPV4.sub("[address removed]", text))


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

"""Where an access comes from: the access point of every access-log entry (NEN 7513).

One context variable, set by whoever receives the access, read by
:func:`uitweg.audit.service.actor_for`, so a service function called with ``by=user`` names
the access point without being told:

- HTTP requests: :class:`uitweg.audit.middleware.AuditMiddleware` → the URL path
  (``/staff/cases/5/``; never the query string, which can hold search terms), or
  ``api:<path>`` for the partner API;
- sockets: the consumer, ``with access_point("ws:" + scope["path"]): …``;
- management commands and anything else without a request: :func:`fallback_access_point`
  names the command (``command:<name>``) or the calling function
  (``service:<module>.<function>``).
"""

from __future__ import annotations

import contextlib
import re
import sys
from contextvars import ContextVar
from dataclasses import dataclass

API_PREFIX = "/api/"
MAX_LENGTH = 300  # AccessLogEntry.access_point

_COMMAND_MODULE = re.compile(r"\.management\.commands\.(\w+)$")


@dataclass(frozen=True)
class Origin:
    access_point: str
    client_address: str = ""


_origin: ContextVar[Origin | None] = ContextVar("uitweg_audit_origin", default=None)


@contextlib.contextmanager
def access_point(value: str, *, client_address: str = ""):
    """Entries written inside this block come from ``value`` (and the truncated network)."""
    token = _origin.set(Origin(value[:MAX_LENGTH], client_address))
    try:
        yield
    finally:
        _origin.reset(token)


def current() -> Origin | None:
    return _origin.get()


def current_access_point() -> str:
    """The access point of the current request/socket/command; never empty."""
    origin = _origin.get()
    return origin.access_point if origin else fallback_access_point()


def request_access_point(request) -> str:
    path = request.path
    value = f"api:{path}" if path.startswith(API_PREFIX) else path
    return value[:MAX_LENGTH]


def fallback_access_point() -> str:
    """No request is known: name the management command, or the service function — the first
    public function outside the access-log machinery (private helpers such as ``_audit`` and
    actor builders such as ``api_actor`` are skipped: their caller is the service)."""
    caller = helper = ""
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        command = _COMMAND_MODULE.search(module)
        if command:
            return f"command:{command.group(1)}"
        function = frame.f_code.co_name
        if not caller and not _is_machinery(module, function):
            if function.startswith("_"):
                helper = helper or f"{module}.{function}"
            else:
                caller = f"{module}.{function}"
        frame = frame.f_back
    return f"service:{caller or helper or 'unknown'}"[:MAX_LENGTH]


def _is_machinery(module: str, function: str) -> bool:
    return (module.startswith("uitweg.audit.") and ".tests" not in module) \
        or module in ("dataclasses", "contextlib") or function.endswith("_actor")

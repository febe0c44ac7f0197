"""Who may use a staff session right now: the one admission policy for pages and sockets.

:func:`admit` decides for every staff request (``SessionTimeoutMiddleware`` and
``RequireMFAMiddleware``) and for every frame of a staff websocket (the chat's
``StaffConsumer``), so a rule added here holds for both. It only *decides*; the callers act:
a page logs out and redirects, a socket sends a reason frame and closes.

The session clocks are plain numbers in the session (``LOGIN_AT``, ``LAST_SEEN``, seconds since
the epoch). Only :func:`touch` moves ``LAST_SEEN``, and only for a session that :func:`admit`
has just accepted — activity never revives an expired session (ADR 0033).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings

LOGIN_AT = "uitweg.login_at"
LAST_SEEN = "uitweg.last_seen"

# Reasons, in the order they are checked. Sent as-is as the socket's refusal reason.
LOGIN = "login"  # no user in the session (never logged in, logged out, deactivated, new password)
IDLE = "session_idle"  # no activity for SESSION_IDLE_TIMEOUT seconds
EXPIRED = "session_expired"  # SESSION_ABSOLUTE_TIMEOUT seconds after login
INACTIVE = "inactive"  # account deactivated (sessions of inactive users normally load no user)
ORGANISATION = "organisation"  # staff member without an organisation
MFA = "mfa"  # no second factor enrolled
ROLE = "role"  # none of the roles the entry point needs

#: Reasons after which the session itself is over (the page logs the user out).
SESSION_OVER = frozenset({INACTIVE, ORGANISATION, IDLE, EXPIRED})


@dataclass(frozen=True)
class Admission:
    ok: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


ADMITTED = Admission(True)


def session_clock(session, *, now: float) -> str:
    """``""`` while the session's clocks run, else :data:`IDLE` or :data:`EXPIRED`.

    A session without clocks counts as expired: every login goes through a page, which starts
    them (:func:`start_clocks`), so only a forged or foreign session lacks them.
    """
    login_at, last_seen = session.get(LOGIN_AT), session.get(LAST_SEEN)
    if not isinstance(login_at, int | float) or not isinstance(last_seen, int | float):
        return EXPIRED
    if now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT:
        return EXPIRED
    if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
        return IDLE
    return ""


def admit(user, session, *, now: float, public: bool = False, view_name: str = "",
          roles: tuple[str, ...] = ()) -> Admission:
    """The admission decision for ``user`` with ``session`` at ``now``.

    ``public``: the entry point is a public page; only a logged-in user's session clocks are
    checked (their session still ends on time). ``view_name``: the URL name, for the pages a
    user without a second factor may reach (the enrolment). ``roles``: at least one of them is
    needed (sockets; pages check roles in the view and answer 403 with a reason).
    """
    from uitweg.accounts.access import MFA_SETUP_URL_NAMES

    if user is None or not user.is_authenticated:
        return ADMITTED if public else Admission(False, LOGIN)
    clock = session_clock(session, now=now)
    if clock:
        return Admission(False, clock)
    if public:
        return ADMITTED
    if not user.is_active:
        return Admission(False, INACTIVE)
    if user.organisation_id is None and not user.is_superuser:
        return Admission(False, ORGANISATION)
    if view_name not in MFA_SETUP_URL_NAMES and not _has_second_factor(user):
        return Admission(False, MFA)
    if roles and not user.has_role(*roles):
        return Admission(False, ROLE)
    return ADMITTED


def _has_second_factor(user) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user)


def start_clocks(session, *, now: float) -> None:
    """Start the clocks of a session that has none yet (the first request after login)."""
    if LOGIN_AT not in session:
        session[LOGIN_AT] = now
    if LAST_SEEN not in session:
        session[LAST_SEEN] = now


def touch(session, *, now: float) -> None:
    """Record activity. Call only right after :func:`admit` accepted this session."""
    session[LAST_SEEN] = now


# --- sockets -------------------------------------------------------------------------------
def load_session(session_key: str | None):
    """A fresh copy of a session from the store (not the one loaded when a socket opened)."""
    from importlib import import_module

    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def session_user(session):
    """The user a stored session belongs to, verified like a page does (password change, …)."""
    from django.contrib.auth import get_user

    return get_user(SimpleNamespace(session=session))


def deadline(session) -> float:
    """When this session runs out if nothing happens meanwhile (seconds since the epoch)."""
    try:
        return min(float(session[LAST_SEEN]) + settings.SESSION_IDLE_TIMEOUT,
                   float(session[LOGIN_AT]) + settings.SESSION_ABSOLUTE_TIMEOUT)
    except (KeyError, TypeError, ValueError):
        return 0.0


def admit_socket(session_key: str | None, *, now: float, roles: tuple[str, ...],
                 activity: bool = False):
    """Admit a socket frame on the session as it is stored *now*.

    Returns ``(decision, user, session)``. With ``activity`` an admitted session's
    ``LAST_SEEN`` is moved (at most once a minute, so a chatting counsellor writes the session
    rarely); a refused session is never written, so a socket cannot revive it.
    """
    from django.contrib.sessions.backends.base import UpdateError

    session = load_session(session_key)
    user = session_user(session)
    decision = admit(user, session, now=now, roles=roles)
    if decision and activity and now - session.get(LAST_SEEN, 0) >= 60:
        touch(session, now=now)
        try:
            session.save()
        except UpdateError:  # logged out between the read and the write: never recreate it
            return Admission(False, LOGIN), user, session
    return decision, user, session

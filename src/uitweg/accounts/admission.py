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

import functools
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

    known = getattr(user, SECOND_FACTOR, None)  # read with the session (_read_together)
    if known is not None:
        return known

    return is_mfa_enabled(user)


def start_clocks(session, *, now: float) -> None:
    """Start the clocks of a session that has none yet (the first request after login)."""
    if LOGIN_AT not in session:
        session[LOGIN_AT] = now
    if LAST_SEEN not in session:
        session[LAST_SEEN] = now


#: The idle clock moves at most once a minute: a page or socket frame within a minute of the last
#: recorded activity writes nothing, so a busy user's requests do not each end in a session
#: write (a separate commit on the database). The idle timeout then runs from up to a minute
#: before the last activity; the expiry warning reads the same clock, so it stays truthful.
TOUCH_EVERY = 60


def touch(session, *, now: float, always: bool = False) -> bool:
    """Record activity (at most once every :data:`TOUCH_EVERY` seconds, or a tenth of the idle
    timeout if that is shorter; ``always``: now, as "stay logged in" asks); ``True`` when the
    session changed and has to be saved. Call only right after :func:`admit` accepted it."""
    last_seen = session.get(LAST_SEEN)
    every = min(TOUCH_EVERY, settings.SESSION_IDLE_TIMEOUT / 10)
    if not always and isinstance(last_seen, int | float) and 0 <= now - last_seen < every:
        return False
    session[LAST_SEEN] = now
    return True


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
                 activity: bool = False, user_id: int | None = None,
                 together: dict[str, tuple[str, list]] | None = None):
    """Admit a socket frame on the session as it is stored *now*.

    Returns ``(decision, user, session)``. With ``activity`` an admitted session's
    ``LAST_SEEN`` is moved (at most once a minute, so a chatting counsellor writes the session
    rarely); a refused session is never written, so a socket cannot revive it.

    ``user_id``: the user this socket was admitted as before. Then the session row, that user
    and their second factor are read in **one** query (:func:`_read_together`, ADR 0044)
    instead of three; whatever that query cannot vouch for exactly as ``get_user`` would
    (another user in the session, another backend, a hash that does not match, no stored row)
    takes the full path, which decides as a page does. ``together``: ``name -> (sql, params)``
    scalar SQL expressions the caller needs at the same moment (e.g. the chat's counsellor),
    read in the same query; on an admitted decision they are attributes of the returned user,
    whichever path was taken.
    """
    from django.contrib.sessions.backends.base import UpdateError

    together = together or {}
    read = _read_together(session_key, user_id, now=now, together=together) \
        if user_id is not None else None
    if read is not None:
        user, session = read
    else:
        session = load_session(session_key)
        user = session_user(session)
    decision = admit(user, session, now=now, roles=roles)
    if decision and together and read is None:
        _select_together(user, together)
    if decision and activity and touch(session, now=now):
        try:
            session.save()
        except UpdateError:  # logged out between the read and the write: never recreate it
            return Admission(False, LOGIN), user, session
    return decision, user, session


SECOND_FACTOR = "uitweg_second_factor"  # set on a user read by _read_together
_SESSION_DATA = "uitweg_session_data"


def _select_together(user, together: dict[str, tuple[str, list]]) -> None:
    from django.db import connection

    names = list(together)
    sql = "SELECT " + ", ".join(f"{together[n][0]} AS {connection.ops.quote_name(n)}"
                                for n in names)
    with connection.cursor() as cursor:
        cursor.execute(sql, [p for n in names for p in together[n][1]])
        row = cursor.fetchone()
    for name, value in zip(names, row, strict=True):
        setattr(user, name, value)


def _read_together(session_key: str | None, user_id: int, *, now: float,
                   together: dict[str, tuple[str, list]]):
    """``(user, session)`` read in one query, or ``None`` when only the full path may decide.

    Accepts only what :func:`django.contrib.auth.get_user` would accept from the same rows:
    a database session engine, an unexpired row, the same user id, a configured backend using
    ``ModelBackend.get_user`` (``user_can_authenticate``) and a matching session hash. Plain
    SQL, not the ORM: compiling the equivalent queryset cost more CPU than the query itself.
    """
    import datetime as dt

    from allauth.mfa.adapter import DefaultMFAAdapter, get_adapter
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
        load_backend,
    )
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
    from django.core.exceptions import ValidationError
    from django.db import connection
    from django.utils.crypto import constant_time_compare

    meta = get_user_model()._meta
    store = load_session(session_key)
    if (not session_key or not isinstance(store, DatabaseStore)
            or type(get_adapter()).is_mfa_enabled is not DefaultMFAAdapter.is_mfa_enabled):
        return None
    User = meta.model
    sql = _one_query(store.model, tuple((name, sql) for name, (sql, _) in together.items()))
    expires = connection.ops.adapt_datetimefield_value(dt.datetime.fromtimestamp(now, dt.UTC))
    params = [session_key, expires, *(p for _sql, ps in together.values() for p in ps), user_id]
    user = next(iter(User._default_manager.raw(sql, params)), None)
    if user is None or getattr(user, _SESSION_DATA) is None:
        return None
    setattr(user, SECOND_FACTOR, bool(getattr(user, SECOND_FACTOR)))
    store._session_cache = store.decode(getattr(user, _SESSION_DATA))
    backend_path = store.get(BACKEND_SESSION_KEY)
    session_hash = store.get(HASH_SESSION_KEY)
    try:
        same_user = meta.pk.to_python(store.get(SESSION_KEY)) == user.pk
    except (ValidationError, TypeError, ValueError):  # anything odd: the full path decides
        return None
    if not (same_user and backend_path in settings.AUTHENTICATION_BACKENDS and session_hash):
        return None
    backend = load_backend(backend_path)
    if (type(backend).get_user is not ModelBackend.get_user
            or not backend.user_can_authenticate(user)
            or not constant_time_compare(session_hash, user.get_session_auth_hash())):
        return None
    return user, store


@functools.lru_cache(maxsize=16)
def _one_query(session_model, together: tuple[tuple[str, str], ...]) -> str:
    """The SQL of :func:`_read_together`: names from the models' metadata, values as params."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model
    from django.db import connection

    qn = connection.ops.quote_name
    user, sessions, factors = get_user_model()._meta, session_model._meta, Authenticator._meta

    def col(meta, name):
        return qn(meta.get_field(name).column)

    parts = [
        "SELECT", ", ".join(f"u.{qn(f.column)}" for f in user.concrete_fields),
        f", (SELECT s.{col(sessions, 'session_data')} FROM {qn(sessions.db_table)} s",  # noqa: S608
        f"WHERE s.{col(sessions, 'session_key')} = %s AND s.{col(sessions, 'expire_date')} > %s)",
        f"AS {qn(_SESSION_DATA)}",
        f", EXISTS(SELECT 1 FROM {qn(factors.db_table)} a",  # noqa: S608
        f"WHERE a.{col(factors, 'user')} = u.{qn(user.pk.column)}) AS {qn(SECOND_FACTOR)}",
        *(f", {expression} AS {qn(name)}" for name, expression in together),
        f"FROM {qn(user.db_table)} u WHERE u.{qn(user.pk.column)} = %s",
    ]
    return " ".join(parts)

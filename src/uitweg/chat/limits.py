"""The chat's abuse limits, counted through the platform's one rate limiter (the cache).

Counted per chat and side (the young person's side is their token: one token, one chat; a staff
side also per staff member), never per connection, so reconnecting does not reset a limit and
several ASGI workers sharing Redis count together (ADR 0034).
"""

from __future__ import annotations

from django.conf import settings

from uitweg.core import ratelimit

REPLAY_WINDOW = 600


def _key(conversation_id: int, side: str, user_id: int | None) -> str:
    return f"{conversation_id}:{side}:{user_id or '-'}"


def message(conversation_id: int, side: str, user_id: int | None = None) -> ratelimit.Decision:
    """Count one new message (CHAT_MESSAGES_PER_MINUTE)."""
    return ratelimit.hit("chat:msg", _key(conversation_id, side, user_id),
                         limit=settings.CHAT_MESSAGES_PER_MINUTE, window=60)


def frame(conversation_id: int, side: str, user_id: int | None = None) -> ratelimit.Decision:
    """Count one other frame: ping, typing, read, sync (CHAT_FRAMES_PER_MINUTE)."""
    return ratelimit.hit("chat:frame", _key(conversation_id, side, user_id),
                         limit=settings.CHAT_FRAMES_PER_MINUTE, window=60)


def replay_allowance(conversation_id: int, side: str,
                     user_id: int | None = None) -> tuple[int, int]:
    """How many messages the next replay may send (at most a page) and, when none, the seconds
    until the budget (CHAT_REPLAY_BUDGET per 10 minutes) is refilled."""
    decision = ratelimit.peek("chat:replay", _key(conversation_id, side, user_id),
                              limit=settings.CHAT_REPLAY_BUDGET, window=REPLAY_WINDOW)
    left = max(0, settings.CHAT_REPLAY_BUDGET - decision.count)
    return min(left, settings.CHAT_REPLAY_PAGE), decision.retry_after


def replayed(conversation_id: int, side: str, user_id: int | None, count: int) -> None:
    if count:
        ratelimit.hit("chat:replay", _key(conversation_id, side, user_id),
                      limit=settings.CHAT_REPLAY_BUDGET, window=REPLAY_WINDOW, cost=count)


def start(client_hash: str) -> bool:
    """At most CHAT_STARTS_PER_HOUR new chats per keyed client hash."""
    if not client_hash:
        return True
    return ratelimit.hit("chat:start", client_hash, limit=settings.CHAT_STARTS_PER_HOUR,
                         window=3600).allowed


def code_attempt(client_hash: str) -> bool:
    """At most CHAT_CODE_ATTEMPTS_PER_HOUR starts with a personal code per keyed client hash
    (right or wrong: a code cannot be guessed by trying)."""
    if not client_hash:
        return True
    return ratelimit.hit("chat:code", client_hash, limit=settings.CHAT_CODE_ATTEMPTS_PER_HOUR,
                         window=3600).allowed

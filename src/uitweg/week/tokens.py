"""Signed, single-use cancellation links and signed result pages (no state in a cookie).

A cancellation link carries the registration id and a random nonce, signed with the site key
(salted). It is single-use: cancelling clears the nonce, so the same link afterwards finds
no match and says it was used. A changed link fails the signature.
"""

from __future__ import annotations

from django.core import signing

CANCEL_SALT = "uitweg.week.cancel"
RESULT_SALT = "uitweg.week.result"


class BadToken(ValueError):
    """The link was changed or is not ours."""


def cancel_token(registration_id: int, nonce: str) -> str:
    return signing.dumps([registration_id, nonce], salt=CANCEL_SALT, compress=False)


def read_cancel_token(token: str) -> tuple[int, str]:
    try:
        value = signing.loads(token, salt=CANCEL_SALT)
        registration_id, nonce = int(value[0]), str(value[1])
    except (signing.BadSignature, TypeError, ValueError, IndexError, KeyError) as exc:
        raise BadToken("forged or damaged link") from exc
    return registration_id, nonce


def result_token(event_id: int, outcome: str) -> str:
    return signing.dumps([event_id, outcome], salt=RESULT_SALT)


def read_result_token(token: str, *, max_age: int = 3600) -> tuple[int, str]:
    try:
        value = signing.loads(token, salt=RESULT_SALT, max_age=max_age)
        return int(value[0]), str(value[1])
    except (signing.BadSignature, TypeError, ValueError, IndexError) as exc:
        raise BadToken("forged or expired result") from exc

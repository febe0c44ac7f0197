"""The chat's refusal: a code the socket client receives as ``reason`` and pages translate.

Pages never show the code itself: :func:`refusal_text` is the one mapping from a code to what a
staff member reads (the socket clients have their own translated texts per code in their
templates).
"""

from __future__ import annotations

from django.utils.translation import gettext as _


class ChatError(Exception):
    """A refused chat action; ``code`` is sent to the client as the reason."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    @property
    def user_message(self) -> str:
        """What a page says about it (the 403 page shows ``user_message``)."""
        return refusal_text(self.code)


def refusal_text(code: str) -> str:
    """What a page says about a refused chat action (never the raw code)."""
    return {
        "ended": _("The chat has already ended."),
        "capacity": _("That counsellor already has as many chats as they can take."),
        "role": _("That is not possible with your role."),
        "registered": _("This chat has already been registered."),
        "forbidden": _("This chat is not yours to handle."),
        "read_only": _("This chat is not yours to handle."),
        "queue_empty": _("Nobody is waiting."),
    }.get(code, _("That is not possible right now."))

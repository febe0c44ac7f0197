"""The chat's refusal: a code the socket client receives as ``reason`` and pages translate."""

from __future__ import annotations


class ChatError(Exception):
    """A refused chat action; ``code`` is sent to the client as the reason."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

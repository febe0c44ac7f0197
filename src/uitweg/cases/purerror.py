"""Errors of the pure modules: an English message template, translated only when shown.

The pure modules (lifecycle, clocks, comensha) import nothing from Django; they mark their
messages with ``_ = mark`` so ``makemessages`` extracts them, and the caller translates with
:meth:`PureError.user_message`.
"""

from __future__ import annotations


def mark(message: str) -> str:
    """Identity; marks a string for extraction by ``makemessages`` (used as ``_``)."""
    return message


class PureError(ValueError):
    def __init__(self, template: str, **params):
        super().__init__(template % params if params else template)
        self.template = template
        self.params = params

    def user_message(self, labels: dict | None = None) -> str:
        """The message in the active language; ``labels`` turn codes in the params into text."""
        from datetime import date

        from django.utils.translation import gettext

        from uitweg.core.dates import format_day

        text = gettext(self.template)
        if not self.params:
            return text
        params = {k: format_day(v) if isinstance(v, date) else str((labels or {}).get(v, v))
                  for k, v in self.params.items()}
        return text % params

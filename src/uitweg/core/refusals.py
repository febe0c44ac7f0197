"""The refusal every app's ``permissions`` module raises: Django's ``PermissionDenied`` with a code.

A service function checks *who* may do what before it writes anything::

    require(may_transition(by, case), "not_coordinating",
            _("Only the coordinating organisation can do this."))

Views, the API, consumers and commands call the service and let :class:`Refused` through: Django
turns it into a 403 (the message is shown, the code goes to the access log); the API turns it into
``{"errors": [{"field": null, "reason": code}]}``. Being a ``PermissionDenied``, it also rolls back
the audited transaction the view runs in, so a refused write leaves nothing behind.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class Refused(PermissionDenied):
    """``code``: a stable reason code (for logs and the API); ``str()``: a message for the user."""

    def __init__(self, code: str, message: str = ""):
        super().__init__(message or code)
        self.code = code
        self.user_message = message or code


def require(allowed: bool, code: str, message: str = "") -> None:
    """Raise :class:`Refused` unless ``allowed``."""
    if not allowed:
        raise Refused(code, message)

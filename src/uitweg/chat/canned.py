"""Canned responses: ready-made answers counsellors insert, kept by the chat supervisor. No
personal data (so no access-log entry for a granted change; a refusal is logged). Importable
from :mod:`uitweg.chat.services` as well."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from uitweg.audit.models import Action
from uitweg.chat import permissions
from uitweg.chat.models import CannedResponse

if TYPE_CHECKING:
    from uitweg.accounts.models import User

OBJECT_TYPE = "chat.cannedresponse"


def _require_editor(user: User, *, action: str, via: str) -> None:
    permissions.require(permissions.may_edit_canned(user), user=user, conversation=None,
                        action=action, code="role", via=via, object_type=OBJECT_TYPE)


def save_canned_response(*, user: User, response: CannedResponse | None, title: str, text: str,
                         order: int) -> CannedResponse:
    """Create (``response=None``) or change a canned response."""
    _require_editor(user, action=Action.CREATE if response is None else Action.UPDATE,
                    via="save_canned_response")
    with transaction.atomic():
        response = response or CannedResponse()
        response.title, response.text, response.order = title, text, order
        response.full_clean()
        response.save()
    return response


def delete_canned_response(*, user: User, response: CannedResponse) -> None:
    _require_editor(user, action=Action.DELETE, via="delete_canned_response")
    with transaction.atomic():
        CannedResponse.objects.filter(pk=response.pk).delete()

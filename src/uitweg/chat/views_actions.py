"""What a counsellor (or supervisor) does on a chat's page: one small view per action.

Every action is a POST to ``/staff/chat/c/<public_id>/<action>/`` and goes through
:func:`chat_action`: the chat role, the audited transaction, the chat as the user may see it
(404 otherwise) and the rule who may act on it (403 with one denied entry otherwise). The view
calls its service; a refusal is shown in words (:func:`~uitweg.chat.errors.refusal_text`), never
as its code. Back to the chat afterwards, or to the console when the chat is gone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from uitweg.accounts.permissions import role_required
from uitweg.audit.models import Action
from uitweg.audit.service import actor_from_request
from uitweg.audit.views import audited, get_visible_or_404
from uitweg.chat import permissions, services
from uitweg.chat.errors import refusal_text
from uitweg.chat.forms import (
    BlockForm,
    HandoverForm,
    NoteForm,
    RegistrationForm,
    RiskCheckForm,
    SignalForm,
    TransferForm,
)
from uitweg.chat.models import Conversation, EndReason, Status

Act = Callable[[HttpRequest, Conversation], HttpResponse | None]


def not_yours(request, conversation, *, action: str = Action.VIEW) -> HttpResponse:
    """403 for a chat the user may see but not handle, with its denied access-log entry.

    Answered, not raised: the audited view's transaction then commits the entry."""
    from uitweg.core.views import error_403

    actor = actor_from_request(request)
    permissions.log_denied(request.user, conversation, action=action, reason="not your chat",
                           access_point=actor.access_point, client_address=actor.client_address)
    return error_403(request)


def chat_action(may: Callable = permissions.handles) -> Callable[[Act], Callable]:
    """Wrap ``act(request, chat)``: it returns a response, or ``None`` for "back to the chat"."""

    def decorator(act: Act):
        @role_required(*permissions.CHAT_ROLES)
        @require_POST
        @audited
        @functools.wraps(act)
        def view(request, public_id):
            chat = get_visible_or_404(request, Conversation.objects.all(), public_id=public_id,
                                      action=Action.UPDATE)
            if not may(request.user, chat):
                return not_yours(request, chat, action=Action.UPDATE)
            try:
                response = act(request, chat)
            except permissions.NotPermitted:  # changed hands meanwhile; the service logged it
                from uitweg.core.views import error_403

                return error_403(request)
            except services.ChatError as exc:
                messages.error(request, refusal_text(exc.code))
                response = None
            if response is not None:
                return response
            if not Conversation.objects.filter(pk=chat.pk).exists():
                return redirect("chat:console")
            return redirect("chat:conversation", public_id=chat.public_id)

        return view

    return decorator


def _invalid(request) -> None:
    messages.error(request, _("Please check the form."))


@chat_action(may=permissions.is_supervisor)
def join(request, chat):
    openly = request.POST.get("openly") == "1"
    services.join_as_supervisor(conversation=chat, user=request.user, openly=openly)
    if openly:
        request.session[permissions.open_join_key(chat)] = True


@chat_action()
def note(request, chat):
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request)
    services.add_note(conversation=chat, user=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Note saved."))


@chat_action()
def risk(request, chat):
    form = RiskCheckForm(request.POST)
    if not form.is_valid():
        return _invalid(request)
    check = services.record_risk_check(conversation=chat, user=request.user, **form.cleaned_data)
    if check.level == "acute":
        messages.warning(request, _("Acute risk: the supervisor has been alerted. "
                                    "Consider calling 112 together."))
    else:
        messages.success(request, _("Risk check saved."))


@chat_action()
def escalate(request, chat):
    services.escalate(conversation=chat, user=request.user)
    messages.success(request, _("The supervisor has been alerted."))


@chat_action()
def transfer(request, chat):
    form = TransferForm(request.POST, user=request.user, conversation=chat)
    if not form.is_valid():
        return _invalid(request)
    services.transfer(conversation=chat, user=request.user, to_user=form.cleaned_data["to_user"])
    messages.success(request, _("The chat was transferred."))
    return redirect("chat:console")


@chat_action()
def block(request, chat):
    form = BlockForm(request.POST)
    if not form.is_valid():
        return _invalid(request)
    services.block(conversation=chat, user=request.user, hours=form.cleaned_data["hours"])
    messages.success(request, _("This chat is blocked and has ended."))


@chat_action()
def handover(request, chat):
    form = HandoverForm(request.POST)
    if not form.is_valid():
        return _invalid(request)
    code = services.create_handover(conversation=chat, user=request.user,
                                    shared_summary=form.cleaned_data["shared_summary"]).code
    messages.success(request, _("Handover code: %(code)s — give it to the young person "
                                "in the chat.") % {"code": code})


@chat_action()
def signal(request, chat):
    form = SignalForm(request.POST)
    if not form.is_valid():
        return _invalid(request)
    created = services.create_signal(
        conversation=chat, user=request.user, description=form.cleaned_data["description"],
        forms=form.cleaned_data["exploitation_forms"],
        acute_danger=form.cleaned_data["acute_danger"])
    messages.success(request, _("Signal %(reference)s was created in the intake.")
                     % {"reference": created.reference})


@chat_action()
def end_and_register(request, chat):
    """End the chat (if it is still live) and save its anonymous registration."""
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return _invalid(request)
    if chat.status != Status.ENDED:
        services.end_conversation(conversation_id=chat.pk, reason=EndReason.COUNSELLOR,
                                  user=request.user)
    services.register(conversation=chat, user=request.user, **form.cleaned_data)
    messages.success(request, _("The chat has ended and the registration is saved."))
    return redirect("chat:console")

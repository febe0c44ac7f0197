"""Pages of the chat: the young person's page (public) and the counsellor console (staff)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from uitweg.accounts.access import public
from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.audit.models import Action
from uitweg.audit.service import actor_from_request
from uitweg.audit.views import audited, get_visible_or_404, log_search, log_view
from uitweg.chat import hours, permissions, public_text, services
from uitweg.chat.forms import (
    BlockForm,
    CannedResponseForm,
    HandoverForm,
    HandoverLookupForm,
    NoteForm,
    RegistrationForm,
    RiskCheckForm,
    SignalForm,
    TransferForm,
)
from uitweg.chat.models import (
    AgeBand,
    CannedResponse,
    Conversation,
    EndReason,
    Handover,
    Registration,
    Status,
)

CHAT_ROLES = permissions.CHAT_ROLES
#: The youth page is offered in every public language of the platform (issue 10, item 3).
PUBLIC_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES  # not ar, nl-b1 (ADR 0092)
                         if code not in getattr(settings, "PREVENTION_ONLY_LANGUAGES", ()))
#: Who may look up a warm-handover code (care organisations and the chat supervisor).
HANDOVER_ROLES = (Role.CARE_COORDINATOR, Role.CASE_WORKER, Role.INTAKE_OFFICER,
                  Role.CHAT_SUPERVISOR)


def _weekday_names():
    return public_text.weekday_names()


# --- the young person's page ---------------------------------------------------------------------
@public
def youth(request):
    request.public_languages = PUBLIC_LANGUAGES
    names = _weekday_names()
    slots = hours.describe(hours.parse(settings.CHAT_OPENING_HOURS))
    return render(request, "chat/youth.html", {
        "open": services.is_open(),
        "opening_hours": [(names[day], span) for day, span in slots],
        "age_bands": AgeBand.choices,
        "max_chars": settings.CHAT_MAX_MESSAGE_CHARS,
    })


@public
@csrf_exempt  # the bearer token in the body is the credential; no cookie is involved
@require_POST
def end_by_token(request):
    """Quick exit: ``navigator.sendBeacon`` ends the chat even while the page is unloading."""
    conversation = services.conversation_for_token(request.POST.get("token", ""))
    if conversation is not None:
        by = EndReason.QUICK_EXIT if request.POST.get("quick_exit") == "1" else EndReason.YOUTH
        services.end_conversation(conversation_id=conversation.pk, by=by)
    return HttpResponse(status=204)


# --- the counsellor console ----------------------------------------------------------------------
def _queue_context(request):
    services.sweep_left()
    visible = Conversation.objects.visible_to(request.user)
    waiting = list(visible.filter(status=Status.WAITING).order_by("pk"))
    mine = list(visible.filter(counsellor=request.user, status=Status.ACTIVE).order_by("pk"))
    ended = list(visible.filter(counsellor=request.user, status=Status.ENDED, registered=False)
                 .order_by("pk"))
    log_search(request, Conversation, waiting + mine + ended)
    return {"waiting": waiting, "mine": mine, "unregistered": ended, "now": timezone.now(),
            "capacity": settings.CHAT_COUNSELLOR_CAPACITY,
            "full": len(mine) >= settings.CHAT_COUNSELLOR_CAPACITY,
            # links only to pages this role may open
            "may_lookup_handover": request.user.has_role(*HANDOVER_ROLES),
            "is_supervisor": permissions.is_supervisor(request.user)}


@role_required(*CHAT_ROLES)
@audited
def console(request):
    return render(request, "chat/console.html", _queue_context(request))


@role_required(*CHAT_ROLES)
@audited
def queue_partial(request):
    return render(request, "chat/_queue.html", _queue_context(request))


@role_required(Role.CHAT_COUNSELLOR)
@require_POST
def pick(request):
    try:
        conversation = services.pick_next(counsellor=request.user,
                                          public_id=request.POST.get("conversation") or None)
    except services.ChatError as exc:
        messages.warning(request, {
            "capacity": _("You have reached your number of chats at the same time."),
            "queue_empty": _("Nobody is waiting."),
        }.get(exc.code, _("The chat could not be picked up.")))
        return redirect("chat:console")
    except (ValueError, TypeError):
        return redirect("chat:console")
    return redirect("chat:conversation", public_id=conversation.public_id)


def _not_yours(request, conversation, *, action: str = Action.VIEW):
    """403 for a chat the user may see but not handle, with its denied access-log entry.

    Answered, not raised: the audited view's transaction then commits the entry."""
    from uitweg.core.views import error_403

    actor = actor_from_request(request)
    permissions.log_denied(request.user, conversation, action=action, reason="not your chat",
                           access_point=actor.access_point, client_address=actor.client_address)
    return error_403(request)


def refusal_text(code: str) -> str:
    """What a page says about a refused chat action (never the raw code)."""
    return {
        "ended": _("The chat has already ended."),
        "capacity": _("That counsellor already has as many chats as they can take."),
        "role": _("That is not possible with your role."),
        "registered": _("This chat has already been registered."),
        "forbidden": _("This chat is not yours to handle."),
        "read_only": _("This chat is not yours to handle."),
    }.get(code, _("That is not possible right now."))


@role_required(*CHAT_ROLES)
@audited
def conversation(request, public_id):
    chat = get_visible_or_404(request, Conversation.objects.all(), public_id=public_id)
    if not permissions.handles(request.user, chat):
        return _not_yours(request, chat)
    log_view(request, chat)
    mine = chat.counsellor_id == request.user.pk
    joined_openly = bool(request.session.get(permissions.open_join_key(chat)))
    can_write = permissions.may_write(request.user, chat, joined_openly=joined_openly)
    return render(request, "chat/conversation.html", {
        "chat": chat, "mine": mine, "can_write": can_write, "notes": list(chat.notes.all()),
        "risk": chat.risk_checks.first(),
        "canned": list(CannedResponse.objects.all()),
        "note_form": NoteForm(), "risk_form": RiskCheckForm(),
        "transfer_form": TransferForm(user=request.user), "block_form": BlockForm(),
        "handover_form": HandoverForm(), "signal_form": SignalForm(),
        "registration_form": RegistrationForm(initial={"age_band": chat.age_band}),
        "max_chars": settings.CHAT_MAX_MESSAGE_CHARS,
    })


ACTIONS = {"note", "risk", "escalate", "transfer", "block", "handover", "signal", "end",
           "register", "join"}


@role_required(*CHAT_ROLES)
@audited
def action(request, public_id, name):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if name not in ACTIONS:
        raise PermissionDenied("unknown action")
    chat = get_visible_or_404(request, Conversation.objects.all(), public_id=public_id,
                              action="update")
    back = redirect("chat:conversation", public_id=chat.public_id)
    user = request.user
    if name == "join":
        if not permissions.is_supervisor(user):
            return _not_yours(request, chat, action=Action.UPDATE)
        openly = request.POST.get("openly") == "1"
        services.join_as_supervisor(conversation=chat, user=user, openly=openly)
        if openly:
            request.session[permissions.open_join_key(chat)] = True
        return back
    if not permissions.handles(user, chat):
        return _not_yours(request, chat, action=Action.UPDATE)
    try:
        if name == "note" and (form := NoteForm(request.POST)).is_valid():
            services.add_note(conversation=chat, user=user, text=form.cleaned_data["text"])
            messages.success(request, _("Note saved."))
        elif name == "risk" and (form := RiskCheckForm(request.POST)).is_valid():
            check = services.record_risk_check(conversation=chat, user=user, **form.cleaned_data)
            if check.level == "acute":
                messages.warning(request, _("Acute risk: the supervisor has been alerted. "
                                            "Consider calling 112 together."))
            else:
                messages.success(request, _("Risk check saved."))
        elif name == "escalate":
            services.escalate(conversation=chat, user=user)
            messages.success(request, _("The supervisor has been alerted."))
        elif name == "transfer" and (form := TransferForm(request.POST, user=user)).is_valid():
            services.transfer(conversation=chat, user=user, to_user=form.cleaned_data["to_user"])
            messages.success(request, _("The chat was transferred."))
            return redirect("chat:console")
        elif name == "block" and (form := BlockForm(request.POST)).is_valid():
            services.block(conversation=chat, user=user, hours=form.cleaned_data["hours"])
            messages.success(request, _("This chat is blocked and has ended."))
        elif name == "handover" and (form := HandoverForm(request.POST)).is_valid():
            handover = services.create_handover(
                conversation=chat, user=user, shared_summary=form.cleaned_data["shared_summary"])
            messages.success(request, _("Handover code: %(code)s — give it to the young person "
                                        "in the chat.") % {"code": handover.code})
        elif name == "signal" and (form := SignalForm(request.POST)).is_valid():
            signal = services.create_signal(
                conversation=chat, user=user, description=form.cleaned_data["description"],
                forms=form.cleaned_data["exploitation_forms"],
                acute_danger=form.cleaned_data["acute_danger"])
            messages.success(request, _("Signal %(reference)s was created in the intake.")
                             % {"reference": signal.reference})
        elif name in ("end", "register") and (form := RegistrationForm(request.POST)).is_valid():
            if chat.status != Status.ENDED:
                services.end_conversation(conversation_id=chat.pk, by="counsellor", user=user)
            services.register(conversation=chat, user=user, **form.cleaned_data)
            messages.success(request, _("The chat has ended and the registration is saved."))
            return redirect("chat:console")
        else:
            messages.error(request, _("Please check the form."))
    except permissions.NotPermitted:  # changed hands meanwhile; the service logged the refusal
        from uitweg.core.views import error_403

        return error_403(request)
    except services.ChatError as exc:
        messages.error(request, refusal_text(exc.code))
    if not Conversation.objects.filter(pk=chat.pk).exists():
        return redirect("chat:console")
    return back


@role_required(Role.CHAT_SUPERVISOR)
@audited
def overview(request):
    services.sweep_left()
    live = list(Conversation.objects.visible_to(request.user).live()
                .select_related("counsellor").order_by("pk"))
    log_search(request, Conversation, live)
    return render(request, "chat/overview.html", {
        "live": live, "now": timezone.now(),
        "waiting": sum(1 for c in live if c.status == Status.WAITING),
    })


@role_required(Role.CHAT_SUPERVISOR, Role.ANALYST)
def statistics(request):
    """Aggregate figures of the anonymous registrations (no personal data)."""
    rows = Registration.objects.values("topic", "outcome").annotate(n=Count("id")).order_by(
        "topic", "outcome")
    return render(request, "chat/statistics.html", {
        "rows": rows, "total": Registration.objects.count()})


@role_required(Role.CHAT_SUPERVISOR)
def canned(request, pk=None):
    instance = get_object_or_404(CannedResponse, pk=pk) if pk else None
    form = CannedResponseForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if request.POST.get("delete") and instance is not None:
            instance.delete()
            return redirect("chat:canned")
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved."))
            return redirect("chat:canned")
    return render(request, "chat/canned.html", {
        "responses": CannedResponse.objects.all(), "form": form, "instance": instance})


@role_required(*HANDOVER_ROLES)
def handover_lookup(request):
    """A care organisation enters the code the young person brought (POST, logged)."""
    if request.method == "POST":
        return _handover_found(request)
    return render(request, "chat/handover.html", {"form": HandoverLookupForm()})


@audited
def _handover_found(request):
    form = HandoverLookupForm(request.POST)
    handover = None
    if form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        handover = (Handover.objects.visible_to(request.user)
                    .filter(code=code, expires_at__gt=timezone.now()).first())
        if handover is not None:
            log_view(request, handover, purpose="warm handover")
        else:
            messages.error(request, _("This code is unknown or has expired."))
    return render(request, "chat/handover.html", {"form": form, "handover": handover})

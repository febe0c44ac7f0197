"""Pages of the chat: the young person's page (public) and the counsellor console (staff)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from uitweg.accounts.access import public
from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.audit.models import Action
from uitweg.audit.views import audited, get_visible_or_404, log_search, log_view
from uitweg.chat import channels, hours, invites, permissions, public_text, services
from uitweg.chat.channels import Channel
from uitweg.chat.errors import refusal_text
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
from uitweg.chat.views_actions import not_yours

CHAT_ROLES = permissions.CHAT_ROLES
#: The youth page is offered in every public language of the platform (issue 10, item 3) but
#: those of other pages only (ar, nl-b1: ADR 0092; es: the outreach chat, ADR 0110).
PUBLIC_LANGUAGES = channels.languages(Channel.YOUTH)
#: The counsellors of every channel (pick up a chat) and their supervisors (the overview).
COUNSELLOR_ROLES = tuple(sorted({r for c in channels.CHANNELS.values()
                                 for r in c.counsellor_roles}))
SUPERVISOR_ROLES = tuple(sorted({r for c in channels.CHANNELS.values()
                                 for r in c.supervisor_roles}))
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
    slots = hours.describe(hours.parse(channels.spec(Channel.YOUTH).opening_hours))
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
        reason = EndReason.QUICK_EXIT if request.POST.get("quick_exit") == "1" \
            else EndReason.YOUTH
        services.end_conversation(conversation_id=conversation.pk, reason=reason)
    return HttpResponse(status=204)


# --- the counsellor console ----------------------------------------------------------------------
def _my_open_chats(user):
    """The chats ``user`` holds now (assigned, not ended): "My chats" on the console and the
    panel."""
    return (Conversation.objects.visible_to(user)
            .filter(counsellor=user, status=Status.ACTIVE).order_by("pk"))


def _queue_context(request):
    services.sweep_left()
    visible = Conversation.objects.visible_to(request.user)
    waiting = list(visible.filter(status=Status.WAITING).order_by("pk"))
    mine = list(_my_open_chats(request.user))
    ended = list(visible.filter(counsellor=request.user, status=Status.ENDED, registered=False)
                 .order_by("pk"))
    log_search(request, Conversation, waiting + mine + ended)
    return {"waiting": waiting, "mine": mine, "unregistered": ended, "now": timezone.now(),
            "capacity": settings.CHAT_COUNSELLOR_CAPACITY,
            "full": len(mine) >= settings.CHAT_COUNSELLOR_CAPACITY,
            # links only to pages this role may open
            "may_lookup_handover": request.user.has_role(*HANDOVER_ROLES),
            "is_supervisor": permissions.is_supervisor(request.user),
            "may_edit_canned": permissions.may_edit_canned(request.user),
            "may_invite": invites.may_invite(request.user),
            "several_channels": len(set(channels.counselled_by(request.user))
                                    | set(channels.supervised_by(request.user))) > 1}


@role_required(*CHAT_ROLES)
@audited
def console(request):
    return render(request, "chat/console.html", _queue_context(request))


@role_required(*CHAT_ROLES)
@audited
def queue_partial(request):
    return render(request, "chat/_queue.html", _queue_context(request))


@role_required(*COUNSELLOR_ROLES)
@require_POST
def pick(request):
    try:
        conversation = services.pick_next(counsellor=request.user,
                                          public_id=request.POST.get("conversation") or None)
    except services.ChatError as exc:
        messages.warning(request, {
            "capacity": _("You have reached your number of chats at the same time."),
        }.get(exc.code) or refusal_text(exc.code))
        return redirect("chat:console")
    except (ValueError, TypeError):
        return redirect("chat:console")
    return redirect("chat:conversation", public_id=conversation.public_id)


@role_required(*CHAT_ROLES)
@audited
def conversation(request, public_id):
    chat = get_visible_or_404(request, Conversation.objects.all(), public_id=public_id)
    if not permissions.handles(request.user, chat):
        return not_yours(request, chat)
    log_view(request, chat)
    mine = chat.counsellor_id == request.user.pk
    joined_openly = bool(request.session.get(permissions.open_join_key(chat)))
    can_write = permissions.may_write(request.user, chat, joined_openly=joined_openly)
    return render(request, "chat/conversation.html", {
        "chat": chat, "mine": mine, "can_write": can_write, "notes": list(chat.notes.all()),
        "risk": chat.risk_checks.first(),
        "canned": list(CannedResponse.objects.all()),
        "note_form": NoteForm(), "risk_form": RiskCheckForm(),
        "transfer_form": TransferForm(user=request.user, conversation=chat),
        "block_form": BlockForm(),
        "handover_form": HandoverForm(), "signal_form": SignalForm(),
        "registration_form": RegistrationForm(initial={"age_band": chat.age_band}),
        "max_chars": settings.CHAT_MAX_MESSAGE_CHARS,
    })


@role_required(*CHAT_ROLES)
@audited
def panel(request):
    """All my open chats on one page, one tab each (issue 10, item 11); ``?chat=`` selects one.

    One access-log entry names every chat shown (``object_ids``), as one read of one page must
    (ADR 0040); each chat's socket then logs opening its transcript, as on the conversation page
    (ADR 0116)."""
    services.sweep_left()
    chats = [c for c in _my_open_chats(request.user) if permissions.handles(request.user, c)]
    log_search(request, Conversation, chats, action=Action.VIEW)
    wanted = request.GET.get("chat", "")
    selected = next((c for c in chats if str(c.public_id) == wanted), chats[0] if chats else None)
    return render(request, "chat/panel.html", {
        "chats": chats, "selected": selected,
        "canned": list(CannedResponse.objects.all()),
        "max_chars": settings.CHAT_MAX_MESSAGE_CHARS,
    })


@role_required(*SUPERVISOR_ROLES)
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
            services.delete_canned_response(user=request.user, response=instance)
            return redirect("chat:canned")
        if form.is_valid():
            services.save_canned_response(user=request.user, response=instance,
                                          **form.cleaned_data)
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

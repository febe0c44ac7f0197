"""The outreach channel's pages (ADR 0110): the public chat page for adults in sex work, and the
page where an outreach worker makes a personal code for one contact."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods

from uitweg.accounts.access import public
from uitweg.accounts.permissions import role_required
from uitweg.chat import channels, hours, invites, public_text, services
from uitweg.chat.channels import Channel
from uitweg.chat.forms import InviteForm


@public
def outreach_page(request):
    """The outreach chat's public page: no age question; a code field (a link carries the code
    after ``#``, which never reaches the server)."""
    spec = channels.spec(Channel.OUTREACH)
    if translation.get_language() not in spec.languages:  # e.g. /pl/…: not (yet) in Polish
        return redirect(translate_url(request.get_full_path(), "en"))
    request.public_languages = spec.languages
    names = public_text.weekday_names()
    slots = hours.describe(hours.parse(spec.opening_hours))
    return render(request, "chat/outreach.html", {
        "open": services.is_open(channel=Channel.OUTREACH),
        "opening_hours": [(names[day], span) for day, span in slots],
        "max_chars": settings.CHAT_MAX_MESSAGE_CHARS,
    })


@role_required(*channels.spec(Channel.OUTREACH).counsellor_roles)
@require_http_methods(["GET", "POST"])
def invite(request):
    """Make a personal code: shown once, with a link in the language the contact reads."""
    form = InviteForm(request.POST or None)
    made = None
    if request.method == "POST" and form.is_valid():
        invite, code = invites.create_invite(user=request.user, channel=Channel.OUTREACH)
        with translation.override(form.cleaned_data["language"]):
            path = reverse("chat_public:outreach")
        made = {"code": invites.shown(code), "expires_at": invite.expires_at,
                "link": f"{request.scheme}://{request.get_host()}{path}#code={code}"}
        form = InviteForm(initial={"language": form.cleaned_data["language"]})
    return render(request, "chat/invite.html", {
        "form": form, "made": made, "hours": settings.CHAT_INVITE_HOURS,
        "now": timezone.now()})

"""Demo data for the chat: canned responses (idempotent)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from uitweg.chat.models import CannedResponse


def load(stdout=None) -> None:
    responses = [
        (_("Welcome"), _("Hi, thanks for reaching out. I'm here to listen. You don't have to "
                         "tell me your name. What's on your mind?")),
        (_("Anonymity"), _("This chat is anonymous. We do not see who you are or where you "
                           "are. Only if your life is in danger now will I ask you to call "
                           "112 with me.")),
        (_("Danger now"), _("If you are in danger right now, please call 112. Can you do that "
                            "now, or shall we think about it together?")),
        (_("Handover"), _("I can give you a code to take to a care organisation, so you don't "
                          "have to tell your story all over again. Would you like that?")),
    ]
    for order, (title, text) in enumerate(responses):
        CannedResponse.objects.get_or_create(title=title, defaults={"text": text,
                                                                    "order": order * 10})
    if stdout is not None:
        stdout.write(f"chat: {len(responses)} canned responses; youth chat at /chat/, outreach "
                     "chat for adults at /chat/outreach/ (also /es/chat/outreach/), answered by "
                     "the outreach workers, who make personal codes at /staff/chat/invite/\n")

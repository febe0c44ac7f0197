"""Personal data in the chat app (see uitweg.core.personal_data).

The chat keeps no names: everything a young person or counsellor wrote is deleted with the
transcript by ``purge_chat_transcripts`` (:func:`uitweg.chat.services.purge`) after
``CHAT_RETENTION_DAYS``; handover codes and blocks go when they expire. The anonymous
:class:`Registration` (codes only) is all that stays.
"""

from uitweg.core.personal_data import Rule, not_personal, register

from .models import (
    Block,
    CannedResponse,
    Conversation,
    Handover,
    Invite,
    Message,
    Note,
    RiskCheck,
)

PURGE = "chat.purge"  # uitweg.chat.services.purge, manage.py purge_chat_transcripts

register(Conversation, ["nickname", "token_hash"], rule=Rule.DELETE, erased_by=PURGE)
not_personal(Conversation, ["language"], reason="language code of the chat")
register(Message, ["body"], rule=Rule.DELETE, erased_by=PURGE)
not_personal(Message, ["client_id"], reason="random id the browser made for delivery")
register(Note, ["text"], rule=Rule.DELETE, erased_by=PURGE)
register(RiskCheck, ["thoughts", "plan", "means", "timeframe", "acute_danger"],
         rule=Rule.DELETE, erased_by=PURGE)  # health data: deleted with the transcript
register(Handover, ["shared_summary"], rule=Rule.DELETE, erased_by=PURGE)
not_personal(Handover, ["code"], reason="random code; the row goes when it expires")
register(Block, ["token_hash"], rule=Rule.DELETE, erased_by=PURGE)
not_personal(CannedResponse, ["title", "text"], reason="ready-made answers written by staff")
not_personal(Invite, ["code_digest"], reason="SHA-256 of a random personal chat code; nothing "
             "about the contact is stored, and the row goes when it expires (ADR 0110)")

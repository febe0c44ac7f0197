"""Settings of the anonymous chat (merged into the Django settings; no Django imports here)."""

from uitweg.conf import env

CHAT_OPENING_HOURS = env(
    "CHAT_OPENING_HOURS", "mon-fri 14:00-22:00; sat-sun 16:00-22:00", group="Chat",
    help="When the chat is staffed, local time: `days HH:MM-HH:MM` parts separated by `;` "
    "(days: `mon`..`sun`, ranges like `mon-fri`; `24:00` ends at midnight).")
CHAT_RETENTION_DAYS = env(
    "CHAT_RETENTION_DAYS", 30, cast=int, group="Chat",
    help="Days a transcript is kept after the chat ended; 0 deletes it at the end of the chat "
    "(run `manage.py purge_chat_transcripts` on a schedule).")
CHAT_LEFT_AFTER = env(
    "CHAT_LEFT_AFTER", 2, cast=int, group="Chat",
    help="Minutes without any socket of the young person (tab closed, phone off) after which "
    "a waiting or active chat is ended as \"left\" and leaves the queue.")
CHAT_COUNSELLOR_CAPACITY = env(
    "CHAT_COUNSELLOR_CAPACITY", 3, cast=int, group="Chat",
    help="Chats one counsellor can hold at the same time.")
CHAT_AVERAGE_MINUTES = env(
    "CHAT_AVERAGE_MINUTES", 20, cast=int, group="Chat",
    help="Length of a chat in minutes for the estimated wait in the queue, used while fewer "
    "than 5 of the channel's recent chats can be measured (otherwise their median length is "
    "used).")
CHAT_LONG_QUEUE = env(
    "CHAT_LONG_QUEUE", 5, cast=int, group="Chat",
    help="Queue position from which the young person is pointed to the emergency alternatives.")
CHAT_MAX_MESSAGE_CHARS = env(
    "CHAT_MAX_MESSAGE_CHARS", 2000, cast=int, group="Chat",
    help="Longest chat message in characters; longer messages are refused.")
CHAT_MESSAGES_PER_MINUTE = env(
    "CHAT_MESSAGES_PER_MINUTE", 30, cast=int, group="Chat",
    help="Messages a young person may send per minute in one chat (counted in the cache, so "
    "reconnecting does not reset it) before messages are refused.")
CHAT_FRAMES_PER_MINUTE = env(
    "CHAT_FRAMES_PER_MINUTE", 120, cast=int, group="Chat",
    help="Other frames (ping, typing, read, sync) one side of a chat may send per minute, "
    "across reconnects.")
CHAT_REPLAY_PAGE = env(
    "CHAT_REPLAY_PAGE", 200, cast=int, group="Chat",
    help="Messages sent per replay (resume, sync, ping); the client asks for the next page.")
CHAT_REPLAY_BUDGET = env(
    "CHAT_REPLAY_BUDGET", 2000, cast=int, group="Chat",
    help="Messages replayed per chat and side in 10 minutes; further replays are refused with "
    "the seconds to wait.")
CHAT_STARTS_PER_HOUR = env(
    "CHAT_STARTS_PER_HOUR", 10, cast=int, group="Chat",
    help="New chats per client (keyed daily hash, cache only) per hour.")
CHAT_KEEP_DB_CONNECTIONS = env(
    "CHAT_KEEP_DB_CONNECTIONS", True, cast=bool, group="Chat",
    help="Keep one database connection per message-handling thread of a worker instead of "
    "opening one per message (ADR 0030).")
CHAT_HANDOVER_DAYS = env(
    "CHAT_HANDOVER_DAYS", 30, cast=int, group="Chat",
    help="Days a warm-handover code stays valid before it and what it carries are deleted.")

# --- The outreach channel (ADR 0110) ------------------------------------------------------------
CHAT_OUTREACH_OPENING_HOURS = env(
    "CHAT_OUTREACH_OPENING_HOURS", "mon-fri 10:00-22:00; sat 12:00-18:00", group="Chat",
    help="When the outreach chat for adults is staffed by outreach workers (same format as "
    "CHAT_OPENING_HOURS).")
CHAT_OUTREACH_LANGUAGES = env(
    "CHAT_OUTREACH_LANGUAGES", ["nl", "en", "es", "ro", "bg"], cast=list, group="Chat",
    help="Languages (URL prefixes) of the outreach chat's public page, comma-separated; each "
    "must be in LANGUAGES.")
CHAT_OUTREACH_ONLY_LANGUAGES = ("es",)  # in LANGUAGES for its URL prefix, no other page has it
CHAT_INVITE_HOURS = env(
    "CHAT_INVITE_HOURS", 72, cast=int, group="Chat",
    help="Hours an outreach worker's personal chat code stays valid (it opens one chat).")
CHAT_CODE_ATTEMPTS_PER_HOUR = env(
    "CHAT_CODE_ATTEMPTS_PER_HOUR", 10, cast=int, group="Chat",
    help="Chat starts with a personal code per client (keyed daily hash, cache only) per hour, "
    "right or wrong, so codes cannot be guessed.")

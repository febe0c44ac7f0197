"""Delete chat transcripts after the retention period (schedule it, e.g. hourly)."""

from django.core.management.base import BaseCommand

from uitweg.chat.services import purge, sweep_left


class Command(BaseCommand):
    help = ("Delete ended chats older than CHAT_RETENTION_DAYS (0: every ended chat), expired "
            "handover codes and expired blocks. Anonymous registrations stay.")

    def handle(self, *args, **options):
        left = sweep_left()  # chats whose young person left end here too (ADR 0037)
        result = purge()
        self.stdout.write(f"Deleted {result.conversations} chat transcripts, "
                          f"{result.handovers} handover codes, {result.blocks} blocks; "
                          f"{left} chats ended because the young person left.")

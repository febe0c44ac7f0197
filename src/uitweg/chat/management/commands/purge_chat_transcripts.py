"""Delete chat transcripts after the retention period (schedule it, e.g. hourly)."""

from django.core.management.base import BaseCommand

from uitweg.chat.services import purge


class Command(BaseCommand):
    help = ("Delete ended chats older than CHAT_RETENTION_DAYS (0: every ended chat), expired "
            "handover codes and expired blocks. Anonymous registrations stay.")

    def handle(self, *args, **options):
        result = purge()
        self.stdout.write(f"Deleted {result.conversations} chat transcripts, "
                          f"{result.handovers} handover codes, {result.blocks} blocks.")

from django.core.management.base import BaseCommand

from uitweg.audit import sequencer


class Command(BaseCommand):
    help = (
        "Chain every committed access-log entry that is not chained yet (ADR 0047). Entries "
        "are normally chained right after their transaction commits; this repairs a crash "
        "between the two. Safe at any time, also while the application runs: schedule it "
        "every minute."
    )

    def handle(self, *args, **options):
        chained = sequencer.catch_up()
        self.stdout.write(f"Chained {chained} pending access-log entries.")

from django.core.management.base import BaseCommand, CommandError

from uitweg.audit.models import AccessLogEntry
from uitweg.audit.verification import check_log


class Command(BaseCommand):
    help = (
        "Chain the access-log entries still pending, then verify the hash chain; report the "
        "first altered, inserted or removed entry. Exit code 1 when the log was tampered with. "
        "Entries committed but not yet chained are reported as pending, not as tampering."
    )

    def add_arguments(self, parser):
        parser.add_argument("--expect-head", help="Hash of the newest entry recorded elsewhere "
                            "earlier (detects removal of the newest entries).")
        parser.add_argument("--expect-count", type=int, help="Number of entries at least "
                            "(detects removal of the newest entries).")
        parser.add_argument("--no-catch-up", action="store_true", help="Only read: do not "
                            "chain pending entries first (they are reported as pending).")

    def handle(self, *args, expect_head=None, expect_count=None, no_catch_up=False, **options):
        report = check_log(catch_up=not no_catch_up)
        problem = report.problem
        if problem:
            raise CommandError(
                f"Access log chain BROKEN at entry {problem.position}: {problem.kind} "
                f"({problem.detail})."
            )
        if report.forged:
            raise CommandError(
                f"Access log BROKEN at entry {_seqs(report.forged)}: altered (not yet chained, "
                "and does not match its MAC: inserted or changed outside the application).")
        if report.unlinked:
            raise CommandError(
                f"Access log chain BROKEN at entry {_seqs(report.unlinked)}: inserted (a hash "
                "but no chain position: written around the sequencer).")
        if expect_count is not None and report.chained + report.pending < expect_count:
            raise CommandError(f"Access log chain BROKEN: {report.chained + report.pending} "
                               f"entries, expected at least {expect_count}: newest entries "
                               "removed.")
        if expect_head and not AccessLogEntry.objects.filter(hash=expect_head).exists():
            raise CommandError("Access log chain BROKEN: the recorded head is not in the log.")
        if report.caught_up:
            self.stdout.write(f"Chained {report.caught_up} pending entries first.")
        pending = ""
        if report.pending:
            pending = (f"; {report.pending} entries pending (committed, not yet chained; "
                       f"oldest {report.oldest_pending_at:%Y-%m-%d %H:%M:%S} UTC)")
        self.stdout.write(self.style.SUCCESS(
            f"Access log chain intact: {report.chained} entries; head {report.head or '-'}"
            f"{pending}"
        ))


def _seqs(seqs: list[int]) -> str:
    """Entries outside the chain are named by their ``seq`` (insertion number)."""
    shown = ", ".join(map(str, seqs[:20])) + (f" and {len(seqs) - 20} more"
                                              if len(seqs) > 20 else "")
    return f"{shown} (seq)"

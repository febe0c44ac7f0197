from django.core.management.base import BaseCommand, CommandError

from uitweg.audit.chain import CHAINED_FIELDS, verify
from uitweg.audit.models import AccessLogEntry
from uitweg.crypto.keys import audit_chain_key


class Command(BaseCommand):
    help = (
        "Verify the access log's hash chain; report the first altered, inserted or removed "
        "entry. Exit code 1 when the chain is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--expect-head", help="Hash of the newest entry recorded elsewhere "
                            "earlier (detects removal of the newest entries).")
        parser.add_argument("--expect-count", type=int, help="Number of entries at least "
                            "(detects removal of the newest entries).")

    def handle(self, *args, expect_head=None, expect_count=None, **options):
        fields = (*CHAINED_FIELDS, "prev_hash", "hash")
        rows = AccessLogEntry.objects.order_by("seq").values(*fields).iterator(chunk_size=5000)
        count = 0
        last_hash = None

        def counted():
            nonlocal count, last_hash
            for row in rows:
                count += 1
                last_hash = row["hash"]
                yield row

        problem = verify(counted(), audit_chain_key())
        if problem:
            raise CommandError(
                f"Access log chain BROKEN at entry {problem.seq}: {problem.kind} "
                f"({problem.detail})."
            )
        if expect_count is not None and count < expect_count:
            raise CommandError(f"Access log chain BROKEN: {count} entries, expected at least "
                               f"{expect_count}: newest entries removed.")
        if expect_head and not AccessLogEntry.objects.filter(hash=expect_head).exists():
            raise CommandError("Access log chain BROKEN: the recorded head is not in the log.")
        self.stdout.write(self.style.SUCCESS(
            f"Access log chain intact: {count} entries; head {last_hash or '-'}"
        ))

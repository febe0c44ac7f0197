"""Count the monitoring figures again from the records (the per-day counts, ``DayCount``).

    manage.py rebuild_monitoring_counts            # every source kept per day
    manage.py rebuild_monitoring_counts chat       # one source
    manage.py rebuild_monitoring_counts --check    # only report differences (exit code 1 if any)

Needed after writes that bypass the models' signals (``QuerySet.update``, ``bulk_create``, raw
SQL, a changed organisation kind); the saves and deletes of the platform keep the counts
current by themselves. Counts only: no record is shown or logged.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from uitweg.monitoring import daycounts


class Command(BaseCommand):
    help = "Count the monitoring figures (per-day counts) again from the records."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*",
                            help=f"Sources to count again (default: all of "
                                 f"{', '.join(daycounts.DAY_COUNTED)}).")
        parser.add_argument("--check", action="store_true",
                            help="Only compare with a fresh count; exit 1 if anything differs.")

    def handle(self, *args, **options):
        sources = options["sources"] or list(daycounts.DAY_COUNTED)
        unknown = [s for s in sources if s not in daycounts.DAY_COUNTED]
        if unknown:
            raise CommandError(f"not a source kept per day: {', '.join(unknown)}")
        if options["check"]:
            differing = {s: daycounts.differences(s) for s in sources}
            for source, n in differing.items():
                self.stdout.write(f"{source}: {n} per-day counts differ")
            if any(differing.values()):
                raise CommandError("the per-day counts differ; run without --check to rebuild")
            return
        for source, rows in daycounts.rebuild(sources).items():
            self.stdout.write(f"{source}: {rows} per-day counts stored")

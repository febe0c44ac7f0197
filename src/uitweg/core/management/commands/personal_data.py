"""List the personal-data registry: every declared field, its rule and the processes reaching it.

``manage.py personal_data`` prints a Markdown table (for a data-protection review); the
registry itself lives in each app's ``personal_data.py`` (ADR 0026).
"""

from django.core.management.base import BaseCommand

from uitweg.core import personal_data


class Command(BaseCommand):
    help = "List every registered field that can hold personal data and what retention does."

    def handle(self, *args, **options):
        reached: dict[type, set[str]] = {}
        for scope in personal_data.scopes():
            reached.setdefault(scope.model, set()).add(scope.process)
        self.stdout.write("| field | personal | rule | erased by | reason |\n|---|---|---|---|---|")
        for entry in personal_data.entries():
            processes = ", ".join(sorted(reached.get(entry.model, set())))
            erased_by = "" if entry.rule == personal_data.Rule.KEEP else (
                entry.erased_by or processes)
            self.stdout.write(f"| `{entry.label}` | {'yes' if entry.personal else 'no'} | "
                              f"{entry.rule} | {erased_by} | {entry.reason} |")

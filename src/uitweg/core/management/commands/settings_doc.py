from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from uitweg.conf import render_markdown


class Command(BaseCommand):
    help = "Write docs/configuration.md from the settings declared in uitweg.settings."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Exit 1 when docs/configuration.md is out of date.")

    def handle(self, *args, check=False, **options):
        target = Path(settings.BASE_DIR) / "docs" / "configuration.md"
        text = render_markdown() + "\n"
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                self.stderr.write("docs/configuration.md is out of date: run "
                                  "`manage.py settings_doc`.")
                raise SystemExit(1)
            return
        target.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {target}")

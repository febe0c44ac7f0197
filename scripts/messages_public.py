"""`make messages`, public languages: the Polish, Romanian, Bulgarian and Ukrainian catalogues of an
app hold only what the public sees.

Staff pages are Dutch with English; the public pages are also in pl, ro, bg and uk (one language
per page). Scanning a whole app for those languages would fill their catalogues with hundreds of
staff strings nobody reads in them, so each app lists its public-facing sources here (glob
patterns relative to the app folder) and everything else is ignored for these languages.
"""

from __future__ import annotations

import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "uitweg"
# ar, es: only apps that keep such a catalogue (es: the chat's outreach page, ADR 0110)
PUBLIC_LANGUAGES = ("pl", "ro", "bg", "uk", "ar", "es")
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".js"}

#: app -> the sources a member of the public sees (everything else is staff-only).
PUBLIC_SOURCES: dict[str, tuple[str, ...]] = {
    "signals": ("apps.py", "forms.py", "vocabulary.py", "views_public.py", "receipts.py",
                "templates/signals/public/*"),
    "chat": ("templates/chat/youth.html", "templates/chat/outreach.html",
             "templates/chat/_public_*.html", "static/chat/youth.js", "hours.py",
             "public_text.py"),
    "week": ("apps.py", "forms_public.py", "vocabulary.py", "views_public.py", "registration.py",
             "mail.py", "queries.py", "templates/week/public/*"),
    "prevention": ("public_text.py", "templates/prevention/base_page.html",
                   "templates/prevention/home_page.html", "templates/prevention/info_page.html",
                   "templates/prevention/self_check*.html"),
}


def ignores(app_dir: Path, allowed: tuple[str, ...]) -> list[str]:
    args = []
    for path in sorted(app_dir.rglob("*")):
        if not path.is_file() or path.suffix not in SOURCE_SUFFIXES:
            continue
        relative = path.relative_to(app_dir).as_posix()
        if not any(fnmatch(relative, pattern) for pattern in allowed):
            args += ["--ignore", relative]
    return args


def main() -> int:
    python = sys.executable
    for app, allowed in PUBLIC_SOURCES.items():
        app_dir = SRC / app
        languages = [d.name for d in sorted((app_dir / "locale").iterdir())
                     if d.name in PUBLIC_LANGUAGES]
        if not languages:
            continue
        command = [python, str(ROOT / "manage.py"), "makemessages", "--no-obsolete",
                   *(f"-l{lang}" for lang in languages), *ignores(app_dir, allowed)]
        subprocess.run(command, cwd=app_dir, check=True)  # noqa: S603
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Dutch first, and complete: every message of every catalogue is translated, and compiled."""

import ast
import gettext
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "uitweg"
CATALOGUES = sorted(p for p in SRC.rglob("locale/*/LC_MESSAGES/django.po")
                    if p.parts[-3] != "en")


def parse_po(path: Path) -> list[tuple[str, str, bool]]:
    """(context\x04msgid or msgid, msgstr, fuzzy) per entry; plural forms use msgstr[0]."""
    entries, msgid, msgstr, fuzzy, target, context = [], None, None, False, None, None

    def flush():
        if msgid is not None:
            key = f"{context}\x04{msgid}" if context is not None else msgid
            entries.append((key, msgstr or "", fuzzy))

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            msgid, msgstr, fuzzy, target, context = None, None, True, None, None
        elif line.startswith("msgctxt "):
            context, target = ast.literal_eval(line[8:]), "ctxt"
        elif line.startswith("msgid "):
            msgid, msgstr, target = ast.literal_eval(line[6:]), None, "id"
        elif line.startswith("msgid_plural "):
            target = "plural"
        elif line.startswith(("msgstr ", "msgstr[0] ")):
            msgstr, target = ast.literal_eval(line.split(" ", 1)[1]), "str"
        elif line.startswith("msgstr["):
            target = None
        elif line.startswith('"'):
            if target == "ctxt":
                context += ast.literal_eval(line)
            elif target == "id":
                msgid += ast.literal_eval(line)
            elif target == "str":
                msgstr += ast.literal_eval(line)
        elif not line:
            flush()
            msgid, msgstr, fuzzy, target, context = None, None, False, None, None
    flush()
    return [e for e in entries if e[0] and not e[0].endswith("\x04")]


def test_there_are_catalogues():
    languages = {p.parts[-3] for p in CATALOGUES}
    assert "nl" in languages


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_catalogue_is_complete_and_compiled(po):
    entries = parse_po(po)
    untranslated = [m for m, s, fuzzy in entries if not s or fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} missing: run compilemessages"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    def lookup(key):
        if "\x04" in key:
            return compiled.pgettext(*key.split("\x04", 1))
        return compiled.gettext(key)

    stale = [m for m, s, _ in entries if "\x00" not in m and lookup(m) != s]
    assert not stale, f"{mo.name} is stale for {stale[:3]}: run compilemessages"

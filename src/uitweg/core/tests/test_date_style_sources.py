"""One date style (issue 10.7): no template formats a date itself. Every date a person reads
goes through ``uitweg_dates`` (``|day``, ``|moment``, ``|relative``, ``|clock``); a raw
``|date:"…"``, ``|time:"…"`` or ``{% now %}`` is allowed only as a machine value inside an
attribute (``<time datetime="{{ x|date:'c' }}">``, ``<input value=…>``). Python code shown to
people uses :mod:`uitweg.core.dates`, never ``strftime``, except the files listed below."""

import re
from pathlib import Path

import uitweg

ROOT = Path(uitweg.__file__).parent
RAW = re.compile(r"\|(?:date|time)\b(?::(?:\"[^\"]*\"|'[^']*'))?|\{%\s*now\b")
# A template expression that is the whole value of a machine attribute.
MACHINE_ATTRIBUTE = re.compile(
    r"""\b(?:datetime|value|min|max|data-[a-z-]+)=["']\{\{[^}]*\}\}["']""")
# strftime for machines only: file names and CSV exports.
STRFTIME_ALLOWED = {"week/mailbox.py", "week/views_staff.py"}


def _templates():
    for path in ROOT.rglob("templates/**/*"):
        if path.suffix in {".html", ".txt"} and path.is_file():
            yield path


def raw_date_formats(text: str) -> list[str]:
    """The raw date formats in a template that are not machine attribute values."""
    machine = [m.span() for m in MACHINE_ATTRIBUTE.finditer(text)]
    return [m.group(0) for m in RAW.finditer(text)
            if not any(start <= m.start() < end for start, end in machine)]


def test_the_scan_finds_raw_formats_and_allows_machine_attributes():
    assert raw_date_formats('<p>{{ e.at|date:"j F Y" }}</p>') == ['|date:"j F Y"']
    assert raw_date_formats("{% blocktranslate with d=x|time:'H:i' %}") == ["|time:'H:i'"]
    assert raw_date_formats("<p>{{ x|date }} {% now 'Y' %}</p>") == ["|date", "{% now"]
    assert raw_date_formats('<time datetime="{{ e.at|date:\'c\' }}">{{ e.at|moment }}</time>'
                            ) == []
    assert raw_date_formats('<input type="date" value="{{ d|date:\'Y-m-d\' }}">') == []


def test_no_template_formats_a_date_outside_the_one_helper():
    found = {f"{path.relative_to(ROOT)}: {', '.join(hits)}"
             for path in _templates() if (hits := raw_date_formats(path.read_text()))}
    assert not found, ("Use {% load uitweg_dates %} and |day, |moment, |relative or |clock "
                       "instead of:\n" + "\n".join(sorted(found)))


def test_python_code_formats_dates_for_people_through_the_helper():
    found = sorted(str(path.relative_to(ROOT)) for path in ROOT.rglob("*.py")
                   if "tests" not in path.parts and "migrations" not in path.parts
                   and str(path.relative_to(ROOT)) not in STRFTIME_ALLOWED
                   and ".strftime(" in path.read_text())
    assert not found, "Use uitweg.core.dates (format_day, format_moment) in: " + ", ".join(found)

"""Message templates: which variables exist, and filling them in (pure: no Django).

A template is text with ``{variable}`` placeholders, e.g. ``Hoi, ik ben {worker} van
{organisation}.`` A placeholder outside :data:`VARIABLES`, a format spec or an unbalanced brace
is refused with a code, so a template can never fail when a worker uses it.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

#: the variables a template may use (all known to the platform, none about the contact)
VARIABLES = ("worker", "organisation", "platform", "phone")

UNKNOWN_VARIABLE = "unknown_variable"
BAD_PLACEHOLDER = "bad_placeholder"
EMPTY_TEXT = "empty_text"


@dataclass
class TemplateProblem(ValueError):
    code: str
    names: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.code}: {', '.join(self.names)}"


def variables_in(text: str) -> list[str]:
    """The placeholders of ``text``, in order; raises :class:`TemplateProblem`."""
    if not (text or "").strip():
        raise TemplateProblem(EMPTY_TEXT)
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise TemplateProblem(BAD_PLACEHOLDER) from None
    names = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            raise TemplateProblem(BAD_PLACEHOLDER, (name,))
        names.append(name)
    unknown = tuple(dict.fromkeys(n for n in names if n not in VARIABLES))
    if unknown:
        raise TemplateProblem(UNKNOWN_VARIABLE, unknown)
    return names


def render(text: str, values: dict[str, str]) -> str:
    variables_in(text)
    return text.format(**{name: values.get(name, "") for name in VARIABLES})

"""The self-check's scoring: pure functions, no database, nothing stored (ADR 0093).

Each question is about one indicator of exploitation and has a weight (1-5). The score is the sum
of the weights of the questions answered "yes". The level is:

- ``signs``  when a *decisive* question is answered "yes" (e.g. the employer keeps your
  passport), or the score reaches ``signs_from``;
- ``some``   when the score reaches ``some_from``;
- ``none``   otherwise.

"Don't know" counts as a concern of half the weight (rounded down), so a worker unsure about
several things is not told that all is well.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

NONE, SOME, SIGNS = "none", "some", "signs"
YES, NO, UNSURE = "yes", "no", "unsure"
ANSWERS = (YES, NO, UNSURE)
#: Public languages the report form exists in; others (ar, nl-b1) open it in English / Dutch.
REPORT_LANGUAGES = ("nl", "en", "pl", "ro", "bg", "uk")
REPORT_FALLBACK = {"ar": "en", "nl-b1": "nl"}


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    indicator: str
    weight: int = 1
    decisive: bool = False
    explanation: str = ""


@dataclass(frozen=True)
class Result:
    level: str
    score: int
    #: Indicator codes of the questions answered "yes", in question order,
    #: without duplicates: what a report opened from the result has ticked.
    indicators: tuple[str, ...]
    answered: int


def answers_from(data: Mapping, questions: Sequence[Question]) -> dict[str, str]:
    """The answers in a submitted form; anything but yes / no / unsure counts as unanswered."""
    answers = {}
    for question in questions:
        value = data.get(question.key)
        if value in ANSWERS:
            answers[question.key] = value
    return answers


def evaluate(questions: Sequence[Question], answers: Mapping[str, str], *, some_from: int = 1,
             signs_from: int = 4) -> Result:
    score, decisive, indicators = 0, False, []
    for question in questions:
        answer = answers.get(question.key)
        if answer == YES:
            score += question.weight
            decisive = decisive or question.decisive
            if question.indicator not in indicators:
                indicators.append(question.indicator)
        elif answer == UNSURE:
            score += question.weight // 2
    if decisive or score >= max(signs_from, 1):
        level = SIGNS
    elif score >= max(some_from, 1):
        level = SOME
    else:
        level = NONE
    return Result(level=level, score=score, indicators=tuple(indicators),
                  answered=len(answers))


def report_url(indicators: Sequence[str], language: str) -> str:
    """The public report form with these indicators ticked, in the visitor's language (or the
    nearest one the form exists in). A link: opened only when the person clicks it."""
    from django.urls import reverse
    from django.utils import translation

    language = REPORT_FALLBACK.get(language, language)
    if language not in REPORT_LANGUAGES:
        language = "en"
    with translation.override(language):
        url = reverse("signals_public:report")
    query = urlencode([("indicators", code) for code in indicators])
    return f"{url}?{query}" if query else url

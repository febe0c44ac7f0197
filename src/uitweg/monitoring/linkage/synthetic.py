# ruff: noqa: RUF001  (Cyrillic letters on purpose)
"""Synthetic populations with known truth, for measuring the linkage and the estimate.

A population of people with names of several origins (Cyrillic ones written in Cyrillic) and dates
of birth; each source registers a person with some probability (optionally depending on another
source, as police and care coordination do); every registration carries the errors sources
make: typos, another transliteration or the original Cyrillic, first and last name swapped, day
and month swapped, a wrong day or year, no date at all. Some sources record an identity document,
which gives an exact link. Everything is drawn from one seeded generator.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .encoding import Registration
from .names import ORIGINS, SCHEMES
from .normalise import CYRILLIC

#: Default lists, as the platform's sources (see uitweg.monitoring.registrations).
SOURCES = ("police", "care_coordination", "youth_care", "outreach", "chat_hotline",
           "labour_inspection")
#: Probability that a source registers a person of the population (before dependence).
CAPTURE = (0.25, 0.22, 0.10, 0.15, 0.12, 0.12)
#: Sources that record an identity-document number, and how often.
DOCUMENT_SOURCES = {"police": 0.5, "labour_inspection": 0.4}
#: Share of each origin in the population (roughly as in the Dutch registrations of presumed
#: victims: Romania, Nigeria, Bulgaria and Poland among the largest groups besides the Dutch).
ORIGIN_WEIGHTS = {"nl": 0.2, "ro": 0.18, "ng": 0.14, "bg": 0.12, "pl": 0.12, "uk": 0.1,
                  "ma": 0.08, "vn": 0.06}
#: Put between a surname stem and its ending now and then, for more distinct surnames.
INFIXES = ("", "", "", "", "an", "el", "ar", "in", "ol", "ur", "em", "ik", "os", "ad", "et",
           "ib", "on", "ul", "ar", "ev")
CYRILLIC_INFIX = {"a": "а", "n": "н", "e": "е", "l": "л", "r": "р", "i": "и", "o": "о", "u": "у",
                  "m": "м", "k": "к", "s": "с", "d": "д", "t": "т", "b": "б", "v": "в"}


@dataclass(frozen=True)
class Errors:
    typo: float = 0.10  # per registration: one edit in one name token
    swap_names: float = 0.10
    cyrillic_as_written: float = 0.3  # a Cyrillic name kept in Cyrillic (else transliterated)
    missing_dob: float = 0.05
    day_month_swap: float = 0.03
    wrong_day: float = 0.02
    wrong_year: float = 0.02


NO_ERRORS = Errors(0, 0, 0, 0, 0, 0, 0)


@dataclass(frozen=True)
class Person:
    id: int
    tokens: tuple[str, ...]  # as written in the person's own script, given names first
    dob: date
    document: str
    cyrillic: bool


@dataclass
class Synthetic:
    persons: list[Person]
    registrations: list[Registration]
    truth: list[int] = field(default_factory=list)  # person id of each registration
    sources: tuple[str, ...] = SOURCES


def make_person(rng: random.Random, pid: int) -> Person:
    origin = rng.choices(list(ORIGIN_WEIGHTS), weights=list(ORIGIN_WEIGHTS.values()))[0]
    pool = ORIGINS[origin]
    given = [rng.choice(pool["first"])]
    if origin == "vn" or rng.random() < 0.3:
        given.append(rng.choice(pool["first"]))
    infix = rng.choice(INFIXES) if pool["end"] != [""] else ""
    if origin in ("bg", "uk"):
        infix = transliterate(infix, CYRILLIC_INFIX)
    surname = rng.choice(pool["stem"]) + infix + rng.choice(pool["end"])
    start = date(1962, 1, 1)
    dob = start + timedelta(days=rng.randrange((date(2010, 12, 31) - start).days))
    doc = "".join(rng.choices(string.ascii_uppercase + string.digits, k=9))
    return Person(pid, (*given, surname), dob, doc, origin in ("bg", "uk"))


def population(rng: random.Random, size: int) -> list[Person]:
    return [make_person(rng, i) for i in range(size)]


def transliterate(text: str, scheme: dict[str, str]) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        if low in CYRILLIC:
            latin = scheme.get(low, CYRILLIC[low])
            out.append(latin.capitalize() if ch != low else latin)
        else:
            out.append(ch)
    return "".join(out)


def typo(rng: random.Random, token: str) -> str:
    if len(token) < 3:
        return token
    i = rng.randrange(1, len(token))
    kind = rng.randrange(4)
    letter = rng.choice("aeioulnrstmk")
    if kind == 0:
        return token[:i] + letter + token[i + 1:]
    if kind == 1:
        return token[:i] + token[i + 1:]
    if kind == 2:
        return token[:i] + letter + token[i:]
    if i < len(token) - 1:
        return token[:i] + token[i + 1] + token[i] + token[i + 2:]
    return token[:i] + letter + token[i:]


def written_name(rng: random.Random, person: Person, errors: Errors) -> str:
    tokens = list(person.tokens)
    if person.cyrillic and rng.random() >= errors.cyrillic_as_written:
        scheme = SCHEMES[rng.choice(list(SCHEMES))]
        tokens = [transliterate(t, scheme) for t in tokens]
    if rng.random() < errors.typo:
        k = rng.randrange(len(tokens))
        tokens[k] = typo(rng, tokens[k])
    if rng.random() < errors.swap_names:
        tokens = [tokens[-1], *tokens[:-1]]
        return rng.choice([" ".join(tokens), f"{tokens[0].upper()}, {' '.join(tokens[1:])}"])
    return " ".join(tokens)


def written_dob(rng: random.Random, dob: date, errors: Errors) -> date | None:
    r = rng.random()
    if r < errors.missing_dob:
        return None
    r -= errors.missing_dob
    if r < errors.day_month_swap:
        return date(dob.year, dob.day, dob.month) if dob.day <= 12 else dob
    r -= errors.day_month_swap
    if r < errors.wrong_day:
        return dob.replace(day=rng.randint(1, 28))
    r -= errors.wrong_day
    if r < errors.wrong_year:
        year = dob.year + rng.choice((-1, 1))
        return dob.replace(year=year, day=28) if (dob.month, dob.day) == (2, 29) else \
            dob.replace(year=year)
    return dob


def register(rng: random.Random, person: Person, source: str, key: int,
             errors: Errors) -> Registration:
    exact: tuple[str, ...] = ()
    if rng.random() < DOCUMENT_SOURCES.get(source, 0.0):
        exact = (f"document:{person.document}",)
    return Registration(key, source, written_name(rng, person, errors),
                        written_dob(rng, person.dob, errors), exact)


def captured(rng: random.Random, capture: Sequence[float], dependence: float) -> list[int]:
    """Which lists see one person: independent draws, except that the second list is more
    likely (odds times ``dependence``) for someone the first list saw."""
    seen = []
    for i, p in enumerate(capture):
        if i == 1 and seen and seen[0] == 0 and dependence != 1:
            odds = p / (1 - p) * dependence
            p = odds / (1 + odds)
        if rng.random() < p:
            seen.append(i)
    return seen


def generate(size: int, *, seed: int, sources: Sequence[str] = SOURCES,
             capture: Sequence[float] = CAPTURE, dependence: float = 2.0,
             errors: Errors = Errors()) -> Synthetic:
    """A population of ``size`` people and their registrations by ``sources``."""
    if len(capture) != len(sources):
        raise ValueError("one capture probability per source")
    rng = random.Random(seed)
    people = population(rng, size)
    regs: list[Registration] = []
    truth: list[int] = []
    for person in people:
        for i in captured(rng, capture, dependence):
            regs.append(register(rng, person, sources[i], len(regs), errors))
            truth.append(person.id)
    return Synthetic(people, regs, truth, tuple(sources))


def with_overlap(registrations: int, *, seed: int, overlap: float = 0.3,
                 sources: Sequence[str] = SOURCES, errors: Errors = Errors()) -> Synthetic:
    """About ``registrations`` registrations of which a share ``overlap`` belong to people
    registered by more than one source (two or three), for the benchmark."""
    rng = random.Random(seed)
    people: list[Person] = []
    regs: list[Registration] = []
    truth: list[int] = []
    multi_target = registrations * overlap
    multi = 0
    while len(regs) < registrations:
        person = make_person(rng, len(people))
        people.append(person)
        k = 1
        if multi < multi_target and rng.random() < overlap:
            k = rng.choice((2, 2, 3))
            multi += k
        for s in rng.sample(range(len(sources)), k):
            regs.append(register(rng, person, sources[s], len(regs), errors))
            truth.append(person.id)
    return Synthetic(people, regs, truth, tuple(sources))

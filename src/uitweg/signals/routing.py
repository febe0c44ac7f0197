"""Routing rules as pure data: the first matching rule decides the responsible organisation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    key: object  # the database id, or anything the caller wants back
    order: int
    form: str = ""  # "" = any form of exploitation
    minor: bool | None = None  # None = whether or not a minor is involved
    region: str = ""  # "" = any region


@dataclass(frozen=True)
class Facts:
    forms: frozenset[str]
    minor: bool | None
    region: str


def matches(rule: Rule, facts: Facts) -> bool:
    if rule.form and rule.form not in facts.forms:
        return False
    if rule.minor is not None and bool(facts.minor) != rule.minor:
        return False
    return not (rule.region and rule.region.casefold() != facts.region.casefold())


def choose(rules: Iterable[Rule], facts: Facts) -> Rule | None:
    """The matching rule with the lowest order (ties: the most specific first)."""
    def specificity(rule: Rule) -> int:
        return -(bool(rule.form) + (rule.minor is not None) + bool(rule.region))

    ordered: Sequence[Rule] = sorted(rules, key=lambda r: (r.order, specificity(r)))
    return next((rule for rule in ordered if matches(rule, facts)), None)

"""Triage: a score from indicators and risk factors → a priority, with the reasons (pure Python).

Every point the score gets is a :class:`Reason`, so the signal page can say *why*
("minor involved, documents retained"). Escalation rules make some combinations urgent
whatever the score. Indicator codes are those of ``uitweg.core.vocabulary.Indicator``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

URGENT = "urgent"
HIGH = "high"
NORMAL = "normal"
LOW = "low"
PRIORITIES = (URGENT, HIGH, NORMAL, LOW)

# Risk factors (reason codes that are not indicators).
ACUTE_DANGER = "acute_danger"
MINOR = "minor"

VIOLENCE = "physical_sexual_violence"
RESTRICTION = "restriction_of_movement"
DOCUMENTS = "retention_of_documents"
THREATS = "intimidation_threats"
DEBT = "debt_bondage"

#: Points per reason; any other known indicator scores DEFAULT_INDICATOR_POINTS.
POINTS: dict[str, int] = {
    ACUTE_DANGER: 10,
    MINOR: 5,
    VIOLENCE: 4,
    RESTRICTION: 3,
    DOCUMENTS: 3,
    THREATS: 2,
    DEBT: 2,
}
DEFAULT_INDICATOR_POINTS = 1

#: Score thresholds, highest first.
THRESHOLDS = ((URGENT, 10), (HIGH, 6), (NORMAL, 2))


@dataclass(frozen=True)
class Reason:
    code: str
    points: int


@dataclass(frozen=True)
class TriageResult:
    score: int
    priority: str
    reasons: tuple[Reason, ...]
    escalated: bool = False  # urgent by an escalation rule rather than by score

    @property
    def reason_codes(self) -> list[str]:
        return [r.code for r in self.reasons]


def triage(indicators: Iterable[str], *, minor: bool | None = False,
           acute_danger: bool = False) -> TriageResult:
    """Score a signal. ``minor=None`` (unknown) scores like no minor."""
    reasons: list[Reason] = []
    if acute_danger:
        reasons.append(Reason(ACUTE_DANGER, POINTS[ACUTE_DANGER]))
    if minor:
        reasons.append(Reason(MINOR, POINTS[MINOR]))
    seen = list(dict.fromkeys(indicators))
    # Heaviest first, so the explanation starts with what matters most.
    for code in sorted(seen, key=lambda c: (-POINTS.get(c, DEFAULT_INDICATOR_POINTS), c)):
        reasons.append(Reason(code, POINTS.get(code, DEFAULT_INDICATOR_POINTS)))
    score = sum(r.points for r in reasons)
    priority = LOW
    for name, threshold in THRESHOLDS:
        if score >= threshold:
            priority = name
            break
    escalated = False
    if priority != URGENT and (acute_danger or (minor and (VIOLENCE in seen
                                                           or RESTRICTION in seen))):
        priority, escalated = URGENT, True
    return TriageResult(score=score, priority=priority, reasons=tuple(reasons),
                        escalated=escalated)

"""The programme's progress in a year, as the staff pages, the yearly PDF and the public page
show it: per pillar, the actions running that year with their milestones and indicators."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Action
from .sources import NOT_COUNTED, Shown, counted
from .vocabulary import IndicatorSource, Pillar


@dataclass
class IndicatorRow:
    title: str
    source: str
    shown: Shown
    target: int | None
    note: str = ""

    @property
    def reached(self) -> bool | None:
        """Whether the target is met; None when there is no target or no number to compare."""
        if self.target is None or self.shown.value is None:
            return None
        return self.shown.value >= self.target


@dataclass
class ActionRow:
    action: Action
    milestones_due: list = field(default_factory=list)
    milestones_done: int = 0
    indicators: list[IndicatorRow] = field(default_factory=list)


@dataclass
class PillarRows:
    pillar: str
    label: str
    actions: list[ActionRow]


def indicator_rows(action: Action, year: int, cache: dict) -> list[IndicatorRow]:
    rows = []
    manual = {(v.indicator_id, v.year): v for i in action.indicators.all()
              for v in i.values.all()}
    for indicator in action.indicators.all():
        if indicator.source == IndicatorSource.MANUAL:
            value = manual.get((indicator.pk, year))
            shown = Shown(str(value.value), value.value) if value else NOT_COUNTED
            note = value.note if value else ""
        else:
            shown, note = counted(indicator, year, cache=cache), ""
        rows.append(IndicatorRow(indicator.title, indicator.source, shown, indicator.target,
                                 note))
    return rows


def progress(actions, year: int) -> list[PillarRows]:
    """``actions``: a queryset (published ones for the public page)."""
    cache: dict = {}
    running = (actions.filter(start_year__lte=year, end_year__gte=year)
               .select_related("owner").prefetch_related("milestones", "indicators__values"))
    by_pillar: dict[str, list[ActionRow]] = {p: [] for p in Pillar.values}
    for action in running:
        due = [m for m in action.milestones.all() if m.due_on.year == year]
        by_pillar[action.pillar].append(ActionRow(
            action, due, sum(1 for m in due if m.done_on is not None),
            indicator_rows(action, year, cache)))
    return [PillarRows(p, str(label), by_pillar[p]) for p, label in Pillar.choices]

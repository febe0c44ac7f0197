"""Date plausibility: dates that cannot be right are refused, dates that are odd are confirmed.

Pure: no database and no Django at import time, so every rule is tested in milliseconds. A check
returns :class:`Finding` objects with a stable ``code`` (for tests, logs and the form), a
``severity`` (``refuse``: the value cannot be right; ``confirm``: it may be right, the user says so
explicitly) and an English message template translated only when shown (:meth:`Finding.message`).

Use it in the service, not the form (the rule then holds for every entry point)::

    findings = check_date(DateKind.DEADLINE, due_date, today=today, field="due_date")
    blocking = blocking_findings(findings, confirmed=confirmed)  # the service's keyword

``confirmed`` silences only ``confirm`` findings; a ``refuse`` finding always blocks. The case
services raise ``NeedsConfirmation`` for the questions; ``cases.confirm`` shows them on the form
with a "Yes, this date is right" checkbox and passes ``confirmed`` once it is ticked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def _(message: str) -> str:  # marks a string for makemessages; translated in Finding.message
    return message


EARLIEST = date(1900, 1, 1)  # nothing the platform records happened before this


class Severity(StrEnum):
    REFUSE = "refuse"
    CONFIRM = "confirm"


class DateKind(StrEnum):
    """What a date means; each kind has its own plausible window around today."""

    BIRTH = "birth"  # date of birth
    EVENT = "event"  # something that happened: first signal, crime reported, consent given
    PERIOD_START = "period_start"  # reflection period, shelter placement, permit valid from
    DEADLINE = "deadline"  # an action or referral answer due
    MEETING = "meeting"  # a case meeting (MDO)


@dataclass(frozen=True)
class Window:
    """Days before/after today: beyond ``confirm_*`` ask, beyond ``refuse_*`` refuse.

    ``None`` means no limit on that side; ``refuse_future=0`` means "not after today".
    """

    confirm_past: int | None
    refuse_past: int | None
    confirm_future: int | None
    refuse_future: int | None


YEAR = 365
WINDOWS: dict[DateKind, Window] = {
    DateKind.BIRTH: Window(confirm_past=None, refuse_past=120 * YEAR, confirm_future=None,
                           refuse_future=0),
    DateKind.EVENT: Window(confirm_past=10 * YEAR, refuse_past=None, confirm_future=None,
                           refuse_future=0),
    DateKind.PERIOD_START: Window(confirm_past=2 * YEAR, refuse_past=None, confirm_future=31,
                                  refuse_future=YEAR),
    DateKind.DEADLINE: Window(confirm_past=31, refuse_past=5 * YEAR, confirm_future=2 * YEAR,
                              refuse_future=10 * YEAR),
    DateKind.MEETING: Window(confirm_past=YEAR, refuse_past=10 * YEAR, confirm_future=YEAR,
                             refuse_future=2 * YEAR),
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    template: str
    params: dict = field(default_factory=dict)
    field: str = ""

    @property
    def blocks_always(self) -> bool:
        return self.severity is Severity.REFUSE

    def message(self) -> str:
        """The message in the active language (needs Django's translation machinery)."""
        from django.utils.translation import gettext

        from uitweg.core.dates import format_day

        params = {k: format_day(v) if isinstance(v, date) else v for k, v in self.params.items()}
        return gettext(self.template) % params if params else gettext(self.template)


def _day(value: date | datetime) -> date:
    """The calendar day of a value; an aware datetime is read in the platform's time zone.

    ``value.date()`` on an aware datetime gives its day in *its own* zone (UTC from the
    database): a meeting at 00:30 in The Hague would be dated the day before, and between
    midnight and 01:00 (02:00 in summer) "today" and a datetime of now fell on different days.
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            from django.utils import timezone  # only aware values need Django's time zone

            value = timezone.localtime(value)
        return value.date()
    return value


def check_date(kind: DateKind, value: date | datetime | None, *, today: date,
               field: str = "") -> list[Finding]:
    """Findings for one date of the given kind; an empty list when it is plausible."""
    if value is None:
        return []
    day = _day(value)
    if day < EARLIEST:
        return [Finding("date.before_earliest", Severity.REFUSE,
                        _("%(date)s is before 1900; check the year."), {"date": day}, field)]
    window = WINDOWS[kind]
    days = (day - today).days
    if window.refuse_future is not None and days > window.refuse_future:
        if window.refuse_future == 0:
            return [Finding(f"{kind}.in_future", Severity.REFUSE,
                            _("%(date)s is in the future; this date cannot be after today."),
                            {"date": day}, field)]
        return [Finding(f"{kind}.too_far_ahead", Severity.REFUSE,
                        _("%(date)s is too far ahead; check the year."), {"date": day}, field)]
    if window.refuse_past is not None and -days > window.refuse_past:
        return [Finding(f"{kind}.too_long_ago", Severity.REFUSE,
                        _("%(date)s is too long ago; check the year."), {"date": day}, field)]
    if window.confirm_future is not None and days > window.confirm_future:
        return [Finding(f"{kind}.far_ahead", Severity.CONFIRM,
                        _("%(date)s is more than %(days)s days ahead. Is that right?"),
                        {"date": day, "days": window.confirm_future}, field)]
    if window.confirm_past is not None and -days > window.confirm_past:
        return [Finding(f"{kind}.long_ago", Severity.CONFIRM,
                        _("%(date)s is more than %(days)s days ago. Is that right?"),
                        {"date": day, "days": window.confirm_past}, field)]
    return []


def check_period(start: date | None, end: date | None, *, field: str = "") -> list[Finding]:
    """An end before its start cannot be right."""
    if start is None or end is None or _day(end) >= _day(start):
        return []
    return [Finding("period.end_before_start", Severity.REFUSE,
                    _("The end date %(end)s is before the start date %(start)s."),
                    {"start": _day(start), "end": _day(end)}, field)]


def check_meeting(scheduled_for: date | datetime, *, today: date, has_decisions: bool = False,
                  decision_dates: tuple[date, ...] = (), field: str = "") -> list[Finding]:
    """A meeting: its own window, decisions only once it has taken place, and no decision
    whose date lies before the meeting it was taken in."""
    day = _day(scheduled_for)
    findings = check_date(DateKind.MEETING, day, today=today, field=field)
    if findings and findings[0].blocks_always:
        return findings
    if has_decisions and day > today:
        findings.append(Finding(
            "meeting.decisions_before_it_took_place", Severity.REFUSE,
            _("This meeting is on %(date)s; decisions can be recorded once it has taken place."),
            {"date": day}, field))
    elif not has_decisions and day < today and not findings:
        findings.append(Finding(
            "meeting.in_past", Severity.CONFIRM,
            _("%(date)s has already passed. Are you recording a meeting that took place?"),
            {"date": day}, field))
    for decided in decision_dates:
        if decided < day:
            findings.append(Finding(
                "meeting.decision_before_meeting", Severity.REFUSE,
                _("A decision dated %(decided)s cannot come from a meeting on %(date)s."),
                {"decided": decided, "date": day}, field))
            break
    return findings


def check_reflection_period(start: date | None, end: date | None, *, today: date,
                            max_days: int = 92) -> list[Finding]:
    """The reflection period: a plausible start, an end after it, at most about 3 months."""
    findings = check_date(DateKind.PERIOD_START, start, today=today, field="reflection_start")
    findings += check_period(start, end, field="reflection_end")
    if start and end and not findings and (end - start).days > max_days:
        findings.append(Finding(
            "reflection.longer_than_three_months", Severity.CONFIRM,
            _("A reflection period lasts up to 3 months; this one lasts %(days)s days. "
              "Is that right?"), {"days": (end - start).days}, "reflection_end"))
    return findings


def blocking_findings(findings: list[Finding], *, confirmed: bool) -> list[Finding]:
    """What still stops the save: every refusal, and the questions when not yet confirmed."""
    return [f for f in findings if f.blocks_always or not confirmed]


__all__ = ["EARLIEST", "WINDOWS", "DateKind", "Finding", "Severity", "Window",
           "blocking_findings", "check_date", "check_meeting", "check_period",
           "check_reflection_period"]

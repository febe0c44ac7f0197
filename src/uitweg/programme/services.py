"""Every change to the action programme: one function per use case, each in one transaction,
checking who may do it (``permissions``) before it writes. Bad input raises ``ValidationError``
naming the field; a stale or missing version refuses the save (nobody overwrites another's edit).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import Organisation, User

from . import permissions, sources
from .models import Action, Indicator, IndicatorValue, Milestone
from .vocabulary import ActionStatus, IndicatorSource, Pillar

FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass
class ActionData:
    pillar: str
    title: str
    owner_id: int
    start_year: int
    end_year: int
    description: str = ""
    title_en: str = ""
    description_en: str = ""
    status: str = ActionStatus.PLANNED
    published: bool = False


def _validate(data: ActionData) -> None:
    errors: dict[str, str] = {}
    if data.pillar not in Pillar.values:
        errors["pillar"] = _("Choose one of the three pillars.")
    if not (data.title or "").strip():
        errors["title"] = _("Give the action a title.")
    if data.status not in ActionStatus.values:
        errors["status"] = _("Choose a status.")
    if not Organisation.objects.filter(pk=data.owner_id).exists():
        errors["owner"] = _("Choose the organisation that owns the action.")
    this_year = timezone.localdate().year
    for name in ("start_year", "end_year"):
        year = getattr(data, name)
        if not isinstance(year, int) or not FIRST_YEAR <= year <= this_year + 10:
            errors[name] = _("Give a year from %(first)d to %(last)d.") % {
                "first": FIRST_YEAR, "last": this_year + 10}
    if "start_year" not in errors and "end_year" not in errors \
            and data.end_year < data.start_year:
        errors["end_year"] = _("The last year cannot come before the first year.")
    if errors:
        raise ValidationError(errors)


def _check_version(action: Action, version: int | None) -> None:
    if version is None:
        raise ValidationError({"version": _("This form is out of date; reload the page and "
                                            "enter your change again.")})
    if version != action.version:
        raise ValidationError({"version": _("Someone else changed this action while you were "
                                            "editing it. Reload the page to see their change, "
                                            "then enter yours again.")})


def _fields(data: ActionData) -> dict:
    return {"pillar": data.pillar, "title": data.title.strip(),
            "description": data.description.strip(), "title_en": data.title_en.strip(),
            "description_en": data.description_en.strip(), "owner_id": data.owner_id,
            "start_year": data.start_year, "end_year": data.end_year, "status": data.status,
            "published": data.published}


@transaction.atomic
def create_action(*, by: User, data: ActionData) -> Action:
    permissions.require_write_programme(by)
    _validate(data)
    return Action.objects.create(**_fields(data))


@transaction.atomic
def update_action(*, by: User, action_id: int, data: ActionData, version: int | None) -> Action:
    action = Action.objects.select_for_update().get(pk=action_id)
    permissions.require_write_programme(by)
    _check_version(action, version)
    _validate(data)
    for name, value in _fields(data).items():
        setattr(action, name, value)
    action.version += 1
    action.save()
    return action


@transaction.atomic
def update_status(*, by: User, action_id: int, status: str, version: int | None) -> Action:
    action = Action.objects.select_for_update().get(pk=action_id)
    permissions.require_update_progress(by, action)
    _check_version(action, version)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    action.status = status
    action.version += 1
    action.save(update_fields=["status", "version", "updated_at"])
    return action


def _bump(action: Action) -> None:
    action.version += 1
    action.save(update_fields=["version", "updated_at"])


@transaction.atomic
def add_milestone(*, by: User, action_id: int, title: str, due_on: date | None) -> Milestone:
    action = Action.objects.select_for_update().get(pk=action_id)
    permissions.require_update_progress(by, action)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Name the milestone.")
    if due_on is None:
        errors["due_on"] = _("Give the date the milestone is due.")
    elif not action.start_year - 1 <= due_on.year <= action.end_year + 1:
        errors["due_on"] = _("The milestone is due from %(first)d to %(last)d, the years of "
                             "the action.") % {"first": action.start_year,
                                               "last": action.end_year}
    if errors:
        raise ValidationError(errors)
    _bump(action)
    return Milestone.objects.create(action=action, title=title.strip(), due_on=due_on)


@transaction.atomic
def mark_milestone(*, by: User, milestone_id: int, done: bool) -> Milestone:
    milestone = Milestone.objects.select_related("action").get(pk=milestone_id)
    action = Action.objects.select_for_update().get(pk=milestone.action_id)
    permissions.require_update_progress(by, action)
    milestone.done_on = timezone.localdate() if done else None
    milestone.save(update_fields=["done_on"])
    _bump(action)
    return milestone


@transaction.atomic
def add_indicator(*, by: User, action_id: int, title: str, source: str, dimension: str = "",
                  category: str = "", target: int | None = None) -> Indicator:
    action = Action.objects.select_for_update().get(pk=action_id)
    permissions.require_write_programme(by)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Name the indicator.")
    if source not in IndicatorSource.values:
        errors["source"] = _("Choose where the value comes from.")
    elif source == IndicatorSource.MANUAL:
        dimension = category = ""
    else:
        errors.update(sources.check_breakdown(source, dimension, category))
    if target is not None and target < 0:
        errors["target"] = _("A target is a number of zero or more.")
    if errors:
        raise ValidationError(errors)
    _bump(action)
    return Indicator.objects.create(action=action, title=title.strip(), source=source,
                                    dimension=dimension, category=category, target=target)


@transaction.atomic
def record_value(*, by: User, indicator_id: int, year: int, value: int,
                 note: str = "") -> IndicatorValue:
    """Enter (or correct) a manual indicator's value for a year."""
    indicator = Indicator.objects.select_related("action").get(pk=indicator_id)
    action = Action.objects.select_for_update().get(pk=indicator.action_id)
    permissions.require_update_progress(by, action)
    errors = {}
    if indicator.source != IndicatorSource.MANUAL:
        errors["value"] = _("This indicator is counted by the platform; it takes no value by "
                            "hand.")
    if not isinstance(year, int) or not action.start_year <= year <= action.end_year:
        errors["year"] = _("Give a year of the action (%(first)d to %(last)d).") % {
            "first": action.start_year, "last": action.end_year}
    elif year > timezone.localdate().year:
        errors["year"] = _("A value is entered for a year that has begun.")
    if not isinstance(value, int) or value < 0:
        errors["value"] = _("A value is a number of zero or more.")
    if errors:
        raise ValidationError(errors)
    row, _created = IndicatorValue.objects.update_or_create(
        indicator=indicator, year=year, defaults={"value": value, "note": note.strip()[:300]})
    _bump(action)
    return row

"""The estimate of the hidden number per year, as a background task (issue 13, item 7).

:func:`start_estimate` is what the page calls: one active run per year (two analysts starting
the same estimate get the same run; a database constraint makes sure). :func:`execute` is what
the worker runs (``tasks.run_estimate``): read and link the registrations (the only read of
personal data, logged once), estimate, and store counts only. A run that raises is marked
failed with the reason; a run whose worker stopped answering is shown as stopped.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.audit import service as audit
from uitweg.audit.models import Action
from uitweg.core.refusals import Refused
from uitweg.estimation import NoEstimableModel, SettingsError, TableError, TooManyModels
from uitweg.estimation.service import estimate_population

from . import estimate_lists, strata
from .models import ACTIVE, EstimateRun, EstimateStatus
from .periods import FIRST_YEAR
from .permissions import FIGURE_ROLES
from .registrations import linked_registrations

logger = logging.getLogger(__name__)

#: A queued or running estimate without any news for this long is taken to have stopped.
STALE_AFTER = timedelta(minutes=30)
#: Stages and the share of the progress bar they end at.
STAGES = {"reading": 10, "linking": 20, "estimating": 25, "bootstrap": 99}


def require_estimate_role(user) -> None:
    if not (user and user.is_authenticated and user.has_role(*FIGURE_ROLES)):
        raise Refused("monitoring.estimate", _("Only analysts and care coordinators can start "
                                               "an estimate."))


class YearError(ValueError):
    """A year the estimate cannot be made for (the message says which years can)."""


def check_year(year: int, *, today=None) -> None:
    this_year = (today or timezone.localdate()).year
    if not FIRST_YEAR <= year <= this_year:
        raise YearError(_("Choose a year from %(first)s to %(last)s.")
                        % {"first": FIRST_YEAR, "last": this_year})


def is_stale(run: EstimateRun, now=None) -> bool:
    return run.is_active and (now or timezone.now()) - run.updated_at > STALE_AFTER


def mark_stale(run: EstimateRun) -> None:
    EstimateRun.objects.filter(pk=run.pk, status__in=ACTIVE).update(
        status=EstimateStatus.FAILED, finished_at=timezone.now(),
        message="the worker stopped without finishing this estimate")


def start_estimate(*, by, year: int) -> tuple[EstimateRun, bool]:
    """The active run for ``year``, or a new one queued for the worker; and whether it is new."""
    require_estimate_role(by)
    check_year(year)
    for _attempt in range(2):
        existing = EstimateRun.objects.filter(year=year, status__in=ACTIVE).first()
        if existing is not None and is_stale(existing):
            mark_stale(existing)
            existing = None
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                run = EstimateRun.objects.create(year=year, started_by=by)
                transaction.on_commit(lambda run=run: enqueue(run))
            return run, True
        except IntegrityError:  # someone else started it a moment ago
            continue
    return EstimateRun.objects.get(year=year, status__in=ACTIVE), False


def enqueue(run: EstimateRun) -> None:
    from .tasks import run_estimate

    result = run_estimate.enqueue(run.pk)
    EstimateRun.objects.filter(pk=run.pk).update(task_id=str(result.id)[:64])


class _Progress:
    """Writes the progress of a run at most once a second."""

    def __init__(self, run_id: int, total: int) -> None:
        self.run_id, self.total, self.done, self.written = run_id, max(total, 1), 0, 0.0

    def stage(self, name: str, percent: int) -> None:
        EstimateRun.objects.filter(pk=self.run_id).update(stage=name, progress=percent)

    def __call__(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.written >= 1:
            self.written = now
            start = STAGES["estimating"]
            percent = start + (STAGES["bootstrap"] - start) * min(self.done / self.total, 1)
            self.stage("bootstrap", int(percent))


def execute(run_id: int) -> None:
    """Run one estimate (in the worker). Never raises for a problem with the data."""
    updated = EstimateRun.objects.filter(pk=run_id, status=EstimateStatus.QUEUED).update(
        status=EstimateStatus.RUNNING, started_at=timezone.now(), stage="reading", progress=1)
    if not updated:
        return  # already run, or marked stale
    run = EstimateRun.objects.select_related("started_by").get(pk=run_id)
    n_boot = settings.MONITORING_ESTIMATE_BOOTSTRAP
    progress = _Progress(run_id, n_boot)
    try:
        lists = estimate_lists.parse(settings.MONITORING_ESTIMATE_LISTS)
        with transaction.atomic():
            linked = linked_registrations(run.year, lists)
            audit.record(
                actor=audit.actor_for(run.started_by, access_point="task:monitoring.estimate"),
                action=Action.SEARCH, object_type="monitoring.linkage", object_id=run.year,
                object_label=f"{run.year}: {linked.registrations} registrations linked, "
                             "encoded at once, none kept",
                purpose="statistics: estimate of the hidden number (issue 13)")
        progress.stage("estimating", STAGES["linking"])
        result = {"linkage": linked.to_dict()}
        stratified = [linked.stratified(v) for v in strata.VARIABLES]
        progress.total = n_boot * (1 + sum(len(_estimable(s)) for s in stratified))
        try:
            estimate = estimate_population(linked.table, method="stepwise", n_bootstrap=n_boot,
                                           seed=run.year, jobs=1, progress=progress)
        except (TableError, NoEstimableModel, SettingsError, TooManyModels) as exc:
            _finish(run_id, EstimateStatus.REFUSED, result, str(exc))
            return
        result["estimate"] = summary(estimate)
        result["strata"] = {s.variable: estimate_stratum(s, n_boot=n_boot, seed=run.year,
                                                         progress=progress)
                            for s in stratified}
        _finish(run_id, EstimateStatus.DONE, result, "")
    except estimate_lists.ListsError as exc:
        _finish(run_id, EstimateStatus.FAILED, {}, f"MONITORING_ESTIMATE_LISTS: {exc}")
    except Exception as exc:
        logger.exception("estimate %s failed", run_id)
        _finish(run_id, EstimateStatus.FAILED, {},
                f"the estimate stopped with an error ({type(exc).__name__})")


def _minimum() -> int:
    """Fewest linked persons a group needs for its own estimate (never below the threshold of
    suppression: a group too small to show is too small to estimate)."""
    return max(strata.MIN_PERSONS, int(settings.MONITORING_SUPPRESSION_THRESHOLD))


def _estimable(stratified: strata.Stratified) -> list[str]:
    return [g for g, n in stratified.persons.items() if n >= _minimum()] \
        if stratified.recorded and len(stratified.lists) >= 2 else []


def estimate_stratum(stratified: strata.Stratified, *, n_boot: int, seed: int,
                     progress) -> dict:
    """The estimate of every group of one variable, or why there is none: the variable is not
    recorded by the registrations or by fewer than two lists, the group has too few persons,
    or the estimation library refuses its table (its message). Never a 0 for a group without an
    estimate. The groups of forms of exploitation overlap (:data:`.strata.RULES`)."""
    if not stratified.recorded:
        return {"status": "not_recorded"}
    about = {"rule": stratified.rule, "lists": list(stratified.lists),
             "left_out": list(stratified.left_out)}
    if len(stratified.lists) < 2:
        return {"status": "too_few_lists"} | about
    groups = []
    for group, n in stratified.persons.items():
        entry: dict = {"group": group, "observed": n}
        if n < _minimum():
            entry |= {"status": "too_few", "minimum": _minimum()}
        else:
            try:
                found = estimate_population(stratified.tables[group], method="stepwise",
                                            n_bootstrap=n_boot, seed=seed, jobs=1,
                                            progress=progress)
            except (TableError, NoEstimableModel, SettingsError, TooManyModels) as exc:
                entry |= {"status": "refused", "message": str(exc)}
            else:
                entry |= {"status": "done", "estimate": summary(found)}
        groups.append(entry)
    return {"status": "done", "groups": groups, "unknown": stratified.unknown,
            "conflicting": stratified.conflicting, "multiple": stratified.multiple} | about


def _finish(run_id: int, status: str, result: dict, message: str) -> None:
    with transaction.atomic():
        EstimateRun.objects.filter(pk=run_id).update(
            status=status, result=json_safe(result), message=message,
            finished_at=timezone.now(), progress=100 if status == EstimateStatus.DONE else 0,
            stage="")


def json_safe(value):
    """Plain JSON: numpy numbers as Python numbers, infinite or undefined numbers as None."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def summary(estimate) -> dict:
    """What the result page shows of an estimate: counts, the model and why, the warnings."""
    names = estimate.table.names
    out = estimate.to_dict()
    low, high = estimate.bca_total or (None, None)
    return {
        "observed": estimate.observed,
        "total": out["total"],
        "hidden": out["hidden"],
        "low": low,
        "high": high,
        "level": estimate.level,
        "lists": list(names),
        "list_totals": out["list_totals"],
        "model": estimate.model,
        "method": estimate.method_label,
        "threshold": estimate.threshold,
        "steps": out["steps"],
        "check": out["check"]["message"],
        "notes": list(estimate.notes),
        "resamples": len(estimate.bootstrap.estimates) if estimate.bootstrap else 0,
        "seed": estimate.bootstrap.seed if estimate.bootstrap else None,
    }


def latest_runs() -> dict[int, EstimateRun]:
    """The newest run of every year (what the pages show as current)."""
    runs: dict[int, EstimateRun] = {}
    for run in EstimateRun.objects.order_by("year", "-created_at", "-pk"):
        runs.setdefault(run.year, run)
    return runs

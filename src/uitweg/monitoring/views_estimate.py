"""The estimate of the hidden number: start it for a year, watch its progress, read the result,
the years side by side, and the methods in plain language (issue 13, item 7).

Aggregates only, like the rest of monitoring (ADR 0070, 0072): no page names a person, and a
page view writes no access-log entry (the task's one read of registrations is logged).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from uitweg.accounts.permissions import role_required

from . import estimate_lists, estimates
from .estimate_charts import chart_years
from .estimate_shown import histories_shown, pair_mask, strata_shown
from .models import EstimateRun, EstimateStatus
from .periods import FIRST_YEAR
from .permissions import FIGURE_ROLES


def _lists():
    from django.conf import settings

    return estimate_lists.parse(settings.MONITORING_ESTIMATE_LISTS)


def _threshold() -> int:
    from django.conf import settings

    return settings.MONITORING_SUPPRESSION_THRESHOLD


def _years():
    this_year = timezone.localdate().year
    return range(this_year, FIRST_YEAR - 1, -1)[:15]


def _points(latest: dict[int, EstimateRun]) -> list[dict]:
    points = []
    for year in sorted(latest):
        run = latest[year]
        if run.status == EstimateStatus.DONE and "estimate" in run.result:
            e = run.result["estimate"]
            points.append({"year": year, "observed": e["observed"], "total": e["total"],
                           "low": e["low"], "high": e["high"]})
    return points


@role_required(*FIGURE_ROLES, object_type="monitoring.estimate")
@require_http_methods(["GET", "HEAD", "POST"])
def estimate_index(request):
    error = ""
    if request.method == "POST":
        try:
            year = int(request.POST.get("year", ""))
            run, created = estimates.start_estimate(by=request.user, year=year)
        except estimates.YearError as exc:
            error = str(exc)
        except ValueError:
            error = _("Choose a year from the list.")
        else:
            if not created:
                messages.info(request, _("This estimate was already started; you see its "
                                         "progress."))
            return redirect("monitoring:estimate_run", pk=run.pk)
    latest = estimates.latest_runs()
    for run in latest.values():
        if estimates.is_stale(run):
            estimates.mark_stale(run)
            run.refresh_from_db()
    points = _points(latest)
    chart = chart_years(points, seen_label=_("in view"), estimate_label=_(
        "estimated (95% interval)"), title=_("Persons in view and estimated, per year")) \
        if points else ""
    context = {"years": _years(), "latest": [latest[y] for y in sorted(latest, reverse=True)],
               "points": points, "chart": chart, "error": error,
               "selected": request.POST.get("year") or timezone.localdate().year - 1}
    response = render(request, "monitoring/estimate_index.html", context,
                      status=400 if error else 200)
    return response


def _run_context(run: EstimateRun) -> dict:
    lists = _lists()
    threshold = _threshold()
    result = run.result or {}
    linkage = result.get("linkage") or {}
    est = result.get("estimate")
    names = linkage.get("lists", [])
    table = histories_shown(linkage, est, threshold)
    rows = []
    if not table.withheld:
        for history, _count in linkage.get("rows", []):
            mask = sum(1 << i for i, h in enumerate(history) if h)
            rows.append({"on": [lists.label(n) for n, h in zip(names, history, strict=False)
                                if h], "count": table.label(mask)})
    per_list = [(lists.label(n), f"<{threshold}" if c < threshold else c)
                for n, c in (linkage.get("per_list") or {}).items()]
    if est:
        est = est | {"steps": [step | {"shown_overlap": table.overlap_label(
            pair_mask(step["term"], names))} for step in est.get("steps", [])]}
    return {"run": run, "result": result, "linkage": linkage, "estimate": est, "rows": rows,
            "table_withheld": table.withheld, "per_list": per_list, "threshold": threshold,
            "list_labels": [lists.label(n) for n in (est or {}).get("lists", [])],
            "strata": strata_shown(result.get("strata") or {}, threshold,
                                   (est or {}).get("observed", linkage.get("persons"))),
            "stale": estimates.is_stale(run)}


def report_estimate(year: int) -> dict | None:
    """What the yearly PDF shows of the hidden number: the newest run of ``year`` if it is done
    (a running, failed or refused newest run: nothing, never an older figure as current)."""
    run = EstimateRun.objects.filter(year=year).order_by("-created_at", "-pk").first()
    if run is None or run.status != EstimateStatus.DONE or "estimate" not in run.result:
        return None
    return _run_context(run)


@role_required(*FIGURE_ROLES, object_type="monitoring.estimate")
@require_safe
def estimate_run(request, pk: int):
    run = get_object_or_404(EstimateRun, pk=pk)
    if estimates.is_stale(run):
        estimates.mark_stale(run)
        run.refresh_from_db()
    newer = EstimateRun.objects.filter(year=run.year, created_at__gt=run.created_at).first()
    context = _run_context(run) | {"newer": newer}
    return render(request, "monitoring/estimate_run.html", context)


@role_required(*FIGURE_ROLES, object_type="monitoring.estimate")
@require_safe
def estimate_progress(request, pk: int):
    """The progress fragment htmx polls; once finished it asks for the whole page again."""
    run = get_object_or_404(EstimateRun, pk=pk)
    if estimates.is_stale(run):
        estimates.mark_stale(run)
        run.refresh_from_db()
    response = render(request, "monitoring/_estimate_progress.html", {"run": run})
    if not run.is_active:
        response["HX-Refresh"] = "true"
    return response


@role_required(*FIGURE_ROLES, object_type="monitoring.estimate")
@require_safe
def estimate_methods(request):
    from uitweg.accounts.roles import OrganisationKind

    kinds = dict(OrganisationKind.choices) | {"public": _("public reports (no organisation)"),
                                              "outreach": _("outreach contacts")}
    lists = _lists()
    shown = [(lists.label(name), [str(kinds.get(k, k)).lower() for k, on in
                                  lists.by_kind.items() if on == name])
             for name in lists.names]
    return render(request, "monitoring/estimate_methods.html", {"lists": shown,
                                                                "threshold": _threshold()})

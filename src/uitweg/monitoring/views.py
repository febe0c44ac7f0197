"""The monitoring section: figures per period, comparison with a year before, trends, charts,
CSV and the yearly PDF report. Aggregates only; every number through suppression (ADR 0070-0072).

No access-log entry is written for these pages: they show no record of a person (ADR 0071); a
refused role check is still logged, as everywhere.
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from uitweg.accounts.permissions import role_required
from uitweg.core.exports import csv_response

from . import exports
from .figures import figures_for
from .pages import page_context
from .periods import Period, parse_period
from .permissions import FIGURE_ROLES
from .views_estimate import report_estimate


def _period(request):
    return parse_period(request.GET.get("year"), request.GET.get("quarter"),
                        this_year=timezone.localdate().year)


@role_required(*FIGURE_ROLES, object_type="monitoring.figures")
@require_safe
def figures(request):
    figures = figures_for(_period(request), only=request.GET.get("source") or None)
    return render(request, "monitoring/figures.html", page_context(figures, charts=True))


@role_required(*FIGURE_ROLES, object_type="monitoring.figures")
@require_safe
def figures_csv(request):
    period = _period(request)
    header, rows = exports.csv_rows(figures_for(period))
    return csv_response(f"monitoring-{period.slug}.csv", header, rows)


@role_required(*FIGURE_ROLES, object_type="monitoring.figures")
@require_safe
def report_pdf(request):
    """The yearly report for the council (whole year, quarter ignored)."""
    from xhtml2pdf import pisa

    period = _period(request)
    year = Period(period.year)
    context = page_context(figures_for(year), charts=False, pdf=True)
    context["hidden_number"] = report_estimate(year.year)
    html = render_to_string("monitoring/report_pdf.html", context, request=request)
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8")
    if result.err:
        raise RuntimeError("PDF rendering failed")
    response = HttpResponse(output.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="monitoring-{year.slug}.pdf"'
    return response

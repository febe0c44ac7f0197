"""Dashboard widget for the analyst: persons in view this year and last, linking to the section.

The numbers are the section's own (suppressed and harmonised, ADR 0071); no record is shown, so
the widget adds nothing to the dashboard's access-log entry."""

from __future__ import annotations

from django.utils import timezone

from uitweg.accounts.roles import Role
from uitweg.core.registry import WidgetResult

from .figures import figures_for
from .periods import Period


def persons_in_view(request):
    if not request.user.has_role(Role.ANALYST):
        return None
    figures = figures_for(Period(timezone.localdate().year), only="persons")
    totals = [(p.label, cell.label(figures.threshold)) for p, cell in figures.sources[0].totals]
    return WidgetResult(template="monitoring/widget.html", context={"totals": totals[-2:]})

"""Figures of the outreach team (issue 12, item 7): counts per month, target group, platform,
region and topic, every count through small-cell suppression (``uitweg.core.suppression``)
before it is shown or exported. One organisation, one year; no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext as _

from uitweg.core.suppression import SuppressedTable, suppress, suppress_series

from .models import Contact, ContactFollowUp, Round
from .vocabulary import FollowUp, Response, TargetGroup, Topic

MONTHS = list(range(1, 13))


@dataclass
class Figures:
    year: int
    #: measure label → suppressed series over the 12 months (with the year's total)
    monthly: list[tuple[str, SuppressedTable]]
    #: target groups by months of new contacts
    by_group: SuppressedTable
    group_labels: list[str]
    breakdowns: list[tuple[str, list[str], SuppressedTable]]  # title, labels, series
    response_rate: str  # of the whole year, "—" when the counts behind it are hidden

    @property
    def group_rows(self):
        return list(zip(self.group_labels, self.by_group.cells, self.by_group.row_totals,
                        strict=True))

    @property
    def breakdown_rows(self):
        return [(title, list(zip(labels, table.cells[0], strict=False)))
                for title, labels, table in self.breakdowns]


def _per_month(queryset, date_field: str, value=None) -> list[int]:
    rows = (queryset.annotate(m=ExtractMonth(date_field)).values("m")
            .annotate(n=value if value is not None else Count("pk")))
    counts = {r["m"]: r["n"] or 0 for r in rows}
    return [int(counts.get(m, 0)) for m in MONTHS]


def _series(pairs: list[tuple[str, int]]) -> tuple[list[str], SuppressedTable]:
    labels = [label for label, _n in pairs]
    return labels, suppress_series([n for _label, n in pairs] or [0])


def figures_for(organisation_id: int, year: int) -> Figures:
    rounds = Round.objects.filter(organisation_id=organisation_id, started_at__year=year)
    contacts = Contact.objects.filter(organisation_id=organisation_id,
                                      first_contact_on__year=year)
    followed = ContactFollowUp.objects.filter(contact__organisation_id=organisation_id,
                                              at__year=year)
    signals = followed.filter(kind=FollowUp.SIGNAL)
    referrals = followed.filter(kind=FollowUp.REFERRAL)
    responded = contacts.exclude(response=Response.NONE)
    monthly = [
        (_("Rounds"), suppress_series(_per_month(rounds, "started_at"))),
        (_("Profiles seen"), suppress_series(
            _per_month(rounds, "started_at", Sum("profiles_seen")))),
        (_("New contacts"), suppress_series(_per_month(contacts, "first_contact_on"))),
        (_("Responded"), suppress_series(_per_month(responded, "first_contact_on"))),
        (_("Signals reported"), suppress_series(_per_month(signals, "at"))),
        (_("Referrals to care"), suppress_series(_per_month(referrals, "at"))),
    ]
    groups = list(TargetGroup)
    by_group = suppress([_per_month(contacts.filter(target_group=g), "first_contact_on")
                         for g in groups])
    platform_rows = (contacts.values("platform__name").annotate(n=Count("pk"))
                     .order_by("platform__name"))
    region_rows = (contacts.values("first_round__region").annotate(n=Count("pk"))
                   .order_by("first_round__region"))
    topic_counts = dict.fromkeys(Topic.values, 0)
    for topics in contacts.values_list("topics", flat=True).iterator():
        for topic in set(topics or []) & set(topic_counts):
            topic_counts[topic] += 1
    breakdowns = [
        (_("New contacts per platform"),
         *_series([(r["platform__name"], r["n"]) for r in platform_rows])),
        (_("New contacts per region"),
         *_series([(r["first_round__region"] or "—", r["n"]) for r in region_rows])),
        (_("Topics discussed"),
         *_series([(str(t.label), topic_counts[t.value]) for t in Topic])),
    ]
    total = monthly[2][1].total
    answered = monthly[3][1].total
    rate = "—"
    if total.shown and answered.shown is not None:
        rate = f"{round(100 * answered.value / total.value)}%"
    return Figures(year, monthly, by_group, [str(g.label) for g in groups], breakdowns, rate)


def csv_rows(figures: Figures):
    """(header, rows) of the export: every cell as shown on the page (suppressed labels)."""
    header = [_("Figure"), *[f"{figures.year}-{m:02d}" for m in MONTHS], _("Total")]
    rows = []
    for label, table in figures.monthly:
        row = table.cells[0]
        rows.append([label, *[c.label(table.threshold) for c in row],
                     table.row_totals[0].label(table.threshold)])
    for label, row, total in zip(figures.group_labels, figures.by_group.cells,
                                 figures.by_group.row_totals, strict=True):
        rows.append([_("New contacts: %(group)s") % {"group": label},
                     *[c.label(figures.by_group.threshold) for c in row],
                     total.label(figures.by_group.threshold)])
    for title, labels, table in figures.breakdowns:
        for label, cell in zip(labels, table.cells[0], strict=False):
            rows.append([f"{title}: {label}", *[""] * 12, cell.label(table.threshold)])
    rows.append([_("Response rate"), *[""] * 12, figures.response_rate])
    return header, rows

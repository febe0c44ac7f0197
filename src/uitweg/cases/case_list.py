"""The case list: its filter form, the columns computed in SQL and the sort orders.

One query for the page (plus the paginator's count; three when sorted by next deadline). The
earliest open action and the last activity are stored on the case (``Case.next_action_due``,
``Case.last_activity_at``, kept by the write services through :mod:`uitweg.cases.list_columns`,
ADR 0115), so sorting 50,000 cases by them needs no sub-query per row: the activity sort
walks an index, the deadline sort merges two index walks (:class:`DeadlineOrder`). The next
legal deadline and the overdue count are correlated sub-queries for the rows of the page, and
the owner is a join. The next deadline is the earliest of the open care-plan actions (also an
overdue one) and the legal clocks from today on (reflection period, residence permit, COSM
placement: ``LegalDeadline``, written from the legal dates by ``services.update_clocks``); a
legal date that has passed is shown on the case file, not as the next deadline. The default
is "open cases of my organisation" (current team membership, not closed); a case number
searches everything the user may see (also closed cases and break-glass access).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django import forms
from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from uitweg.core.vocabulary import ExploitationForm

from . import clocks
from .models import ActionStatus, CareAction, Case, CaseState, LegalDeadline

FULL_NUMBER = re.compile(r"^[A-Z]{2}-\d{4}-\w+$")
OPEN_ACTION = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]
LEGAL_KINDS = len(clocks.DEADLINE_LABELS)  # legal deadlines a case has at most

#: scope codes: whose cases the list shows
SCOPE_ORGANISATION, SCOPE_MINE, SCOPE_ALL = "", "mine", "all"
#: state code meaning "every state but closed" (the default)
STATE_OPEN, STATE_ANY = "", "any"

#: sort code → ORDER BY (a leading "-" on the code is part of the code, not a direction)
SORTS: dict[str, tuple[str, ...]] = {
    "": ("-created_at", "-id"),
    "number": ("number",),
    "-number": ("-number",),
    "state": ("state", "-created_at"),
    "deadline": ("next_deadline_nulls_last", "next_deadline", "-id"),
    "-overdue": ("-overdue_actions", "-created_at", "-id"),
    "-activity": ("-last_activity",),
    "activity": ("last_activity",),
}
#: the parameters a saved filter may keep (everything but the page)
FILTER_KEYS = ("scope", "number", "state", "form", "age", "sort")


class CaseListForm(forms.Form):
    scope = forms.ChoiceField(label=_("Cases"), required=False, choices=[
        (SCOPE_ORGANISATION, _("Of my organisation")),
        (SCOPE_MINE, _("I own")),
        (SCOPE_ALL, _("All I may see")),
    ])
    number = forms.CharField(label=_("Case number"), required=False, max_length=20)
    state = forms.ChoiceField(label=_("Status"), required=False, choices=[
        (STATE_OPEN, _("Open (not closed)")), (STATE_ANY, _("All")), *CaseState.choices])
    form = forms.ChoiceField(label=_("Form of exploitation"), required=False,
                             choices=[("", _("All")), *ExploitationForm.choices])
    age = forms.ChoiceField(label=_("Age group"), required=False,
                            choices=[("", _("All")), ("minor", _("Minor")),
                                     ("adult", _("Adult"))])
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[
        ("", _("Newest first")),
        ("deadline", _("Next deadline")),
        ("-overdue", _("Most overdue actions")),
        ("-activity", _("Latest activity")),
        ("activity", _("Longest without activity")),
        ("number", _("Case number")),
        ("state", _("Status")),
    ])


def annotated(queryset: QuerySet[Case], *, today=None) -> QuerySet[Case]:
    """The list's computed columns as sub-queries on ``queryset`` (no query runs here)."""
    today = today or timezone.localdate()
    actions = CareAction.objects.filter(need__case_id=OuterRef("pk"), status__in=OPEN_ACTION)
    legal = (LegalDeadline.objects.filter(case_id=OuterRef("pk"), due__gte=today)
             .order_by("due", "id"))
    overdue = (actions.filter(due_date__lt=today).order_by()
               .values("need__case_id").annotate(n=Count("id")).values("n"))
    if connection.vendor == "postgresql":  # LEAST skips NULLs: one legal probe per row
        earliest = Least(F("next_action_due"), F("next_legal_due"))
    else:  # Least is NULL on SQLite when either is, hence the Coalesces
        earliest = Least(Coalesce(F("next_action_due"), F("next_legal_due")),
                         Coalesce(F("next_legal_due"), F("next_action_due")))
    return queryset.annotate(
        next_legal_due=Subquery(legal.values("due")[:1]),
        next_legal_kind=Subquery(legal.values("kind")[:1]),
        next_deadline=earliest,  # the earlier of the two
        overdue_actions=Coalesce(Subquery(overdue, output_field=IntegerField()), 0),
        last_activity=F("last_activity_at"),
    )


def deadline_label(case: Case) -> str:
    """What the next deadline of a listed case is: a legal clock's label, or "" for an action
    (needs the annotations of :func:`annotated`)."""
    label = clocks.DEADLINE_LABELS.get(case.next_legal_kind or "")
    if label and case.next_legal_due is not None and case.next_legal_due == case.next_deadline:
        return gettext(label)
    return ""


def base(data: dict, *, user) -> QuerySet[Case]:
    """The rows the filter starts from: the organisation's team cases (one membership
    sub-plan) by default, everything visible (also break-glass) otherwise. Both are subsets of
    ``Case.objects.visible_to(user)``."""
    if not (data.get("number") or "").strip() and \
            (data.get("scope") or SCOPE_ORGANISATION) == SCOPE_ORGANISATION:
        return Case.objects.member_of(user)
    return Case.objects.visible_to(user)


def filtered(queryset: QuerySet[Case], data: dict, *, user) -> QuerySet[Case]:
    """Apply the cleaned filter ``data`` to :func:`base` (or a narrower queryset)."""
    number = (data.get("number") or "").strip().upper()
    if number:  # a number searches everything visible: the user is looking for that file
        if FULL_NUMBER.match(number):
            return queryset.filter(number=number)  # the unique index
        queryset = queryset.filter(number__icontains=number)
    elif (data.get("scope") or SCOPE_ORGANISATION) == SCOPE_MINE:
        queryset = queryset.filter(owner_id=user.pk)
    state = data.get("state") or STATE_OPEN
    if state == STATE_OPEN and not number:
        queryset = queryset.exclude(state=CaseState.CLOSED)
    elif state not in (STATE_OPEN, STATE_ANY):
        queryset = queryset.filter(state=state)
    if data.get("form"):
        queryset = queryset.filter(forms_index__contains=f",{data['form']},")
    if data.get("age"):
        queryset = queryset.filter(minor_on_first_signal=data["age"] == "minor")
    return queryset


def ordered(queryset: QuerySet[Case], sort: str) -> QuerySet[Case]:
    order = SORTS.get(sort or "", SORTS[""])
    if "next_deadline_nulls_last" in order:
        return queryset.order_by(F("next_deadline").asc(nulls_last=True), "-id")
    if sort in ("-activity", "activity"):
        expr = F("last_activity_at")
        if sort == "-activity":  # both walk cases_case_activity_idx (one way or the other)
            return queryset.order_by(expr.desc(nulls_last=True), "-id")
        return queryset.order_by(expr.asc(nulls_first=True), "id")
    return queryset.order_by(*order)


class DeadlineOrder:
    """The filtered cases sorted by next deadline, as Paginator wants them (``count`` and
    slices), built from two index walks instead of sorting every row (ADR 0115): the first
    ``n`` cases by their stored earliest open action (``cases_case_action_due_idx``) and the
    first ``LEGAL_KINDS * n`` legal deadlines from today on (``cases_legaldeadline_due_idx``).
    Exact: a case among the first ``n`` by (next deadline, -id) is among the first ``n`` of the
    one walk its deadline comes from (a case has at most one legal deadline per kind). Cases
    without any deadline follow, newest first, as in :func:`ordered`."""

    def __init__(self, queryset: QuerySet[Case], *, today=None):
        self.queryset = queryset  # filtered, not annotated
        self.today = today or timezone.localdate()

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item:item + 1][0]
        start, stop = item.start or 0, item.stop
        base = self.queryset.order_by()
        by_action = list(base.filter(next_action_due__isnull=False)
                         .order_by("next_action_due", "-id")
                         .values_list("pk", flat=True)[:stop])
        by_legal = list(base.filter(legal_deadlines__due__gte=self.today)
                        .order_by("legal_deadlines__due", "-id")
                        .values_list("pk", flat=True)[:LEGAL_KINDS * stop])
        keyed = set(by_action) | set(by_legal)
        rows = list(ordered(annotated(self.queryset.filter(pk__in=keyed), today=self.today),
                            "deadline")[start:stop])
        complete = len(by_action) < stop and len(by_legal) < LEGAL_KINDS * stop
        if complete and len(rows) < stop - start:  # past the last case with a deadline
            skip = max(0, start - len(keyed))
            rest = (self.queryset.filter(next_action_due__isnull=True)
                    .exclude(pk__in=LegalDeadline.objects.filter(due__gte=self.today)
                             .values("case_id"))
                    .order_by("-id"))
            rows += list(annotated(rest, today=self.today)[
                skip:skip + (stop - start) - len(rows)])
        return rows


def clean_query(params) -> str:
    """The filter part of a list URL, validated, as a query string (for saved filters)."""
    form = CaseListForm(params)
    form.is_valid()  # an invalid value is dropped; the valid ones are kept
    kept = {k: v for k in FILTER_KEYS if (v := form.cleaned_data.get(k))}
    return urlencode(kept)


def sort_link(query: dict, sort: str) -> str:
    """The query string of the list sorted by ``sort``, keeping the filter (page 1)."""
    kept = {k: v for k, v in query.items() if k in FILTER_KEYS and k != "sort" and v}
    if sort:
        kept["sort"] = sort
    return urlencode(kept)

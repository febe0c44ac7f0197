"""Staff pages: signal list, signal page with triage / workflow / linking, intake, recurring."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.audit.views import NotVisible, audited, get_visible_or_404, log_search, log_view
from uitweg.core.vocabulary import ExploitationForm
from uitweg.signals import permissions, queries, services
from uitweg.signals.forms import (
    AssignForm,
    CloseForm,
    PersonFormSet,
    ProfessionalSignalForm,
    TriageForm,
)
from uitweg.signals.models import SIGNAL_ROLES, Signal, SignalPerson
from uitweg.signals.permissions import INTAKE_ROLES
from uitweg.signals.vocabulary import (
    EVENT_LABELS,
    IdentifierKindChoice,
    Priority,
    PublicStage,
    Status,
    reason_labels,
)
from uitweg.signals.workflow import allowed, public_stage

PAGE_SIZE = 50


@audited
@role_required(*SIGNAL_ROLES)
@require_safe
def signal_list(request):
    qs = Signal.objects.visible_to(request.user).select_related("assigned_to")
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.open()
    elif status in Status.values:
        qs = qs.filter(status=status)
    priority = request.GET.get("priority", "")
    if priority in Priority.values:
        qs = qs.filter(priority=priority)
    if request.GET.get("overdue"):
        qs = qs.overdue()
    qs = qs.order_by("deadline_at", "-received_at")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    log_search(request, Signal, page.object_list, purpose="signal intake")
    return render(request, "signals/staff/list.html", {
        "page": page, "status": status, "priority": priority,
        "overdue": bool(request.GET.get("overdue")), "statuses": Status.choices,
        "priorities": Priority.choices, "now": timezone.now(),
    })


def _kind_labels(kinds):
    labels = dict(IdentifierKindChoice.choices)
    return [labels.get(k, k) for k in kinds]


@audited
@role_required(*SIGNAL_ROLES)
@require_safe
def signal_detail(request, reference):
    signal = get_visible_or_404(
        request, Signal.objects.select_related("responsible_organisation",
                                               "reporting_organisation", "assigned_to"),
        reference=reference)
    candidates = queries.candidates_for(signal, request.user)
    linked_signals = list(queries.linked_signals(signal, request.user))
    linked_cases = list(queries.linked_cases(signal, request.user))
    shown = candidates.record_ids + [f"signals.signal:{s.pk}" for s in linked_signals] + [
        f"cases.case:{c.pk}" for c in linked_cases]
    log_view(request, signal, purpose="signal intake", object_ids=shown)
    labels = reason_labels()
    statuses = dict(Status.choices)
    forms_labels = dict(ExploitationForm.choices)
    return render(request, "signals/staff/detail.html", {
        "signal": signal,
        "reasons": [labels.get(code, code) for code in signal.triage_reasons],
        "persons": list(signal.persons.all()),
        "identifiers": [(i, IdentifierKindChoice(i.kind).label)
                        for i in signal.identifiers.filter(person=None)],
        "events": [(e, EVENT_LABELS.get(e.action, e.action), statuses.get(e.from_status, ""),
                    statuses.get(e.to_status, "")) for e in signal.events.select_related("actor")],
        "forms_display": [forms_labels.get(f, f) for f in signal.forms],
        "candidates": [(c, _kind_labels(c.kinds)) for c in candidates.items],
        "hidden_matches": candidates.hidden,
        "linked_signals": linked_signals, "linked_cases": linked_cases,
        "triage_form": TriageForm.for_signal(signal),
        "assign_form": AssignForm(signal=signal),
        "close_form": CloseForm(),
        "can": {s: allowed(signal.status, s) for s in Status.values},
        "public_stage": PublicStage(public_stage(signal.status)).label,
        "now": timezone.now(),
        "is_coordinator": permissions.may_convert(request.user, signal),
    })


def _act(request, reference, step):
    """Run one service step for a visible signal; errors become messages on the signal page."""
    signal = get_visible_or_404(request, Signal.objects.all(), reference=reference,
                                action="update")
    try:
        step(signal)
    except Signal.DoesNotExist:
        raise NotVisible("signals.signal", reference, "update") from None
    except services.SignalError as exc:
        messages.error(request, _("This step is not possible now: %(reason)s") %
                       {"reason": exc})
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect(signal.get_absolute_url())


def _invalid(request, form):
    messages.error(request, _("Please correct the form: %(errors)s") %
                   {"errors": "; ".join(str(e) for errs in form.errors.values() for e in errs)})


@audited
@role_required(*SIGNAL_ROLES)
@require_POST
def triage_view(request, reference):
    def step(signal):
        form = TriageForm.for_signal(signal, request.POST)
        if not form.is_valid():
            return _invalid(request, form)
        services.triage_signal(by=request.user, signal_id=signal.pk,
                               forms=form.cleaned_data["forms_seen"],
                               indicators=form.cleaned_data["indicators"],
                               minor=form.minor_value(),
                               acute_danger=form.cleaned_data["acute_danger"],
                               note=form.cleaned_data["note"])
        messages.success(request, _("Triage saved."))
    return _act(request, reference, step)


@audited
@role_required(*SIGNAL_ROLES)
@require_POST
def assign_view(request, reference):
    def step(signal):
        form = AssignForm(request.POST, signal=signal)
        if not form.is_valid():
            return _invalid(request, form)
        services.assign_signal(by=request.user, signal_id=signal.pk,
                               assignee=form.cleaned_data["assignee"])
        messages.success(request, _("Signal assigned."))
    return _act(request, reference, step)


@audited
@role_required(*SIGNAL_ROLES)
@require_POST
def start_view(request, reference):
    def step(signal):
        services.start_signal(by=request.user, signal_id=signal.pk)
        messages.success(request, _("Work on the signal has started."))
    return _act(request, reference, step)


@audited
@role_required(*SIGNAL_ROLES)
@require_POST
def close_view(request, reference):
    def step(signal):
        form = CloseForm(request.POST)
        if not form.is_valid():
            return _invalid(request, form)
        services.close_signal(by=request.user, signal_id=signal.pk,
                              reason=form.cleaned_data["reason"],
                              note=form.cleaned_data["note"])
        messages.success(request, _("Signal closed."))
    return _act(request, reference, step)


@audited
@role_required(Role.CARE_COORDINATOR)
@require_POST
def convert_view(request, reference):
    def step(signal):
        person_id = request.POST.get("person")
        if not (person_id and person_id.isdigit()
                and SignalPerson.objects.filter(signal=signal, pk=person_id).exists()):
            raise services.SignalError(_("choose a person"))
        case = services.convert_to_case(by=request.user, signal_id=signal.pk,
                                        person_id=int(person_id))
        messages.success(request, _("Case %(number)s opened from this signal.") %
                         {"number": case.number})
    return _act(request, reference, step)


def _target_id(request):
    value = request.POST.get("target_id", "")
    if not value.isdigit():
        raise services.SignalError(_("no candidate chosen"))
    return int(value)


@audited
@role_required(*SIGNAL_ROLES)
@require_POST
def link_view(request, reference):
    def step(signal):
        target_type = request.POST.get("target_type")
        if target_type == "case":
            services.link_case(by=request.user, signal_id=signal.pk,
                               case_id=_target_id(request))
        elif target_type == "signal":
            services.link_signals(by=request.user, signal_id=signal.pk,
                                  other_id=_target_id(request))
        else:
            raise services.SignalError(_("unknown candidate"))
        messages.success(request, _("Linked."))
    return _act(request, reference, step)


@audited
@role_required(*SIGNAL_ROLES)
@require_POST
def dismiss_view(request, reference):
    def step(signal):
        services.dismiss_candidate(by=request.user, signal_id=signal.pk,
                                   target_type=request.POST.get("target_type", ""),
                                   target_id=_target_id(request))
        messages.success(request, _("Candidate dismissed."))
    return _act(request, reference, step)


@role_required(*INTAKE_ROLES)
def intake(request):
    """Professional intake by a logged-in partner. The form reads no personal data."""
    if request.method == "POST":
        form = ProfessionalSignalForm(request.POST)
        persons = PersonFormSet(request.POST, prefix="person")
        if form.is_valid() and persons.is_valid():
            people = [p for p in (f.to_person() for f in persons) if p]
            try:
                signal = services.submit_professional_signal(by=request.user,
                                                             data=form.to_data(people))
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            except services.SignalError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _(
                    "Signal %(reference)s received, priority %(priority)s, routed to "
                    "%(organisation)s.") % {
                    "reference": signal.reference, "priority": signal.get_priority_display(),
                    "organisation": signal.responsible_organisation.name})
                if Signal.objects.visible_to(request.user).filter(pk=signal.pk).exists():
                    return redirect(signal.get_absolute_url())
                return redirect("signals:intake")
    else:
        form = ProfessionalSignalForm()
        persons = PersonFormSet(prefix="person")
    return render(request, "signals/staff/intake.html", {"form": form, "persons": persons})


@audited
@role_required(*SIGNAL_ROLES)
@require_safe
def recurring_view(request):
    kind = request.GET.get("kind", "")
    items = queries.recurring(request.user, kind=kind)
    shown = {s.pk: s for item in items for s in item.signals}
    log_search(request, Signal, shown.values(), purpose="administrative approach")
    labels = dict(IdentifierKindChoice.choices)
    return render(request, "signals/staff/recurring.html", {
        "items": [(item, labels.get(item.kind, item.kind)) for item in items],
        "kind": kind,
        "kinds": [(k, labels[k]) for k in ("address", "kvk", "business_name", "phone",
                                           "website")],
    })

"""Staff pages of the Week: events (submit, change, review), attendee lists with check-in,
editions with their toolkit, figures, and the demo mailbox.

Event, edition and toolkit pages hold no personal data (public texts of organisations); the
attendee list, its CSV and check-in read registrants through ``Registration.visible_to`` (the
organising organisation only) inside ``@audited`` and write one access-log entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.audit.models import Action
from uitweg.audit.views import audited, get_visible_or_404, get_within_or_404, log_search
from uitweg.core.exports import csv_response

from . import figures as week_figures
from . import mailbox, materials, permissions, registration, services
from .forms import DecisionForm, EditionForm, EventForm, MaterialForm
from .models import WEEK_ROLES, Edition, Event, Registration, visible_filter
from .queries import event_rows
from .vocabulary import EventState, RegistrationStatus

week_staff = role_required(*WEEK_ROLES, object_type="week.event")
publishers = role_required(Role.PUBLISHER, object_type="week.edition")


def _link_base(request) -> str:
    return request.build_absolute_uri("/")


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _event(request, pk) -> Event:
    try:
        return Event.objects.visible_to(request.user).select_related(
            "edition", "organisation").get(pk=pk)
    except Event.DoesNotExist:
        raise Http404("no such event") from None


@week_staff
@require_safe
def events(request):
    shown = list(Event.objects.visible_to(request.user)
                 .select_related("edition", "organisation")
                 .annotate(n_confirmed=Count("registrations", filter=Q(
                     registrations__status=RegistrationStatus.CONFIRMED)))
                 .order_by("-edition__year", "starts_at"))
    return render(request, "week/staff/events.html", {
        "events": shown, "rows": event_rows(shown, "nl"),
        "may_review": permissions.is_municipal_publisher(request.user)})


@week_staff
@require_http_methods(["GET", "HEAD", "POST"])
def event_new(request):
    edition = Edition.objects.order_by("-year").first()
    if edition is None:
        messages.error(request, _("There is no edition of the Week yet."))
        return redirect("week:events")
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.submit_event(by=request.user, edition_id=edition.pk,
                                          data=form.to_data())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Event submitted for review."))
            return redirect("week:event_edit", event_pk=event.pk)
    return render(request, "week/staff/event_form.html",
                  {"form": form, "edition": edition, "event": None},
                  status=400 if request.method == "POST" else 200)


@week_staff
@require_http_methods(["GET", "HEAD", "POST"])
def event_edit(request, event_pk):
    event = _event(request, event_pk)
    if request.method == "POST":
        permissions.require_organiser_or_publisher(request.user, event)
        form = EventForm(request.POST)
        if form.is_valid():
            try:
                services.update_event(by=request.user, event_id=event.pk,
                                      expected_version=form.cleaned_data["version"] or 0,
                                      data=form.to_data(), link_base=_link_base(request))
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Event saved."))
                return redirect("week:event_edit", event_pk=event.pk)
        status = 400
    else:
        form = EventForm(initial=EventForm.initial_for(event))
        status = 200
    confirmed = services.confirmed_count(event)
    return render(request, "week/staff/event_form.html", {
        "form": form, "edition": event.edition, "event": event, "confirmed": confirmed,
        "decision_form": DecisionForm(),
        "may_review": permissions.is_municipal_publisher(request.user),
        "organises": permissions.organises(request.user, event),
        "states": EventState}, status=status)


@week_staff
@require_POST
def event_decide(request, event_pk):
    event = _event(request, event_pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown decision."))
        return redirect("week:event_edit", event_pk=event.pk)
    try:
        services.decide_event(by=request.user, event_id=event.pk,
                              decision=form.cleaned_data["decision"],
                              note=form.cleaned_data["note"], link_base=_link_base(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("week:event_edit", event_pk=event.pk)


@week_staff
@require_POST
def event_registration(request, event_pk):
    event = _event(request, event_pk)
    services.set_registration_closed(by=request.user, event_id=event.pk,
                                     closed=request.POST.get("closed") == "1")
    messages.success(request, _("Saved."))
    return redirect("week:event_edit", event_pk=event.pk)


def _organised_event(request, event_pk) -> Event:
    event = get_within_or_404(Event.objects.filter(visible_filter(request.user))
                              .select_related("edition"), pk=event_pk)
    request.audit_subject = event
    return event


def _attendees(event):
    return list(Registration.objects.filter(event=event).exclude(
        status=RegistrationStatus.CANCELLED).order_by("status", "queued_at", "pk"))


@audited
@week_staff
@require_safe
def attendees(request, event_pk):
    event = _organised_event(request, event_pk)
    people = _attendees(event)
    log_search(request, Registration, people, purpose="week attendee list")
    return render(request, "week/staff/attendees.html", {
        "event": event, "title": event.title_in("nl"),
        "confirmed": [p for p in people if p.status == RegistrationStatus.CONFIRMED],
        "waiting": [p for p in people if p.status == RegistrationStatus.WAITLISTED],
        "erased": event.personal_data_erased_at is not None})


@audited
@week_staff
@require_safe
def attendees_csv(request, event_pk):
    event = _organised_event(request, event_pk)
    people = _attendees(event)
    log_search(request, Registration, people, purpose="week attendee list",
               action=Action.EXPORT)
    labels = dict(RegistrationStatus.choices)
    rows = [[p.name, p.email, str(labels[p.status]),
             timezone.localtime(p.created_at).strftime("%Y-%m-%d %H:%M"),
             timezone.localtime(p.checked_in_at).strftime("%H:%M") if p.checked_in_at else ""]
            for p in people]
    return csv_response(f"week-event-{event.pk}-attendees.csv",
                        [_("Name"), _("E-mail address"), _("Status"), _("Registered"),
                         _("Checked in")], rows)


@audited
@week_staff
@require_POST
def check_in(request, registration_pk):
    person = get_visible_or_404(request, Registration.objects, pk=registration_pk,
                                action=Action.UPDATE)
    try:
        registration.check_in(by=request.user, registration_id=person.pk,
                              present=request.POST.get("present") != "0")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("week:attendees", kwargs={"event_pk": person.event_id})
                    + f"#r-{person.pk}")


@publishers
@require_http_methods(["GET", "HEAD", "POST"])
def editions(request):
    permissions.require_publisher(request.user)
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            edition = services.save_edition(
                by=request.user, year=data["year"], starts_on=data["starts_on"],
                ends_on=data["ends_on"], theme=form.texts("theme"), intro=form.texts("intro"),
                published=data["published"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Edition saved."))
            return redirect("week:edition", edition_pk=edition.pk)
    return render(request, "week/staff/editions.html", {
        "editions": Edition.objects.all(), "form": form},
        status=400 if request.method == "POST" else 200)


def _edition_page(request, edition, form, material_form, status=200):
    return render(request, "week/staff/edition.html", {
        "edition": edition, "form": form, "material_form": material_form,
        "materials": edition.materials.defer("data")}, status=status)


@publishers
@require_http_methods(["GET", "HEAD", "POST"])
def edition(request, edition_pk):
    permissions.require_publisher(request.user)
    edition = Edition.objects.filter(pk=edition_pk).first()
    if edition is None:
        raise Http404("no such edition")
    if request.method != "POST":
        return _edition_page(request, edition, EditionForm(
            initial=EditionForm.initial_for(edition)), MaterialForm())
    form = EditionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.save_edition(
                by=request.user, edition_id=edition.pk, year=edition.year,
                starts_on=data["starts_on"], ends_on=data["ends_on"],
                theme=form.texts("theme"), intro=form.texts("intro"),
                published=data["published"], expected_version=data["version"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Edition saved."))
            return redirect("week:edition", edition_pk=edition.pk)
    return _edition_page(request, edition, form, MaterialForm(), status=400)


@publishers
@require_POST
def material_upload(request, edition_pk):
    permissions.require_publisher(request.user)
    edition = Edition.objects.filter(pk=edition_pk).first()
    if edition is None:
        raise Http404("no such edition")
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            materials.upload(by=request.user, edition_id=edition.pk,
                             kind=form.cleaned_data["kind"], title=form.cleaned_data["title"],
                             upload_file=form.cleaned_data["file"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("File added to the toolkit."))
            return redirect("week:edition", edition_pk=edition.pk)
    return _edition_page(request, edition, EditionForm(
        initial=EditionForm.initial_for(edition)), form, status=400)


@publishers
@require_POST
def material_delete(request, material_pk):
    from .models import Material

    material = Material.objects.filter(pk=material_pk).first()
    if material is None:
        raise Http404("no such file")
    materials.delete(by=request.user, material_id=material.pk)
    messages.success(request, _("File removed from the toolkit."))
    return redirect("week:edition", edition_pk=material.edition_id)


@role_required(Role.PUBLISHER, Role.ANALYST, object_type="week.figures")
@require_safe
def figures(request):
    permissions.require_figures(request.user)
    all_editions = list(Edition.objects.all())
    chosen = next((e for e in all_editions if str(e.year) == request.GET.get("year")),
                  all_editions[0] if all_editions else None)
    return render(request, "week/staff/figures.html", {
        "editions": all_editions,
        "figures": week_figures.for_edition(chosen) if chosen else None})


@require_safe
def mailbox_list(request):
    if not mailbox.enabled():
        raise Http404("the demo mailbox exists in demo mode only")
    return render(request, "week/staff/mailbox.html", {"messages_": mailbox.messages()})


@require_safe
def mailbox_message(request, message_id):
    if not mailbox.enabled():
        raise Http404("the demo mailbox exists in demo mode only")
    found = mailbox.one(message_id)
    if found is None:
        raise Http404("no such message")
    return render(request, "week/staff/mailbox_message.html", {"message": found})

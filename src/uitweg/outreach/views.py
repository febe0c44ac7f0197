"""Staff pages of the outreach team: worklist, rounds, contacts, "known before?", signals and
referrals from a contact.

Every page that shows a contact reads through ``visible_to`` inside ``@audited`` and writes one
access-log entry; forms post to POST-only URLs that call the services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from uitweg.accounts.permissions import role_required
from uitweg.audit.models import Action
from uitweg.audit.service import record_for_request
from uitweg.audit.views import audited, get_visible_or_404, log_search, log_view
from uitweg.core import dates
from uitweg.core.vocabulary import Indicator

from . import help as outreach_help
from . import identifiers, permissions, queries, services
from .forms import (
    CloseRoundForm,
    ContactForm,
    KnownBeforeForm,
    ReferralFromContactForm,
    RoundForm,
    SignalFromContactForm,
    UpdateContactForm,
)
from .models import OUTREACH_ROLES, Contact, Round
from .normalise import mask
from .vocabulary import Response, TargetGroup, TemplateLanguage, Topic

team_only = role_required(*OUTREACH_ROLES, object_type="outreach.contact")


def team_page(view):
    """A page of the outreach team: audited, team roles only, GET/HEAD."""
    return audited(team_only(require_safe(view)))


def team_action(view):
    """A form post of the outreach team: audited, team roles only, POST."""
    return audited(team_only(require_POST(view)))


def _errors(request, exc: ValidationError) -> None:
    messages.error(request, _("Not saved: %(errors)s") % {"errors": " ".join(exc.messages)})


def _form_errors(form, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _post_to_service(request, form, call, *, success, done_url):
    """Call the service for a valid form. Its ``ValidationError`` goes on the form's fields and
    None is returned (the caller shows the page again, status 400); an ``OutreachError``
    becomes an error message, a result ``success(result)`` (which adds the message); both
    redirect to ``done_url``."""
    try:
        result = call()
    except ValidationError as exc:
        _form_errors(form, exc)
        return None
    except services.OutreachError as exc:
        messages.error(request, str(exc))
    else:
        success(result)
    return redirect(done_url)


def labels(codes, choices) -> list[str]:
    known = dict(choices)
    return [str(known.get(c, c)) for c in codes]


@team_page
def worklist(request):
    work = queries.worker_worklist(request.user)
    team = queries.team_overview(request.user) if permissions.is_lead(request.user) else None
    shown = work.contacts + (team.overdue if team else [])
    log_search(request, Contact, list({c.pk: c for c in shown}.values()), purpose="outreach")
    return render(request, "outreach/worklist.html", {
        "work": work, "team": team, "round_form": RoundForm(user=request.user),
        "today": timezone.localdate(),
    })


@team_action
def round_start(request):
    form = RoundForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a platform, a target group and a region."))
        return redirect("outreach:worklist")
    try:
        round_ = services.start_round(by=request.user, platform=form.cleaned_data["platform"],
                                      target_group=form.cleaned_data["target_group"],
                                      region=form.cleaned_data["region"])
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("outreach:worklist")
    messages.success(request, _("Round started."))
    return redirect(round_.get_absolute_url())


def _round_page(request, round_, *, contact_form=None, close_form=None, status=200):
    contacts = list(Contact.objects.visible_to(request.user)
                    .filter(Q(first_round=round_) | Q(messages__round=round_)).distinct())
    log_view(request, round_, purpose="outreach",
             object_ids=[f"outreach.contact:{c.pk}" for c in contacts])
    initial = {"target_group": round_.target_group}
    return render(request, "outreach/round.html", {
        "round": round_, "contacts": contacts,
        "contact_form": contact_form or ContactForm(user=request.user, initial=initial),
        "close_form": close_form or CloseRoundForm(initial={
            "profiles_seen": round_.profiles_seen,
            "profiles_contacted": max(round_.profiles_contacted, len(contacts))}),
        "may_work": permissions.may_work_round(request.user, round_),
    }, status=status)


@team_page
def round_detail(request, round_pk):
    round_ = get_visible_or_404(request, Round.objects.select_related("platform", "worker"),
                                pk=round_pk)
    return _round_page(request, round_)


@team_action
def contact_add(request, round_pk):
    round_ = get_visible_or_404(request, Round.objects.select_related("platform"), pk=round_pk,
                                action="update")
    form = ContactForm(request.POST, user=request.user)
    if form.is_valid():
        response = _post_to_service(
            request, form, lambda: services.log_contact(by=request.user, round_id=round_.pk,
                                                        data=form.data_for_service()),
            success=lambda result: _contact_saved(request, *result),
            done_url=round_.get_absolute_url())
        if response:
            return response
    return _round_page(request, round_, contact_form=form, status=400)


def _contact_saved(request, contact, created: bool) -> None:
    if created:
        messages.success(request, _("Contact %(contact)s saved.") % {"contact": contact})
    else:
        messages.info(request, _("Known before: added to contact %(contact)s, first "
                                 "contacted on %(date)s.") % {
            "contact": contact, "date": dates.format_day(contact.first_contact_on)})


@team_action
def round_close(request, round_pk):
    round_ = get_visible_or_404(request, Round.objects.all(), pk=round_pk, action="update")
    form = CloseRoundForm(request.POST)
    if not form.is_valid():
        return _round_page(request, round_, close_form=form, status=400)
    response = _post_to_service(
        request, form, lambda: services.close_round(by=request.user, round_id=round_.pk,
                                                    **form.cleaned_data),
        success=lambda _round: messages.success(request, _("Round closed.")),
        done_url=round_.get_absolute_url())
    return response or _round_page(request, round_, close_form=form, status=400)


def _contact_page(request, contact, *, reveal=False, form=None, signal_form=None,
                  referral_form=None, status=200):
    follow_ups = queries.follow_ups_for(request.user, contact)
    sent = list(contact.messages.select_related("template", "sent_by"))
    log_view(request, contact, purpose="outreach: reveal identifier" if reveal else "outreach")
    initial = {"target_group": contact.target_group, "response": contact.response,
               "version": contact.version, "next_follow_up": contact.next_follow_up}
    return render(request, "outreach/contact.html", {
        "contact": contact, "reveal": reveal,
        "masked_handle": mask(contact.handle), "masked_phone": mask(contact.phone),
        "topics": labels(contact.topics, Topic.choices),
        "indicators": labels(contact.indicators, Indicator.choices),
        "languages": labels(contact.languages, TemplateLanguage.choices),
        "target_group": labels([contact.target_group], TargetGroup.choices)[0],
        "response": labels([contact.response], Response.choices)[0],
        "follow_ups": follow_ups, "sent": sent,
        "form": form or UpdateContactForm(user=request.user, initial=initial),
        "signal_form": signal_form or SignalFromContactForm(),
        "referral_form": referral_form or ReferralFromContactForm(),
        "anonymised": contact.anonymised_at is not None,
    }, status=status)


def _contact(request, pk, action="view"):
    return get_visible_or_404(request, Contact.objects.select_related("platform", "created_by"),
                              pk=pk, action=action)


@team_page
def contact_detail(request, contact_pk):
    return _contact_page(request, _contact(request, contact_pk))


@team_action
def contact_reveal(request, contact_pk):
    """The full handle and number, on request: the entry's purpose says it was revealed."""
    return _contact_page(request, _contact(request, contact_pk), reveal=True)


@team_action
def contact_update(request, contact_pk):
    contact = _contact(request, contact_pk, "update")
    form = UpdateContactForm(request.POST, user=request.user)
    if form.is_valid():
        response = _post_to_service(
            request, form, lambda: services.update_contact(
                by=request.user, contact_id=contact.pk, version=form.cleaned_data["version"],
                data=form.data_for_service()),
            success=lambda _contact: messages.success(request, _("Contact updated.")),
            done_url=contact.get_absolute_url())
        if response:
            return response
    return _contact_page(request, contact, form=form, status=400)


@team_action
def contact_signal(request, contact_pk):
    contact = _contact(request, contact_pk, "update")
    form = SignalFromContactForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        response = _post_to_service(
            request, form, lambda: outreach_help.report_signal(
                by=request.user, contact_id=contact.pk, description=d["description"],
                indicators=d["indicators"], forms=d["forms_seen"],
                share_phone=d["share_phone"], consent=d["consent"]),
            success=lambda follow_up: messages.success(
                request, _("Signal %(reference)s reported.") % {
                    "reference": follow_up.reference}),
            done_url=contact.get_absolute_url())
        if response:
            return response
    return _contact_page(request, contact, signal_form=form, status=400)


@team_action
def contact_refer(request, contact_pk):
    """A referral to a care organisation with consent (issue 12.4), through the services."""
    contact = _contact(request, contact_pk, "update")
    form = ReferralFromContactForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        response = _post_to_service(
            request, form, lambda: outreach_help.refer_to_care(
                by=request.user, contact_id=contact.pk,
                to_organisation_id=d["to_organisation"].pk, purpose=d["purpose"],
                consent=d["consent"], consent_note=d["consent_note"], forms=d["forms_seen"],
                indicators=d["indicators"], share_identity=d["share_identity"],
                name_used=d["name_used"], submission=d["submission"]),
            success=lambda result: _referred(request, *result),
            done_url=contact.get_absolute_url())
        if response:
            return response
    return _contact_page(request, contact, referral_form=form, status=400)


def _referred(request, follow_up, created: bool) -> None:
    values = {"org": follow_up.to_organisation.name, "reference": follow_up.reference}
    if created:
        messages.success(request, _("Referred to %(org)s: case %(reference)s.") % values)
    else:
        messages.info(request, _("This referral was already sent: %(org)s, case "
                                 "%(reference)s.") % values)


@team_page
def known_before(request):
    form = KnownBeforeForm(request.GET or None)
    result, asked = None, False
    if form.is_valid() and (form.cleaned_data["handle"] or form.cleaned_data["phone"]):
        asked = True
        try:
            found = identifiers.parse(handle=form.cleaned_data["handle"],
                                      phone=form.cleaned_data["phone"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            try:
                result = queries.known_before(request.user, found)
            except queries.TooManyLookups as exc:
                form.add_error(None, _("You have looked up very many handles and numbers this "
                                       "hour; try again in %(minutes)d minutes.") % {
                    "minutes": max(1, exc.retry_after // 60)})
    record_for_request(request, action=Action.SEARCH, object_type="outreach.contact",
                       object_ids=result.record_ids if result else [], purpose="outreach")
    return render(request, "outreach/known_before.html", {
        "form": form, "result": result, "asked": asked,
        "responses": dict(Response.choices),
    })

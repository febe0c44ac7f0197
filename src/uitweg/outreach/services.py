"""The write path of outreach: one function per use case, keyword-only, in a transaction.

Each checks who may do it first (:mod:`uitweg.outreach.permissions`), validates everything
before it writes (a ``ValidationError`` naming every bad field; nothing half-saved), and logs
the write in the access log. Reporting a signal from a contact is in :mod:`.help`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record
from uitweg.core import dates
from uitweg.core.vocabulary import Indicator

from . import identifiers, permissions, templating
from .models import (
    MAX_NOTE,
    Contact,
    ContactIdentifier,
    ContactMessage,
    MessageTemplate,
    Platform,
    Round,
)
from .vocabulary import Response, TargetGroup, TemplateLanguage, Topic

MAX_PROFILES = 100_000


class OutreachError(ValueError):
    """A step that is not possible now (a round closed twice, a stale save)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _log(by: User, action: str, obj, purpose: str = "outreach") -> None:
    record(actor=actor_for(by), action=action, object_type=obj._meta.label_lower,
           object_id=obj.pk, object_label=str(obj), purpose=purpose)


# --- platforms and templates (the team lead) ---------------------------------------------------

@transaction.atomic
def save_platform(*, by: User, name: str, active: bool = True,
                  platform_id: int | None = None) -> Platform:
    permissions.require_lead(by)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError({"name": _("Give a name of at most 100 characters.")})
    if platform_id is None:
        platform = Platform(organisation_id=by.organisation_id)
    else:
        platform = Platform.objects.select_for_update().get(pk=platform_id)
        permissions.require_lead_of(by, platform)
    clash = Platform.objects.filter(organisation_id=by.organisation_id, name__iexact=name)
    if clash.exclude(pk=platform.pk).exists():
        raise ValidationError({"name": _("Your team already has a platform with this name.")})
    platform.name, platform.active = name, active
    platform.save()
    return platform


def template_errors(text: str) -> list[str]:
    """Translated reasons why ``text`` cannot be a template (empty when it can)."""
    try:
        templating.variables_in(text)
    except templating.TemplateProblem as problem:
        if problem.code == templating.UNKNOWN_VARIABLE:
            return [_("Unknown variable(s): %(names)s. Use only: %(allowed)s.") % {
                "names": ", ".join("{%s}" % n for n in problem.names),
                "allowed": ", ".join("{%s}" % n for n in templating.VARIABLES)}]
        if problem.code == templating.EMPTY_TEXT:
            return [_("The text is empty.")]
        return [_("A placeholder is written as {name}; use {{ and }} for a brace.")]
    if len(text) > MAX_NOTE:
        return [_("At most %(n)d characters.") % {"n": MAX_NOTE}]
    return []


@transaction.atomic
def save_template(*, by: User, name: str, language: str, text: str,
                  template_id: int | None = None, version: int | None = None
                  ) -> MessageTemplate:
    """A new template, or a new text for one (``version``: the one the lead edited)."""
    permissions.require_lead(by)
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name or len(name) > 100:
        errors["name"] = [_("Give a name of at most 100 characters.")]
    if language not in TemplateLanguage.values:
        errors["language"] = [_("Choose one of the team's languages.")]
    if problems := template_errors(text or ""):
        errors["text"] = problems
    if errors:
        raise ValidationError(errors)
    if template_id is None:
        template = MessageTemplate(organisation_id=by.organisation_id)
    else:
        template = MessageTemplate.objects.select_for_update().get(pk=template_id)
        permissions.require_lead_of(by, template)
        if version != template.version:
            raise OutreachError("stale", _("Someone changed this template meanwhile; "
                                           "reload it and make your change again."))
        template.version += 1
    clash = MessageTemplate.objects.filter(organisation_id=by.organisation_id, name=name,
                                           language=language).exclude(pk=template.pk)
    if clash.exists():
        raise ValidationError({"language": _("This template already exists in this "
                                             "language.")})
    template.name, template.language, template.text = name, language, text.strip()
    template.save()
    return template


# --- rounds ------------------------------------------------------------------------------------

@transaction.atomic
def start_round(*, by: User, platform: Platform, target_group: str, region: str) -> Round:
    permissions.require_same_team(by, platform)
    errors = {}
    if not platform.active:
        errors["platform"] = [_("This platform is no longer in use.")]
    if target_group not in TargetGroup.values:
        errors["target_group"] = [_("Choose a target group.")]
    region = (region or "").strip()
    if not region or len(region) > 100:
        errors["region"] = [_("Give a region of at most 100 characters.")]
    if errors:
        raise ValidationError(errors)
    round_ = Round.objects.create(organisation_id=by.organisation_id, worker=by,
                                  platform=platform, target_group=target_group, region=region)
    _log(by, Action.CREATE, round_)
    return round_


def _counts(seen: int, contacted: int) -> None:
    if not (0 <= seen <= MAX_PROFILES and 0 <= contacted <= MAX_PROFILES):
        raise ValidationError({"profiles_seen": _("Give numbers from 0 to 100,000.")})
    if contacted > seen:
        raise ValidationError({"profiles_contacted": _(
            "More profiles contacted than seen.")})


@transaction.atomic
def close_round(*, by: User, round_id: int, profiles_seen: int, profiles_contacted: int
                ) -> Round:
    round_ = Round.objects.select_for_update().get(pk=round_id)
    permissions.require_work_round(by, round_)
    if not round_.is_open:
        raise OutreachError("round_closed", _("This round was already closed on %(when)s.") % {
            "when": dates.format_moment(round_.closed_at)})
    _counts(profiles_seen, profiles_contacted)
    round_.profiles_seen, round_.profiles_contacted = profiles_seen, profiles_contacted
    round_.closed_at = timezone.now()
    round_.save(update_fields=["profiles_seen", "profiles_contacted", "closed_at"])
    _log(by, Action.UPDATE, round_)
    return round_


# --- contacts ----------------------------------------------------------------------------------

@dataclass
class ContactData:
    target_group: str
    handle: str = ""
    phone: str = ""
    languages: list[str] = field(default_factory=list)
    response: str = Response.NONE
    topics: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    consent_notes: str = ""
    notes: str = ""
    next_follow_up: date | None = None
    template_id: int | None = None  # the message sent now, if any


def _validate(data: ContactData, by: User) -> MessageTemplate | None:
    errors: dict[str, list] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    if data.target_group not in TargetGroup.values:
        add("target_group", _("Choose a target group."))
    if data.response not in Response.values:
        add("response", _("Choose a response."))
    if any(t not in Topic.values for t in data.topics):
        add("topics", _("Unknown topic."))
    if any(i not in Indicator.values for i in data.indicators):
        add("indicators", _("Unknown indicator."))
    if any(lang not in TemplateLanguage.values for lang in data.languages):
        add("languages", _("Unknown language."))
    for name in ("consent_notes", "notes"):
        if len(getattr(data, name) or "") > MAX_NOTE:
            add(name, _("At most %(n)d characters.") % {"n": MAX_NOTE})
    if data.next_follow_up is not None and data.next_follow_up < timezone.localdate():
        add("next_follow_up", _("A follow-up date cannot lie in the past."))
    template = None
    if data.template_id:
        template = MessageTemplate.objects.filter(
            pk=data.template_id, organisation_id=by.organisation_id).first()
        if template is None:
            add("template_id", _("Choose one of your team's templates."))
    if errors:
        raise ValidationError(errors)
    return template


def _existing(organisation_id: int, digests: list[str]) -> Contact | None:
    row = (ContactIdentifier.objects.filter(organisation_id=organisation_id, digest__in=digests)
           .select_related("contact").first())
    return row.contact if row else None


def _apply(contact: Contact, data: ContactData, by: User, template, round_) -> None:
    today = timezone.localdate()
    contact.languages = list(dict.fromkeys([*contact.languages, *data.languages]))
    contact.topics = list(dict.fromkeys([*contact.topics, *data.topics]))
    contact.indicators = list(dict.fromkeys([*contact.indicators, *data.indicators]))
    contact.response = data.response
    if data.consent_notes.strip():
        contact.consent_notes = data.consent_notes.strip()
    if data.notes.strip():
        contact.notes = data.notes.strip()
    contact.next_follow_up = data.next_follow_up
    contact.last_contact_on = today
    contact.last_activity_at = timezone.now()
    contact.save()
    if template is not None or round_ is not None:
        ContactMessage.objects.create(contact=contact, round=round_, template=template,
                                      language=template.language if template else "",
                                      sent_by=by)


@transaction.atomic
def log_contact(*, by: User, round_id: int, data: ContactData) -> tuple[Contact, bool]:
    """A contact made in a round. A handle or phone the team knows adds to that contact
    (``created`` is False): one person, one contact, also when two workers race."""
    round_ = Round.objects.select_for_update().get(pk=round_id)
    permissions.require_work_round(by, round_)
    if not round_.is_open:
        raise OutreachError("round_closed", _("This round is closed; start a new round."))
    found = identifiers.parse(handle=data.handle, phone=data.phone)
    template = _validate(data, by)
    digests = [i.digest for i in found]
    contact = _existing(by.organisation_id, digests)
    created = False
    if contact is None:
        try:
            with transaction.atomic():  # a savepoint: the race loser falls back below
                contact = _create(by, round_, data, found)
                created = True
        except IntegrityError:
            contact = _existing(by.organisation_id, digests)
            if contact is None:
                raise
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    _add_identifiers(contact, found)
    _apply(contact, data, by, template, round_)
    _log(by, Action.CREATE if created else Action.UPDATE, contact)
    return contact, created


def _create(by: User, round_: Round, data: ContactData, found) -> Contact:
    values = {i.kind: i.canonical for i in found}
    contact = Contact.objects.create(
        organisation_id=by.organisation_id, platform=round_.platform, first_round=round_,
        created_by=by, target_group=data.target_group, handle=values.get("handle", ""),
        phone=values.get("phone", ""))
    ContactIdentifier.objects.bulk_create([
        ContactIdentifier(contact=contact, organisation_id=by.organisation_id, kind=i.kind,
                          digest=i.digest) for i in found])
    return contact


def _add_identifiers(contact: Contact, found) -> None:
    """A phone learnt later for a contact known by handle (or the other way round)."""
    known = set(ContactIdentifier.objects.filter(  # ours, or another contact's: never moved
        organisation_id=contact.organisation_id, digest__in=[i.digest for i in found])
        .values_list("digest", flat=True))
    for item in found:
        if item.digest in known or getattr(contact, item.kind):
            continue
        setattr(contact, item.kind, item.canonical)
        ContactIdentifier.objects.create(contact=contact, organisation_id=contact.organisation_id,
                                         kind=item.kind, digest=item.digest)


@transaction.atomic
def update_contact(*, by: User, contact_id: int, version: int | None, data: ContactData
                   ) -> Contact:
    """A later contact moment: response, topics, follow-up, a message sent."""
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    permissions.require_same_team(by, contact)
    if contact.anonymised_at is not None:
        raise OutreachError("anonymised", _("This contact has been anonymised."))
    if version != contact.version:
        raise OutreachError("stale", _("Someone changed this contact meanwhile; reload the "
                                       "page and make your change again."))
    data.target_group = data.target_group or contact.target_group
    found = identifiers.parse(handle=data.handle, phone=data.phone, required=False)
    template = _validate(data, by)
    clash = _existing(by.organisation_id, [i.digest for i in found])
    if clash is not None and clash.pk != contact.pk:
        raise ValidationError({"handle": _("This handle or number belongs to another contact "
                                           "of your team (%(contact)s).") % {"contact": clash}})
    _add_identifiers(contact, found)
    contact.target_group = data.target_group
    contact.version += 1
    _apply(contact, data, by, template, None)
    _log(by, Action.UPDATE, contact)
    return contact

"""Anonymous chat: conversations, numbered messages, counsellor notes, anonymous registrations.

Nothing here identifies the young person: no account, no address, only a hash of the random
session token their browser keeps in sessionStorage. Transcripts are deleted after the retention
period (``purge_chat_transcripts``); the anonymous :class:`Registration` is all that stays.
"""

from __future__ import annotations

import functools
import operator
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.roles import Role
from uitweg.chat import channels
from uitweg.chat.channels import Channel
from uitweg.chat.public_text import AgeBand
from uitweg.crypto.fields import EncryptedCharField, EncryptedTextField


class Status(models.TextChoices):
    WAITING = "waiting", _("waiting")
    ACTIVE = "active", _("active")
    ENDED = "ended", _("ended")


class EndReason(models.TextChoices):
    YOUTH = "youth", _("the young person ended the chat")
    QUICK_EXIT = "quick_exit", _("used quick exit")
    LEFT = "left", _("young person left")
    COUNSELLOR = "counsellor", _("the counsellor ended the chat")
    BLOCK = "block", _("blocked")


class Sender(models.TextChoices):
    YOUTH = "youth", _("young person")
    COUNSELLOR = "counsellor", _("counsellor")
    SYSTEM = "system", _("system")


def _of_organisation(spec: channels.ChannelSpec, user) -> Q:
    """Outreach chats: those of the user's organisation, and the shared queue (no code)."""
    if not spec.by_organisation:
        return Q()
    return Q(organisation__isnull=True) | Q(organisation_id=user.organisation_id)


def waiting_for(user) -> Q:
    """A waiting chat anyone of the channel may pick, or one opened with ``user``'s code."""
    return Q(status=Status.WAITING) & (Q(requested_counsellor__isnull=True)
                                       | Q(requested_counsellor_id=user.pk))


class ConversationQuerySet(models.QuerySet):
    def visible_to(self, user) -> ConversationQuerySet:
        """Per channel (ADR 0110): its supervisors see its chats; its counsellors the queue and
        their own chats; outreach chats only within the worker's organisation; others none."""
        if not user.is_authenticated:
            return self.none()
        rules = []
        for key, spec in channels.CHANNELS.items():
            if user.has_role(*spec.supervisor_roles):
                rules.append(Q(channel=key) & _of_organisation(spec, user))
            elif user.has_role(*spec.counsellor_roles):
                rules.append(Q(channel=key) & _of_organisation(spec, user)
                             & (Q(counsellor=user) | waiting_for(user)))
        if not rules:
            return self.none()
        return self.filter(functools.reduce(operator.or_, rules))

    def live(self) -> ConversationQuerySet:
        return self.exclude(status=Status.ENDED)


class Conversation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    #: Which door the chat came through (ADR 0110): who answers it, who sees it.
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices,
                               default=Channel.YOUTH, db_index=True)
    #: Outreach chats: the organisation of the worker whose code opened it (none: shared queue).
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    #: Opened with a worker's personal code: waiting for that worker only.
    requested_counsellor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.SET_NULL, related_name="+")
    #: SHA-256 of the young person's random session token; the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    nickname = EncryptedCharField(_("nickname"), max_length=40, blank=True)
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    language = models.CharField(max_length=8, default="nl")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WAITING,
                              db_index=True)
    counsellor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="chat_conversations")
    created_at = models.DateTimeField(auto_now_add=True)
    picked_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True, db_index=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    last_seq = models.PositiveIntegerField(default=0)
    youth_read_seq = models.PositiveIntegerField(default=0)
    counsellor_read_seq = models.PositiveIntegerField(default=0)
    registered = models.BooleanField(default=False)
    #: When a socket of the young person was last heard (connect, frames, disconnect); a live
    #: chat not heard for CHAT_LEFT_AFTER minutes is ended as "left" (services.sweep_left).
    youth_seen_at = models.DateTimeField(null=True, blank=True)
    #: How the chat ended: youth, quick_exit, left, counsellor, block ("" while live).
    end_reason = models.CharField(max_length=12, choices=EndReason.choices, blank=True,
                                  default="")

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("chat")
        verbose_name_plural = _("chats")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.audit_label

    @property
    def audit_label(self) -> str:
        return f"chat-{self.pk}"

    @property
    def group_name(self) -> str:
        return f"chat.{self.public_id.hex}"

    @property
    def language_name(self) -> str:
        """The young person's language, named in the reader's language ("Pools")."""
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language

    @property
    def youth_gone(self) -> bool:
        """The young person is no longer there: they left, or used the quick exit."""
        return self.end_reason in (EndReason.LEFT, EndReason.QUICK_EXIT)


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user) -> MessageQuerySet:
        return self.filter(conversation__in=Conversation.objects.visible_to(user))


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE,
                                     related_name="messages")
    seq = models.PositiveIntegerField()
    client_id = models.CharField(max_length=64)
    sender = models.CharField(max_length=12, choices=Sender.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    body = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="chat_message_seq"),
            models.UniqueConstraint(fields=["conversation", "client_id"],
                                    name="chat_message_client_id"),
        ]

    @property
    def audit_label(self) -> str:
        return f"chat-{self.conversation_id}"


    def __str__(self) -> str:
        return f"chat-{self.conversation_id}#{self.seq}"

class NoteQuerySet(models.QuerySet):
    def visible_to(self, user) -> NoteQuerySet:
        return self.filter(conversation__in=Conversation.objects.visible_to(user))


class Note(models.Model):
    """A counsellor's private note on a chat; never shown to the young person."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]


    def __str__(self) -> str:
        return f"note-{self.pk}"

class RiskCheck(models.Model):
    """Structured suicide/danger risk check (thoughts, plan, means, timeframe; acute danger)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE,
                                     related_name="risk_checks")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    thoughts = models.BooleanField(_("thoughts of harming themselves or of being harmed"))
    plan = models.BooleanField(_("a plan"))
    means = models.BooleanField(_("access to the means"))
    timeframe = models.BooleanField(_("a timeframe (soon)"))
    acute_danger = models.BooleanField(_("acute danger now"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def level(self) -> str:
        if self.acute_danger or (self.plan and self.means and self.timeframe):
            return "acute"
        if self.thoughts or self.plan:
            return "raised"
        return "low"

    @property
    def level_label(self) -> str:
        return str({"acute": _("acute"), "raised": _("raised"), "low": _("low")}[self.level])


    def __str__(self) -> str:
        return f"risk-{self.pk}"

class Block(models.Model):
    """A blocked session token (hash) until a moment chosen by the counsellor."""

    token_hash = models.CharField(max_length=64, db_index=True)
    until = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


    def __str__(self) -> str:
        return f"block-{self.pk}"

class CannedResponse(models.Model):
    """A ready-made answer the counsellor can insert; edited by the chat supervisor."""

    title = models.CharField(_("title"), max_length=80)
    text = models.TextField(_("text"), max_length=2000)
    order = models.PositiveIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("canned response")
        verbose_name_plural = _("canned responses")

    def __str__(self) -> str:
        return self.title


class Topic(models.TextChoices):
    EXPLOITATION = "exploitation", _("(possible) exploitation of the young person")
    FRIEND = "friend", _("worried about someone else")
    LOVERBOY = "loverboy", _("lover-boy pattern / grooming")
    WORK = "work", _("work or money problems")
    VIOLENCE = "violence", _("violence or threats")
    OTHER = "other", _("other")


class ExploitationForm(models.TextChoices):
    NONE = "", _("none / unclear")
    SEXUAL = "sexual", _("sexual exploitation")
    LABOUR = "labour", _("labour exploitation")
    CRIMINAL = "criminal", _("criminal exploitation")
    ORGAN = "organ", _("forced organ removal")


class Outcome(models.TextChoices):
    INFORMED = "informed", _("information and advice")
    HANDOVER = "handover", _("warm handover to care")
    SIGNAL = "signal", _("signal to the intake")
    EMERGENCY = "emergency", _("emergency services")
    DROPPED = "dropped", _("young person left")
    ABUSE = "abuse", _("abusive / not genuine")


class Registration(models.Model):
    """The anonymous registration kept for statistics; no link to the transcript."""

    day = models.DateField()
    #: The chat's channel (ADR 0110): figures of the youth chat and the outreach chat apart.
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices,
                               default=Channel.YOUTH, db_index=True)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    exploitation_form = models.CharField(_("form of exploitation"), max_length=16,
                                         choices=ExploitationForm.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    wait_seconds = models.PositiveIntegerField(default=0)
    duration_seconds = models.PositiveIntegerField(default=0)


    def __str__(self) -> str:
        return f"registration-{self.pk}"

class HandoverQuerySet(models.QuerySet):
    def visible_to(self, user) -> HandoverQuerySet:
        """Looked up by code only; listing is for chat staff (counsellor: own handovers)."""
        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.CHAT_SUPERVISOR):
            return self.all()
        if user.has_role(*channels.ALL_ROLES):  # an outreach lead: their own, like a counsellor
            return self.filter(created_by=user)
        if user.has_role(Role.CARE_COORDINATOR, Role.CASE_WORKER, Role.INTAKE_OFFICER):
            return self.all()
        return self.none()


class Handover(models.Model):
    """A warm-handover code the young person takes to a care organisation, with only what they
    agreed to share."""

    code = models.CharField(max_length=12, unique=True)
    shared_summary = EncryptedTextField(_("what the young person agreed to share"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    objects = HandoverQuerySet.as_manager()

    @property
    def audit_label(self) -> str:
        return f"handover-{self.pk}"

    def __str__(self) -> str:
        return self.audit_label


class Invite(models.Model):
    """A personal code an outreach worker hands to one contact (ADR 0110, :mod:`.invites`): it
    opens one chat with that worker. Only the code's digest is stored; nothing about the
    contact."""

    code_digest = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.OUTREACH)
    counsellor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invite-{self.pk}"


class ConsolePresence(models.Model):
    """A staff member with the chat console open: how many queue sockets, last heard (issue 10,
    :mod:`uitweg.chat.availability`). Counts towards the wait estimate while heard recently."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True,
                                on_delete=models.CASCADE, related_name="+")
    sockets = models.PositiveIntegerField(default=0)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"console-{self.pk}"

"""The chat's channels: one delivery machinery, several public doors (ADR 0110).

A channel says who the public side is, who answers (counsellor roles) and who oversees
(supervisor roles), in which languages its page exists, when it is open, and whether its chats
belong to an organisation (the outreach team that runs it). Everything else — delivery, the
per-chat budgets, no IP address, quick exit, retention, blocking — is the same code for every
channel. No database access here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.roles import Role


class Channel(models.TextChoices):
    YOUTH = "youth", _("youth chat")
    OUTREACH = "outreach", _("outreach chat")


@dataclass(frozen=True)
class ChannelSpec:
    key: str
    counsellor_roles: frozenset[str]
    supervisor_roles: frozenset[str]
    #: The setting with this channel's opening hours (see :mod:`uitweg.chat.hours`).
    hours_setting: str
    #: Chats belong to the organisation of the worker whose code opened them.
    by_organisation: bool
    #: Outreach workers hand out personal codes that open a chat with them.
    personal_codes: bool

    @property
    def roles(self) -> frozenset[str]:
        return self.counsellor_roles | self.supervisor_roles

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages its public page exists in (URL prefixes)."""
        return languages(self.key)

    @property
    def opening_hours(self) -> str:
        return getattr(settings, self.hours_setting)


CHANNELS: dict[str, ChannelSpec] = {
    Channel.YOUTH: ChannelSpec(
        key=Channel.YOUTH, counsellor_roles=frozenset({Role.CHAT_COUNSELLOR}),
        supervisor_roles=frozenset({Role.CHAT_SUPERVISOR}), hours_setting="CHAT_OPENING_HOURS",
        by_organisation=False, personal_codes=False),
    Channel.OUTREACH: ChannelSpec(
        key=Channel.OUTREACH, counsellor_roles=frozenset({Role.OUTREACH_WORKER}),
        supervisor_roles=frozenset({Role.OUTREACH_LEAD}),
        hours_setting="CHAT_OUTREACH_OPENING_HOURS", by_organisation=True, personal_codes=True),
}
#: Every role that uses a chat console of some channel.
ALL_ROLES: tuple[str, ...] = tuple(sorted({r for spec in CHANNELS.values() for r in spec.roles}))


def spec(channel: str) -> ChannelSpec:
    return CHANNELS[channel]


def languages(channel: str) -> tuple[str, ...]:
    """Youth: every public language of the platform except those of other pages only (ADR 0092,
    0110); outreach: its own list (with Spanish, which only this page has)."""
    if channel == Channel.OUTREACH:
        return tuple(settings.CHAT_OUTREACH_LANGUAGES)
    only_elsewhere = (set(getattr(settings, "PREVENTION_ONLY_LANGUAGES", ()))
                      | set(getattr(settings, "CHAT_OUTREACH_ONLY_LANGUAGES", ())))
    return tuple(code for code, _name in settings.LANGUAGES if code not in only_elsewhere)


def counselled_by(user) -> list[str]:
    """The channels whose chats ``user`` may pick up."""
    return [key for key, s in CHANNELS.items() if user.has_role(*s.counsellor_roles)]


def supervised_by(user) -> list[str]:
    return [key for key, s in CHANNELS.items() if user.has_role(*s.supervisor_roles)]

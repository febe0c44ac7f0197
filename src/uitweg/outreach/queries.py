"""Reads of outreach: the "known before?" look-up and the worklists, always through visible_to.

A look-up or worklist is a handful of indexed queries whatever the team's size (no per-row
queries; the tests count them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from uitweg.accounts.roles import Role
from uitweg.core import ratelimit

from .identifiers import Identifier
from .models import Contact, ContactIdentifier, Round
from .vocabulary import Response

WORKLIST_LIMIT = 50
#: "known before?" look-ups per staff member per hour: a day's real work, not a sweep through
#: a list of numbers (core.ratelimit, the one limiter)
LOOKUP_LIMIT = 300
LOOKUP_WINDOW = 3600


class TooManyLookups(Exception):
    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass
class KnownBefore:
    contacts: list[Contact] = field(default_factory=list)
    #: signals and case files sharing a phone number that the user may open
    signals: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    #: matches in signals and cases the user may not open: a count for care coordinators only
    hidden_elsewhere: int | None = None

    @property
    def record_ids(self) -> list[str]:
        return ([f"outreach.contact:{c.pk}" for c in self.contacts]
                + [f"signals.signal:{s.pk}" for s in self.signals]
                + [f"cases.case:{c.pk}" for c in self.cases])


def known_before(user, found: list[Identifier]) -> KnownBefore:
    """The team's contacts with any of these identifiers (the same blind index as the intake),
    and the signals and cases that share one, as far as ``user`` may see them."""
    from uitweg.cases.queries import cases_matching_identifiers
    from uitweg.signals.models import Signal, SignalIdentifier

    result = KnownBefore()
    digests = [i.digest for i in found]
    if not digests:
        return result
    decision = ratelimit.hit("outreach.lookup", str(user.pk), limit=LOOKUP_LIMIT,
                             window=LOOKUP_WINDOW)
    if not decision:
        raise TooManyLookups(decision.retry_after)
    contact_ids = ContactIdentifier.objects.filter(digest__in=digests).values("contact_id")
    result.contacts = list(Contact.objects.visible_to(user).filter(pk__in=contact_ids)
                           .select_related("created_by", "platform"))
    pairs = [(i.kind, i.digest) for i in found]
    condition = Q(pk__in=[])
    for kind, digest in pairs:
        condition |= Q(kind=kind, digest=digest)
    signal_ids = SignalIdentifier.objects.filter(condition).values("signal_id")
    matching_signals = Signal.objects.filter(pk__in=signal_ids)
    result.signals = list(matching_signals.visible_to(user))
    matching_cases = cases_matching_identifiers(pairs)
    result.cases = list(matching_cases.visible_to(user))
    if user.has_role(Role.CARE_COORDINATOR):
        result.hidden_elsewhere = (
            matching_signals.exclude(pk__in=[s.pk for s in result.signals]).count()
            + matching_cases.exclude(pk__in=[c.pk for c in result.cases]).count())
    return result


@dataclass
class FollowUpRow:
    at: object
    label: str
    reference: str
    organisation: str
    url: str  # empty unless the user may open the signal or case file


def follow_ups_for(user, contact: Contact) -> list[FollowUpRow]:
    """What followed from ``contact``: each signal or referral with its reference, linked only
    when ``user`` may open the record (``visible_to`` of signals and cases; two queries at most
    for the links, whatever the number of rows)."""
    from uitweg.cases.queries import visible_cases
    from uitweg.signals.models import Signal

    rows = list(contact.follow_ups.select_related("to_organisation")
                .annotate(case_pk=F("referral__case_id")))
    signal_ids = {r.signal_id for r in rows if r.signal_id}
    case_ids = {r.case_pk for r in rows if r.case_pk}
    open_signals = set(Signal.objects.visible_to(user).filter(pk__in=signal_ids)
                       .values_list("pk", flat=True)) if signal_ids else set()
    open_cases = set(visible_cases(user).filter(pk__in=case_ids)
                     .values_list("pk", flat=True)) if case_ids else set()
    result = []
    for row in rows:
        url = ""
        if row.signal_id in open_signals:
            url = reverse("signals:detail", args=[row.reference])
        elif row.case_pk in open_cases:
            url = reverse("cases:detail", kwargs={"pk": row.case_pk})
        result.append(FollowUpRow(row.at, row.get_kind_display(), row.reference,
                                  row.to_organisation.name if row.to_organisation else "", url))
    return result


@dataclass
class Worklist:
    follow_ups_due: list[Contact]
    unanswered: list[Contact]
    open_rounds: list[Round]

    @property
    def contacts(self) -> list[Contact]:
        return list({c.pk: c for c in [*self.follow_ups_due, *self.unanswered]}.values())


def _live(user):
    return Contact.objects.visible_to(user).filter(anonymised_at=None).select_related(
        "platform")


def worker_worklist(user, today: date | None = None) -> Worklist:
    today = today or timezone.localdate()
    mine = _live(user).filter(created_by=user)
    return Worklist(
        follow_ups_due=list(mine.filter(next_follow_up__lte=today)
                            .order_by("next_follow_up", "pk")[:WORKLIST_LIMIT]),
        unanswered=list(mine.filter(response=Response.NONE)
                        .order_by("last_contact_on", "pk")[:WORKLIST_LIMIT]),
        open_rounds=list(Round.objects.visible_to(user).filter(worker=user, closed_at=None)
                         .select_related("platform")),
    )


@dataclass
class TeamOverview:
    rounds: list[Round]
    per_worker: list[dict]
    overdue: list[Contact]


def team_overview(user, today: date | None = None, days: int = 30) -> TeamOverview:
    today = today or timezone.localdate()
    since = timezone.now() - timedelta(days=days)
    rounds = (Round.objects.visible_to(user).filter(Q(closed_at=None) | Q(started_at__gte=since))
              .select_related("platform", "worker").order_by("-started_at")[:WORKLIST_LIMIT])
    live = _live(user)
    per_worker = list(
        live.values("created_by", "created_by__username", "created_by__first_name",
                    "created_by__last_name")
        .annotate(contacts=Count("pk"),
                  due=Count("pk", filter=Q(next_follow_up__lte=today)),
                  unanswered=Count("pk", filter=Q(response=Response.NONE)))
        .order_by("created_by__username"))
    overdue = list(live.filter(next_follow_up__lt=today).select_related("created_by")
                   .order_by("next_follow_up", "pk")[:WORKLIST_LIMIT])
    return TeamOverview(list(rounds), per_worker, overdue)


def contact_dimensions() -> dict:
    """Expressions for aggregate counts of outreach contacts across organisations (monitoring):
    one code per contact row, counted in the period of the first contact. Callers aggregate."""
    from django.db.models import F

    return {"target_group": F("target_group"), "response": F("response")}


def all_contacts():
    """Every outreach contact, unfiltered by user: for aggregate counts only (monitoring)."""
    return Contact.objects.all()


def registrations_for_linkage(year: int):
    """For the estimate of the hidden number only (``uitweg.monitoring.registrations``, ADR
    0075): per contact first made in ``year``, ``("outreach", "", None, exact keys,
    {"gender": target group})``. Outreach keeps no name, date of birth or form of exploitation
    (its target group — women, men, transgender persons — stands for the gender); the blind
    indexes of the handle and phone number are its exact keys (a phone number has the same
    digest in a signal or a case). Anonymised contacts are left out."""
    contacts = Contact.objects.filter(first_contact_on__year=year, anonymised_at__isnull=True)
    digests: dict[int, list[str]] = {}
    for contact_id, kind, digest in (ContactIdentifier.objects.filter(contact__in=contacts)
                                     .values_list("contact_id", "kind", "digest")):
        digests.setdefault(contact_id, []).append(f"{kind}:{digest}")
    for contact_id, target_group in (contacts.order_by("pk")
                                     .values_list("pk", "target_group").iterator()):
        yield ("outreach", "", None, tuple(digests.get(contact_id, ())),
               {"gender": target_group})

"""Reads of the signals app: candidate matches and recurring places, always through visible_to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from uitweg.accounts.roles import Role
from uitweg.crypto.index import IdentifierKind
from uitweg.signals.models import (
    DismissedCandidate,
    Signal,
    SignalCaseLink,
    SignalIdentifier,
    SignalLink,
)
from uitweg.signals.vocabulary import RECURRING_KINDS


@dataclass
class Candidate:
    type: str  # "signal" or "case"
    id: int
    label: str
    kinds: list[str]
    obj: Any = None


@dataclass
class Candidates:
    items: list[Candidate] = field(default_factory=list)
    hidden: int | None = None  # only for care coordinators

    @property
    def record_ids(self) -> list[str]:
        prefix = {"signal": "signals.signal", "case": "cases.case"}
        return [f"{prefix[c.type]}:{c.id}" for c in self.items]


def _pairs_q(pairs) -> Q:
    condition = Q(pk__in=[])
    for kind, digest in pairs:
        condition |= Q(kind=kind, digest=digest)
    return condition


def linked_signal_ids(signal: Signal) -> set[int]:
    rows = SignalLink.objects.filter(Q(from_signal=signal) | Q(to_signal=signal))
    return {r.to_signal_id if r.from_signal_id == signal.pk else r.from_signal_id
            for r in rows}


def linked_signals(signal: Signal, user):
    return Signal.objects.visible_to(user).filter(pk__in=linked_signal_ids(signal))


def linked_cases(signal: Signal, user):
    from uitweg.cases.queries import visible_cases

    ids = SignalCaseLink.objects.filter(signal=signal).values("case_id")
    return visible_cases(user).filter(pk__in=ids)


def candidates_for(signal: Signal, user) -> Candidates:
    """Earlier signals and cases sharing an identifier, visible to ``user``; not yet linked or
    dismissed. ``hidden`` counts the matches ``user`` may not see, for coordinators only."""
    from uitweg.cases.queries import cases_matching_identifiers

    pairs = list(signal.identifiers.values_list("kind", "digest"))
    result = Candidates()
    if not pairs:
        result.hidden = 0 if user.has_role(Role.CARE_COORDINATOR) else None
        return result
    dismissed = DismissedCandidate.objects.filter(signal=signal)
    dismissed_signals = {d.target_id for d in dismissed if d.target_type == "signal"}
    dismissed_cases = {d.target_id for d in dismissed if d.target_type == "case"}
    linked = linked_signal_ids(signal)

    # Other signals: which identifier kinds they share.
    shared: dict[int, set[str]] = {}
    rows = (SignalIdentifier.objects.filter(_pairs_q(pairs)).exclude(signal=signal)
            .values_list("signal_id", "kind"))
    for signal_id, kind in rows:
        shared.setdefault(signal_id, set()).add(kind)
    visible = {s.pk: s for s in Signal.objects.visible_to(user).filter(pk__in=shared)}
    for pk in sorted(visible, key=lambda p: visible[p].received_at, reverse=True):
        if pk in linked or pk in dismissed_signals:
            continue
        result.items.append(Candidate("signal", pk, visible[pk].reference,
                                      sorted(shared[pk]), visible[pk]))
    hidden = len(set(shared) - set(visible))

    # Case files (cases app): one query per identifier for the kinds, only for visible cases.
    case_pairs = [(k, d) for k, d in pairs if k in IdentifierKind.ALL]
    matching = cases_matching_identifiers(case_pairs)
    linked_case_ids = set(SignalCaseLink.objects.filter(signal=signal)
                          .values_list("case_id", flat=True))
    visible_cases = {c.pk: c for c in matching.visible_to(user)}
    hidden += matching.exclude(pk__in=list(visible_cases)).count()
    if visible_cases:
        case_kinds: dict[int, set[str]] = {}
        for kind, digest in case_pairs:
            ids = cases_matching_identifiers([(kind, digest)]).filter(
                pk__in=list(visible_cases)).values_list("pk", flat=True)
            for pk in ids:
                case_kinds.setdefault(pk, set()).add(kind)
        for pk, case in visible_cases.items():
            if pk in linked_case_ids or pk in dismissed_cases:
                continue
            result.items.append(Candidate("case", pk, case.number,
                                          sorted(case_kinds.get(pk, ())), case))
    result.hidden = hidden if user.has_role(Role.CARE_COORDINATOR) else None
    return result


@dataclass
class Recurring:
    kind: str
    digest: str
    value: str
    detail: str
    count: int
    signals: list[Signal]


def recurring(user, *, kind: str = "", minimum: int = 2, limit: int = 50) -> list[Recurring]:
    """Places, businesses, phone numbers and websites in ``minimum`` or more signals that
    ``user`` may see, with counts (over those signals only) and the signals themselves."""
    kinds = [kind] if kind in RECURRING_KINDS else list(RECURRING_KINDS)
    base = SignalIdentifier.objects.visible_to(user).filter(kind__in=kinds)
    groups = list(base.values("kind", "digest")
                  .annotate(n=Count("signal", distinct=True))
                  .filter(n__gte=minimum).order_by("-n", "kind", "digest")[:limit])
    if not groups:
        return []
    rows = (base.filter(_pairs_q([(g["kind"], g["digest"]) for g in groups]))
            .select_related("signal").order_by("signal__received_at"))
    by_key: dict[tuple[str, str], list[SignalIdentifier]] = {}
    for row in rows:
        by_key.setdefault((row.kind, row.digest), []).append(row)
    result = []
    for g in groups:
        items = by_key.get((g["kind"], g["digest"]), [])
        if not items:
            continue
        first = items[0]
        signals = list({i.signal_id: i.signal for i in items}.values())
        result.append(Recurring(g["kind"], g["digest"], first.value, first.detail,
                                g["n"], signals))
    return result


def signal_dimensions() -> dict:
    """Expressions for aggregate counts of signals (monitoring): one code per signal row.
    Callers aggregate; no signal content is read."""
    from django.db.models import Case, F, Value, When

    from uitweg.signals.vocabulary import Status

    return {
        "source": F("source"),
        "priority": F("priority"),
        "outcome": Case(When(status=Status.CLOSED, then=F("closure_reason")),
                         default=Value("open")),
    }


def all_signals():
    """Every signal, unfiltered by user: for aggregate counts only (monitoring)."""
    return Signal.objects.all()


def registrations_for_linkage(year: int):
    """For the estimate of the hidden number only (``uitweg.monitoring.registrations``, ADR
    0075): per possible victim in a signal received in ``year``, ``(organisation kind that
    reported it, or "public" for a public report, full name, date of birth, exact keys,
    {"form": the signal's forms of exploitation, "gender": the person's gender})``. The
    exact keys are the person's blind-index digests (name with date of birth, phone) and, when
    the signal names one possible victim, the case files it was linked to. Names are decrypted:
    the one caller encodes each row at once and keeps no identity. Anonymised signals are left
    out, and so are persons without a name (nothing to link on).
    """
    from uitweg.signals.models import SignalCaseLink, SignalPerson
    from uitweg.signals.vocabulary import PersonRole
    from uitweg.signals.vocabulary import Source as SignalSource

    persons = (SignalPerson.objects
               .filter(signal__received_at__year=year, signal__anonymised_at__isnull=True,
                       role=PersonRole.POSSIBLE_VICTIM)
               .select_related("signal", "signal__reporting_organisation").order_by("pk"))
    digests: dict[int, list[str]] = {}
    for person_id, kind, digest in (SignalIdentifier.objects
                                    .filter(person__in=persons, kind__in=("person", "phone"))
                                    .values_list("person_id", "kind", "digest")):
        digests.setdefault(person_id, []).append(f"{kind}:{digest}")
    victims = dict(persons.values("signal_id").annotate(n=Count("pk"))
                   .values_list("signal_id", "n"))
    cases: dict[int, list[str]] = {}
    for signal_id, case_id in (SignalCaseLink.objects
                               .filter(signal_id__in=[s for s, n in victims.items() if n == 1])
                               .values_list("signal_id", "case_id")):
        cases.setdefault(signal_id, []).append(f"case:{case_id}")
    for person in persons.iterator(chunk_size=2000):
        if not person.full_name:
            continue
        signal = person.signal
        organisation = signal.reporting_organisation
        if signal.source == SignalSource.PUBLIC or organisation is None:
            kind = "public"
        else:
            kind = organisation.kind
        yield (kind, person.full_name, person.date_of_birth,
               tuple(digests.get(person.pk, ())) + tuple(cases.get(signal.pk, ())),
               {"form": tuple(signal.forms or ()), "gender": person.gender})

"""Test helpers: assert what a request wrote to the access log."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from uitweg.audit.models import AccessLogEntry


@dataclass
class Captured:
    entries: list[AccessLogEntry] = field(default_factory=list)


@contextlib.contextmanager
def assert_one_access_entry(action: str, *, object_type: str | None = None,
                            outcome: str = "granted"):
    """``with assert_one_access_entry("view", object_type="cases.case") as log: client.get(..)``"""
    before = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    captured = Captured()
    yield captured
    captured.entries = list(AccessLogEntry.objects.filter(seq__gt=before).order_by("seq"))
    summary = [(e.action, e.object_type, e.outcome) for e in captured.entries]
    assert len(captured.entries) == 1, f"expected exactly one access entry, got {summary}"
    entry = captured.entries[0]
    assert entry.action == action, f"expected action {action}, got {summary}"
    assert entry.outcome == outcome, f"expected outcome {outcome}, got {summary}"
    if object_type is not None:
        assert entry.object_type == object_type, f"expected {object_type}, got {summary}"


@contextlib.contextmanager
def assert_no_access_entry():
    before = AccessLogEntry.objects.count()
    yield
    after = AccessLogEntry.objects.count()
    assert after == before, f"expected no access entry, {after - before} written"

"""Demo data: a case owner on most open demo cases (idempotent: only cases without one)."""

from __future__ import annotations

from django.db import transaction

from uitweg.accounts.models import User

from . import owner
from .models import Case, CaseState


@transaction.atomic
def load(stdout=None) -> None:
    coordinator = User.objects.filter(username="coordinator").first()
    if coordinator is None:
        return
    cases = (Case.objects.filter(source_reference__startswith="demo-", owner__isnull=True,
                                 coordinating_organisation_id=coordinator.organisation_id)
             .exclude(state=CaseState.CLOSED).order_by("pk"))
    changed = 0
    for case in cases:
        if case.pk % 4 == 3:
            continue  # some cases have no owner yet: the list shows that too
        owner.set_owner(by=coordinator, case=case, owner=coordinator,
                        expected_version=case.version)
        changed += 1
    if stdout and changed:
        stdout.write(f"cases: {changed} demo cases given a case owner")

"""The functional administrator's configuration of signals: routing rules and partner-API keys.
Part of the write path; :mod:`uitweg.signals.services` re-exports these names."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from uitweg.accounts.models import Organisation, User
from uitweg.core.vocabulary import ExploitationForm
from uitweg.signals import permissions
from uitweg.signals.errors import SignalError
from uitweg.signals.models import (
    ApiKey,
    RoutingRule,
)


@transaction.atomic
def save_routing_rule(*, by: User, rule: RoutingRule) -> RoutingRule:
    permissions.require_configure(by)
    if rule.form and rule.form not in ExploitationForm.values:
        raise SignalError("unknown form of exploitation")
    rule.save()
    return rule


@transaction.atomic
def delete_routing_rule(*, by: User, rule_id: int) -> None:
    permissions.require_configure(by)
    RoutingRule.objects.filter(pk=rule_id).delete()


def hash_api_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def issue_api_key(*, by: User | None, organisation: Organisation, name: str,
                  scopes: list[str]) -> tuple[ApiKey, str]:
    """A new key; the raw key is returned once and only its SHA-256 is stored."""
    from uitweg.signals.models import ApiScope

    if by is not None:  # None: the command line (manage.py), run by the operator
        permissions.require_configure(by)
    unknown = [s for s in scopes if s not in ApiScope.values]
    if unknown or not scopes:
        raise SignalError("unknown or no scopes")
    prefix = secrets.token_hex(4)
    raw = f"uw_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(organisation=organisation, name=name, prefix=prefix,
                                hashed_key=hash_api_key(raw), scopes=list(scopes))
    return key, raw


@transaction.atomic
def revoke_api_key(*, by: User, key_id: int) -> None:
    permissions.require_configure(by)
    ApiKey.objects.filter(pk=key_id).update(active=False)

"""Saved case-list filters: a user's own named filters (write use cases)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record

from . import permissions
from .case_list import clean_query
from .models import SavedCaseFilter
from .services import CaseError

MAX_PER_USER = 20


@transaction.atomic
def save_filter(*, by: User, name: str, params) -> SavedCaseFilter:
    """Save the list filter in ``params`` (a QueryDict or dict) under ``name`` for ``by``;
    a filter with the same name is replaced."""
    permissions.require_case_staff(by)
    name = (name or "").strip()
    if not name:
        raise CaseError(_("Give the filter a name."))
    if len(name) > 60:
        raise CaseError(_("A filter name has at most 60 characters."))
    query = clean_query(params)
    existing = SavedCaseFilter.objects.select_for_update().filter(user=by)
    same = existing.filter(name=name).first()
    if same is None and existing.count() >= MAX_PER_USER:
        raise CaseError(_("You can keep at most %(n)d filters; delete one first.")
                        % {"n": MAX_PER_USER})
    if same is not None:
        same.query = query
        same.save(update_fields=["query"])
        saved = same
    else:
        saved = SavedCaseFilter.objects.create(user=by, name=name, query=query)
    record(actor=actor_for(by), action=Action.UPDATE if same else Action.CREATE,
           object_type="cases.savedcasefilter", object_id=saved.pk, purpose="care")
    return saved


@transaction.atomic
def delete_filter(*, by: User, saved_id: int) -> None:
    saved = SavedCaseFilter.objects.visible_to(by).select_for_update().filter(pk=saved_id).first()
    if saved is None:
        raise CaseError(_("This filter does not exist (any more)."))
    record(actor=actor_for(by), action=Action.DELETE, object_type="cases.savedcasefilter",
           object_id=saved.pk, purpose="care")
    saved.delete()

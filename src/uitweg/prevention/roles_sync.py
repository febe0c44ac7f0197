"""Wagtail group membership follows the platform's roles (ADR 0090).

A staff member with the role ``editor`` or ``publisher`` is in their organisation's
``cms-editor-<id>`` / ``cms-publisher-<id>`` group, and in no other ``cms-`` group; losing the
role, moving organisation or being deactivated removes them. Synced whenever the user is saved
(roles and organisation live on the user, ADR 0004).
"""

from __future__ import annotations

from django.db.models.signals import post_save

from uitweg.accounts.roles import Role

CMS_ROLES = (Role.EDITOR, Role.PUBLISHER)


def wanted_groups(user) -> set[str]:
    from uitweg.prevention.cms import group_name

    if not user.is_active or user.organisation_id is None:
        return set()
    return {group_name(user.organisation_id, role) for role in CMS_ROLES
            if role in (user.roles or [])}


def sync_user(user) -> None:
    from django.contrib.auth.models import Group

    from uitweg.prevention.cms import GROUP_PREFIX, organisation_groups

    wanted = wanted_groups(user)
    current = set(user.groups.filter(name__startswith=GROUP_PREFIX)
                  .values_list("name", flat=True))
    if wanted == current:
        return
    if wanted:
        organisation_groups(user.organisation)
    stale = current - wanted
    if stale:
        user.groups.remove(*Group.objects.filter(name__in=stale))
    if wanted - current:
        user.groups.add(*Group.objects.filter(name__in=wanted - current))


def _on_user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created and not wanted_groups(instance):
        return
    sync_user(instance)


def _on_section_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from uitweg.prevention.cms import refresh_section

        refresh_section(instance)


def connect() -> None:
    from django.contrib.auth import get_user_model

    from uitweg.prevention.models import OrganisationSection

    post_save.connect(_on_user_saved, sender=get_user_model(),
                      dispatch_uid="prevention.roles_sync.user")
    post_save.connect(_on_section_saved, sender=OrganisationSection,
                      dispatch_uid="prevention.roles_sync.section")

"""The CMS's structure, kept in step with the platform's organisations and roles (ADR 0090).

- ``ensure_site()``: every content language as a Wagtail locale, the home page "Werken in
  Nederland" as the site root (replacing Wagtail's welcome page).
- ``organisation_groups(org)``: two Wagtail groups per organisation, ``cms-editor-<id>`` and
  ``cms-publisher-<id>``, with page permissions on the organisation's part of the tree — the
  municipality the whole tree, a partner organisation only its ``OrganisationSection`` (in every
  locale) — and its own moderation workflow: an editor submits, a publisher of the
  organisation (or of the municipality) approves and publishes.

Users join these groups from their roles (:mod:`uitweg.prevention.roles_sync`); nobody edits
group membership by hand.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from uitweg.accounts.roles import OrganisationKind, Role

HOME_SLUG = "werken-in-nederland"
HOME_TITLE = "Werken in Nederland"
EDITOR_PAGE_PERMS = ("add_page", "change_page")
PUBLISHER_PAGE_PERMS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
MEDIA_PERMS = {"wagtailimages": ("add_image", "change_image", "choose_image"),
               "wagtaildocs": ("add_document", "change_document", "choose_document")}
GROUP_PREFIX = "cms-"


def group_name(org_id: int, role: str) -> str:
    return f"{GROUP_PREFIX}{role}-{org_id}"


def ensure_locales() -> None:
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def home_page():
    from uitweg.prevention.models import PreventionHomePage

    return PreventionHomePage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE, depth=2).first()


@transaction.atomic
def ensure_site():
    """The Dutch home page as the root of the default site (idempotent)."""
    from uitweg.prevention.models import PreventionHomePage

    ensure_locales()
    root = Page.get_first_root_node()
    if root is None:  # a flushed database (transactional tests): Wagtail's migration data
        root = Page.add_root(instance=Page(
            title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page),
            locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE)))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = home_page()
    if home is None:
        home = root.add_child(instance=PreventionHomePage(
            title=HOME_TITLE, slug=HOME_SLUG,
            locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE)))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                            site_name=settings.SITE_NAME)
    elif site.root_page_id != home.pk:
        old = site.root_page
        site.root_page = home
        site.site_name = settings.SITE_NAME
        site.save()
        if old.specific_class is Page and old.slug == "home" and not old.get_children():
            old.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    return home


#: Permissions that a library creates in a data migration (not from a model's Meta), so a database
#: flushed between tests (or restored without them) lacks them: recreated as the migration does.
_MIGRATION_PERMISSIONS = {
    ("wagtail_localize", "submit_translation"): ("translation", "Can submit translations"),
}


def _perm(app_label: str, codename: str) -> Permission:
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        if (app_label, codename) not in _MIGRATION_PERMISSIONS:
            raise
    from django.contrib.contenttypes.models import ContentType

    model, name = _MIGRATION_PERMISSIONS[(app_label, codename)]
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name})
    return permission


def section_pages(org):
    """Every locale's copy of the organisation's section (a partner organisation)."""
    from uitweg.prevention.models import OrganisationSection

    first = OrganisationSection.objects.filter(organisation=org).first()
    if first is None:
        return []
    return list(first.get_translations(inclusive=True))


def ensure_section(org):
    from uitweg.prevention.models import OrganisationSection

    pages = section_pages(org)
    if pages:
        return pages[0]
    home = ensure_site()
    # A draft: it appears on the public site when a publisher publishes it with its pages.
    section = OrganisationSection(title=org.name, organisation=org, locale=home.locale,
                                  live=False)
    home.add_child(instance=section)
    section.save_revision()
    return section


def _workflow(org, publisher_groups) -> Workflow:
    name = f"Review: {org.name}"[:255]
    task = GroupApprovalTask.objects.filter(name=f"Publisher review [{org.pk}]").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"Publisher review [{org.pk}]")
    task.groups.set(publisher_groups)
    workflow = Workflow.objects.filter(workflow_tasks__task=task).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _assign(workflow: Workflow, pages) -> None:
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def is_municipality(org) -> bool:
    return org.kind == OrganisationKind.MUNICIPALITY


@transaction.atomic
def organisation_groups(org) -> dict[str, Group]:
    """The editor and publisher groups of ``org``, with permissions and workflow (idempotent)."""
    from uitweg.accounts.models import Organisation

    ensure_site()
    groups = {role: Group.objects.get_or_create(name=group_name(org.pk, role))[0]
              for role in (Role.EDITOR, Role.PUBLISHER)}
    pages = [Page.get_first_root_node()] if is_municipality(org) else [ensure_section(org)]
    if not is_municipality(org):
        pages = section_pages(org)
    admin = _perm("wagtailadmin", "access_admin")
    translate = _perm("wagtail_localize", "submit_translation")
    root_collection = Collection.get_first_root_node()
    for role, group in groups.items():
        group.permissions.add(admin, translate)
        codenames = PUBLISHER_PAGE_PERMS if role == Role.PUBLISHER else EDITOR_PAGE_PERMS
        for page in pages:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=_perm("wagtailcore", codename))
        for app_label, codenames in MEDIA_PERMS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection,
                    permission=_perm(app_label, codename))
    municipal_publishers = [
        Group.objects.get_or_create(name=group_name(m.pk, Role.PUBLISHER))[0]
        for m in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)]
    publishers = {groups[Role.PUBLISHER], *municipal_publishers}
    workflow = _workflow(org, publishers)
    if is_municipality(org):
        _assign(workflow, [Page.get_first_root_node()])
        Workflow.objects.filter(name="Moderators approval").update(active=False)
    else:
        _assign(workflow, pages)
    return groups


def refresh_section(section) -> None:
    """A new locale's copy of a section gets the organisation's permissions and workflow."""
    if getattr(section, "organisation_id", None):
        organisation_groups(section.organisation)

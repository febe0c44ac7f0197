"""The CMS side: roles become Wagtail groups, partner organisations edit only their own pages,
the review workflow, scheduled publishing, and sanitised rich text."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.prevention import cms
from uitweg.prevention.models import InfoPage, OrganisationSection
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    return (OrganisationFactory(name="Gemeente", kind=OrganisationKind.MUNICIPALITY),
            OrganisationFactory(name="FairWork", kind=OrganisationKind.NGO),
            OrganisationFactory(name="Opvang", kind=OrganisationKind.SHELTER))


def test_roles_become_the_groups_of_the_own_organisation_and_go_with_the_role(orgs):
    municipality, ngo, _shelter = orgs
    user = UserFactory(organisation=ngo, roles=[Role.EDITOR])
    assert set(user.groups.values_list("name", flat=True)) == {f"cms-editor-{ngo.pk}"}
    user.roles = [Role.EDITOR, Role.PUBLISHER]
    user.save()
    assert set(user.groups.values_list("name", flat=True)) == {
        f"cms-editor-{ngo.pk}", f"cms-publisher-{ngo.pk}"}
    user.organisation = municipality
    user.roles = [Role.CASE_WORKER]
    user.save()
    assert not user.groups.exists()


def test_a_partner_edits_only_its_own_section(orgs, pages):
    municipality, ngo, shelter = orgs
    partner = UserFactory(organisation=ngo, roles=[Role.EDITOR])
    UserFactory(organisation=shelter, roles=[Role.EDITOR])
    city = UserFactory(organisation=municipality, roles=[Role.EDITOR])
    own = OrganisationSection.objects.get(organisation=ngo)
    other = OrganisationSection.objects.get(organisation=shelter)
    assert own.permissions_for_user(partner).can_edit()
    assert own.permissions_for_user(partner).can_add_subpage()
    assert not own.permissions_for_user(partner).can_publish()
    assert not other.permissions_for_user(partner).can_edit()
    assert not pages["rights"].permissions_for_user(partner).can_edit()
    assert pages["rights"].permissions_for_user(city).can_edit()
    assert not pages["rights"].permissions_for_user(city).can_publish()
    assert not own.live, "a new section stays a draft until a publisher publishes it"


def test_an_editor_submits_and_a_publisher_of_the_organisation_approves(orgs, pages):
    municipality, ngo, _shelter = orgs
    editor = UserFactory(organisation=municipality, roles=[Role.EDITOR])
    publisher = UserFactory(organisation=municipality, roles=[Role.PUBLISHER])
    partner_publisher = UserFactory(organisation=ngo, roles=[Role.PUBLISHER])
    page = InfoPage.objects.get(pk=pages["rights"].pk)
    page.title = "Uw rechten (bijgewerkt)"
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(page, partner_publisher) == []
    assert task.get_actions(page, editor) == []
    assert "approve" in [name for name, *_rest in task.get_actions(page, publisher)]
    assert InfoPage.objects.get(pk=page.pk).live_revision.content["title"] != page.title
    task.on_action(task_state, publisher, "approve")
    live = InfoPage.objects.get(pk=page.pk)
    assert live.title == "Uw rechten (bijgewerkt)" and live.live
    assert live.revisions.count() >= 2  # the history stays


def test_scheduled_publishing_and_unpublishing(pages):
    page = InfoPage.objects.get(pk=pages["help"].pk)
    go_live = timezone.now() + timedelta(days=2)
    page.title = "Later"
    page.save_revision(approved_go_live_at=go_live)
    with freeze_time(go_live + timedelta(minutes=1)):
        call_command("publish_scheduled")
    assert InfoPage.objects.get(pk=page.pk).title == "Later"
    page = InfoPage.objects.get(pk=page.pk)
    page.expire_at = timezone.now() + timedelta(days=30)
    page.save_revision().publish()
    with freeze_time(timezone.now() + timedelta(days=31)):
        call_command("publish_scheduled")
    assert not InfoPage.objects.get(pk=page.pk).live


def test_rich_text_from_the_editor_keeps_no_script(orgs, pages):
    from wagtail.admin.rich_text import DraftailRichTextArea

    from uitweg.prevention.models import RICH_TEXT_FEATURES

    widget = DraftailRichTextArea(features=RICH_TEXT_FEATURES)
    contentstate = {"blocks": [{"key": "a", "type": "unstyled", "depth": 0,
                                "text": "<script>alert(1)</script>", "inlineStyleRanges": [],
                                "entityRanges": [{"offset": 0, "length": 8, "key": 0}]}],
                    "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE",
                                        "data": {"url": "javascript:alert(1)"}}}}
    stored = widget.value_from_datadict({"body": json.dumps(contentstate)}, {}, "body")
    assert "<script" not in stored and "&lt;script&gt;" in stored
    assert "javascript:" not in stored


def test_a_translators_po_file_cannot_put_a_script_on_the_page(client, pages, translated):
    from wagtail_localize.models import Translation

    page = translated("rights", "pl")
    translation = Translation.objects.get(source__object_id=page.translation_key,
                                          target_locale=page.locale)
    po = translation.export_po()
    entry = next(e for e in po if e.msgctxt == "body")
    entry.msgstr = 'Zły <script>alert(1)</script> <a href="javascript:alert(1)">x</a>'
    translation.import_po(po)
    translation.save_target(publish=True)
    body = client.get(page.url).content.decode()
    assert "alert(1)" not in body


def test_the_cms_uses_the_staff_login_with_its_second_factor(orgs):
    municipality = orgs[0]
    anonymous = Client().get("/cms/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    without_mfa = Client()
    without_mfa.force_login(UserFactory(organisation=municipality, roles=[Role.EDITOR],
                                        mfa=False))
    response = without_mfa.get("/cms/")
    assert response.status_code == 302 and "mfa" in response["Location"]
    assert Client().get("/cms/password_reset/").status_code in (302, 404)


def test_the_site_root_is_the_dutch_home_page(pages):
    from wagtail.models import Site

    assert Site.objects.get(is_default_site=True).root_page_id == cms.home_page().pk
    assert pages["home"].url == "/werken-in-nederland/"

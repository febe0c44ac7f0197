"""CMS images and documents on the public pages (issue 11, ADR 0101): sent from our own origin
only while a published page uses them, as attachments that cannot run, without visitor data."""

import logging
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from uitweg.accounts.roles import Role
from uitweg.prevention.media import image_alt_problem
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def rights(translated):
    return translated("rights", "nl")


def a_document(collection=None, name="flyer-werk.pdf"):
    document = get_document_model()(title="Flyer",
                                    collection=collection or Collection.get_first_root_node())
    document.file.save(name, ContentFile(PDF), save=False)
    document.save()
    return document


def link_and_publish(page, document):
    page.body = f'{page.body}<p><a linktype="document" id="{document.pk}">De flyer</a></p>'
    page.save_revision().publish()


def test_a_document_linked_from_a_published_page_downloads_as_a_safe_attachment(
        client, rights):
    document = a_document()
    link_and_publish(rights, document)
    page = client.get(rights.url).content.decode()
    assert f'href="{document.url}"' in page and document.url.startswith(
        "/werken-in-nederland/media/documents/")

    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="flyer-werk.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_a_document_is_not_served_before_it_is_published_nor_after_the_page_goes_offline(
        client, rights):
    document = a_document()
    assert client.get(document.url).status_code == 404  # uploaded, linked from nothing

    rights.body = f'{rights.body}<p><a linktype="document" id="{document.pk}">x</a></p>'
    rights.save_revision()  # a draft of a live page: the public still sees the old text
    assert client.get(document.url).status_code == 404

    rights.get_latest_revision().publish()
    assert client.get(document.url).status_code == 200

    rights.refresh_from_db()
    rights.unpublish()
    assert client.get(document.url).status_code == 404


def test_a_document_in_a_private_collection_is_never_public(client, rights):
    private = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=private,
                                             restriction_type=CollectionViewRestriction.LOGIN)
    document = a_document(private)
    link_and_publish(rights, document)
    assert client.get(document.url).status_code == 404


def test_an_editor_with_an_admitted_session_sees_an_unpublished_document(client, db):
    document = a_document()
    org = OrganisationFactory(kind="municipality")
    editor = force_login_with_mfa(Client(), UserFactory(organisation=org, roles=[Role.EDITOR]))
    assert editor.get(document.url).status_code == 200
    analyst = force_login_with_mfa(Client(), UserFactory(organisation=org,
                                                         roles=[Role.ANALYST]))
    assert analyst.get(document.url).status_code == 404
    assert client.get(document.url).status_code == 404


def test_a_download_stores_nothing_and_logs_no_address(client, rights, caplog):
    document = a_document()
    link_and_publish(rights, document)
    models = [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy
              and ".tests." not in m.__module__]  # test-only models have no table
    before = {m._meta.label: m.objects.count() for m in models}
    with caplog.at_level(logging.DEBUG):
        response = client.get(document.url, REMOTE_ADDR="203.0.113.7",
                              HTTP_USER_AGENT="Agent/1")
        assert response.status_code == 200
        b"".join(response.streaming_content)
    after = {m._meta.label: m.objects.count() for m in models}
    assert before == after
    assert "203.0.113.7" not in caplog.text


def an_image():
    return get_image_model().objects.create(
        title="Affiche", file=get_test_image_file(filename="affiche.png", size=(1200, 900)))


def test_a_page_image_is_resized_on_our_own_origin_with_its_alt_text(client, rights):
    rights.image, rights.image_alt = an_image(), "Twee uitzendkrachten lezen hun loonstrook"
    rights.save_revision().publish()
    page = client.get(rights.url).content.decode()
    img = re.search(r"<img [^>]+>", page).group(0)
    assert 'alt="Twee uitzendkrachten lezen hun loonstrook"' in img
    src = re.search(r'src="([^"]+)"', img).group(1)
    assert src.startswith("/werken-in-nederland/media/images/") and src.endswith(".webp")

    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.get("Content-Disposition", "")
    # the upload itself (with whatever metadata the camera wrote) is never sent
    original = "/werken-in-nederland/media/" + rights.image.file.name
    assert client.get(original).status_code == 404


def test_an_image_of_a_draft_is_not_public(client, rights):
    rights.image, rights.image_alt = an_image(), "Een affiche"
    rights.save_revision()
    rendition = rights.image.get_rendition("max-800x500|format-webp|webpquality-75")
    assert client.get(rendition.url).status_code == 404


def test_a_page_image_needs_a_description():
    assert image_alt_problem(has_image=True, alt="  ") == "alt_missing"
    assert image_alt_problem(has_image=True, alt="Een affiche") == ""
    assert image_alt_problem(has_image=False, alt="") == ""


def test_the_cms_refuses_a_page_image_without_a_description(rights):
    rights.image, rights.image_alt = an_image(), ""
    with pytest.raises(ValidationError) as refused:
        rights.full_clean()
    assert "image_alt" in refused.value.message_dict

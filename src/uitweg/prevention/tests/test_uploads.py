"""Uploads that are not what they claim (ADR 0094): a clear message, nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from uitweg.accounts.roles import Role
from uitweg.prevention.uploads import check_document
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script>'
       b"</svg>")


def test_a_real_pdf_passes():
    assert check_document("flyer.pdf", PDF[:8], len(PDF)) == ""


@pytest.mark.parametrize(("name", "head", "words"), [
    ("flyer.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "een programma"),
    ("flyer.pdf", b"\x7fELF\x02\x01\x01\x00", "een programma"),
    ("flyer.pdf", b"<html><s", "geen PDF-document"),
    ("flyer.exe", PDF[:8], "Alleen PDF"),
])
def test_a_document_that_is_not_a_pdf_is_refused_with_the_reason(name, head, words):
    assert words in check_document(name, head, 1000)


def test_a_200_mb_file_is_refused_with_its_size_and_the_limit():
    message = check_document("flyer.pdf", PDF[:8], 200 * 1024 * 1024)
    assert "200,0" in message and "20,0" in message and "Er is niets opgeslagen" in message


@pytest.fixture
def publisher(db):
    org = OrganisationFactory(kind="municipality")
    return force_login_with_mfa(Client(), UserFactory(organisation=org, roles=[Role.PUBLISHER]))


def test_an_executable_named_pdf_is_refused_by_the_cms_and_nothing_is_saved(publisher):
    upload = SimpleUploadedFile("flyer.pdf", b"MZ\x90\x00" + b"\x00" * 200,
                                content_type="application/pdf")
    response = publisher.post("/cms/documents/add/", {"title": "Flyer", "file": upload,
                                                      "collection": 1})
    assert response.status_code == 200
    assert "een programma, geen PDF-document" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_a_pdf_is_accepted_by_the_cms(publisher):
    upload = SimpleUploadedFile("flyer.pdf", PDF, content_type="application/pdf")
    response = publisher.post("/cms/documents/add/", {"title": "Flyer", "file": upload,
                                                      "collection": 1})
    assert response.status_code == 302
    assert get_document_model().objects.get().title == "Flyer"


def test_an_svg_with_a_script_is_refused_as_an_image_and_nothing_is_saved(publisher):
    upload = SimpleUploadedFile("poster.svg", SVG, content_type="image/svg+xml")
    response = publisher.post("/cms/images/add/", {"title": "Poster", "file": upload,
                                                   "collection": 1})
    assert response.status_code == 200
    assert "svg" in response.content.decode().lower()
    assert not get_image_model().objects.exists()

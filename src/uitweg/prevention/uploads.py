"""Upload checks for the CMS (ADR 0094): a document must be what it claims to be.

Wagtail already refuses image types outside ``WAGTAILIMAGES_EXTENSIONS`` (no SVG) and images over
``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, and checks that an image decodes. Documents are only PDF: the
file must start with the PDF signature, must not be an executable under a .pdf name, and must
not exceed ``PREVENTION_MAX_DOCUMENT_SIZE``. A refused upload saves nothing.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

#: Signatures of executables and archives that must never pass as a document.
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe",
                         b"\xce\xfa\xed\xfe", b"#!", b"PK\x03\x04")


def check_document(name: str, head: bytes, size: int) -> str:
    """An error message for this upload, or ``""`` when it may be saved."""
    limit = getattr(settings, "PREVENTION_MAX_DOCUMENT_SIZE", 20 * 1024 * 1024)
    if size > limit:
        return _("This file is %(size)s; the limit is %(limit)s. Nothing was saved.") % {
            "size": filesizeformat(size), "limit": filesizeformat(limit)}
    if not name.lower().endswith(".pdf"):
        return _("Only PDF documents can be uploaded. Nothing was saved.")
    if head.startswith(EXECUTABLE_SIGNATURES):
        return _("This file is a program, not a PDF document. Nothing was saved.")
    if not head.startswith(b"%PDF-"):
        return _("This file is not a PDF document (it does not start like one). Nothing "
                 "was saved.")
    return ""


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "size"):
            return upload
        position = upload.tell() if hasattr(upload, "tell") else 0
        upload.seek(0)
        head = upload.read(8)
        upload.seek(position)
        problem = check_document(upload.name or "", head, upload.size)
        if problem:
            raise forms.ValidationError(problem)
        return upload

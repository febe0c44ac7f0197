"""The toolkit of an edition: files a publisher uploads (posters, social-media images, flyers).

An upload is checked by :mod:`uitweg.week.uploads` before anything is written; a refused file
leaves nothing behind (the file lives in one database row, saved in one transaction).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record

from . import permissions, uploads
from .models import Edition, Material
from .vocabulary import MaterialKind


def reason(code: str) -> str:
    limit_mb = settings.WEEK_MATERIAL_MAX_BYTES // (1024 * 1024)
    return {
        uploads.TOO_LARGE: _("The file is too large: at most %(mb)s MB.") % {"mb": limit_mb},
        uploads.EMPTY: _("The file is empty."),
        uploads.UNSUPPORTED: _("Upload a PDF, PNG, JPEG or SVG file."),
        uploads.EXECUTABLE: _("This file is a program, not a document or image; it was not "
                              "saved."),
        uploads.NOT_WHAT_IT_CLAIMS: _("The content of this file does not match its name "
                                      "(for example a .pdf that is no PDF); it was not saved."),
        uploads.SVG_ACTIVE: _("This SVG contains a script, event handlers or external "
                              "references; upload an SVG without them, or a PNG."),
    }[code]


@transaction.atomic
def upload(*, by: User, edition_id: int, kind: str, title: str, upload_file) -> Material:
    permissions.require_publisher(by)
    edition = Edition.objects.get(pk=edition_id)
    errors = {}
    if kind not in MaterialKind.values:
        errors["kind"] = [_("Choose what kind of material this is.")]
    title = " ".join((title or "").split())
    if not title or len(title) > 200:
        errors["title"] = [_("Give a title of at most 200 characters.")]
    if upload_file is None:
        errors["file"] = [_("Choose a file.")]
    if errors:
        raise ValidationError(errors)
    size = upload_file.size
    upload_file.seek(0)
    head = upload_file.read(2048) if size <= settings.WEEK_MATERIAL_MAX_BYTES else b""

    def whole() -> bytes:
        upload_file.seek(0)
        return upload_file.read()

    try:
        checked = uploads.check(upload_file.name, size, head,
                                max_bytes=settings.WEEK_MATERIAL_MAX_BYTES, whole=whole)
    except uploads.Refused as exc:
        raise ValidationError({"file": [reason(exc.code)]}, code=exc.code) from None
    data = whole()
    material = Material.objects.create(
        edition=edition, kind=kind, title=title,
        filename=get_valid_filename(upload_file.name)[:200] or f"material{checked.extension}",
        content_type=checked.content_type, size=len(data), data=data, uploaded_by=by)
    record(actor=actor_for(by), action=Action.CREATE, object_type="week.material",
           object_id=material.pk, object_label=title[:64], purpose="week toolkit")
    return material


@transaction.atomic
def delete(*, by: User, material_id: int) -> None:
    permissions.require_publisher(by)
    material = Material.objects.select_for_update().get(pk=material_id)
    record(actor=actor_for(by), action=Action.DELETE, object_type="week.material",
           object_id=material.pk, object_label=material.title[:64], purpose="week toolkit")
    material.delete()

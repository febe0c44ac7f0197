"""Toolkit uploads: a file must be what its name says, small enough, and harmless to open.

Pure checks on the first bytes (no database): the type comes from the content (magic bytes),
not from the name or the browser's claim. A PDF that is really a program, an SVG with a script
or an event handler, or a file over the limit is refused with a reason code; the service turns
the code into a message and saves nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOO_LARGE = "too_large"
EMPTY = "empty"
EXECUTABLE = "executable"
NOT_WHAT_IT_CLAIMS = "mismatch"
UNSUPPORTED = "unsupported"
SVG_ACTIVE = "svg_active"

#: extension → content type we accept
ACCEPTED = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}

EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe",
                    b"\xca\xfe\xba\xbe", b"#!")

_SVG_ACTIVE = re.compile(
    rb"<\s*script|\bon[a-z]+\s*=|javascript\s*:|<\s*foreignobject|<!entity|<\s*iframe"
    rb"|<\s*embed|<\s*object|(?:xlink:)?href\s*=\s*[\"']?\s*(?:https?:|data:|//)",
    re.IGNORECASE)


class Refused(ValueError):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Checked:
    content_type: str
    extension: str


def sniff(head: bytes) -> str:
    """The content type the first bytes show ("" when unknown)."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<?xml") or text.lower().startswith(b"<svg") or b"<svg" in text[:1024]:
        return "image/svg+xml"
    return ""


def extension_of(filename: str) -> str:
    name = filename.lower().rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


def check(filename: str, size: int, head: bytes, *, max_bytes: int,
          whole=None) -> Checked:
    """Check name, size and content; ``whole()`` returns all bytes (read for SVG only)."""
    if size > max_bytes:
        raise Refused(TOO_LARGE)
    if size == 0:
        raise Refused(EMPTY)
    extension = extension_of(filename)
    claimed = ACCEPTED.get(extension)
    if claimed is None:
        raise Refused(UNSUPPORTED)
    if head.startswith(EXECUTABLE_MAGIC):
        raise Refused(EXECUTABLE)
    actual = sniff(head)
    if actual != claimed:
        raise Refused(NOT_WHAT_IT_CLAIMS)
    if actual == "image/svg+xml":
        content = whole() if whole is not None else head
        if _SVG_ACTIVE.search(content):
            raise Refused(SVG_ACTIVE)
    return Checked(actual, extension)

"""Toolkit upload checks on content, not names (no database)."""

import pytest

from uitweg.week import uploads

MB = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def check(name, content, size=None, max_bytes=20 * MB):
    return uploads.check(name, size if size is not None else len(content), content[:2048],
                         max_bytes=max_bytes, whole=lambda: content)


def test_real_files_pass_with_the_type_of_their_content():
    assert check("poster.pdf", b"%PDF-1.7\n...").content_type == "application/pdf"
    assert check("image.PNG", PNG).content_type == "image/png"
    assert check("card.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
                 ).content_type == "image/svg+xml"


@pytest.mark.parametrize(("name", "content", "code"), [
    ("flyer.pdf", b"MZ\x90\x00\x03" + b"\0" * 100, uploads.EXECUTABLE),
    ("flyer.pdf", b"\x7fELF\x02\x01" + b"\0" * 100, uploads.EXECUTABLE),
    ("flyer.pdf", PNG, uploads.NOT_WHAT_IT_CLAIMS),
    ("poster.png", b"%PDF-1.4", uploads.NOT_WHAT_IT_CLAIMS),
    ("tool.exe", b"MZ", uploads.UNSUPPORTED),
    ("empty.pdf", b"", uploads.EMPTY),
    ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     uploads.SVG_ACTIVE),
    ("x.svg", b'<svg onload="alert(1)" xmlns="http://www.w3.org/2000/svg"/>',
     uploads.SVG_ACTIVE),
    ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:x()">a</a></svg>',
     uploads.SVG_ACTIVE),
    ("x.svg", b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
              b'<svg>&x;</svg>', uploads.SVG_ACTIVE),
])
def test_files_that_are_not_what_they_claim_are_refused(name, content, code):
    with pytest.raises(uploads.Refused) as refused:
        check(name, content)
    assert refused.value.code == code


def test_a_200_mb_file_is_refused_before_its_content_is_read():
    def never():
        raise AssertionError("read")

    with pytest.raises(uploads.Refused) as refused:
        uploads.check("big.pdf", 200 * MB, b"", max_bytes=20 * MB, whole=never)
    assert refused.value.code == uploads.TOO_LARGE

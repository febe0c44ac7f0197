"""Printable A4 flyers and A5 cards of the information pages, with a QR code (issue 11.3).

Pure: :func:`build_pdf` takes the texts and the page's absolute URL and returns PDF bytes; it
knows nothing about Wagtail or requests (the view in :mod:`uitweg.prevention.views` does).

- **PDF**: ReportLab (already installed as the engine of xhtml2pdf, which monitoring uses).
  We draw with ReportLab's platypus directly rather than through xhtml2pdf's HTML so that the
  font, the paragraph direction and the alignment are under our control.
- **Fonts**: DejaVu Sans (Debian ``fonts-dejavu-core``), which covers Latin, Cyrillic and
  Arabic (with presentation forms). Nothing is fetched from the internet; when the file is
  missing :class:`FontMissing` is raised and the view answers 503 with the reason.
- **Arabic**: PDF text is drawn glyph by glyph in visual order, so Arabic is shaped with
  ``arabic-reshaper`` (joined letter forms) and reordered with ``python-bidi`` line by line
  (ReportLab wraps first, then each line is reordered), right-aligned.
- **QR**: ``segno`` (pure Python) builds the matrix; it is drawn as vector squares.
"""

from __future__ import annotations

import functools
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONT_FILES = {"Uitweg-Sans": "DejaVuSans.ttf", "Uitweg-Sans-Bold": "DejaVuSans-Bold.ttf"}
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
SIZES = ("a4", "a5")
EXCERPT_CHARS = {"a4": 900, "a5": 280}
#: Part of the cache key: bump when the layout changes.
VERSION = 1


class FontMissing(RuntimeError):
    """The TTF font the flyers need is not installed (Debian package ``fonts-dejavu-core``)."""


@dataclass(frozen=True)
class Flyer:
    """What goes on a flyer; every text is plain (no HTML)."""

    title: str
    summary: str
    excerpt: str
    url: str
    language: str
    #: "Scan the code or go to:" in the page's language.
    scan_label: str
    #: The organisation line at the bottom, in the page's language.
    footer: str = ""


def font_path(name: str) -> Path | None:
    for directory in FONT_DIRS:
        candidate = directory / FONT_FILES[name]
        if candidate.exists():
            return candidate
    return None


def fonts_available() -> bool:
    return all(font_path(name) for name in FONT_FILES)


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in FONT_FILES:
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        path = font_path(name)
        if path is None:
            raise FontMissing(f"font file {FONT_FILES[name]} not found in "
                              f"{', '.join(map(str, FONT_DIRS))}; install the Debian package "
                              "fonts-dejavu-core")
        pdfmetrics.registerFont(TTFont(name, str(path)))


def plain_text(rich_text_html: str) -> str:
    """Rich text (Wagtail's stored HTML) as plain paragraphs separated by blank lines."""
    text = re.sub(r"(?i)</(p|h[1-6]|li|ul|ol)>|<br\s*/?>", "\n", rich_text_html)
    text = re.sub(r"<[^>]+>", "", text)
    lines = [" ".join(html.unescape(line).split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def excerpt(text: str, limit: int) -> str:
    """The first paragraphs of ``text`` up to about ``limit`` characters, cut at a word."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + " …"


def is_rtl(language: str) -> bool:
    return language.split("-")[0] in RTL_LANGUAGES


def _visual(line: str) -> str:
    """One line of right-to-left text, shaped and in visual (left-to-right drawing) order."""
    from bidi import get_display

    return get_display(_reshaper().reshape(line), base_dir="R")


@functools.cache
def _reshaper():
    """Arabic letters joined into their contextual forms, keeping the vowel marks (harakat)."""
    from arabic_reshaper import ArabicReshaper

    return ArabicReshaper(configuration={"delete_harakat": False})


def build_pdf(flyer: Flyer, size: str = "a4") -> bytes:
    """The flyer (``a4``) or card (``a5``) as PDF bytes."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; expected one of {SIZES}")
    _register_fonts()
    from reportlab.lib.pagesizes import A4, A5
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    page_w, page_h = A4 if size == "a4" else A5
    scale = 1.0 if size == "a4" else 0.72
    margin = (18 if size == "a4" else 11) * mm
    rtl = is_rtl(flyer.language)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_w, page_h), pageCompression=1)
    canvas.setTitle(flyer.title)
    canvas.setSubject(flyer.url)
    canvas.setCreator("Uitweg")
    width = page_w - 2 * margin
    y = page_h - margin

    def block(text: str, font: str, font_size: float, gap: float) -> None:
        nonlocal y
        from reportlab.pdfbase.pdfmetrics import stringWidth

        leading = font_size * 1.35
        canvas.setFont(font, font_size)
        for paragraph in text.split("\n"):
            for line in _wrap(paragraph, font, font_size, width, rtl):
                if y - leading < qr_top:
                    return
                y -= leading
                drawn = _visual(line) if rtl else line
                if rtl:
                    canvas.drawString(margin + width - stringWidth(drawn, font, font_size),
                                      y, drawn)
                else:
                    canvas.drawString(margin, y, drawn)
            y -= gap

    # The QR block at the bottom: code on the reading side's end, URL next to it.
    qr_size = (52 if size == "a4" else 34) * mm
    qr_top = margin + qr_size + 6 * mm
    block(flyer.title, "Uitweg-Sans-Bold", 26 * scale, 4 * mm * scale)
    if flyer.summary:
        block(flyer.summary, "Uitweg-Sans-Bold", 14 * scale, 3 * mm * scale)
    if flyer.excerpt:
        block(excerpt(flyer.excerpt, EXCERPT_CHARS[size]), "Uitweg-Sans", 12 * scale,
              2 * mm * scale)
    qr_x = margin if rtl else page_w - margin - qr_size
    _draw_qr(canvas, flyer.url, qr_x, margin, qr_size)
    text_x = margin + qr_size + 6 * mm if rtl else margin
    text_w = width - qr_size - 6 * mm
    canvas.setFont("Uitweg-Sans", 11 * scale)
    lines = _wrap(flyer.scan_label, "Uitweg-Sans", 11 * scale, text_w, rtl)
    line_y = margin + qr_size - 11 * scale
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for line in lines:
        drawn = _visual(line) if rtl else line
        x = text_x + text_w - stringWidth(drawn, "Uitweg-Sans", 11 * scale) if rtl else text_x
        canvas.drawString(x, line_y, drawn)
        line_y -= 11 * scale * 1.4
    # The URL is always left to right (it is Latin), on its own lines.
    canvas.setFont("Uitweg-Sans-Bold", 10 * scale)
    for line in _wrap_url(flyer.url, "Uitweg-Sans-Bold", 10 * scale, text_w):
        x = (text_x + text_w - stringWidth(line, "Uitweg-Sans-Bold", 10 * scale)
             if rtl else text_x)
        canvas.drawString(x, line_y, line)
        line_y -= 10 * scale * 1.4
    if flyer.footer:
        canvas.setFont("Uitweg-Sans", 9 * scale)
        drawn = _visual(flyer.footer) if rtl else flyer.footer
        x = (text_x + text_w - stringWidth(drawn, "Uitweg-Sans", 9 * scale)
             if rtl else text_x)
        canvas.drawString(x, margin, drawn)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _wrap(paragraph: str, font: str, font_size: float, width: float,
          rtl: bool = False) -> list[str]:
    """Greedy word wrap in logical order (measured on the shaped text for right to left)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        candidate = f"{current} {word}" if current else word
        measured = _visual(candidate) if rtl else candidate
        if current and stringWidth(measured, font, font_size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _wrap_url(url: str, font: str, font_size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for char in url:
        if current and stringWidth(current + char, font, font_size) > width:
            lines.append(current)
            current = ""
        current += char
    return [*lines, current] if current else lines


def qr_matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """The QR code's modules (1 = dark), error correction M, without the quiet zone."""
    import segno

    code = segno.make(url, error="m", micro=False)
    return tuple(tuple(row) for row in code.matrix)


def _draw_qr(canvas, url: str, x: float, y: float, size: float) -> None:
    matrix = qr_matrix(url)
    count = len(matrix)
    cell = size / (count + 8)  # four modules of quiet zone on each side
    canvas.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                canvas.rect(x + (col_index + 4) * cell, y + size - (row_index + 5) * cell,
                            cell, cell, stroke=0, fill=1)

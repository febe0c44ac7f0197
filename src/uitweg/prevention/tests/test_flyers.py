# ruff: noqa: RUF001 - Cyrillic letters that look like Latin ones are meant
"""Printable flyers (A4) and cards (A5) of the information pages (issue 11.3).

What the text comparison checks: the text extracted from the PDF (``pdftotext`` from Debian
poppler-utils when installed, otherwise pypdf) contains every word of the page's title, summary
and the first words of its text. Both sides are normalised with NFKC, which turns the Arabic
presentation forms (the joined letter shapes drawn in the PDF) back into the base letters; an
Arabic word also counts when the extractor gives it reversed (visual order). Word order across
a line is not compared for Arabic.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import pytest
from django.core.cache import cache

from uitweg.prevention import flyers

needs_fonts = pytest.mark.skipif(
    not flyers.fonts_available(),
    reason="DejaVu Sans not installed (Debian package fonts-dejavu-core)")


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode()
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def words(text: str) -> list[str]:
    """Runs of letters (with their combining vowel marks) and runs of digits, NFKC-normalised.

    Letters and digits are split apart because extractors glue a number to the Arabic word that
    precedes it on the line."""
    tokens: list[str] = []
    current, kind = "", ""
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        this = ("digit" if category == "Nd" else "letter" if category[0] == "L"
                else "letter" if category[0] == "M" and kind == "letter" else "")
        if this != kind and current:
            tokens.append(current)
            current = ""
        kind = this
        if this:
            current += char
    return [*tokens, current] if current else tokens


def missing_words(expected: str, pdf: bytes) -> list[str]:
    found = set(words(pdf_text(pdf)))
    return [w for w in words(expected) if w not in found and w[::-1] not in found]


def x_of(pdf: bytes, *needles: str) -> float:
    """The x position where the first text run containing one of ``needles`` starts."""
    from pypdf import PdfReader

    positions = []

    def visit(text, _cm, tm, _font, _size):
        if any(needle in unicodedata.normalize("NFKC", text) for needle in needles):
            positions.append(tm[4])

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert positions, f"{needles!r} not found in the PDF"
    return positions[0]


UK = flyers.Flyer(
    title="Ваші права на роботі", summary="Мінімальна зарплата, відпустка та ваші документи.",
    excerpt="Ваш паспорт залишається у вас. Роботодавець не може його забрати.\n"
            "Ви маєте право на платіжну відомість.",
    url="https://uitweg.example/uk/werken-in-nederland/prava/", language="uk",
    scan_label="Відскануйте код")
AR = flyers.Flyer(
    title="حقوقك في العمل", summary="الحد الأدنى للأجور والإجازة ووثائقك.",
    excerpt="جواز سفرك يبقى معك. لا يحق لصاحب العمل أن يأخذه.\nلك الحق في قسيمة راتب.",
    url="https://uitweg.example/ar/werken-in-nederland/huquq/", language="ar",
    scan_label="امسح الرمز")


@needs_fonts
@pytest.mark.parametrize("flyer", [UK, AR], ids=["uk", "ar"])
@pytest.mark.parametrize("size", flyers.SIZES)
def test_the_pdf_text_is_the_page_text(flyer, size):
    pdf = flyers.build_pdf(flyer, size)
    assert pdf.startswith(b"%PDF-")
    expected = " ".join([flyer.title, flyer.summary, flyer.excerpt, flyer.scan_label])
    assert missing_words(expected, pdf) == []
    assert flyer.url in pdf_text(pdf).replace("\n", "")


@needs_fonts
def test_a4_and_a5_have_their_paper_size():
    from pypdf import PdfReader

    for size, (width_mm, height_mm) in {"a4": (210, 297), "a5": (148, 210)}.items():
        box = PdfReader(io.BytesIO(flyers.build_pdf(UK, size))).pages[0].mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) \
            == (width_mm, height_mm)


@needs_fonts
def test_arabic_is_shaped_and_set_right_to_left():
    pdf = flyers.build_pdf(AR, "a4")
    # Shaped: the PDF draws the joined (presentation) forms, not the isolated base letters.
    assert any(0xFE70 <= ord(char) <= 0xFEFF for char in pdf_text(pdf))
    # Right-aligned: the title line starts right of the middle in Arabic, at the margin in
    # Ukrainian.
    assert x_of(pdf, "العمل", "العمل"[::-1]) > 250
    assert x_of(flyers.build_pdf(UK, "a4"), "Ваші") < 80


def test_long_text_is_cut_at_a_word_with_an_ellipsis():
    text = "один два три " * 100
    cut = flyers.excerpt(text, 50)
    assert len(cut) <= 52 and cut.endswith(" …")
    assert cut[:-2].split()[-1] in {"один", "два", "три"}
    assert flyers.excerpt("короткий", 50) == "короткий"


def test_rich_text_becomes_plain_paragraphs():
    html = "<h2>Права</h2><p>Ваш <b>паспорт</b> &amp; ID</p><ul><li>один</li><li>два</li></ul>"
    assert flyers.plain_text(html) == "Права\nВаш паспорт & ID\nодин\nдва"


def test_the_qr_code_holds_the_page_url():
    import segno

    matrix = flyers.qr_matrix(AR.url)
    code = segno.make(AR.url, error="m", micro=False)
    assert matrix == tuple(tuple(row) for row in code.matrix)
    assert code.designator.endswith("-M") and code.mode == "byte"
    assert matrix != flyers.qr_matrix(UK.url)


def test_an_unknown_size_is_refused():
    with pytest.raises(ValueError, match="unknown size"):
        flyers.build_pdf(UK, "a3")


# -- the public view -------------------------------------------------------------------------


@pytest.fixture
def uk_ar_pages(db):
    from wagtail.models import Locale

    from uitweg.prevention.demo import build_pages

    dutch, _made = build_pages(["uk", "ar"])
    cache.clear()
    return lambda key, lang: dutch[key].get_translation(
        Locale.objects.get(language_code=lang)).specific


@needs_fonts
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["uk", "ar"])
def test_each_info_page_links_to_its_flyer_and_card(client, uk_ar_pages, language, settings):
    from uitweg.prevention.models import PageViewCount

    settings.WAGTAILADMIN_BASE_URL = "https://uitweg.example"
    page = uk_ar_pages("rights", language)
    html = client.get(page.url).content.decode()
    views_before = PageViewCount.objects.count()
    for size in flyers.SIZES:
        link = f"/{language}/werken-in-nederland/flyer/{page.pk}/{size}.pdf"
        assert f'href="{link}"' in html
        response = client.get(link)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'inline; filename="{page.slug}-{size}.pdf"'
        assert "no-store" in response["Cache-Control"]  # no trace on the visitor's device
        assert not response.cookies
        body = flyers.plain_text(str(page.body))
        expected = " ".join([page.title, page.summary, " ".join(body.split()[:25])])
        assert missing_words(expected, response.content) == []
        assert ("https://uitweg.example" + page.url) in pdf_text(response.content).replace(
            "\n", "")
    assert PageViewCount.objects.count() == views_before  # printing is not a page view


@needs_fonts
@pytest.mark.django_db
def test_the_pdf_is_cached_per_revision(client, uk_ar_pages):
    page = uk_ar_pages("rights", "uk")
    url = f"/uk/werken-in-nederland/flyer/{page.pk}/a5.pdf"
    first = client.get(url).content
    assert client.get(url).content == first
    page.title = "Нова назва сторінки"
    page.save_revision().publish()
    changed = client.get(url).content
    assert "Нова" in words(pdf_text(changed))


@pytest.mark.django_db
def test_no_flyer_for_unknown_sizes_drafts_or_other_pages(client, uk_ar_pages):
    page = uk_ar_pages("rights", "uk")
    assert client.get(f"/uk/werken-in-nederland/flyer/{page.pk}/a3.pdf").status_code == 404
    home = page.get_parent()
    assert client.get(f"/uk/werken-in-nederland/flyer/{home.pk}/a4.pdf").status_code == 404
    page.unpublish()
    assert client.get(f"/uk/werken-in-nederland/flyer/{page.pk}/a4.pdf").status_code == 404


@pytest.mark.django_db
def test_the_cms_page_header_offers_the_flyer_and_card_of_a_live_info_page(uk_ar_pages):
    from wagtail.admin.ui.menus.pages import get_page_header_buttons

    from uitweg.accounts.roles import Role
    from uitweg.testing.factories import UserFactory

    editor = UserFactory(roles=[Role.EDITOR])
    page = uk_ar_pages("rights", "ar")

    def flyer_links(some_page):
        urls = []
        for button in get_page_header_buttons(some_page, editor, None, "edit"):
            urls += [item.url for item in getattr(button, "dropdown_buttons", [button])]
        return [url for url in urls if url and "/flyer/" in url]

    assert flyer_links(page) == [f"/ar/werken-in-nederland/flyer/{page.pk}/a4.pdf",
                                 f"/ar/werken-in-nederland/flyer/{page.pk}/a5.pdf"]
    assert flyer_links(page.get_parent()) == []

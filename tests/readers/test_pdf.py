"""The PDF reader on PDFs the tests build with reportlab: layout clean-up and clear errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from evx.errors import DocumentError
from evx.readers import ReadOptions
from evx.readers._normalise import fix_typesetting
from evx.readers.pdf import join_lines, read_pdf

pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from support.pdfs import FONT, HEADER, article_blocks, build_pdf  # noqa: E402


@pytest.fixture(scope="module")
def article_pdf(tmp_path_factory) -> Path:
    title, paragraphs = article_blocks()
    return build_pdf(tmp_path_factory.mktemp("pdf") / "article.pdf", title, paragraphs)


@pytest.fixture(scope="module")
def article_doc(article_pdf):
    return next(read_pdf(article_pdf, "article.pdf", ReadOptions()))


def test_two_pages_with_title_section(article_doc):
    assert article_doc.meta["pages"] == 2
    title = article_doc.sections[0]
    assert title.kind == "title" and title.start == 0
    assert article_doc.text[title.start:title.end] == article_blocks()[0]
    assert article_doc.meta["title"] == article_blocks()[0]


def test_running_header_and_page_numbers_dropped(article_doc):
    assert "Daily Health Pages" not in article_doc.text
    assert not any(line.strip().isdigit() for line in article_doc.text.split("\n"))


def test_hyphenation_and_ligatures_undone(article_doc):
    assert "hospital care" in article_doc.text and "hospi-" not in article_doc.text
    assert "\ufb01" not in article_doc.text
    assert "The finding comes from" in article_doc.text
    # a compound hyphen at a line end stays when the document writes the word with it
    assert join_lines(["walks of ten-", "minute length"], {"ten-minute"}) == "walks of ten-minute length"
    assert join_lines(["a treat-", "ment that works"], set()) == "a treatment that works"
    assert join_lines(["Risk fell by 5-", "10 points"], set()) == "Risk fell by 5- 10 points"


def test_paragraph_broken_by_the_page_is_rejoined(article_doc):
    _, paragraphs = article_blocks()
    caution = next(p for p in paragraphs if p.startswith("The authors caution"))
    assert caution in article_doc.text.split("\n\n")


def test_references_section(article_doc):
    refs = [s for s in article_doc.sections if s.kind == "references"]
    assert len(refs) == 1
    assert article_doc.text[refs[0].start:].startswith("Sources\n\nLindqvist A")


@pytest.mark.parametrize("raw, expected", [
    ("OR 1.51 (1.32\u20131.73)", "OR 1.51 (1.32\u20131.73)"),       # a range stays a range
    ("20%\u201330% of adults", "20%\u201330% of adults"),
    ("(1.1 \u2013 2.0)", "(1.1 \u2013 2.0)"),
    ("\u03b2 = \u20130.12 (\u20130.30, 0.05)", "\u03b2 = -0.12 (-0.30, 0.05)"),
    ("change of \u22120.4 kg", "change of -0.4 kg"),
    ("from \u20130.5 to 0.3", "from -0.5 to 0.3"),
])
def test_minus_signs(raw, expected):
    assert fix_typesetting(raw) == expected


def test_scanned_pdf_is_an_error(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(72, 400, 300, 300, fill=1)             # a picture, no text
    pdf.showPage()
    pdf.save()
    with pytest.raises(DocumentError, match="no text layer"):
        list(read_pdf(path, "scan.pdf", ReadOptions()))


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "not a readable PDF|no text layer"),
    (b"<html>not a pdf</html>", "not a PDF file"),
    (b"", "not a PDF file"),
])
def test_broken_pdf_is_an_error(tmp_path, data, message):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message) as caught:
        list(read_pdf(path, "broken.pdf", ReadOptions()))
    assert str(path) in str(caught.value)


def test_encrypted_pdf_is_an_error(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    title, paragraphs = article_blocks()
    plain = build_pdf(tmp_path / "plain.pdf", title, paragraphs)
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(DocumentError, match="password"):
        list(read_pdf(locked, "locked.pdf", ReadOptions()))


def test_superscript_markers_dropped_and_exponents_kept(tmp_path):
    path = tmp_path / "sup.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    text = pdf.beginText(72, 700)
    for piece, size, rise in [("Fracture risk fell in walkers", 10, 0), ("1,2", 6, 4),
                              (" (HR = 0.72, 95% CI: 0.61-0.85); trend P = 2 x 10", 10, 0), ("-4", 6, 4),
                              (".", 10, 0)]:
        text.setFont(FONT, size)
        text.setRise(rise)
        text.textOut(piece)
    pdf.drawText(text)
    pdf.setFont(FONT, 10)
    pdf.drawString(72, 650, "Falls were rarer")
    pdf.setFont(FONT, 6)
    pdf.drawString(72 + pdfmetrics.stringWidth("Falls were rarer", FONT, 10), 654, "3")
    pdf.setFont(FONT, 10)
    pdf.drawString(160, 650, " among walkers.")
    pdf.showPage()
    pdf.save()
    doc = next(read_pdf(path, "sup.pdf", ReadOptions()))
    assert doc.text.split("\n\n") == [
        "Fracture risk fell in walkers (HR = 0.72, 95% CI: 0.61-0.85); trend P = 2 x 10^-4.",
        "Falls were rarer among walkers."]

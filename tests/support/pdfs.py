"""Builders of test inputs shared by several test modules (imported as ``support.pdfs``)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FIXTURES = Path(__file__).parents[1] / "fixtures" / "formats"
FONT = "EvxVera"
HEADER = "Daily Health Pages · Bone health special · 2026"
pdfmetrics.registerFont(TTFont(FONT, os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))


def article_blocks(path: Path = FIXTURES / "article.txt") -> tuple[str, list[str]]:
    """The title and the paragraphs (blank-line separated) of a plain-text fixture."""
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return blocks[0], blocks[1:]


def build_pdf(path: Path, title: str, paragraphs: list[str], *, hyphenate: str = "hospital",
              page_break_inside: str = "The authors caution") -> Path:
    """A two-page A4 PDF laid out like a magazine article.

    A running header and a page number on every page; the title at 18 pt; headings
    (short lines without a full stop) at 13 pt; the word ``hyphenate`` split across a
    line end ("hospi-" / "tal"); every "fi" set as the ligature U+FB01; the page
    broken after the first line of the paragraph starting ``page_break_inside``.
    """
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    state = {"y": height - 100, "page": 1}

    def furniture() -> None:
        pdf.setFont(FONT, 8)
        pdf.drawString(72, height - 40, HEADER)
        pdf.drawCentredString(width / 2, 30, str(state["page"]))

    def new_page() -> None:
        pdf.showPage()
        state["page"] += 1
        state["y"] = height - 100
        furniture()

    def draw(line: str, size: float) -> None:
        if state["y"] < 80:
            new_page()
        pdf.setFont(FONT, size)
        pdf.drawString(72, state["y"], line.replace("fi", "\ufb01"))
        state["y"] -= size * 1.3

    def wrap(text: str, size: float) -> list[str]:
        lines, current = [], ""
        for word in text.split(" "):
            trial = f"{current} {word}".strip()
            if current and pdfmetrics.stringWidth(trial, FONT, size) > width - 144:
                lines.append(current)
                current = word
            else:
                current = trial
        return lines + [current] if current else lines

    furniture()
    draw(title, 18)
    state["y"] -= 12
    for paragraph in paragraphs:
        for raw_line in paragraph.split("\n"):            # list items keep their lines
            heading = len(raw_line) < 60 and not raw_line.endswith((".", ":")) and not raw_line.startswith("-")
            size = 13 if heading else 10
            if hyphenate in raw_line:
                before, after = raw_line.split(hyphenate, 1)
                cut = len(hyphenate) // 2
                lines = wrap(f"{before}{hyphenate[:cut]}-", size) + wrap(f"{hyphenate[cut:]}{after}", size)
            else:
                lines = wrap(raw_line, size)
            for number, line in enumerate(lines):
                draw(line, size)
                if number == 0 and paragraph.startswith(page_break_inside):
                    new_page()
        state["y"] -= 10
    pdf.save()
    return path

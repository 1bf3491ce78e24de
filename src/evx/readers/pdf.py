"""PDF articles: the text layer as paragraphs, without running headers, footers and page numbers.

Library: **pypdf**, not pdfminer.six. pypdf is the PDF library evx declares as a
dependency (pdfminer.six is only present in some environments), it is several times
faster, and its text visitor (``extract_text(visitor_text=...)``) reports where on
the page each line was drawn and in what font size, which is all the layout this
reader needs. Text is taken in content-stream order, which is reading order for
the single-column PDFs health writing mostly comes in (for two-column papers the
JATS XML from PubMed Central is the better input). The steps:

1. lines of each page with their height on the page and font size;
2. running headers and footers dropped: a line in the top or bottom 8% of the
   page whose text, digits masked, recurs on at least two pages and at least 40%
   of them ("Health Desk Weekly · page 3", a journal's running title); bare page
   numbers ("7", "Page 7 of 12", "- 7 -") in those margins are dropped on any page
   (the repeated-header heuristic of pdfminer-style tools and of Lin 2003, "Header
   and footer extraction by page-association", SPIE 5010);
3. lines grouped into paragraphs: a new paragraph where the gap to the previous
   line exceeds 1.5 times the page's usual line spacing (the lower quartile of its
   gaps; 1.25 x the font size on a page of few lines), the font size changes, or
   the text moves up (a new column); a paragraph cut by a page break is rejoined
   when it does not end a sentence and the next page goes on in the same font
   size, in lower case or for more than one line;
4. within a paragraph, lines joined with a space, and a word hyphenated at a line
   end ("treat-" + "ment") joined without the hyphen, unless the document writes
   that word with a hyphen elsewhere ("anti-inflammatory");
5. superscripts and subscripts (set under 80% of the line's font size): numeric
   citation markers dropped, exponents after a digit written "^" ("10^-5");
6. ligatures (ﬁ ﬂ ﬀ ...) as letters and minus signs as "-", en dashes between numbers
   left alone (:func:`evx.readers._normalise.fix_typesetting`);
7. on page 1, a first paragraph set larger than any other text of the page is the
   ``title`` section; a paragraph reading "References" (or "Sources", ...) opens
   the ``references`` section.

A PDF without a text layer (a scan), an encrypted one that opens only with a
password, and a damaged or non-PDF file each give a :class:`DocumentError` that
says so and what to do, never an empty success.
"""
from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Iterator

import pypdf

from evx.errors import DocumentError
from evx.readers import Document, ReadOptions, register
from evx.readers._normalise import (
    BlockText, as_exponent, collapse_spaces, fix_typesetting, is_numeric_marker, is_references_heading)

EXTRACTOR = f"pypdf {pypdf.__version__}"
# pypdf warns on every odd object of a damaged file and on fonts it parses without
# fontTools; what matters reaches the user as a DocumentError instead
logging.getLogger("pypdf").setLevel(logging.ERROR)
MARGIN_SHARE = 0.08           # top and bottom 8% of the page hold running headers and footers
REPEAT_MIN_PAGES = 2
REPEAT_MIN_SHARE = 0.4
PARAGRAPH_GAP = 1.5           # a gap over 1.5 line spacings starts a paragraph
MIN_GAPS = 4                  # fewer line gaps than this on a page: assume LEADING x font size
LEADING = 1.25
SMALL_PRINT = 0.8             # a piece under 80% of its line's font size is a superscript or subscript
MAX_TITLE_CHARS = 300
MIN_TEXT_CHARS = 20           # fewer visible characters than this in the whole file: no text layer

# on lines whose spaces are collapsed: "7", "- 7 -", "Page 7 of 12", "7/12"
_PAGE_NUMBER = re.compile(r"(?:page ?)?[-–—]? ?\d{1,4} ?[-–—]?(?: ?(?:of|/) ?\d{1,4})?", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_HYPHENATED_WORD = re.compile(r"\b[^\W\d_]+-[^\W\d_]+\b")
_LINE_END_HYPHEN = re.compile(r"[^\W\d_]-\Z")
_WORD_END = re.compile(r"[^\W\d_]+-\Z")       # searched in the last MAX_WORD characters only
_WORD_START = re.compile(r"[^\W\d_]*")
MAX_WORD = 64
_SENTENCE_END = re.compile(r"[.!?:;)\]\"”']\Z")
_LIST_ITEM = re.compile(r"[-•▪◦*]\s|\d{1,2}[.)]\s")


@dataclass
class Line:
    y: float
    size: float
    text: str


@dataclass
class Paragraph:
    lines: list[str]
    size: float
    page: int


@dataclass
class _Piece:
    text: str
    size: float
    y: float


def small_print(text: str, before: str) -> str:
    """What a superscript or subscript becomes: "^-5" after a digit, nothing for a citation marker."""
    exponent = as_exponent(text, before)
    if exponent:
        return exponent
    return "" if is_numeric_marker(text) else text


@dataclass
class _LineCollector:
    """Receives pypdf's text pieces and cuts them into positioned lines.

    Pieces set clearly smaller than the line's main font (under ``SMALL_PRINT`` of it)
    are superscripts or subscripts: citation markers are dropped and exponents
    written "^" (:func:`small_print`), so "walkers¹˒²" reads "walkers" and "10⁻⁵" "10^-5".
    """

    lines: list[Line] = field(default_factory=list)
    pieces: list[_Piece] = field(default_factory=list)

    def visit(self, text: str, cm: list, tm: list, font_dict, font_size: float) -> None:
        chunks = text.split("\n")
        # the text matrix times the current transformation matrix, (0, 0) mapped
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
        size = round((font_size or 1.0) * (scale or 1.0), 1)
        for number, chunk in enumerate(chunks):
            if chunk:
                self.pieces.append(_Piece(chunk, size, y))
            if number < len(chunks) - 1:
                self.flush()

    def flush(self) -> None:
        visible = [piece for piece in self.pieces if piece.text.strip()]
        if visible:
            main = max(visible, key=lambda piece: len(piece.text.strip()))
            parts: list[str] = []
            for piece in self.pieces:
                small = piece.text.strip() and piece.size < SMALL_PRINT * main.size
                before = "".join(parts[-3:]).rstrip()        # enough to see the last character
                parts.append(small_print(piece.text, before) if small else piece.text)
            text = collapse_spaces(fix_typesetting("".join(parts)))
            if text:
                self.lines.append(Line(main.y, main.size, text))
        self.pieces = []


def page_lines(page) -> list[Line]:
    collector = _LineCollector()
    page.extract_text(visitor_text=collector.visit)
    collector.flush()
    return collector.lines


def _margin_key(text: str) -> str:
    return _DIGITS.sub("#", text.lower())


def drop_furniture(pages: list[list[Line]], heights: list[tuple[float, float]]) -> list[list[Line]]:
    """Pages without running headers, footers and page numbers (step 2 of the module docstring)."""
    def in_margin(line: Line, bottom: float, top: float) -> bool:
        margin = (top - bottom) * MARGIN_SHARE
        return line.y >= top - margin or line.y <= bottom + margin

    counts: dict[str, int] = {}
    for lines, (bottom, top) in zip(pages, heights):
        for key in {_margin_key(line.text) for line in lines if in_margin(line, bottom, top)}:
            counts[key] = counts.get(key, 0) + 1
    needed = max(REPEAT_MIN_PAGES, REPEAT_MIN_SHARE * len(pages))
    repeated = {key for key, n in counts.items() if n >= needed}
    kept = []
    for lines, (bottom, top) in zip(pages, heights):
        kept.append([line for line in lines if not (
            in_margin(line, bottom, top)
            and (_margin_key(line.text) in repeated or _PAGE_NUMBER.fullmatch(line.text)))])
    return kept


def paragraphs_of_page(lines: list[Line], page: int) -> list[Paragraph]:
    # the usual line spacing: the lower quartile of the gaps between lines of one font
    # size (a median is pulled up when most paragraphs are two or three lines long)
    gaps = sorted(a.y - b.y for a, b in zip(lines, lines[1:])
                  if a.y - b.y > 0.5 and abs(a.size - b.size) <= 0.6)
    if len(gaps) >= MIN_GAPS:
        spacing = gaps[len(gaps) // 4]
    else:                       # too few lines to tell: the usual leading of the page's text
        spacing = LEADING * median(line.size for line in lines) if lines else 0.0
    paragraphs: list[Paragraph] = []
    previous: Line | None = None
    for line in lines:
        if (previous is not None and paragraphs and line.size < SMALL_PRINT * previous.size
                and abs(line.y - previous.y) < previous.size):
            # small print drawn on its own beside a line: a marker, an exponent, or words
            small = small_print(line.text, paragraphs[-1].lines[-1])
            paragraphs[-1].lines[-1] += " " + small if small == line.text else small
            continue
        gap = previous.y - line.y if previous else 0.0
        starts = (previous is None or gap < -0.5 or abs(line.size - previous.size) > 0.6
                  or (spacing and gap > PARAGRAPH_GAP * spacing)
                  or is_references_heading(line.text) or is_references_heading(previous.text))
        if starts:
            paragraphs.append(Paragraph([line.text], line.size, page))
        elif gap > 0.5 or not paragraphs[-1].lines:
            paragraphs[-1].lines.append(line.text)
        else:                                   # same height: more of the same line
            paragraphs[-1].lines[-1] += " " + line.text
        previous = line
    return paragraphs


def join_lines(lines: list[str], hyphenated: set[str]) -> str:
    """Lines of one paragraph as one line, line-end hyphenation undone (step 4)."""
    pieces = [lines[0]]
    for line in lines[1:]:
        last = pieces[-1]
        if _LIST_ITEM.match(line):                 # a list item keeps a line of its own
            pieces.append("\n")
        elif _LINE_END_HYPHEN.search(last) and line[:1].islower():
            head = _WORD_END.search(last[-MAX_WORD:]).group(0)     # "treat-"
            tail = _WORD_START.match(line[:MAX_WORD]).group(0)    # "ment"
            if f"{head}{tail}".lower() not in hyphenated:
                pieces[-1] = last[:-1]
        else:
            pieces.append(" ")
        pieces.append(line)
    return "".join(pieces)


def _continues(last: Paragraph, paragraph: Paragraph) -> bool:
    """Whether ``paragraph``, first on its page, carries on the last one of the page before."""
    return (paragraph.page == last.page + 1 and abs(paragraph.size - last.size) <= 0.6
            and not _SENTENCE_END.search(last.lines[-1]) and not _LIST_ITEM.match(last.lines[0])
            and (paragraph.lines[0][:1].islower() or len(paragraph.lines) > 1))


def _rejoin_across_pages(paragraphs: list[Paragraph]) -> list[Paragraph]:
    first_on_page = [n == 0 or paragraphs[n - 1].page != p.page for n, p in enumerate(paragraphs)]
    merged: list[Paragraph] = []
    for paragraph, first in zip(paragraphs, first_on_page):
        last = merged[-1] if merged else None
        if last is not None and first and _continues(last, paragraph):
            last.lines.extend(paragraph.lines)
            last.page = paragraph.page
        else:
            merged.append(paragraph)
    return merged


def _is_title(paragraph: Paragraph, text: str, first_page_sizes: list[float]) -> bool:
    """A short first paragraph on page 1, set larger than anything else on the page."""
    return (paragraph.page == 1 and len(text) <= MAX_TITLE_CHARS and len(first_page_sizes) > 1
            and paragraph.size == max(first_page_sizes) and first_page_sizes.count(paragraph.size) == 1)


def _open(data: bytes, name: str) -> pypdf.PdfReader:
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{name}: not a PDF file (no %PDF header); "
                            "check the file or give it its proper suffix")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"{name}: the PDF is encrypted with a password; save an unprotected copy")
        len(reader.pages)
    except DocumentError:
        raise
    except pypdf.errors.DependencyError as exc:
        raise DocumentError(f"{name}: the PDF is encrypted in a way evx cannot open ({exc}); "
                            "save an unprotected copy") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of errors on damaged files
        raise DocumentError(f"{name}: not a readable PDF, the file is damaged or incomplete "
                            f"({exc.__class__.__name__}: {exc}); download or export it again") from exc
    return reader


def read_pdf_bytes(data: bytes, name: str) -> tuple[BlockText, dict]:
    reader = _open(data, name)
    pages, heights = [], []
    try:
        for page in reader.pages:
            box = page.mediabox
            heights.append((float(box.bottom), float(box.top)))
            pages.append(page_lines(page))
    except Exception as exc:  # noqa: BLE001 - broken content streams fail in many ways
        raise DocumentError(f"{name}: not a readable PDF, a page cannot be decoded "
                            f"({exc.__class__.__name__}: {exc}); download or export it again") from exc
    if sum(len(line.text) for lines in pages for line in lines) < MIN_TEXT_CHARS:
        raise DocumentError(f"{name}: the PDF has no text layer ({len(pages)} page(s) of images: a scan?); "
                            "run OCR on it first (e.g. ocrmypdf) or give evx the article's text")
    empty = [number for number, lines in enumerate(pages, start=1) if not lines]
    pages = drop_furniture(pages, heights)
    paragraphs = _rejoin_across_pages(
        [p for number, lines in enumerate(pages, start=1) for p in paragraphs_of_page(lines, number)])
    all_lines = " ".join(line for p in paragraphs for line in p.lines)
    hyphenated = {word.lower() for word in _HYPHENATED_WORD.findall(all_lines)}
    out, kind, meta = BlockText(), "body", {"extractor": EXTRACTOR, "pages": len(pages)}
    if empty:
        meta["pages_without_text"] = empty      # scanned pages among text pages: their text is missing
    first_page_sizes = [p.size for p in paragraphs if p.page == 1]
    for number, paragraph in enumerate(paragraphs):
        text = join_lines(paragraph.lines, hyphenated)
        if number == 0 and _is_title(paragraph, text, first_page_sizes):
            out.add(text, "title", "title")
            meta["title"] = text
            continue
        if is_references_heading(text):
            kind = "references"
        out.add(text, kind, "references" if kind == "references" else "body")
    if "title" not in meta:
        try:
            title = (reader.metadata or {}).get("/Title")
        except Exception:  # noqa: BLE001 - a damaged info dictionary only loses the title
            title = None
        if isinstance(title, str) and title.strip():
            meta["title"] = collapse_spaces(title)
    return out, meta


@register(".pdf")
def read_pdf(path: Path, doc_id: str, options: ReadOptions) -> Iterator[Document]:
    blocks, meta = read_pdf_bytes(path.read_bytes(), str(path))
    yield Document(doc_id=doc_id, source=str(path), text=blocks.text, format="pdf",
                   sections=blocks.sections, meta=meta)

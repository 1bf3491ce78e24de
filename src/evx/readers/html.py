"""Health web pages: the article's text, without the page furniture around it.

Main-text extraction is trafilatura's (Barbaresi 2021, "Trafilatura: A Web Scraping
Library and Command-Line Tool for Text Discovery and Extraction", ACL demos): it
drops navigation, cookie banners, scripts, share widgets, image captions and
credits, related-article lists and footers, and returns the main content as a small
XML tree (``head``, ``p``, ``list``/``item``, ``table``/``row``/``cell``, ``quote``),
which :func:`flatten` turns into lines:

* the headline is the first line, marked as the ``title`` section and kept in
  ``meta["title"]`` (the page's ``<h1>`` when trafilatura kept it, else its
  ``og:title`` or ``<title>``); ``meta["lead"]`` gives the (start, end) of the first paragraph after it;
* headings are lines of their own, paragraphs are separated by a blank line, list
  items are lines starting with "- " (numbered lists: "1. ");
* a heading named like a references list ("References", "Sources", ...) opens a
  ``references`` section that runs to the next heading of the same or a higher level;
* a table's rows are lines with " | " between cells, marked as a ``table`` section;
* numeric citation markers (links or superscripts reading "3", "[3]", "1,2", "4–6")
  are dropped before extraction, so they are never read as numbers; a superscript
  after a digit is an exponent, written "^" (:func:`drop_citation_markers`);
* ligatures and minus signs are normalised as for PDFs
  (:func:`evx.readers._normalise.fix_typesetting`).

Before trafilatura reads the page, :func:`drop_furniture` removes what health sites
put inside the article element and trafilatura may keep (share bars, review-status
widgets, image credits, "Learn more about ..." link paragraphs; the lists are data,
``resources/html_furniture.json``).

When trafilatura finds no main text (very short or unusual pages), the lxml text of
``<article>``, ``<main>`` or ``<body>`` is used instead, without script, style,
navigation, header, footer, aside and form elements; ``meta["extractor"]`` says which
extractor produced the text.
"""
from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from evx.errors import DocumentError
from evx.readers import Document, ReadOptions, register
from evx.readers._normalise import (
    BlockText, as_exponent, collapse_spaces, drop_marker_leftovers, fix_typesetting,
    is_marker_leftover, is_numeric_marker, is_references_heading)
from evx.resource import check_strings, read_json
from evx.text.alternation import alternation

EXTRACTOR = f"trafilatura {trafilatura.__version__}"
FALLBACK_EXTRACTOR = f"lxml {'.'.join(map(str, etree.LXML_VERSION[:3]))} fallback (trafilatura found no main text)"

# Elements whose text is never article text, for the lxml fallback.
FURNITURE_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
                  "form", "button", "iframe", "svg", "figure", "select")
# Block-level elements of the fallback: each starts a new block.
BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr",
              "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "br"}
_HEADING_LEVEL = re.compile(r"h([1-6])")
_NAME_SPLIT = re.compile(r"[\s\-_]+")
FURNITURE_RESOURCE = "html_furniture.json"
# trafilatura's comparison with readability and jusText costs more than linear time;
# pages larger than this are read without it ("fast" mode)
FAST_ABOVE_BYTES = 1_000_000
_SITE_SUFFIX = re.compile(r"\s+[|·—–-]\s+[^|·—–-]{1,60}\Z")   # "Headline | Site name"


def _heading_level(element) -> int:
    match = _HEADING_LEVEL.fullmatch(element.get("rend") or element.tag)
    return int(match.group(1)) if match else 2


def _joined(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(" " if child.tag == "lb" else _joined(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    return drop_marker_leftovers(fix_typesetting(text))


def _inline_text(element) -> str:
    """The text of an element, inline markup joined as written, ``<lb/>`` (a ``<br>``) as a space."""
    return _clean(_joined(element))


def _list_lines(element, depth: int = 0) -> list[str]:
    numbered = (element.get("rend") or "") == "ol"
    lines = []
    for number, item in enumerate(element.iterfind("item"), start=1):
        nested = item.findall("list")
        own = [item.text or ""] + [
            ("" if child.tag == "list" else _joined(child)) + (child.tail or "") for child in item]
        marker = f"{number}." if numbered else "-"
        text = _clean("".join(own))
        if text:
            lines.append("  " * depth + f"{marker} {text}")
        for sub in nested:
            lines.extend(_list_lines(sub, depth + 1))
    return lines


def _table_lines(element) -> list[str]:
    rows = []
    for row in element.iter("row"):
        cells = [_inline_text(cell) for cell in row.iterfind("cell")]
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def flatten(body, title: str | None) -> BlockText:
    """Lines of a trafilatura body tree, with their sections (see the module docstring)."""
    out = BlockText()
    blocks = list(body)
    if blocks and blocks[0].tag == "head":
        first = _inline_text(blocks[0])
        if first and (blocks[0].get("rend") == "h1" or first == collapse_spaces(title or "")):
            title, blocks = first, blocks[1:]   # the page's own headline
    if title:
        out.add(collapse_spaces(title), "title", "title")
    refs_level, refs_name = None, ""      # level and heading of an open references section
    for element in blocks:
        if element.tag == "head":
            text, level = _inline_text(element), _heading_level(element)
            if refs_level is not None and level <= refs_level:
                refs_level = None
            if refs_level is None and is_references_heading(text):
                refs_level, refs_name = level, text
        else:
            text = ("\n".join(_list_lines(element)) if element.tag == "list"
                    else "\n".join(_table_lines(element)) if element.tag == "table"
                    else _inline_text(element))       # p, quote, code: one paragraph
        if element.tag == "table":
            out.add(text, "table", "table")
        elif refs_level is None:
            out.add(text, "body", "body")
        else:
            out.add(text, "references", refs_name)
    return out


def _fallback_blocks(tree) -> BlockText:
    """Text of <article>, <main> or <body> minus furniture, one block per block element."""
    tree = copy.deepcopy(tree)
    etree.strip_elements(tree, *FURNITURE_TAGS, etree.Comment, with_tail=False)
    root = next((found[0] for tag in ("article", "main", "body") if (found := tree.xpath(f"//{tag}"))), tree)
    pieces: list[str] = []

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in BLOCK_TAGS:
            pieces.append("\n")
        if element.text:
            pieces.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if tag in BLOCK_TAGS:
            pieces.append("\n")

    walk(root)
    out = BlockText()
    h1 = tree.xpath("//h1")
    title = _inline_text(h1[0]) if h1 else page_title(tree)
    for line in "".join(pieces).split("\n"):
        line = collapse_spaces(line)
        if not line:
            continue
        if not out.length and title and line == title:
            out.add(line, "title", "title")
        else:
            out.add(line)
    return out


def page_title(tree) -> str | None:
    """The page's headline from its ``og:title`` or ``<title>`` (a " | Site name" dropped).

    Used when the main text does not start with the ``<h1>``; read from the parsed page
    rather than by trafilatura's metadata step, which also guesses dates (htmldate)
    and takes longer than the text extraction itself.
    """
    og_title = tree.xpath("//meta[@property='og:title']/@content")
    if og_title and collapse_spaces(og_title[0]):
        return collapse_spaces(og_title[0])
    title = collapse_spaces(tree.findtext(".//title") or "")
    return _SITE_SUFFIX.sub("", title) or None


def _trafilatura(tree, precision: bool, fast: bool):
    return trafilatura.bare_extraction(
        tree, with_metadata=False, include_comments=False, include_tables=True, fast=fast,
        include_images=False, include_links=False, deduplicate=False, favor_precision=precision)


def _is_page_dump(extracted) -> bool:
    """True for trafilatura's whole-page fallback: one paragraph holding many lines."""
    body = getattr(extracted, "body", None)
    return body is not None and len(body) == 1 and body[0].tag == "p" and "\n" in (body[0].text or "")


@lru_cache(maxsize=1)
def furniture_rules() -> dict:
    """The furniture lists of ``resources/html_furniture.json``, checked and as sets."""
    raw = read_json("resources", FURNITURE_RESOURCE)
    for key in ("class_tokens", "class_phrases", "teaser_link_cues"):
        check_strings(f"{FURNITURE_RESOURCE}: '{key}'", raw.get(key))
    words = sorted({*raw["class_tokens"], *raw["class_phrases"]})
    return {"class_tokens": frozenset(raw["class_tokens"]), "class_phrases": tuple(raw["class_phrases"]),
            "teaser_link_cues": tuple(raw["teaser_link_cues"]), "teaser_max_chars": int(raw["teaser_max_chars"]),
            # one alternation of literal words: a quick first test before the word-by-word one
            "candidate": re.compile(alternation(words), re.IGNORECASE)}


def drop_furniture(tree) -> int:
    """Remove widgets by class or id and link-only teaser paragraphs (see the resource file).

    trafilatura drops most furniture itself; this catches what sits inside the article
    element on health sites: share bars, review-status widgets, image credits, and
    "Learn more about ..." links standing as paragraphs of their own.
    """
    rules, removed = furniture_rules(), 0
    for element in tree.xpath("//body//*[@class or @id]"):
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if not rules["candidate"].search(names):
            continue
        names = names.lower()
        if (element.tag not in ("body", "html", "article", "main")
                and (not rules["class_tokens"].isdisjoint(_NAME_SPLIT.split(names))
                     or any(phrase in names for phrase in rules["class_phrases"]))
                and not element.xpath(".//article | .//h1")):     # never a wrapper of the article
            _remove_keeping_tail(element)
            removed += 1
    for paragraph in tree.xpath("//body//p[count(a) = 1]"):
        link = collapse_spaces(paragraph.find("a").text_content())
        if (len(link) <= rules["teaser_max_chars"] and link.lower().startswith(rules["teaser_link_cues"])
                and collapse_spaces(paragraph.text_content()) == link):
            _remove_keeping_tail(paragraph)
            removed += 1
    return removed


def _remove_keeping_tail(element) -> None:
    parent, tail = element.getparent(), element.tail
    if parent is None:
        return
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def drop_citation_markers(tree) -> int:
    """Remove numeric citation markers from the page; write exponents as "^".

    A marker is a link whose text is a number or a list or range of numbers ("3",
    "[3]", "1,2", "4–6"), or a superscript made only of such text and links; a
    superscript right after a digit is an exponent (``10<sup>-5</sup>`` → "10^-5").
    Plain superscripts after words (footnote marks, "m<sup>2</sup>") are left as they are.
    """
    removed = 0
    for link in list(tree.iter("a")):
        if is_numeric_marker(link.text_content()):
            _remove_keeping_tail(link)
            removed += 1
    for sup in list(tree.iter("sup")):
        text = sup.text_content()
        previous = sup.getprevious()
        before = (previous.tail if previous is not None else sup.getparent().text) or ""
        if is_marker_leftover(text):            # empty, or held only markers, now removed
            _remove_keeping_tail(sup)
        elif exponent := as_exponent(text, before):
            sup.text, sup[:] = exponent, []
        elif is_numeric_marker(text) and (len(sup) or not text.strip().isdigit()):
            _remove_keeping_tail(sup)       # "1,2" or "[3]" or a superscript link
            removed += 1
    return removed


def read_html_bytes(data: bytes, name: str) -> tuple[BlockText, dict]:
    if b"\x00" in data[:65536]:
        raise DocumentError(f"{name}: looks like a binary file (NUL bytes), not an HTML page; "
                            "remove it from the input or give it its proper suffix")
    meta: dict = {"extractor": EXTRACTOR}
    tree = load_html(data)
    if tree is None:
        raise DocumentError(f"{name}: not an HTML page (no markup could be parsed); "
                            "check the file or give it its proper suffix")
    meta["furniture_dropped"] = drop_furniture(tree)
    meta["citation_markers_dropped"] = drop_citation_markers(tree)
    fast = len(data) > FAST_ABOVE_BYTES
    extracted = _trafilatura(tree, precision=False, fast=fast)
    if _is_page_dump(extracted):
        # trafilatura's last resort is the whole page's text (navigation and footer
        # included); its precision mode never takes that step
        extracted = _trafilatura(tree, precision=True, fast=fast)
        meta["extractor"] = EXTRACTOR + " (precision)"
    if fast:
        meta["extractor"] += " (fast mode: page over 1 MB)"
    body = getattr(extracted, "body", None)
    blocks = flatten(body, page_title(tree)) if body is not None and len(body) else BlockText()
    if not blocks.first("body") and not blocks.first("table"):
        blocks, meta["extractor"] = _fallback_blocks(tree), FALLBACK_EXTRACTOR
    if not blocks.length:
        raise DocumentError(f"{name}: no article text found in the page (empty, or only scripts and "
                            "page furniture); save the article's own page or its text")
    title = blocks.first("title")
    text = blocks.text
    if title:
        meta["title"] = text[title.start:title.end]
    body_span = blocks.first("body")
    if body_span:
        first_paragraph_end = text.find("\n", body_span.start)
        meta["lead"] = [body_span.start, body_span.end if first_paragraph_end < 0
                        else min(first_paragraph_end, body_span.end)]
    return blocks, meta


@register(".html", ".htm", ".xhtml")
def read_html(path: Path, doc_id: str, options: ReadOptions) -> Iterator[Document]:
    blocks, meta = read_html_bytes(path.read_bytes(), str(path))
    yield Document(doc_id=doc_id, source=str(path), text=blocks.text, format="html",
                   sections=blocks.sections, meta=meta)

"""JATS XML (PubMed Central articles): title, abstract, body, tables apart, references.

The Journal Article Tag Suite (ANSI/NISO Z39.96-2024; the PMC tagging guidelines,
https://www.ncbi.nlm.nih.gov/pmc/pmcdoc/tagging-guidelines/article/style.html) marks
the parts of an article explicitly, so this reader takes them from the markup
rather than guessing:

* ``front//article-title`` is the first line, the ``title`` section (``meta["title"]``);
* each ``abstract`` (not graphical abstracts) follows under an "Abstract" heading line,
  then the ``body``, then appendices and acknowledgements from ``back``: each ``sec``
  ``title`` is a heading line of its own, each ``p`` a paragraph, list items lines
  starting with "- "; figure captions become paragraphs after the paragraph that
  holds the figure;
* every ``table-wrap`` (wherever it sits: in a paragraph, a section or the
  ``floats-group``) is kept apart from the running text: after the body, one
  ``table`` section each, label and caption on the first line, one line per row with
  " | " between cells, then the table's footnotes;
* ``back/ref-list`` is the ``references`` section (a "References" heading, one line
  per ``ref``), so designs in reference titles are marked as such;
* citation markers: a ``<xref ref-type="bibr">`` whose text is a number or a range
  of numbers ("3", "4–6"; up to three digits, so never a year) is **dropped**,
  together with the brackets, commas and superscript that held only markers, so a
  marker can never be read as a value; author-year citations ("Smith et al., 2019")
  are kept as plain text. Cross-references to figures and tables ("Table 2") are
  kept as plain text;
* ``<sup>`` right after a number is written "^" (``10<sup>−5</sup>`` → "10^-5");
  minus signs are normalised as for PDFs (:func:`evx.readers._normalise.fix_typesetting`).

The XML is parsed without loading DTDs, resolving entities or using the network.
A ``.xml`` file whose root is not ``<article>`` (or a ``<pmc-articleset>`` of them)
is refused with a message saying what it is.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from lxml import etree

from evx.errors import DocumentError
from evx.readers import Document, ReadOptions, register
from evx.readers._normalise import (
    BlockText, as_exponent, collapse_spaces, drop_marker_leftovers, fix_typesetting,
    is_marker_leftover, is_numeric_marker)

# elements that hold running paragraphs or other blocks, read recursively
CONTAINERS = {"sec", "boxed-text", "disp-quote", "app", "ack", "body", "abstract", "statement",
              "glossary", "def-list", "notes"}
# block elements that may sit inside a paragraph and are taken out of its sentence
PARAGRAPH_BREAKERS = {"list", "fig", "table-wrap", "disp-quote", "boxed-text", "statement",
                      "supplementary-material", "def-list", "fig-group", "table-wrap-group"}
SKIPPED = {"supplementary-material", "object-id", "graphic", "media", "alt-text", "label"}


def _local(element) -> str:
    """The tag without its namespace ("" for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _is_citation_marker(element) -> bool:
    return (element.get("ref-type") == "bibr" and _local(element) == "xref"
            and is_numeric_marker((element.text or "") if len(element) == 0 else "".join(element.itertext())))


class _Reader:
    """Walks one ``<article>``, filling a :class:`BlockText` and collecting its tables."""

    def __init__(self) -> None:
        self.out = BlockText()
        self.tables: list = []

    # -- inline text ------------------------------------------------------------
    def inline(self, element, after_blocks: list) -> str:
        """Text of ``element``'s content; block children go to ``after_blocks`` instead."""
        parts = [element.text or ""]
        for child in element:
            name = _local(child)
            if name in PARAGRAPH_BREAKERS:
                after_blocks.append(child)
            elif name == "xref" and _is_citation_marker(child):
                pass
            elif name == "sup":
                parts.append(self._superscript(child, "".join(parts[-3:]).rstrip(), after_blocks))
            elif name and name not in SKIPPED:
                parts.append(self.inline(child, after_blocks))
            parts.append(child.tail or "")
        return "".join(parts)

    def _superscript(self, element, before: str, after_blocks: list) -> str:
        inner = self.inline(element, after_blocks)
        had_marker = any(_is_citation_marker(x) for x in element.iter("{*}xref"))
        if had_marker and (is_marker_leftover(inner) or is_numeric_marker(inner)):
            return ""                       # a superscript that held only citation markers
        return as_exponent(inner, before) or inner      # an exponent: 10^-5

    def paragraph_text(self, element, after_blocks: list) -> str:
        return drop_marker_leftovers(fix_typesetting(self.inline(element, after_blocks)))

    # -- blocks ---------------------------------------------------------------
    def paragraph(self, element, kind: str = "body", name: str = "body", gap: str = "\n\n") -> None:
        after: list = []
        self.out.add(self.paragraph_text(element, after), kind, name, gap)
        for block in after:
            self.block(block)

    def block(self, element) -> None:
        name = _local(element)
        if name in ("table-wrap", "table-wrap-group"):
            self.tables.append(element)
        elif name in ("fig", "fig-group"):
            self.figure(element)
        elif name == "list":
            self.list(element)
        elif name in ("title", "sec-meta"):
            return
        elif name == "p":
            self.paragraph(element)
        elif name in CONTAINERS:
            self.container(element)
        elif name in ("def-item", "def", "term"):
            self.paragraph(element)

    def container(self, element) -> None:
        title = element.find("{*}title")
        if title is not None:
            self.paragraph(title)           # a section name: a heading line
        for child in element:
            if child is not title:
                self.block(child)

    def list(self, element, depth: int = 0) -> None:
        """One line per item ("- item", nested items indented), the first after a blank line."""
        gap = "\n\n" if depth == 0 else "\n"
        for item in element:
            if _local(item) != "list-item":
                continue
            for child in item:
                if _local(child) == "list":
                    self.list(child, depth + 1)
                elif _local(child) == "p":
                    after: list = []
                    text = self.paragraph_text(child, after)
                    if text and self.out.add("  " * depth + "- " + text, gap=gap):
                        gap = "\n"
                    for block in after:
                        self.block(block)

    def figure(self, element) -> None:
        for fig in [element] if _local(element) == "fig" else element.iter("{*}fig"):
            label = collapse_spaces(fig.findtext("{*}label") or "")
            caption = next((c for c in fig.iter("{*}caption")), None)
            text = self.paragraph_text(caption, []) if caption is not None else ""
            self.out.add(f"{label} {text}".strip())

    def table(self, element) -> None:
        label = collapse_spaces(element.findtext("{*}label") or "")
        caption = next((c for c in element.iter("{*}caption")), None)
        name = label or f"Table {len([s for s in self.out.sections if s.kind == 'table']) + 1}"
        caption_text = self.paragraph_text(caption, []) if caption is not None else ""
        lines = [collapse_spaces(f"{label} {caption_text}")]
        for row in element.iter("{*}tr"):
            cells = [self.paragraph_text(cell, []) for cell in row if _local(cell) in ("td", "th")]
            if any(cells):
                lines.append(" | ".join(cells))
        for foot in element.iter("{*}table-wrap-foot"):
            for p in foot.iter("{*}p"):
                lines.append(self.paragraph_text(p, []))
        self.out.add("\n".join(line for line in lines if line), "table", name)

    def references(self, ref_list) -> None:
        title = ref_list.find("{*}title")
        heading = collapse_spaces("".join(title.itertext())) if title is not None else "References"
        heading = heading or "References"
        self.out.add(heading, "references", heading)
        for ref in ref_list.iter("{*}ref"):
            label = (ref.findtext("{*}label") or "").strip()
            pieces = []
            for node in ref:
                if _local(node) == "mixed-citation":    # punctuation written in the XML
                    pieces.append("".join(node.itertext()))
                elif _local(node) != "label":           # element-citation: parts only
                    pieces.extend(t.strip() for t in node.itertext() if t.strip())
            if label.isdigit():
                label += "."
            citation = drop_marker_leftovers(f"{label} {' '.join(pieces)}")
            self.out.add(citation, "references", heading, gap="\n")

    # -- the article ------------------------------------------------------------
    def article(self, article) -> dict:
        meta: dict = {"extractor": "lxml JATS"}
        front = _first(article, "front")
        article_meta = _first(front, "article-meta") if front is not None else None
        if article_meta is not None:
            title = _first(article_meta, "title-group/article-title")
            if title is not None:
                span = self.out.add(self.paragraph_text(title, []), "title", "title")
                if span:
                    meta["title"] = self.out.text[span[0]:span[1]]
            for abstract in article_meta.iterfind("{*}abstract"):
                if abstract.get("abstract-type") in ("graphical", "toc", "teaser"):
                    continue
                if abstract.find("{*}title") is None:
                    self.out.add("Abstract")
                self.container(abstract)
            doi = article_meta.xpath("*[local-name()='article-id'][@pub-id-type='doi']/text()")
            if doi:
                meta["doi"] = doi[0].strip()
            pmcid = article_meta.xpath(
                "*[local-name()='article-id'][@pub-id-type='pmc' or @pub-id-type='pmcid']/text()")
            if pmcid:
                meta["pmcid"] = pmcid[0].strip()
        journal = article.xpath("string(.//*[local-name()='journal-title'][1])")
        if journal.strip():
            meta["journal"] = collapse_spaces(journal)
        body = _first(article, "body")
        if body is not None:
            self.container(body)
        back = _first(article, "back")
        ref_lists = []
        if back is not None:
            for child in back:
                name = _local(child)
                if name == "ref-list":
                    ref_lists.append(child)
                elif name in ("app-group", "app", "ack", "sec", "glossary", "notes"):
                    for inner in (child.iter("{*}app") if name == "app-group" else [child]):
                        self.container(inner)
        floats = _first(article, "floats-group")
        if floats is not None:
            for child in floats:
                self.block(child)
        for table in self.tables:
            for wrap in ([table] if _local(table) == "table-wrap" else table.iter("{*}table-wrap")):
                self.table(wrap)
        for ref_list in ref_lists:
            self.references(ref_list)
        return meta


def _first(element, path: str):
    """The first element at a slash-separated path of local names (namespace or not)."""
    found = element.xpath("/".join(f"*[local-name()='{step}']" for step in path.split("/")))
    return found[0] if found else None


def parse_jats(data: bytes, name: str) -> list:
    """The ``<article>`` elements of a JATS file; DocumentError for anything else."""
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{name}: looks like a binary file (NUL bytes), not XML; "
                            "remove it from the input or give it its proper suffix")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
                             remove_comments=True, remove_pis=True, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        root, error = None, exc
    else:
        error = parser.error_log.last_error
    if root is None:
        raise DocumentError(f"{name}: not well-formed XML ({error}); evx reads .xml files as JATS "
                            "articles (PubMed Central); check the file or export it again")
    tag = _local(root)
    if tag == "article":
        return [root]
    if tag == "pmc-articleset":
        articles = [child for child in root if _local(child) == "article"]
        if articles:
            return articles
    raise DocumentError(f"{name}: XML, but not a JATS article (root element <{tag}>, expected <article>); "
                        "evx reads .xml files as JATS (PubMed Central); convert other XML to text first")


@register(".xml", ".nxml")
def read_jats(path: Path, doc_id: str, options: ReadOptions) -> Iterator[Document]:
    articles = parse_jats(path.read_bytes(), str(path))
    for number, article in enumerate(articles, start=1):
        reader = _Reader()
        meta = reader.article(article)
        if not reader.out.length:
            raise DocumentError(f"{path}: a JATS article with no title, abstract or body text "
                                "(metadata only?); use the full-text XML")
        yield Document(doc_id=doc_id if len(articles) == 1 else f"{doc_id}#{number}", source=str(path),
                       text=reader.out.text, format="jats", sections=reader.out.sections, meta=meta)

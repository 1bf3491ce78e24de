"""Where the title, body and references list of a plain text are (no spaCy).

A short first line without a full stop is the title, and a line reading
"References" (or "Bibliography", "Sources", ...) starts the references list,
which runs to the end of the document. Readers that know the structure (JATS,
HTML) build :class:`SectionSpan` objects themselves; the ``evx_sections``
component (:mod:`evx.nlp.sections`) calls :func:`find_sections` for the others.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

REFERENCES_HEADING = re.compile(
    r"^[ \t]*(?:\d+\.?\s*)?(references|reference list|bibliography|sources|works cited|"
    r"literature cited|references and notes|citations)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
TITLE_MAX_CHARS = 200
SHORT_TITLE_CHARS = 100   # a line this short with a capitalised line after it is a headline too


@dataclass
class SectionSpan:
    start: int
    end: int
    kind: str          # one of records.SECTIONS
    name: str = ""


def find_sections(text: str) -> list[SectionSpan]:
    sections: list[SectionSpan] = []
    body_start = 0
    first = re.match(r"\s*([^\n]+)", text)
    if first:
        line = first.group(1).rstrip()
        if len(line) <= TITLE_MAX_CHARS and not line.endswith((".", ":", ";", ",")) \
                and _stands_alone(text, first.end(1), line):
            sections.append(SectionSpan(first.start(1), first.start(1) + len(line), "title", "title"))
            body_start = first.start(1) + len(line)
    refs = None
    for match in REFERENCES_HEADING.finditer(text):
        refs = match  # the last such heading: a references list closes an article
    body_end = refs.start() if refs else len(text)
    sections.append(SectionSpan(body_start, body_end, "body", "body"))
    if refs:
        sections.append(SectionSpan(refs.start(), len(text), "references", refs.group(1)))
    return sections


def _stands_alone(text: str, line_end: int, line: str) -> bool:
    """A first line is a headline when a blank line (or nothing) follows it, or when it is short and
    the next line starts afresh; a long first line that runs on into the next is hard-wrapped prose."""
    after = text[line_end:line_end + 200]
    if not after.strip() or re.match(r"[ \t]*\n[ \t]*(?:\n|$)", after):
        return True
    return len(line) < SHORT_TITLE_CHARS and bool(re.match(r"[ \t]*\n[ \t]*[A-Z\"'“‘(\d]", after))


def section_at(sections, offset: int) -> str:
    """The kind of section among ``sections`` that holds character ``offset`` ("body" when none does)."""
    best = "body"
    for section in sections or ():
        if section.start <= offset < section.end and section.kind != "body":
            best = section.kind
    return best


def section_bounds(sections, kind: str) -> tuple[int, int] | None:
    """(start, end) of the first section of ``kind``, or None."""
    for section in sections or ():
        if section.kind == kind:
            return section.start, section.end
    return None

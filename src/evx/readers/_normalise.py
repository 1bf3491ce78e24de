"""Shared text clean-up for the converting readers (HTML, PDF, JATS): one place.

* :class:`BlockText` assembles extracted blocks (headings, paragraphs, list items,
  table rows) into the document text, blank line between paragraphs, and records
  the :class:`~evx.nlp.sections.SectionSpan` of each block so that offsets of
  title, references and tables index exactly the text the pipeline sees.
* :func:`collapse_spaces` turns any run of whitespace inside a block into one space.
* :func:`fix_ligatures` and :func:`fix_minus_signs` undo what PDF typesetting does to
  words and numbers (the same clean-up statcheck applies to PDF text before it
  reads statistics: Nuijten et al. 2016, ``R/regex.R``, "odd minus signs").
* :func:`is_references_heading` says whether a heading opens the references list
  (the heading names are those :mod:`evx.nlp.sections` knows, not a second list).

Every regular expression here is linear: single character classes and bounded
look-arounds, no nested quantifiers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from evx.nlp.sections import REFERENCES_HEADING, SectionSpan

# --- whitespace ----------------------------------------------------------------

_SPACES = re.compile(r"[^\S\n]+")        # runs of whitespace other than newlines
_ANY_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)+")   # two or more blank lines
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphen, zero widths, BOM


def collapse_spaces(text: str) -> str:
    """One space for every run of whitespace (newlines included); invisible marks dropped; stripped."""
    return _ANY_SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def tidy_lines(text: str) -> str:
    """Spaces collapsed within lines, trailing spaces dropped, at most one blank line in a row."""
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# --- typesetting artefacts -------------------------------------------------------

# Presentation-form ligatures (U+FB00-FB06) as their letters. NFKC would do this too,
# but it also rewrites superscripts, fractions and full-width digits, which carry meaning.
LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}
_LIGATURE = re.compile("[\ufb00-\ufb06]")

# Characters that are always a minus (or a hyphen) and never a range dash: the
# mathematical minus, the figure dash, small and full-width hyphen-minus.
_ALWAYS_MINUS = re.compile("[\u2212\u2012\ufe63\uff0d]")
# An en or em dash directly before a number is a minus when what precedes it is not
# a number (that would make it a range, "1.32–1.73", "20%–30%", "(1.1 – 2.0)"):
# start of text, an opening bracket, "=", ":", ",", ";", "<", ">", or a word followed by
# a space ("from –0.5 to 0.3"). A letter right before it ("type–2") reads as a hyphen.
_DASH_AS_MINUS = re.compile(
    r"(?:^|(?<=[\s(\[{=:;,<>≤≥]))[\u2013\u2014](?=\.?\d)", re.MULTILINE)
_NUMBER_BEFORE = re.compile(r"[\d%)\]]\s*\Z")


def fix_ligatures(text: str) -> str:
    return _LIGATURE.sub(lambda m: LIGATURES[m.group(0)], text)


def fix_minus_signs(text: str) -> str:
    """Minus signs as ASCII "-"; en dashes between numbers (ranges) are left as they are."""
    text = _ALWAYS_MINUS.sub("-", text)

    def dash(match: re.Match) -> str:
        # look back at most 3 characters: "1.32 – 1.73" is a range, "= –0.12" a minus
        before = text[max(0, match.start() - 3):match.start()]
        return match.group(0) if _NUMBER_BEFORE.search(before) else "-"

    return _DASH_AS_MINUS.sub(dash, text)


def fix_typesetting(text: str) -> str:
    return fix_minus_signs(fix_ligatures(text))


# --- headings --------------------------------------------------------------------

def is_references_heading(line: str) -> bool:
    """True for "References", "Sources", "Bibliography", "4. References", ... on a line of its own."""
    return bool(REFERENCES_HEADING.fullmatch(line.strip()))


# --- assembling blocks -------------------------------------------------------------

@dataclass
class BlockText:
    """The document text built block by block, with the section each block belongs to.

    ``add(text, kind)`` appends a block (a paragraph, heading, list item, table row);
    ``gap`` is what separates it from the previous block ("\\n\\n" starts a paragraph,
    "\\n" a new line of the same paragraph group, e.g. list items). Consecutive blocks
    of one kind and name make one section span.
    """

    parts: list[str] = field(default_factory=list)
    sections: list[SectionSpan] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, kind: str = "body", name: str = "", gap: str = "\n\n") -> tuple[int, int] | None:
        text = text.strip()
        if not text:
            return None
        if self.length:
            self.parts.append(gap)
            self.length += len(gap)
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        last = self.sections[-1] if self.sections else None
        if last is not None and last.kind == kind and last.name == name:
            last.end = self.length
        else:
            self.sections.append(SectionSpan(start, self.length, kind, name or kind))
        return start, self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def first(self, kind: str) -> SectionSpan | None:
        return next((s for s in self.sections if s.kind == kind), None)

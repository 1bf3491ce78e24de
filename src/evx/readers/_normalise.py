"""Shared text clean-up for the converting readers (HTML, PDF, JATS): one place.

* :class:`BlockText` assembles extracted blocks (headings, paragraphs, list items,
  table rows) into the document text, blank line between paragraphs, and records
  the :class:`~evx.text.sections.SectionSpan` of each block so that offsets of
  title, references and tables index exactly the text the pipeline sees.
* :func:`collapse_spaces` turns any run of whitespace inside a block into one space.
* :func:`fix_typesetting` undoes what PDF typesetting does to words and numbers:
  ligatures as letters, minus signs as "-" (en dashes between numbers kept as ranges), the clean-up
  statcheck applies to PDF text before it reads statistics (Nuijten et al. 2016,
  ``R/regex.R``, "odd minus signs").
* :func:`is_numeric_marker` and :func:`drop_marker_leftovers` recognise citation
  markers ("[3]", "1,2", "4–6") and tidy what dropping them leaves behind.
* :func:`is_references_heading` says whether a heading opens the references list
  (the heading names are those :mod:`evx.text.sections` knows, not a second list).

Every regular expression here is linear: single character classes and bounded
look-arounds, no nested quantifiers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from evx.text.sections import REFERENCES_HEADING, SectionSpan

# --- whitespace ----------------------------------------------------------------

# soft hyphen, zero-width space and joiners, word joiner, BOM: deleted
_INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def collapse_spaces(text: str) -> str:
    """One space for every run of whitespace (newlines included); invisible marks dropped; stripped."""
    return " ".join(text.translate(_INVISIBLE).split())


# --- typesetting artefacts -------------------------------------------------------

# Presentation-form ligatures (U+FB00-FB06) as their letters. NFKC would do this too,
# but it also rewrites superscripts, fractions and full-width digits, which carry meaning.
LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}

# Characters that are always a minus (or a hyphen) and never a range dash: the
# mathematical minus, the figure dash, small and full-width hyphen-minus.
_ALWAYS_MINUS = {"\u2212": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"}
# An en or em dash directly before a number is a minus when what precedes it is not
# a number (that would make it a range, "1.32–1.73", "20%–30%", "(1.1 – 2.0)"):
# start of a line, an opening bracket, "=", ":", ",", ";", "<", ">", or a word and a
# space ("from –0.5 to 0.3"). A letter right before it ("type–2") reads as a hyphen.
# The dash is matched first and the look-behinds checked after it, so the scan for a
# dash runs at C speed ("(?<![^...]X)": X preceded by one of these or by nothing).
_DASH_AS_MINUS = re.compile(
    r"[\u2013\u2014](?=\.?\d)(?<![^\s(\[{=:;,<>≤≥][\u2013\u2014])(?<![\d%)\]]\s[\u2013\u2014])")
_TRANSLATION = str.maketrans({**LIGATURES, **_ALWAYS_MINUS})


def _dashes_as_minus(text: str) -> str:
    if "\u2013" not in text and "\u2014" not in text:   # a fast scan spares the regex most texts
        return text
    return _DASH_AS_MINUS.sub("-", text)


def fix_typesetting(text: str) -> str:
    """Ligatures as letters and minus signs as "-"; en dashes between numbers (ranges) are left as
    they are (one translation pass, then the dash check)."""
    return _dashes_as_minus(text.translate(_TRANSLATION))


# --- citation markers -------------------------------------------------------------

# The text of a numeric citation marker: "3", "[3]", "4–6", "1, 2", "(2,5-7)"; at most
# three digits a number, so a year ("2019") is never taken for a marker.
NUMERIC_MARKER = re.compile(r"[\[(]?\s?\d{1,3}(?:\s?[,;\u2013\u2014-]\s?\d{1,3})*\s?[\])]?")
# What a group of markers leaves once they are dropped: "", ",", "[–]", "( , )".
MARKER_LEFTOVER = re.compile(r"[\s,;\u2013\u2014\-\[\]()]*")
# What is left of "[1, 2]" or "(3)" once the markers inside are dropped.
_EMPTY_BRACKETS = re.compile(r"[\[(][\s,;\u2013\u2014\-]*[\])]")
# A space left before punctuation ("walkers ."), not before a number (" .5").
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[.,;:](?!\d))")


# A superscript that is an exponent when it follows a digit: "10<sup>-5</sup>".
EXPONENT = re.compile(r"[-\u2212\u2013]?\d{1,3}")


def as_exponent(text: str, before: str) -> str | None:
    """"^-5" for a superscript "-5" right after a digit; None when it is no exponent."""
    stripped = text.strip()
    return "^" + stripped if before[-1:].isdigit() and EXPONENT.fullmatch(stripped) else None


def is_numeric_marker(text: str) -> bool:
    return bool(NUMERIC_MARKER.fullmatch(text.strip()))


def is_marker_leftover(text: str) -> bool:
    return bool(MARKER_LEFTOVER.fullmatch(text))


def drop_marker_leftovers(text: str) -> str:
    """Empty brackets and the spaces that dropped markers leave behind; spaces collapsed."""
    return _SPACE_BEFORE_PUNCT.sub("", collapse_spaces(_EMPTY_BRACKETS.sub("", text)))


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
        text, name = text.strip(), name or kind
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
            self.sections.append(SectionSpan(start, self.length, kind, name))
        return start, self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def first(self, kind: str) -> SectionSpan | None:
        return next((s for s in self.sections if s.kind == kind), None)

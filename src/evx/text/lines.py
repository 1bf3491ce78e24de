"""Lines and paragraphs of a plain text, found in bounded windows (no spaCy).

Every function here reads a bounded stretch of text around an offset, so a 20 MB single
line costs no more per call than a short article.
"""
from __future__ import annotations

import re

# line breaks and tabs inside a sentence (hard-wrapped text) read as spaces; the length stays the same
_ONE_LINE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\u00a0": " "})
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
PARAGRAPH_WINDOW = 4000


def as_one_line(text: str) -> str:
    """``text`` with line breaks, tabs and no-break spaces as plain spaces (same length, same offsets)."""
    return text.translate(_ONE_LINE)


def paragraph_around(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """(start, end) of the blank-line-delimited paragraph holding ``text[start:end]``, looked for
    at most :data:`PARAGRAPH_WINDOW` characters either side."""
    end = start if end is None else end
    left_from = max(0, start - PARAGRAPH_WINDOW)
    p_start = left_from
    for match in PARAGRAPH_BREAK.finditer(text, left_from, start):
        p_start = match.end()
    match = PARAGRAPH_BREAK.search(text, end, end + PARAGRAPH_WINDOW)
    p_end = match.start() if match else min(len(text), end + PARAGRAPH_WINDOW)
    return p_start, p_end


def paragraph_starts(text: str) -> list[int]:
    """Where every paragraph after the first starts (after a blank line), in one pass over the text;
    ``bisect.bisect_right(starts, offset)`` numbers the paragraph holding ``offset``."""
    return [match.end() for match in PARAGRAPH_BREAK.finditer(text)]


def line_around(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """(start, end) of the line holding ``pos``, or None when it is longer than ``limit`` either
    side of ``pos`` (a bounded search: a 20 MB single line costs no more than a short one)."""
    lo = max(0, pos - limit)
    start = text.rfind("\n", lo, pos) + 1
    if start == 0 and lo > 0:
        return None
    hi = min(len(text), pos + limit)
    end = text.find("\n", pos, hi)
    if end < 0:
        if hi < len(text):
            return None
        end = len(text)
    return start, end

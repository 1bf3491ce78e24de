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

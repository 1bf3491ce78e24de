"""Claims framed as hypotheses by the layout: items listed under a heading such as
"Possible explanations:" or "Hypotheses".

A reviewer reads "1. Trauma precipitates ALS..." under "Three Possible
Explanations for the Association:" as one candidate explanation, not as a
finding; the items inherit the heading's framing. A line that matches the
``hypothesis`` cues of ``resources/claim_cues.json`` and looks like a heading
(ends with a colon, or is a short line without a full stop) opens a list; the
numbered or bulleted lines that follow (blank lines between them allowed) belong
to it; the first other line closes it. Works on raw text, so it costs one scan
for the (rare) hypothesis cues.
"""
from __future__ import annotations

import re

from evx import claim_cues

LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[a-z][.)]|[•\-*–·▪◦‣])[ \t]")
HEADING_MAX_CHARS = 120


ITEM_MAX_CHARS = 2000


def _line_bounds(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The line around ``pos``, or None when it is longer than ``limit`` (bounded search, so a
    20 MB single line costs no more than a short one)."""
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


def is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or LIST_ITEM.match(line):
        return False
    return stripped.endswith(":") or (len(stripped) <= HEADING_MAX_CHARS and not stripped.endswith((".", "!", "?")))


def hypothesis_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges (start, end) of hypothesis headings and the list items under them."""
    ranges: list[tuple[int, int]] = []
    last_end = -1
    for hit in claim_cues.pattern("hypothesis").finditer(text):
        bounds = _line_bounds(text, hit.start(), HEADING_MAX_CHARS)
        if bounds is None:
            continue
        start, end = bounds
        if start <= last_end or not is_heading(text[start:end]):
            continue
        ranges.append((start, end))
        pos = end + 1
        while pos < len(text):
            bounds = _line_bounds(text, pos, ITEM_MAX_CHARS)
            if bounds is None:
                break
            line_start, line_end = bounds
            line = text[line_start:line_end]
            if line.strip():
                if not LIST_ITEM.match(line):
                    break
                ranges.append((line_start, line_end))
            pos = line_end + 1
        last_end = ranges[-1][1]
    return ranges


def in_ranges(start: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= start < b for a, b in ranges)

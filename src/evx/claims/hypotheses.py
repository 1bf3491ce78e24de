"""Claims framed as hypotheses by the layout: items listed under a heading such as
"Possible explanations:" or "Hypotheses".

A reviewer reads "1. Trauma precipitates ALS..." under "Three Possible
Explanations for the Association:" as one candidate explanation, not as a
finding; the items inherit the heading's framing. A line that matches the
``hypothesis`` cues of ``resources/claim_cues.json`` and looks like a heading
(ends with a colon, or is a short line without a full stop) opens a list; the
numbered or bulleted lines that follow (blank lines between them allowed) belong
to it; the first other line closes it. Only the lines around a claim are read.
"""
from __future__ import annotations

import re

from evx.claims import cues as claim_cues
from evx.text.lines import line_around

LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[a-z][.)]|[•\-*–·▪◦‣])[ \t]")
HEADING_MAX_CHARS = 120


ITEM_MAX_CHARS = 2000


def is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or LIST_ITEM.match(line):
        return False
    return stripped.endswith(":") or (len(stripped) <= HEADING_MAX_CHARS and not stripped.endswith((".", "!", "?")))


MAX_LINES_BACK = 60


def is_hypothesis_heading(line: str) -> bool:
    return is_heading(line) and bool(claim_cues.pattern("hypothesis").search(line))


def under_hypothesis_heading(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` sits in a list item under a hypothesis heading.

    Walks back from the sentence's line over list items and blank lines (bounded in
    lines and characters) to the first other line, and tests that line. Costs
    nothing for sentences that are not list items, so the pipeline never scans the
    whole text for it.
    """
    bounds = line_around(text, start, ITEM_MAX_CHARS)
    if bounds is None or not LIST_ITEM.match(text[bounds[0]:bounds[1]]):
        return False
    pos = bounds[0] - 1
    for _ in range(MAX_LINES_BACK):
        if pos <= 0:
            return False
        lo = max(0, pos - ITEM_MAX_CHARS)
        line_start = text.rfind("\n", lo, pos) + 1
        if line_start == 0 and lo > 0:
            return False
        line = text[line_start:pos]
        if line.strip() and not LIST_ITEM.match(line):
            return is_hypothesis_heading(line)
        pos = line_start - 1
    return False

"""Spans and how they match: overlap or strict offsets, numbers to the reported digits,
and the few words of context shown with a miss or a false hit."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

CONTEXT_CHARS = 60          # characters of context either side of a miss or false hit
_TRIM = " \t\n\r.!?;:"
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[A-Z0-9])|\n\s*")


@dataclass
class Item:
    """One span record (gold or predicted), reduced to what scoring needs."""

    start: int
    end: int
    record: dict
    index: int

    @property
    def text(self) -> str:
        return self.record.get("quote", self.record.get("text", "")) or ""

    def trimmed(self, text: str | None) -> tuple[int, int]:
        """Offsets without surrounding whitespace or sentence-final punctuation."""
        span = text[self.start:self.end] if text is not None else self.text
        if len(span) != self.end - self.start:
            return self.start, self.end
        left = len(span) - len(span.lstrip(_TRIM))
        right = len(span.rstrip(_TRIM))
        return (self.start + left, self.start + right) if right > left else (self.start, self.end)


def items(records: list[dict]) -> list[Item]:
    """The records that carry a non-empty ``start``/``end`` span, as :class:`Item`."""
    out = []
    for index, r in enumerate(records):
        start, end = r.get("start"), r.get("end")
        if isinstance(start, int) and isinstance(end, int) and end > start:
            out.append(Item(start, end, r, index))
    return out


def match_spans(gold: list[Item], pred: list[Item], text: str | None, strict: bool = False,
                compatible=None) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold position, pred position)``.

    ``strict``: same trimmed offsets; otherwise any overlap, largest overlap first
    (ties: nearer boundaries, then document order). ``compatible(g, p)`` can veto a pair.
    """
    order = sorted(range(len(pred)), key=lambda j: pred[j].start)
    starts = [pred[j].start for j in order]
    longest = max((p.end - p.start for p in pred), default=0)
    candidates = []
    for i, g in enumerate(gold):
        g_trim = g.trimmed(text) if strict else None
        lo = bisect.bisect_left(starts, g.start - longest)
        hi = bisect.bisect_left(starts, g.end)
        for k in range(lo, hi):
            j = order[k]
            p = pred[j]
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap <= 0:
                continue
            if strict and p.trimmed(text) != g_trim:
                continue
            if compatible is not None and not compatible(g.record, p.record):
                continue
            distance = abs(g.start - p.start) + abs(g.end - p.end)
            candidates.append((-overlap, distance, i, j))
    candidates.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


# --- numbers ----------------------------------------------------------------------

def _decimals(value: float) -> int:
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def numbers_agree(gold, pred, tolerance: float | None = None) -> bool:
    """Whether a predicted number matches the gold one.

    ``tolerance`` None: exact to the digits the gold reports (the prediction,
    rounded to the gold's number of decimals, equals the gold). Otherwise a
    relative tolerance: ``|pred - gold| <= tolerance * |gold|``.
    """
    if gold is None or pred is None:
        return gold is None and pred is None
    try:
        gold, pred = float(gold), float(pred)
    except (TypeError, ValueError):
        return False
    if tolerance is None:
        return round(pred, _decimals(gold)) == round(gold, _decimals(gold))
    return abs(pred - gold) <= tolerance * abs(gold) + 1e-12


def effect_agrees(gold: dict, pred: dict, tolerance: float | None = None) -> bool:
    return (gold.get("measure") == pred.get("measure")
            and all(numbers_agree(gold.get(k), pred.get(k), tolerance)
                    for k in ("value", "ci_low", "ci_high")))


# --- sentences and context ---------------------------------------------------------------

def split_sentences(text: str) -> list[int]:
    """Start offsets of sentences: a simple, fixed splitter so that sentence-level
    hedge scores do not move when evx's own splitter changes."""
    return [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]


def sentence_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def context(text: str | None, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(left, span, right): a few words either side, cut at word boundaries, one line."""
    if not text:
        return "", "", ""
    left = text[max(0, start - chars):start]
    right = text[end:end + chars]
    if start - chars > 0 and " " in left:
        left = "…" + left[left.index(" ") + 1:]
    if end + chars < len(text) and " " in right:
        right = right[:right.rindex(" ")] + "…"
    flat = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    return flat(left), flat(text[start:end]), flat(right)

"""Numbers as health writing prints them, read as floats (no spaCy).

Decimal commas ("0,93"), the Lancet's middle dot ("1·18"), a leading point (".76"), Unicode
minus signs and powers of ten ("1.2 × 10−5", "3e-6") all occur in real papers.
"""
from __future__ import annotations

import re

_NUMBER_MARKS = str.maketrans({"·": ".", ",": ".", "−": "-", " ": None, "\u00a0": None, "\t": None, "\n": None})


def number(text: str) -> float:
    """ "1·18", "0,93", ".76", "−0.5", "1.2 × 10−5" as floats."""
    text = text.translate(_NUMBER_MARKS)
    try:
        return float(text)
    except ValueError:
        power = re.search(r"[×x*]10\^?(-\d+)$|[eE](-\d+)$", text)
        return float(text[:power.start()]) * 10 ** int(power.group(1) or power.group(2))

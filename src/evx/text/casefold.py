"""Lower-casing that keeps every character offset (no spaCy), and case-insensitive matching
done faster on lowered text.

``str.lower`` lengthens a few characters ("İ" becomes "i̇"), which would shift every offset after
them; :func:`lower_keeping_offsets` lowers character by character in that case and leaves those
few as they are. Python's ``re`` matches two to three times slower under ``re.IGNORECASE``, so
:func:`finditer_fast` runs a case-sensitive twin of a pattern on lowered text wherever that
provably finds the same matches (speed, issue 9).
"""
from __future__ import annotations

import re
from functools import lru_cache


def lower_keeping_offsets(text: str) -> str:
    """``text`` lower-cased, character for character (offsets stay valid)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # a few characters lower-case to two ("İ" -> "i̇"): keep those as they are
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


@lru_cache(maxsize=1)
def _case_traps() -> re.Pattern:
    """The non-ASCII characters that ``re.IGNORECASE`` equates with an ASCII letter
    (U+0130, U+0131, U+017F, U+212A; none lies outside the Basic Multilingual Plane)."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    chars = "".join(chr(cp) for cp in range(0x80, 0x10000) if letter.match(chr(cp)))
    return re.compile("[" + re.escape(chars) + "]")


def lower_for_matching(text: str) -> str | None:
    """``text.lower()`` when a case-sensitive pattern (:func:`lowercase_twin`) finds in it
    exactly what its ``re.IGNORECASE`` original finds in ``text``, at the same offsets; else None.

    True when the lowering keeps every offset (same length) and leaves no character that
    ``re.IGNORECASE`` equates with an ASCII letter: patterns hold only ASCII, so a character
    then matches a pattern atom case-insensitively exactly when its lower case matches it,
    and lowering keeps ``\\w`` (checked over every code point by tests/text/test_casefold.py).
    Case-insensitive matching is two to three times slower in Python's ``re`` (speed, issue 9).
    """
    low = text.lower()
    if text.isascii():
        return low
    if len(low) != len(text) or _case_traps().search(low):
        return None
    return low


@lru_cache(maxsize=64)
def lowercase_twin(pattern: re.Pattern) -> re.Pattern | None:
    """``pattern`` compiled without ``re.IGNORECASE``, for text lowered by
    :func:`lower_for_matching`; None when the pattern is not ASCII or holds an upper-case
    letter (even in an escape such as ``\\S``) or an inline flag (``(?-i:...)``), where the
    twin could match differently."""
    if not pattern.pattern.isascii() or re.search(r"[A-Z]|\(\?[a-zA-Z-]", pattern.pattern):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def finditer_fast(pattern: re.Pattern, text: str):
    """``pattern.finditer(text)`` (a case-insensitive, ASCII pattern), run on the
    lowered text with the case-sensitive twin when that finds the same matches. Use only
    the matches' offsets (their text is the lowered text)."""
    twin = lowercase_twin(pattern)
    low = lower_for_matching(text) if twin is not None else None
    return pattern.finditer(text) if low is None else twin.finditer(low)

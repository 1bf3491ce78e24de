"""Sentences of a plain text: the one notion of a sentence every part of evx uses (no spaCy).

Health articles break sentences at line ends (headings, bullet items, citation markers after a
bullet) as well as at end punctuation. The rules run over the raw text with two compiled regular
expressions:

* a blank line, a bullet or a numbered item starts a new sentence, and so
  does a line after a line that ends a sentence or is short (a heading, a
  list item); a long line that stops mid-sentence is a hard wrap, and the
  next line carries on the same sentence;
* ``.``, ``!``, ``?`` or ``…`` (and any closing quotes or brackets) followed by
  white space end a sentence when the next word starts with a capital, a digit,
  a quote, a bracket or a bullet, unless the word before is a known
  abbreviation ("et al.", "Fig.", "vs.", "e.g.").

:class:`Sentences` is the table of one text's sentences, built once: the ``evx_sentences``
component (:mod:`evx.nlp.sentences`) makes it and sets spaCy's sentence starts from it, and every
component reads sentence bounds from it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


# words that end with a full stop without ending the sentence
ABBREVIATIONS = frozenset({
    "al", "fig", "figs", "vs", "approx", "ref", "refs", "dr", "st", "no", "nos", "eq", "ca", "cf",
    "etc", "e.g", "i.e", "mr", "mrs", "ms", "prof", "inc", "vol", "pp", "sp", "spp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "univ", "dept",
})


# the first non-space character after a line break
LINE_START = re.compile(r"\n[ \t\r\f\v\u00a0]*(?=\S)")


# a line this long that stops without end punctuation was wrapped, not ended
WRAPPED_LINE_CHARS = 60


LINE_END_PUNCT = ".!?:;…)]\"'”’"


# the next line opens a list item or a new paragraph, whatever the line before it
ITEM_START = re.compile(r"[•\-*–·▪◦●]|\d{1,2}[.)]\s|[A-Z]\s*[.)]\s")


# end punctuation, closing quotes/brackets, white space, then a sentence-like start
PUNCT_END = re.compile(r"[.!?…][\"'”’)\]]*[ \t\u00a0]+(?=[\"'“‘(\[•*–\-]?[A-Z0-9])")


WORD_BEFORE = re.compile(r"(\S+?)[.!?…]*$")


def sentence_start_offsets(text: str) -> list[int]:
    """Character offsets where sentences start (0 first), in order."""
    starts = [0]
    for m in LINE_START.finditer(text):
        if _line_breaks_sentence(text, m):
            starts.append(m.end())
    for m in PUNCT_END.finditer(text):
        before = text[max(0, m.start() - 12):m.start() + 1].rsplit(None, 1)[-1]
        word = before.rstrip(".!?…").lower()
        if word not in ABBREVIATIONS:
            starts.append(m.end())
    return sorted(set(starts))


def _line_breaks_sentence(text: str, match: re.Match) -> bool:
    """Whether the line that ``match`` starts is a new sentence rather than a hard-wrapped one."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    previous = text[line_start:match.start()].rstrip()
    if not previous or len(previous) < WRAPPED_LINE_CHARS or previous.endswith(tuple(LINE_END_PUNCT)):
        return True
    if text[match.start() - 1:match.start()] == "\n":   # a blank line before this one
        return True
    next_upper = text[match.end():match.end() + 1].isupper()
    return bool(ITEM_START.match(text, match.end())) or (previous[-1].isdigit() and next_upper)


@dataclass(frozen=True)
class Sentences:
    """The sentences of ``text``: sentence ``i`` starts at ``starts[i]`` and ends at ``ends[i]``,
    the end of its last non-space character (the white space up to the next sentence belongs to
    no sentence). Every offset of the text, white space included, lies in the sentence that starts
    at or before it (:meth:`index`)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str, starts: list[int] | None = None) -> "Sentences":
        """The table for ``text``; ``starts`` when they are known already (0 first, ascending)."""
        starts = list(starts if starts is not None else sentence_start_offsets(text)) or [0]
        ends = []
        for k, start in enumerate(starts):
            stop = starts[k + 1] if k + 1 < len(starts) else len(text)
            end = stop
            while end > start and text[end - 1].isspace():
                end -= 1
            ends.append(end)
        return cls(tuple(starts), tuple(ends))

    def __len__(self) -> int:
        return len(self.starts)

    def index(self, offset: int) -> int:
        """The sentence that holds character ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def around(self, start: int, end: int | None = None) -> tuple[int, int]:
        """(start, end) of the sentence holding ``start``, stretched to the sentence holding
        ``end - 1`` when the span runs on (a mention across a sentence break)."""
        first = self.index(start)
        last = self.index(max(start, (end if end is not None else start + 1) - 1))
        return self.starts[first], max(self.ends[last], end if end is not None else start)

"""The hedge cue lexicon (``resources/hedge_lexicon.json``): loading, validation, matching.

Cue classes follow the BioScope annotation guidelines (Vincze et al. 2008,
"The BioScope corpus", BMC Bioinformatics 9(S11):S9): auxiliaries, verbs of
hedging, adjectives and adverbs, conjunctions, and complex keywords, i.e.
phrases that hedge only together ("raises the possibility"). The multi-word
cues of health writing ("more research is needed", "cannot be excluded",
"not definitively causal") are kept as phrases of their own.

Matching is done on the lower-cased raw text with compiled regular
expressions, never per token: single words are compiled into one prefix-trie
alternation (each position of the text costs one branch on its first letter);
phrases are tried only where one of their listed first words begins, found by
a second trie scan. No pattern nests quantifiers, so matching runs in linear
time on any input.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from evx.errors import ResourceError
from evx.records import HEDGE_CATEGORIES
from evx.resource import read_json
from evx.text.alternation import alternation
from evx.text.casefold import lower_keeping_offsets

RESOURCE = "hedge_lexicon.json"
WORD_KEYS = {"forms", "cue", "category", "ambiguous", "claim"}
PHRASE_KEYS = {"name", "starts", "cue", "category", "pattern"}
# a cue word never sits inside a longer word, a hyphenated compound or "and/or"
_LEFT = r"(?<![\w/-])"
_RIGHT = r"(?![\w/-])"
_START = r"(?<![a-z0-9])"


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a normalised cue and how to treat it."""

    cue: str
    category: str
    ambiguous: bool      # a trained disambiguator decides whether this occurrence is a cue
    claim: bool          # weakens a claim by default
    name: str            # what produced a match (for ``produced_by``)


class Candidate(NamedTuple):
    """A cue candidate ``text[start:end]`` (a tuple: cheap to make by the thousand)."""

    start: int
    end: int
    entry: Entry


class Lexicon:
    """Words and phrases of the lexicon, compiled; :meth:`candidates` finds them in text."""

    def __init__(self, data: dict):
        self.words: dict[str, Entry] = {}
        for item in data.get("words", []):
            unknown = set(item) - WORD_KEYS
            if unknown or not WORD_KEYS <= set(item):
                raise ResourceError(f"hedge lexicon word entry {item!r}: keys must be {sorted(WORD_KEYS)}")
            self._check_category(item)
            entry = Entry(item["cue"], item["category"], bool(item["ambiguous"]), bool(item["claim"]),
                          f"lexicon:{item['cue']}")
            for form in item["forms"]:
                self.words[form.lower()] = entry
        # phrases (and blocking phrases) are tried only where one of their first words begins:
        # one trie scan finds those places, then each phrase is matched there
        self.phrases: list[tuple[re.Pattern, Entry]] = []
        self._anchored: dict[str, list[tuple[re.Pattern, Entry | None]]] = {}
        for item in data.get("phrases", []):
            if set(item) != PHRASE_KEYS:
                raise ResourceError(f"hedge lexicon phrase {item!r}: keys must be {sorted(PHRASE_KEYS)}")
            self._check_category(item)
            entry = Entry(item["cue"], item["category"], False, True, f"phrase:{item['name']}")
            self._add_anchored(item, entry)
        for item in data.get("not_cue_phrases", []):
            if set(item) != {"starts", "pattern"}:
                raise ResourceError(f"hedge lexicon not_cue phrase {item!r}: keys must be ['pattern', 'starts']")
            self._add_anchored(item, None)
        # everything is matched case-sensitively on lower-cased text: sre cannot skip ahead
        # under re.IGNORECASE, and a look-behind at a word start fails fast (measured 4x faster)
        self.word_re = re.compile(_LEFT + "(?:" + alternation(sorted(self.words)) + ")" + _RIGHT)
        self.anchor_re = (re.compile(_START + "(?:" + alternation(sorted(self._anchored)) + ")(?![a-z0-9])")
                          if self._anchored else None)
        self.claim_context: dict = data.get("claim_context", {})
        cased = data.get("not_cue_case_sensitive", [])
        self.blocked_cased_re = re.compile("|".join(f"(?:{p})" for p in cased)) if cased else None

    def _add_anchored(self, item: dict, entry: Entry | None) -> None:
        if not item["starts"] or not all(re.fullmatch(r"[a-z][a-z']*", w) for w in item["starts"]):
            raise ResourceError(f"hedge lexicon phrase {item!r}: 'starts' must list lower-case first words")
        compiled = re.compile(item["pattern"])
        if entry is not None:
            self.phrases.append((compiled, entry))
        for word in item["starts"]:
            self._anchored.setdefault(word, []).append((compiled, entry))

    @staticmethod
    def _check_category(item: dict) -> None:
        if item["category"] not in HEDGE_CATEGORIES:
            raise ResourceError(f"hedge lexicon entry {item.get('cue')!r}: category "
                               f"{item['category']!r} is not one of {HEDGE_CATEGORIES}")

    def candidates(self, text: str) -> list[Candidate]:
        """Every cue candidate in ``text``, in order; phrases win over the words inside them."""
        lower = lower_keeping_offsets(text)
        phrases: list[Candidate] = []
        covered: list[tuple[int, int]] = []
        if self.anchor_re is not None:
            for anchor in self.anchor_re.finditer(lower):
                pos = anchor.start()
                for compiled, entry in self._anchored[anchor.group()]:
                    m = compiled.match(lower, pos)
                    if m is None:
                        continue
                    if entry is not None:
                        phrases.append(Candidate(pos, m.end(), entry))
                    covered.append((pos, m.end()))
        if self.blocked_cased_re is not None:
            covered.extend((m.start(), m.end()) for m in self.blocked_cased_re.finditer(text))
        found: list[Candidate] = []
        last_end = -1
        # overlapping phrases: the earlier, then the longer, wins
        for cand in sorted(phrases, key=lambda c: (c.start, -c.end)):
            if cand.start >= last_end:
                found.append(cand)
                last_end = cand.end
        words = [Candidate(m.start(), m.end(), self.words[m.group(0)]) for m in self.word_re.finditer(lower)]
        if covered:
            covered.sort()
            starts = [s for s, _ in covered]
            reach = list(accumulate((e for _, e in covered), max))  # furthest end among spans so far
            words = [c for c in words if not _overlaps(c.start, c.end, starts, reach)]
        if not found:
            return words
        found.extend(words)
        found.sort(key=lambda c: (c.start, c.end))
        return found


def _overlaps(start: int, end: int, starts: list[int], reach: list[int]) -> bool:
    """Whether [start, end) overlaps a span, given span starts (sorted) and their running max end."""
    i = bisect_left(starts, end)  # spans [0, i) start before ``end``
    return i > 0 and reach[i - 1] > start


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once."""
    return Lexicon(read_json("resources", RESOURCE))

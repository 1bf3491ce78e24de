"""The hedge cue lexicon (``resources/hedge_lexicon.json``): loading, validation, matching.

Cue classes follow the BioScope annotation guidelines (Vincze et al. 2008,
"The BioScope corpus", BMC Bioinformatics 9(S11):S9): auxiliaries, verbs of
hedging, adjectives and adverbs, conjunctions, and complex keywords, i.e.
phrases that hedge only together ("raises the possibility"). The multi-word
cues of health writing ("more research is needed", "cannot be excluded",
"not definitively causal") are kept as phrases of their own.

Matching is done on raw text with compiled regular expressions, never per
token: single words are compiled into one prefix-trie alternation (each
position of the text costs one branch on its first letter), phrases into one
alternation of named groups. No pattern nests quantifiers, so matching runs
in linear time on any input.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from evx.records import HEDGE_CATEGORIES

RESOURCE = "hedge_lexicon.json"
WORD_KEYS = {"forms", "cue", "category", "ambiguous", "claim"}
PHRASE_KEYS = {"name", "cue", "category", "pattern"}
# a cue word never sits inside a longer word, a hyphenated compound or "and/or"
_LEFT = r"(?<![\w/-])"
_RIGHT = r"(?![\w/-])"


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a normalised cue and how to treat it."""

    cue: str
    category: str
    ambiguous: bool      # a trained disambiguator decides whether this occurrence is a cue
    claim: bool          # weakens a claim by default
    name: str            # what produced a match (for ``produced_by``)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    entry: Entry


class LexiconError(ValueError):
    """The lexicon file is malformed."""


def _trie_regex(words: list[str]) -> str:
    """An alternation of ``words`` factored by common prefixes (no nested quantifiers)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


class Lexicon:
    """Words and phrases of the lexicon, compiled; :meth:`candidates` finds them in text."""

    def __init__(self, data: dict):
        self.words: dict[str, Entry] = {}
        for item in data.get("words", []):
            unknown = set(item) - WORD_KEYS
            if unknown or not WORD_KEYS <= set(item):
                raise LexiconError(f"hedge lexicon word entry {item!r}: keys must be {sorted(WORD_KEYS)}")
            self._check_category(item)
            entry = Entry(item["cue"], item["category"], bool(item["ambiguous"]), bool(item["claim"]),
                          f"lexicon:{item['cue']}")
            for form in item["forms"]:
                self.words[form.lower()] = entry
        self.phrases: dict[str, Entry] = {}
        parts = []
        for i, item in enumerate(data.get("phrases", [])):
            if set(item) != PHRASE_KEYS:
                raise LexiconError(f"hedge lexicon phrase {item!r}: keys must be {sorted(PHRASE_KEYS)}")
            self._check_category(item)
            group = f"p{i}"
            self.phrases[group] = Entry(item["cue"], item["category"], False, True, f"phrase:{item['name']}")
            parts.append(f"(?P<{group}>{item['pattern']})")
        self.word_re = re.compile(_LEFT + "(?:" + _trie_regex(sorted(self.words)) + ")" + _RIGHT, re.I)
        self.phrase_re = re.compile("|".join(parts), re.I) if parts else None
        blocked = data.get("not_cue_phrases", [])
        self.blocked_re = re.compile("|".join(f"(?:{p})" for p in blocked), re.I) if blocked else None

    @staticmethod
    def _check_category(item: dict) -> None:
        if item["category"] not in HEDGE_CATEGORIES:
            raise LexiconError(f"hedge lexicon entry {item.get('cue')!r}: category "
                               f"{item['category']!r} is not one of {HEDGE_CATEGORIES}")

    def candidates(self, text: str) -> list[Candidate]:
        """Every cue candidate in ``text``, in order; phrases win over the words inside them."""
        found: list[Candidate] = []
        covered: list[tuple[int, int]] = []
        if self.phrase_re is not None:
            for m in self.phrase_re.finditer(text):
                found.append(Candidate(m.start(), m.end(), self.phrases[m.lastgroup]))
                covered.append((m.start(), m.end()))
        if self.blocked_re is not None:
            covered.extend((m.start(), m.end()) for m in self.blocked_re.finditer(text))
        covered.sort()
        words = [Candidate(m.start(), m.end(), self.words[m.group(0).lower()])
                 for m in self.word_re.finditer(text)]
        if covered:
            words = [c for c in words if not _inside(c.start, c.end, covered)]
        found.extend(words)
        found.sort(key=lambda c: (c.start, c.end))
        return found


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of the sorted ``spans``."""
    import bisect
    i = bisect.bisect_right(spans, (start, float("inf")))
    # the span starting at or before ``start``, and the next one, are the only ones that can overlap
    for j in (i - 1, i):
        if 0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1]:
            return True
    # a long span starting earlier may still cover it
    return any(s < end and start < e for s, e in spans[max(0, i - 8):i])


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once."""
    text = resources.files("evx").joinpath("resources", RESOURCE).read_text(encoding="utf-8")
    return Lexicon(json.loads(text))

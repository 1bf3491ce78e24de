"""The one alternation compiler: a prefix trie of literal words (optionally with flexible word
separators) and first-letter groups of regex fragments, each matching like the plain alternation."""
from __future__ import annotations

import re

from hypothesis import given, strategies as st

from evx.text.alternation import alternation

WORDS = st.lists(st.text(alphabet="abc", min_size=1, max_size=4), min_size=1, max_size=8, unique=True)


def test_words_become_a_prefix_trie():
    assert alternation(["may", "maybe", "might"]) == "m(?:ay(?:be)?|ight)"


@given(WORDS, st.text(alphabet="abc ", max_size=30))
def test_trie_matches_like_the_longest_first_alternation(words, text):
    trie = re.compile(rf"(?<![a-c])(?:{alternation(words)})(?![a-c])")
    plain = re.compile(rf"(?<![a-c])(?:{'|'.join(sorted(words, key=len, reverse=True))})(?![a-c])")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_separator_joins_the_words_of_each_phrase():
    pattern = re.compile(alternation(["odds ratio", "odds ratios", "hazard ratio"], separator=r"[\s-]+"), re.I)
    assert [m.group(0) for m in pattern.finditer("odds-ratios, Hazard  Ratio, odds ratio")] == \
        ["odds-ratios", "Hazard  Ratio", "odds ratio"]


def test_special_characters_are_escaped():
    assert re.fullmatch(alternation(["a.b", "a+"]), "a.b") and not re.fullmatch(alternation(["a.b"]), "axb")


@given(st.lists(st.sampled_from(["stud(?:y|ies)", "trials?", "[0-9]+ days", "risk", "rates?", "ratio"]),
                min_size=1, max_size=6, unique=True), st.text(alphabet="studyiesrialkRATIO 0123456789", max_size=40))
def test_fragments_match_like_their_plain_alternation(fragments, text):
    grouped = re.compile(rf"(?<!\w)(?:{alternation(fragments, literal=False)})(?!\w)", re.I)
    plain = re.compile(rf"(?<!\w)(?:{'|'.join(fragments)})(?!\w)", re.I)
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]

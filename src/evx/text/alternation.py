"""One compiler of word lists into a regular-expression alternation (no spaCy).

``alternation(["may", "maybe", "might"])`` gives ``m(?:ay(?:be)?|ight)``: the items factored
into a prefix trie, which Python's ``re`` scans several times faster than a flat
``may|maybe|might``, with no nested quantifiers (so it runs in linear time). At each branch
point the longer continuation is tried before stopping, so the longest listed item wins.

* Literal items (the default) are escaped; with ``separator`` the words of each item may be
  joined by that pattern instead of one space ("odds ratio", "odds-ratio", "odds  ratio").
* ``literal=False`` takes regular-expression fragments ("stud(?:y|ies)"): they are grouped under
  their first letter when it is a plain letter (a word starting with another letter then fails
  after one test); fragments starting with a group or class stay in front, in order, and the
  order of the fragments under a letter is kept, so the language and the matches are those of
  the plain alternation of the fragments.

Used by the hedge lexicon, the design rules, the measure names, the claim cues and the HTML
furniture lists.
"""
from __future__ import annotations

import re

_WORD_SPLIT = re.compile(r"[\s-]+")


def alternation(items, *, literal: bool = True, separator: str | None = None) -> str:
    """An alternation of ``items`` (see the module docstring)."""
    if not literal:
        return _fragments(list(items))
    if separator is None:
        return _trie([tuple(item) for item in items], re.escape)
    sequences = [tuple(_join_words(_WORD_SPLIT.split(item))) for item in items]
    return _trie(sequences, lambda piece: separator if piece is _SEP else re.escape(piece))


class _Separator(str):
    pass


_SEP = _Separator(" ")


def _join_words(words: list[str]) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(words):
        if i:
            out.append(_SEP)
        out.extend(word)
    return out


def _trie(sequences, emit_piece) -> str:
    trie: dict = {}
    for sequence in sequences:
        node = trie
        for piece in sequence:
            node = node.setdefault(piece, {})
        node[""] = {}

    def emit(node: dict) -> str:
        keys = sorted((k for k in node if k != ""), key=lambda k: (k is _SEP, k))
        branches = [emit_piece(k) + emit(node[k]) for k in keys]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _fragments(fragments: list[str]) -> str:
    by_letter: dict[str, list[str]] = {}
    other: list[str] = []
    for fragment in fragments:
        first = fragment[:1].lower()
        if first.isalpha() and fragment[1:2] not in ("?", "*", "+", "{"):
            by_letter.setdefault(first, []).append(fragment[1:])
        else:
            other.append(fragment)
    parts = other + [f"{letter}(?:{'|'.join(rests)})" for letter, rests in sorted(by_letter.items())]
    return "|".join(parts)


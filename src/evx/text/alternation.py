"""One regular expression for a list of words, factored by common prefixes.

``trie_regex(["may", "maybe", "might"])`` gives ``m(?:ay(?:be)?|ight)``: an
alternation that Python's ``re`` scans several times faster than a flat
``may|maybe|might``, with no nested quantifiers (so it runs in linear time).
At each branch point the longer continuation is tried before stopping, so the
longest listed word wins. Used by the hedge lexicon and the design rules.
"""
from __future__ import annotations

import re


def trie_regex(words: list[str]) -> str:
    """An alternation of ``words`` factored by common prefixes (no nested quantifiers)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]
        return f"(?:{body})?" if "" in node else body

    return emit(trie)

"""The claim cue lexicon (``resources/claim_cues.json``), loaded and compiled once.

Each group of the lexicon is a list of regular-expression fragments; a group is
compiled to one case-insensitive ``(?<!\\w)(?:a|b|...)(?!\\w)`` pattern. The fragments use
only bounded repetition, so every pattern runs in linear time. The cue groups
follow the strength scale of Yu et al. (2019, EMNLP, "Detecting causal language
use in science findings") and the exaggeration categories of Sumner et al.
(2014, BMJ).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

RESOURCE = "claim_cues.json"


@lru_cache(maxsize=1)
def load_groups() -> dict[str, list[str]]:
    """Group name -> list of pattern fragments, validated."""
    raw = json.loads(resources.files("evx").joinpath("resources", RESOURCE).read_text("utf-8"))
    groups = raw.get("groups")
    if not isinstance(groups, dict) or not groups:
        raise ValueError(f"{RESOURCE}: expected a non-empty 'groups' object")
    out: dict[str, list[str]] = {}
    for name, group in groups.items():
        patterns = group.get("patterns") if isinstance(group, dict) else None
        if not patterns or not all(isinstance(p, str) and p for p in patterns):
            raise ValueError(f"{RESOURCE}: group '{name}' needs a non-empty list of 'patterns'")
        unknown = set(group) - {"description", "patterns"}
        if unknown:
            raise ValueError(f"{RESOURCE}: group '{name}' has unknown keys {sorted(unknown)}")
        out[name] = list(patterns)
    return out


@lru_cache(maxsize=1)
def caveat_phrases() -> tuple[str, ...]:
    """Literal lower-case phrases of stated limitations (``caveat_phrases`` in the resource)."""
    raw = json.loads(resources.files("evx").joinpath("resources", RESOURCE).read_text("utf-8"))
    phrases = raw.get("caveat_phrases", {}).get("phrases")
    if not phrases or not all(isinstance(p, str) and p == p.lower() for p in phrases):
        raise ValueError(f"{RESOURCE}: 'caveat_phrases' needs a list of lower-case phrases")
    return tuple(phrases)


def _alternation(fragments: list[str]) -> str:
    """Fragments joined into one alternation, grouped by their first letter.

    Python's ``re`` tries alternatives one by one; grouping them under their first
    letter lets a word that starts with another letter fail after one test, which
    makes the scan of a long text several times faster. Same language, same matches
    (alternatives keep their order within a letter; fragments that start with a
    group or class stay in front, in order).
    """
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


def _compile(fragments: list[str]) -> re.Pattern:
    # (?<!\w) and (?!\w) act as \b for fragments that start or end with a letter, and also
    # let fragments end with a non-word character ("51%")
    # (?=\w) lets positions that cannot start any fragment fail at once (every fragment
    # starts with a letter or digit)
    return re.compile(r"(?<!\w)(?=\w)(?:" + _alternation(fragments) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def compiled() -> dict[str, re.Pattern]:
    """Group name -> compiled pattern."""
    return {name: _compile(fragments) for name, fragments in load_groups().items()}


def pattern(name: str) -> re.Pattern:
    return compiled()[name]


def feature_groups() -> list[str]:
    """The groups the strength classifier uses as features (names starting ``cue_``)."""
    return sorted(name for name in load_groups() if name.startswith("cue_"))


@lru_cache(maxsize=1)
def relation_pattern() -> re.Pattern:
    """Any wording of a relation (correlational or causal): the candidate-claim filter."""
    groups = load_groups()
    return _compile(groups["cue_correlational"] + groups["cue_causal_verb"] + groups["certainty"]
                    + groups["relation_extra"])

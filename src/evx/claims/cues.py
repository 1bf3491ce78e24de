"""The claim cue lexicon (``resources/claim_cues.json``), loaded and compiled once.

Each group of the lexicon is a list of regular-expression fragments; a group is
compiled to one case-insensitive ``(?<!\\w)(?:a|b|...)(?!\\w)`` pattern. The fragments use
only bounded repetition, so every pattern runs in linear time. The cue groups
follow the strength scale of Yu et al. (2019, EMNLP, "Detecting causal language
use in science findings") and the exaggeration categories of Sumner et al.
(2014, BMJ).

For speed (issue 9) the classifier's cue groups are found in one pass
(:func:`group_hits`), and long texts are scanned lower-cased with a case-sensitive
twin of a pattern (:func:`evx.text.casefold.finditer_fast`) wherever that provably finds the
same matches.
"""
from __future__ import annotations

import re
from functools import lru_cache

from evx.errors import ResourceError
from evx.resource import check_keys, check_strings, read_json
from evx.text.alternation import alternation
from evx.text.casefold import lower_for_matching, lowercase_twin

RESOURCE = "claim_cues.json"


@lru_cache(maxsize=1)
def _raw() -> dict:
    return read_json("resources", RESOURCE)


@lru_cache(maxsize=1)
def load_groups() -> dict[str, list[str]]:
    """Group name -> list of pattern fragments, validated."""
    groups = _raw().get("groups")
    if not isinstance(groups, dict) or not groups:
        raise ResourceError(f"{RESOURCE}: expected a non-empty 'groups' object")
    out: dict[str, list[str]] = {}
    for name, group in groups.items():
        check_keys(f"{RESOURCE}: group '{name}'", group, {"patterns"}, {"description"})
        check_strings(f"{RESOURCE}: group '{name}' 'patterns'", group["patterns"])
        out[name] = list(group["patterns"])
    return out


@lru_cache(maxsize=1)
def caveat_phrases() -> tuple[str, ...]:
    """Literal lower-case phrases of stated limitations (``caveat_phrases`` in the resource)."""
    phrases = _raw().get("caveat_phrases", {}).get("phrases")
    check_strings(f"{RESOURCE}: 'caveat_phrases'", phrases, lower=True)
    return tuple(phrases)


def alternation_of(fragments: list[str]) -> str:
    """The cue fragments as one alternation grouped by first letter (same language, same matches)."""
    return alternation(fragments, literal=False)


def _compile(fragments: list[str]) -> re.Pattern:
    # (?<!\w) and (?!\w) act as \b for fragments that start or end with a letter, and also
    # let fragments end with a non-word character ("51%")
    # (?=\w) lets positions that cannot start any fragment fail at once (every fragment
    # starts with a letter or digit)
    return re.compile(r"(?<!\w)(?=\w)(?:" + alternation_of(fragments) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def compiled() -> dict[str, re.Pattern]:
    """Group name -> compiled pattern."""
    return {name: _compile(fragments) for name, fragments in load_groups().items()}


def pattern(name: str) -> re.Pattern:
    return compiled()[name]


def feature_groups() -> list[str]:
    """The groups the strength classifier uses as features (names starting ``cue_``)."""
    return list(_feature_groups())


@lru_cache(maxsize=1)
def _feature_groups() -> tuple[str, ...]:
    return tuple(sorted(name for name in load_groups() if name.startswith("cue_")))


@lru_cache(maxsize=1)
def relation_pattern() -> re.Pattern:
    """Any wording of a relation (correlational or causal): the candidate-claim filter."""
    groups = load_groups()
    return _compile(groups["cue_correlational"] + groups["cue_causal_verb"] + groups["certainty"]
                    + groups["relation_extra"])


DETECTION_GROUPS = ("cue_correlational", "cue_causal_verb", "certainty", "relation_extra", "causal_statement",
                    "relative_change", "cue_modal", "cue_can", "cue_suggest", "cue_no_difference", "claim_wording",
                    "comparison_wording")


@lru_cache(maxsize=1)
def detection_pattern() -> re.Pattern:
    """The accurate pipeline's candidate filter, wide on purpose: any relation wording, causal
    statement or relative change ("slashes your risk", "cut deaths by 20%"), and also modal,
    reporting and finding words ("may", "suggests", "found", "safe"). The encoder then decides
    which candidates are claims. On the hand-read dev releases it keeps 46% of the sentences (61%
    of the text) and 92% of the causal claims (relation wording alone: 35% and 81%)."""
    groups = load_groups()
    return _compile([fragment for name in DETECTION_GROUPS for fragment in groups[name]])


@lru_cache(maxsize=1)
def headline_pattern() -> re.Pattern:
    """What makes a short unpunctuated line a headline claim rather than a section heading: a
    causal statement or a verb of relation (group ``headline_relation``)."""
    groups = load_groups()
    return _compile(groups["causal_statement"] + groups["headline_relation"])


@lru_cache(maxsize=1)
def feature_scanner() -> tuple[re.Pattern, tuple[str, ...]]:
    """One pattern that finds, in one pass, where each feature group matches.

    At each word start it tries every group of :func:`feature_groups` in a lookahead
    that captures the group's match (capture group ``i + 1`` for group ``i``), and it
    fails where no group matches, so the scan yields only positions that hold a cue.
    The lookahead of a group matches at a position exactly when that group's own
    pattern (:func:`pattern`) matches there, with the same text, because it is the
    same alternation with the same guards. :func:`group_hits` turns the positions into
    each group's non-overlapping matches, as ``pattern(group).finditer`` would find them.
    One pass instead of one per group: the regular-expression engine visits each
    position of the sentence once (speed, issue 9). Linear time: every group's
    alternation is tried at most once per position.
    """
    groups = load_groups()
    names = tuple(feature_groups())
    tries = "".join(f"(?:(?=({alternation_of(groups[name])})(?!\\w))|)" for name in names)
    # fail unless some group captured: (?(1)|(?(2)|...(?!)...))
    guard = "(?!)"
    for i in range(len(names), 0, -1):
        guard = f"(?({i})|{guard})"
    return re.compile(r"(?<!\w)(?=\w)" + tries + guard, re.IGNORECASE), names


def group_hits(text: str) -> dict[str, list[tuple[int, str]]]:
    """Group name -> its matches in ``text`` (the same as ``list(pattern(name).finditer(text))``,
    as ``(start, matched text)`` pairs), for the groups of :func:`feature_groups` that match."""
    scanner, names = feature_scanner()
    twin = lowercase_twin(scanner)
    low = lower_for_matching(text) if twin is not None else None
    if low is not None:
        scanner, scanned = twin, low
    else:
        scanned = text
    hits: dict[int, list[tuple[int, str]]] = {}
    ends = [0] * len(names)
    same = scanned is text
    for m in scanner.finditer(scanned):
        start = m.start()
        groups = m.groups()
        for i in range(len(groups)):
            found = groups[i]
            if found is not None and start >= ends[i]:
                end = ends[i] = start + len(found)
                hits.setdefault(i, []).append((start, found if same else text[start:end]))
    return {names[i]: hits[i] for i in sorted(hits)}

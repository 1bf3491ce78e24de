"""Study-design patterns (``resources/designs.json``): loading, validation, matching.

The design vocabulary and its surface forms follow the study-design glossary of
Grimes & Schulz 2002 ("An overview of clinical research: the lay of the land",
Lancet 359:57-61) and the evidence hierarchies of the Oxford CEBM (2011) and
NHMRC (2009); the wording variants ("followed 5,000 women for 10 years", "a
study in mice", "pooled data from 14 studies") are those of health news.

Every rule is one compiled regular expression run over the raw text (never per
token). No pattern nests unbounded quantifiers, so each runs in linear time on
any input. Matches of different rules that overlap are resolved to one: the
stronger rule wins, then the earlier rule in the file, then the longer match.
Two mentions joined only by "and" / "&" / "/" ("systematic review and
meta-analysis") become one mention whose ``design`` is the stronger-evidence
label and whose ``also`` lists the other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from evx.errors import ResourceError
from evx.records import DESIGNS
from evx.resource import read_json
from evx.text.alternation import alternation
from evx.text.casefold import lower_keeping_offsets

RESOURCE = "designs.json"
RULE_KEYS = {"name", "design", "strength", "triggers", "pattern", "case_sensitive", "only_in", "role", "refined_by", "generic"}
# "names": the match names a study ("a 2019 cohort study"); "cue": it describes what a study did
# ("randomly assigned", "the placebo group", "mice"), evidence for the study named beside it
ROLES = ("names", "cue")
FALLBACK_KEYS = {"name", "design", "triggers", "pattern"}   # fallback patterns run on lower-cased text
TRIGGER_WINDOW = 160   # characters around a trigger in which its rule runs (longer than any match)
# A rule stops after this many matches in one document: real articles name a design a few dozen
# times at most; the cap bounds the cost on machine-made or adversarial text.
MAX_MATCHES_PER_RULE = 2000
MAX_TRIGGER_HITS = 200_000   # trigger occurrences read per document (real text: ~2,500 per MB)
PSEUDO_DESIGNS = {"trial"}      # resolved per document to "rct" or "non_randomized_trial"
CUE_NAMES = {"approval_announcement", "main_study", "background", "planned", "planned_after", "generic_after", "comparison_group", "pooled_unit", "study_head",
             "named_study", "anaphor",
             "generic_before", "year"}
_JOINER = re.compile(r"\s*(?:and|&|/|plus|with)\s+(?:an?\s+)?\Z|\s*/\s*\Z", re.I)
_MAX_JOIN_GAP = 12
# a year or a duration/size adjective before a design: "2019", "10-year", "1,200-person"
_MODIFIER_NUMBER = re.compile(r"(?:19|20)\d\d|[\d,]+-(?:year|person|patient|participant|week|month)")


@dataclass(frozen=True)
class Rule:
    name: str
    design: str          # a label of DESIGNS, or "trial"
    strength: int        # 3 names the design, 2 a clear cue, 1 a weak hint
    order: int           # position in the file (earlier wins ties)
    regex: re.Pattern
    triggers: tuple[str, ...] = ()
    only_in: str | None = None   # a section kind ("references"): the rule counts only there
    cue: bool = False            # role "cue": what a study did, not a phrase that names one
    refined_by: tuple[str, ...] = ()   # designs the mention takes from its paragraph ("observational" -> cohort)
    generic: bool = False        # names a body of evidence ("randomised evidence"), never one study


@dataclass(frozen=True)
class Fallback:
    """A cue that suggests a design when the text names none ("12 patients received ..." -> a trial)."""
    name: str
    design: str          # a label of DESIGNS
    regex: re.Pattern    # lower-case, run case-sensitively on lower-cased text
    triggers: tuple[str, ...]   # the regex runs only when one of these strings occurs in the text


@dataclass
class RawMention:
    start: int
    end: int
    rule: Rule
    also: list[str] = field(default_factory=list)

    @property
    def design(self) -> str:
        return self.rule.design


@dataclass(frozen=True)
class DesignResource:
    rules: tuple[Rule, ...]
    species: dict[str, re.Pattern]     # population -> regex of its words
    human_designs: frozenset[str]
    cues: dict[str, re.Pattern]
    left_modifiers: frozenset[str]
    trigger_regex: re.Pattern                   # every trigger string, as one prefix trie
    trigger_prefixes: dict[str, tuple[str, ...]]  # trigger -> triggers that may start inside it (itself included)
    rules_by_trigger: dict[str, tuple[int, ...]]  # trigger -> positions in ``rules`` of the rules it wakes
    species_any: re.Pattern                       # all species words, one named group per population;
                                                  # lower-case, case-sensitive: run it on lower-cased text
    fallbacks: tuple[Fallback, ...] = ()          # cues read only when no design is named (design_fallback)


def _words_regex(words: list[str]) -> re.Pattern:
    """Whole words or phrases, case-insensitive, as one prefix trie (a few times faster than a flat alternation)."""
    return re.compile(rf"(?<![\w-])(?:{alternation(sorted({w.lower() for w in words}))})(?![\w-])", re.I)


def _related_triggers(found: str, triggers: list[str]) -> tuple[str, ...]:
    """Triggers that may start inside a match of ``found`` in a non-overlapping scan: its prefixes,
    and those starting at a word start within it ("meta-analy" holds "analy..."). All are credited
    with the position of ``found``; the rule windows (+-160 characters) still cover them."""
    related = [t for t in triggers if found.startswith(t)]
    for k in range(1, len(found)):
        if found[k - 1].isalpha():
            continue
        tail = found[k:]
        related.extend(t for t in triggers if t.startswith(tail) or tail.startswith(t))
    return tuple(dict.fromkeys(related))


def _validate_rule(raw: dict, index: int) -> None:
    unknown = set(raw) - RULE_KEYS
    missing = {"name", "design", "strength", "triggers", "pattern"} - set(raw)
    if unknown or missing:
        raise ResourceError(
            f"{RESOURCE}: rule {index} ({raw.get('name', '?')}): unknown keys {sorted(unknown)}, "
            f"missing keys {sorted(missing)}")
    if raw["design"] not in DESIGNS and raw["design"] not in PSEUDO_DESIGNS:
        raise ResourceError(f"{RESOURCE}: rule {raw['name']}: unknown design {raw['design']!r}")
    if not raw["triggers"] or any(t != t.lower() or not t for t in raw["triggers"]):
        raise ResourceError(f"{RESOURCE}: rule {raw['name']}: triggers must be non-empty lower-case strings")
    if raw["strength"] not in (1, 2, 3):
        raise ResourceError(f"{RESOURCE}: rule {raw['name']}: strength must be 1, 2 or 3")
    if any(d not in DESIGNS for d in raw.get("refined_by", ())):
        raise ResourceError(f"{RESOURCE}: rule {raw['name']}: refined_by holds a design outside the vocabulary")
    if raw.get("role", "names") not in ROLES:
        raise ResourceError(f"{RESOURCE}: rule {raw['name']}: role must be one of {', '.join(ROLES)}")


def _parse_fallbacks(raw_list: list[dict]) -> tuple[Fallback, ...]:
    fallbacks = []
    for index, raw in enumerate(raw_list):
        unknown, missing = set(raw) - FALLBACK_KEYS, FALLBACK_KEYS - set(raw)
        if unknown or missing:
            raise ResourceError(
                f"{RESOURCE}: fallback {index} ({raw.get('name', '?')}): unknown keys {sorted(unknown)}, "
                f"missing keys {sorted(missing)}")
        if raw["design"] not in DESIGNS:
            raise ResourceError(f"{RESOURCE}: fallback {raw['name']}: unknown design {raw['design']!r}")
        if re.search(r"[A-Z]", re.sub(r"\\.", "", raw["pattern"])):
            raise ResourceError(f"{RESOURCE}: fallback {raw['name']}: patterns run on lower-cased text, "
                                      "write them in lower case")
        if not raw["triggers"] or any(t != t.lower() or not t for t in raw["triggers"]):
            raise ResourceError(f"{RESOURCE}: fallback {raw['name']}: triggers must be non-empty lower-case strings")
        fallbacks.append(Fallback(raw["name"], raw["design"], re.compile(raw["pattern"]), tuple(raw["triggers"])))
    return tuple(fallbacks)


def parse_resource(data: dict) -> DesignResource:
    """A validated :class:`DesignResource` from the parsed JSON."""
    rules = []
    for index, raw in enumerate(data["rules"]):
        _validate_rule(raw, index)
        flags = 0 if raw.get("case_sensitive") else re.IGNORECASE
        rules.append(Rule(raw["name"], raw["design"], raw["strength"], index,
                          re.compile(raw["pattern"], flags), tuple(raw["triggers"]), raw.get("only_in"),
                          raw.get("role", "names") == "cue", tuple(raw.get("refined_by", ())),
                          bool(raw.get("generic", False))))
    missing = CUE_NAMES - set(data["cues"])
    if missing:
        raise ResourceError(f"{RESOURCE}: cues missing: {sorted(missing)}")
    cues = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in data["cues"].items()}
    left = frozenset(w.lower() for w in data["left_modifiers"])
    species = {pop: _words_regex(words) for pop, words in data["species"].items()}
    triggers = sorted({t for rule in rules for t in rule.triggers})
    prefixes = {t: _related_triggers(t, triggers) for t in triggers}
    by_trigger: dict[str, list[int]] = {}
    for index, rule in enumerate(rules):
        for trigger in rule.triggers:
            by_trigger.setdefault(trigger, []).append(index)
    groups = "|".join(f"(?P<{pop}>{alternation(sorted({w.lower() for w in words}))})"
                      for pop, words in data["species"].items())
    species_any = re.compile(rf"(?<![\w-])(?:{groups})(?![\w-])")
    return DesignResource(tuple(rules), species, frozenset(data["human_designs"]), cues, left,
                          re.compile("(?<![a-z])" + alternation(triggers)), prefixes,
                          {t: tuple(v) for t, v in by_trigger.items()}, species_any,
                          _parse_fallbacks(data.get("fallbacks", [])))


@lru_cache(maxsize=1)
def load_resource() -> DesignResource:
    return parse_resource(read_json("resources", RESOURCE))


def trigger_positions(low: str, resource: DesignResource) -> dict[str, list[int]]:
    """Where each trigger string occurs at a word start in the lower-cased text (one C-level scan)."""
    positions: dict[str, list[int]] = {}
    related = resource.trigger_prefixes
    for hits, match in enumerate(resource.trigger_regex.finditer(low)):
        if hits >= MAX_TRIGGER_HITS:
            break
        start = match.start()
        for trigger in related[match.group()]:
            positions.setdefault(trigger, []).append(start)
    return positions


def _trigger_windows(length: int, triggers: tuple[str, ...], positions: dict[str, list[int]]) -> list[tuple[int, int]]:
    """Merged windows of text around every occurrence of the rule's trigger strings."""
    windows: list[tuple[int, int]] = []
    for position in sorted(p for t in triggers for p in positions.get(t, ())):
        lo, hi = max(0, position - TRIGGER_WINDOW), min(length, position + TRIGGER_WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def raw_matches(text: str, resource: DesignResource, full_scan: bool = False) -> list[RawMention]:
    """Every rule match in ``text``, overlaps not yet resolved.

    Each rule runs only on windows around its trigger strings (all found in one
    pass of a prefix-trie regex over the lower-cased text), so the cost is that
    pass plus each rule's regex on a small share of the text. ``full_scan`` runs every rule
    on the whole text instead (the tests check that both give the same matches).
    """
    found: dict[tuple[int, int, int], RawMention] = {}
    positions = {} if full_scan else trigger_positions(lower_keeping_offsets(text), resource)
    if full_scan:
        active = resource.rules
    else:
        woken = {index for trigger in positions for index in resource.rules_by_trigger[trigger]}
        active = tuple(resource.rules[index] for index in sorted(woken))
    for rule in active:
        windows = [(0, len(text))] if full_scan else _trigger_windows(len(text), rule.triggers, positions)
        count = 0
        for lo, hi in windows:
            for match in rule.regex.finditer(text, lo, hi):
                if match.end() == hi and hi < len(text) and hi - lo >= 2 * TRIGGER_WINDOW:
                    continue   # "$" at a window edge that is no line end
                if match.end() > match.start():
                    found[(rule.order, match.start(), match.end())] = RawMention(match.start(), match.end(), rule)
                    count += 1
                    if count >= MAX_MATCHES_PER_RULE:
                        break
            if count >= MAX_MATCHES_PER_RULE:
                break
    return list(found.values())


def resolve_overlaps(mentions: list[RawMention], length: int) -> list[RawMention]:
    """One mention per overlapping group: stronger rule, then earlier rule, then longer match.

    Taken characters are marked in a bytearray, so the cost is the total length of the matches.
    """
    ranked = sorted(mentions, key=lambda m: (-m.rule.strength, m.rule.order, -(m.end - m.start), m.start))
    taken = bytearray(length)
    kept: list[RawMention] = []
    for mention in ranked:
        if taken.find(1, mention.start, mention.end) >= 0:
            continue
        taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
        kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def extend_left(text: str, mention: RawMention, resource: DesignResource) -> None:
    """Take in the determiner, year and modifiers before a mention ("A 2019 study on animals").

    Reads at most four words back on the same line, word by word (no regex search over the window).
    """
    if mention.rule.strength < 2:
        return
    start = mention.start
    for _ in range(4):
        gap = start
        while gap > 0 and text[gap - 1] in " \t":
            gap -= 1
        if gap == start or gap == 0:
            break
        word_start = gap
        while word_start > 0 and gap - word_start < 40 and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start:gap].rstrip(",").lower()
        if not (word in resource.left_modifiers or _MODIFIER_NUMBER.fullmatch(word)):
            break
        start = word_start
    mention.start = start


def drop_covered(mentions: list[RawMention]) -> list[RawMention]:
    """Mentions in document order without those that another's left extension now covers ("double-blind"
    inside "a double-blind, placebo-controlled randomised trial")."""
    kept: list[RawMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if kept and mention.end <= kept[-1].end:
            continue
        kept.append(mention)
    return kept


def merge_joined(text: str, mentions: list[RawMention], rank: dict[str, tuple]) -> list[RawMention]:
    """Join "X and Y" mentions of two designs into one (design = the better-ranked label)."""
    merged: list[RawMention] = []
    for mention in mentions:
        if merged:
            last = merged[-1]
            gap = text[last.end:mention.start]
            if (0 < len(gap) <= _MAX_JOIN_GAP and _JOINER.search(gap) and mention.design != last.design
                    and mention.rule.strength >= 2 and last.rule.strength >= 2):
                first, second = sorted((last, mention), key=lambda m: rank.get(m.design, (99, 99)))
                combined = RawMention(last.start, mention.end, first.rule,
                                      also=[second.design, *first.also, *second.also])
                merged[-1] = combined
                continue
        merged.append(mention)
    return merged


SPECIES_ONLY_RULES = {"in_species", "species_word"}
_ABSORB_GAP = re.compile(r"[^.;:!?\n]{0,30}\Z")


def absorb_species(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """Drop a bare species phrase that only says who another mention studied ("a trial | in dogs")."""
    kept: list[RawMention] = []
    for mention in mentions:
        if (mention.rule.name in SPECIES_ONLY_RULES and kept and kept[-1].rule.name not in SPECIES_ONLY_RULES
                and mention.start >= kept[-1].end and _ABSORB_GAP.match(text, kept[-1].end, mention.start)):
            continue
        kept.append(mention)
    return kept

"""Features of a whole article for the main-design classifier (:mod:`evx.designs.main_design_model`).

What a reader weighs when naming a release's main study, as named features: the rules' own
choice (:mod:`evx.designs.main_study`) and the pattern behind it; how often, how early and where
each design is mentioned, and by which patterns; the wording cues of
``resources/main_design_cues.json`` (allocation, follow-up, species, cells, surveys, tests,
approvals...), early in the release and anywhere; and how large the main study is said to be.
Pure functions over the text and the records of the designs and effects components.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from evx.errors import ResourceError
from evx.records import Design, SampleSize
from evx.resource import check_keys, read_json

CUES_RESOURCE = "main_design_cues.json"
EARLY = 0.3            # the first 30% of the text: headline and opening, where releases name their study
# cues whose meaning depends on the rules' choice ("random" beside a trial, "followed" beside a survey)
INTERACTING = frozenset({"random", "placebo", "allocated", "single_group", "followed", "prospective", "retrospective",
                         "diagnostic", "cells", "mice", "approval", "case", "survey"})
OPENING_CHARS = 1500   # the headline and opening paragraphs, whose words are features of their own
WORD_WEIGHT = 0.5
_WORD = re.compile(r"[a-z][a-z-]{2,}")
MAX_CUE_CHARS = 80     # no cue match is longer (checked by the tests on the cue resource)
CUE_CHARS = 30_000     # cues are read in the first 30,000 characters (a release; a paper's abstract and methods)


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[re.Pattern, tuple[str, ...]]]:
    """cue name -> (its regex, the literal triggers one of which any match contains)."""
    where = f"resources/{CUES_RESOURCE}"
    data = read_json("resources", CUES_RESOURCE)
    check_keys(where, data, ("about", "cues"), ())
    out = {}
    for name, entry in data["cues"].items():
        check_keys(f"{where}: cue {name}", entry, ("pattern", "triggers"), ())
        try:
            pattern = re.compile(entry["pattern"])
        except re.error as exc:
            raise ResourceError(f"{where}: cue {name!r} is not a regular expression ({exc})") from exc
        triggers = tuple(entry["triggers"])
        if not triggers or not all(isinstance(t, str) and t and t == t.lower() for t in triggers):
            raise ResourceError(f"{where}: cue {name!r} needs a list of lower-case literal triggers")
        out[name] = (pattern, triggers)
    return out


def first_cues(low: str) -> dict[str, int]:
    """cue name -> offset of its first occurrence in ``low``. A cue's regex runs only when one of
    its literal triggers occurs (a C-speed substring test): most cues are absent from most texts."""
    first: dict[str, int] = {}
    for name, (pattern, triggers) in cues().items():
        hits = [at for t in triggers if (at := low.find(t)) >= 0]
        if hits:
            # every match holds a trigger, so none starts more than MAX_CUE_CHARS before the first one;
            # a search from there finds what a search from 0 finds (``pos`` keeps \b's view of the text)
            match = pattern.search(low, max(0, min(hits) - MAX_CUE_CHARS))
            if match is not None:
                first[name] = match.start()
    return first


def pattern_name(produced_by: str) -> str:
    return produced_by.split(":", 1)[-1] if produced_by else "none"


def article_features(text: str, designs: list[Design], rule_design: str | None, rule_pattern: str,
                     rule_population: str | None, sizes: list[SampleSize], main_size: int | None,
                     main_sentence: tuple[int, int] | None = None) -> dict[str, float]:
    """Named features of one article (``designs`` and ``sizes``: those outside the references;
    ``main_sentence``: the sentence of the rules' main-study mention, whose cues count apart)."""
    feats: dict[str, float] = {f"rule={rule_design or 'none'}": 1.0, f"rule_pattern={rule_pattern}": 1.0,
                               f"rule_population={rule_population or 'none'}": 1.0}
    early_end = int(len(text) * EARLY)
    counts: dict[str, int] = {}
    for d in designs:
        if d.generic:
            continue
        counts[f"mentions:{d.design}"] = counts.get(f"mentions:{d.design}", 0) + 1
        counts[f"pattern:{pattern_name(d.produced_by)}"] = counts.get(f"pattern:{pattern_name(d.produced_by)}", 0) + 1
        if d.start < early_end:
            feats[f"early:{d.design}"] = 1.0
        if d.section == "title":
            feats[f"title:{d.design}"] = 1.0
        if d.population:
            feats[f"population:{d.population}"] = 1.0
    feats.update({name: math.log1p(count) for name, count in counts.items()})
    low = text[:CUE_CHARS].lower()
    early_end = min(early_end, len(low))
    for name, at in first_cues(low).items():
        feats[f"cue:{name}"] = 1.0
        if at < early_end:
            feats[f"cue_early:{name}"] = 1.0
        if name in INTERACTING:
            feats[f"rule={rule_design or 'none'}&cue:{name}"] = 1.0
    opening = low[:OPENING_CHARS]
    words = set(_WORD.findall(opening))
    if main_sentence is not None:
        words |= set(_WORD.findall(text[main_sentence[0]:main_sentence[1]].lower()))
    for word in words:
        feats[f"w:{word}"] = WORD_WEIGHT
    if main_sentence is not None:
        for name in first_cues(text[main_sentence[0]:main_sentence[1]].lower()):
            feats[f"cue_main:{name}"] = 1.0
    feats[f"main_size={'none' if main_size is None else min(6, int(math.log10(max(1, main_size))))}"] = 1.0
    feats["sizes"] = math.log1p(len(sizes))
    feats["designs"] = math.log1p(sum(1 for d in designs if not d.generic))
    return feats

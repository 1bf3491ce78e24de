"""The main design of a text that names no design: read from what the study did.

About one health press release in five never names its design ("12 patients
took the supplement for a month", "researchers surveyed 2,000 parents"). When
no design mention can be the main study, this module reads the opening of the
body for the methodological cues that the design glossary of Grimes & Schulz
2002 (Lancet 359:57-61) uses to tell designs apart, in this order:

1. the population: when animal or cell words outnumber human words, the study
   is an animal or in vitro study (the population vote of :mod:`evx.designs.component`);
2. the fallbacks of ``resources/designs.json``, first one found wins: random
   allocation or a placebo (a randomised trial); the vocabulary of test
   accuracy ("accurately detected", "sensitivity", "false positives", "a new
   blood test": a diagnostic-accuracy study, labelled ``other`` as in
   :mod:`evx.designs.rules`); an intervention without a control group ("feasibility", "no control group": a non-randomised trial);
   patients who had a treatment in practice ("40 patients who underwent
   surgery": a case series); data or records of people, or people followed
   over time (a cohort); a survey or questionnaire (cross-sectional); people
   given an intervention (a non-randomised trial, after Sumner et al. 2014,
   BMJ 349:g7015, who code studies "with an intervention and no stated
   randomisation" as non-randomised trials).

A cue inside a design mention that was set aside (generic, planned: "larger
randomised trials are needed") or in a background sentence ("previous studies
have shown") does not count. Only the first :data:`FALLBACK_WINDOW` characters
of the body are read, so the cost is bounded whatever the length of the document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from evx.designs.context import sentence_around
from evx.designs.rules import DesignResource, Fallback
from evx.records import DESIGN_OF_POPULATION
from evx.text.casefold import lower_keeping_offsets
from evx.text.sentences import Sentences

FALLBACK_WINDOW = 4_000      # characters of body text read for fallback cues
MAX_TRIES = 50               # matches of one fallback examined (bounds the cost on repetitive text)


@dataclass(frozen=True)
class FallbackChoice:
    design: str
    produced_by: str          # "fallback:<name>"
    start: int
    end: int
    reason: str


def _usable(start: int, end: int, text: str, sentences: Sentences, taken: list[tuple[int, int]],
            resource: DesignResource) -> bool:
    """``text[start:end]`` is not inside a design mention already judged (generic, planned or
    background: "larger randomised trials are needed") nor in a background sentence."""
    if any(lo < end and start < hi for lo, hi in taken):
        return False
    s_start, _ = sentence_around(sentences, start, end)
    return not resource.cues["background"].search(text, s_start, end)


def _first_usable(text: str, sentences: Sentences, start: int, end: int, taken: list[tuple[int, int]],
                  resource: DesignResource) -> tuple[Fallback, re.Match] | None:
    """The first usable match of the first fallback, in file order, that has one in ``text[start:end]``.

    The patterns are lower-case and case-sensitive, run on the lower-cased window (twice as fast
    as ``re.IGNORECASE``), and only when one of the fallback's trigger strings occurs in it (a
    C-level substring test); match offsets are relative to ``start``.
    """
    low = lower_keeping_offsets(text[start:end])
    for fallback in resource.fallbacks:
        if not any(trigger in low for trigger in fallback.triggers):
            continue
        for tries, match in enumerate(fallback.regex.finditer(low)):
            if tries >= MAX_TRIES:
                break
            if _usable(start + match.start(), start + match.end(), text, sentences, taken, resource):
                return fallback, match
    return None


def infer_design(text: str, sentences: Sentences, body: tuple[int, int], population: str | None,
                 resource: DesignResource, taken: list[tuple[int, int]] = ()) -> FallbackChoice | None:
    """The design suggested by the opening of the body (``text[body[0]:body[1]]``), or None.

    ``taken``: spans of the design mentions found in the text (none of them could be the main study).
    """
    start, end = body[0], min(body[1], body[0] + FALLBACK_WINDOW)
    if population in DESIGN_OF_POPULATION:
        design = DESIGN_OF_POPULATION[population]
        return FallbackChoice(design, f"fallback:{population}_population", start, start,
                              f"No study design is named; {population} words outnumber the others, "
                              f"so the study is taken as {design} (fallback:{population}_population).")
    found = _first_usable(text, sentences, start, end, taken, resource)
    if found is None:
        return None
    fallback, match = found
    quote = " ".join(text[start + match.start():start + match.end()].split())
    return FallbackChoice(fallback.design, f"fallback:{fallback.name}", start + match.start(), start + match.end(),
                          f"No study design is named; \u201c{quote}\u201d suggests {fallback.design} "
                          f"(fallback:{fallback.name}).")

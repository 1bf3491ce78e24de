"""The main study's sample size: which of the article's sample sizes belongs to its main study.

The sample sizes themselves are read by :mod:`evx.effects.sample_sizes` ("a trial of 25,871
adults", "more than 2,000 middle-aged adults"; never a denominator or a frequency). The one of
the main study is the first that holds, in order:

1. the first size stated in the sentence of the main-study mention;
2. the first size in a sentence that describes a study (a design mention that is not generic, or
   wording of recruitment and analysis: "enrolled", "recruited", "followed", "studied", "data from");
3. the size nearest the main-study mention in its paragraph;
4. the first size of the body.

References never count. Chosen on the 299 hand-read dev releases (docs/annotation/main-study.md).
"""
from __future__ import annotations

import re

from evx.records import Design, SampleSize
from evx.text.lines import paragraph_around
from evx.text.sentences import Sentences

STUDY_WORDING = re.compile(
    r"\b(?:enrol+(?:ed|ing)|recruit(?:ed|ing)|followed|studied|study|trial|analy[sz](?:ed|ing|is)|data (?:from|on)|"
    r"involv(?:ed|ing)|included|participants|took part|randomi[sz]ed|assigned|surveyed|examined|tested)\b", re.I)


def main_sample_size(text: str, sizes: list[SampleSize], main: Design | None, sentences: Sentences,
                     body: tuple[int, int], designs: list[Design] = ()) -> tuple[int | None, str | None]:
    """(n, reason) of the main study's sample size, or (None, None)."""
    ordered = sorted((s for s in sizes if body[0] <= s.start < body[1]), key=lambda s: s.start)
    if not ordered:
        return None, None
    if main is not None:
        s_start, s_end = sentences.around(main.start)
        same = [s for s in ordered if s_start <= s.start < s_end]
        if same:
            return same[0].n, "rule:sample_size_in_main_study_sentence"
    mentioned = {sentences.around(d.start) for d in designs if not d.generic and d.section != "references"}
    for size in ordered:
        bounds = sentences.around(size.start)
        if bounds in mentioned or STUDY_WORDING.search(text, bounds[0], bounds[1]):
            return size.n, "rule:sample_size_in_study_sentence"
    if main is not None:
        p_start, p_end = paragraph_around(text, main.start, main.end)
        near = [s for s in ordered if p_start <= s.start < p_end]
        if near:
            return min(near, key=lambda s: abs(s.start - main.start)).n, "rule:sample_size_in_main_study_paragraph"
    return ordered[0].n, "rule:first_sample_size_of_body"

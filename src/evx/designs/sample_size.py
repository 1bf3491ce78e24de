"""The main study's sample size: which of the article's sample sizes belongs to its main study.

The sample sizes themselves are read by :mod:`evx.effects.sample_sizes` ("a trial of 25,871
adults", "more than 2,000 middle-aged adults"; never a denominator or a frequency). The one of
the main study is the first that holds, in order:

1. the first size stated in the sentence of the main-study mention;
2. the first size in a sentence that describes a study (a design mention that is not generic, or
   wording of recruitment and analysis: "enrolled", "recruited", "followed", "studied", "data from");
3. the size nearest the main-study mention in its paragraph;
4. the first size of the body.

When the chosen size is the first of groups listed together in its sentence ("12 patients with
Alzheimer's disease, seven younger healthy controls and five older healthy controls", "107 women
who later developed gestational diabetes to test results from 214 women who did not"), the main
study is their sum, as the guideline says (:func:`with_listed_groups`).

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


# Between two listed groups: a short stretch that joins them ("and", "versus", "while"), with
# nothing that makes the second a part of the first or an item of another list: a comma alone
# ("37 deceased patients, 23 with the disease and 14 controls" breaks a total down), brackets or
# a semicolon ("pain (6 subjects); cyst (3 subjects)"), a count without its group word
# ("37 patients, 23 with the disease and 14 controls"), "of whom", "completed".
LIST_JOIN = re.compile(r"\b(?:and|versus|vs|plus|as well as|compared (?:with|to)|while|to test results from)\b", re.I)
PART_OF = re.compile(r"[;()\[\]]|\b\d|\b(?:of (?:whom|them|these|those)|including|included|among|completed|remained|"
                     r"comparing|analy[sz]ed|dropped|withdrew|died)\b", re.I)
LIST_GAP_CHARS = 70


def with_listed_groups(text: str, first: SampleSize, ordered: list[SampleSize], sentence: tuple[int, int]
                       ) -> tuple[int, bool]:
    """(n, summed): ``first``'s n, plus the sizes listed after it in the same sentence."""
    if first.group is None:
        return first.n, False
    total, last, summed = first.n, first, False
    for size in ordered:
        if size.start <= last.start or size.group is None:
            continue
        if size.start >= sentence[1]:
            break
        gap = text[last.end:size.start]
        if len(gap) > LIST_GAP_CHARS or not LIST_JOIN.search(gap) or PART_OF.search(gap) or size.bound != first.bound:
            break
        total, last, summed = total + size.n, size, True
    return total, summed


def main_sample_size(text: str, sizes: list[SampleSize], main: Design | None, sentences: Sentences,
                     body: tuple[int, int], designs: list[Design] = ()) -> tuple[int | None, str | None]:
    """(n, reason) of the main study's sample size, or (None, None)."""
    ordered = sorted((s for s in sizes if body[0] <= s.start < body[1]), key=lambda s: s.start)
    if not ordered:
        return None, None
    size, reason = _chosen(text, ordered, main, sentences, designs)
    n, summed = with_listed_groups(text, size, ordered, sentences.around(size.start))
    return n, reason + ("+rule:sum_of_listed_groups" if summed else "")


def _chosen(text: str, ordered: list[SampleSize], main: Design | None, sentences: Sentences,
            designs: list[Design]) -> tuple[SampleSize, str]:
    if main is not None:
        s_start, s_end = sentences.around(main.start)
        same = [s for s in ordered if s_start <= s.start < s_end]
        if same:
            return same[0], "rule:sample_size_in_main_study_sentence"
    mentioned = {sentences.around(d.start) for d in designs if not d.generic and d.section != "references"}
    for size in ordered:
        bounds = sentences.around(size.start)
        if bounds in mentioned or STUDY_WORDING.search(text, bounds[0], bounds[1]):
            return size, "rule:sample_size_in_study_sentence"
    if main is not None:
        p_start, p_end = paragraph_around(text, main.start, main.end)
        near = [s for s in ordered if p_start <= s.start < p_end]
        if near:
            return min(near, key=lambda s: abs(s.start - main.start)), "rule:sample_size_in_main_study_paragraph"
    return ordered[0], "rule:first_sample_size_of_body"

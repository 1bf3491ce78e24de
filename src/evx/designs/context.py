"""The context of one design mention: its sentence, paragraph, population, year and role.

Everything here looks only at a bounded window of raw text around a mention
(a few hundred characters), so the cost does not grow with the document and a
20 MB single line costs no more per mention than a short article.

* population: the design's own population (animal studies: ``animal``; in vitro:
  ``cells``), else species words in or just after the mention ("a trial in
  dogs", "a study of 300 women"), else human words in its sentence, else
  ``human`` for designs that are defined on people (trials, cohorts,
  case-control, cross-sectional, case series, qualitative, reviews);
* year: a year inside the mention ("a 2019 study") or written just after it
  ("a study published in 2015");
* generic: a kind of study in general, after the genericity tests of Reiter &
  Frank 2010 ("Identifying generic noun phrases", ACL): a bare plural with no
  determiner followed by a present-tense characterising predicate
  ("Retrospective case-control studies suffer from ..."), or "such studies",
  "this type of study";
* planned: a study that is asked for or announced, not reported ("larger trials
  are needed", "a future study will test ...");
* role cues: whether the sentence presents the study the article reports on
  ("a new study", "the researchers followed", "in this trial") or a background
  study ("previous studies have shown", "earlier research").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from evx.designs.rules import DesignResource
from evx.records import PRECLINICAL_POPULATION
from evx.text.sentences import Sentences

WINDOW = 600          # characters of a mention's sentence read either side of it
# Beyond this many mentions in one document (only machine-made or adversarial text has them) the
# rest get the design's own population and no year, role or genericity, and their sentences are
# not read for citation markers, to bound the cost.
MAX_CONTEXT_MENTIONS = 3000
_YEAR_AFTER = re.compile(r"^[^.;:\n]{0,40}?\b(?:published|conducted|reported|released|carried out|done|from|in)\s+(?:in\s+)?(?:(?:early|late|mid-?)\s+)?((?:19[5-9]|20[0-4])\d)\b(?![\d%])",
                         re.I)
_PLURAL_HEAD = re.compile(r"(?:ies|ses|trials|reviews|cohorts|models|reports|series|experiments|surveys|studies)\Z", re.I)


@dataclass
class MentionContext:
    population: str | None
    year: int | None
    generic: bool
    planned: bool
    main_cue: bool
    background_cue: bool


def sentence_around(sentences: Sentences, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, cut to :data:`WINDOW` characters either side
    (so that a mention in a 20 MB single-line "sentence" costs what one in a short one does)."""
    s_start, s_end = sentences.around(start, end)
    return max(s_start, start - WINDOW), min(s_end, end + WINDOW)


def find_population(text: str, design: str, start: int, end: int, s_start: int, s_end: int,
                    resource: DesignResource, stop: int | None = None) -> str | None:
    """The population of a mention: its design's own (animal, cells), else the first species word
    in it or in the 60 characters after it, up to ``stop`` (the next mention: in "a randomised
    trial, a large cohort and a mouse experiment" the mice are the experiment's), else human when
    its sentence names people or its design studies people."""
    if design in PRECLINICAL_POPULATION:
        return PRECLINICAL_POPULATION[design]
    near = text[start:min(s_end, end + 60, len(text) if stop is None else max(end, stop))]
    found = _first_population(near, resource)
    if found:
        return found
    if resource.species["human"].search(text, s_start, s_end):
        return "human"
    if design in resource.human_designs:
        return "human"
    return None


def _first_population(snippet: str, resource: DesignResource) -> str | None:
    best: tuple[int, str] | None = None
    for population, regex in resource.species.items():
        match = regex.search(snippet)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), population)
    return best[1] if best else None


def find_year(text: str, start: int, end: int, s_end: int, resource: DesignResource) -> int | None:
    match = resource.cues["year"].search(text, start, end)
    if match:
        return int(match.group(1))
    after = _YEAR_AFTER.search(text[end:min(s_end, end + 60)])
    return int(after.group(1)) if after else None


def is_generic(text: str, start: int, end: int, s_start: int, resource: DesignResource, weak: bool = False) -> bool:
    """``weak``: a hint-only mention ("clinical trials"); as a bare plural it names trials in general."""
    mention = text[start:end]
    before = text[max(s_start, start - 60):start]
    if resource.cues["generic_before"].search(before):
        return True
    if not _PLURAL_HEAD.search(mention):
        return False
    first_word = mention.split(None, 1)[0].lower() if mention.strip() else ""
    if first_word in {"a", "an", "the", "this", "that", "these", "those", "our", "their", "its", "two",
                      "three", "four", "five", "several", "both"} or first_word[:1].isdigit():
        return False
    return weak or bool(resource.cues["generic_after"].search(text[end:end + 60]))


def is_planned(text: str, start: int, end: int, s_start: int, resource: DesignResource) -> bool:
    before = text[max(s_start, start - 40):start]
    mention_head = text[start:end]
    if resource.cues["planned"].search(before) or resource.cues["planned"].search(mention_head.split(" ", 1)[0] + " "):
        return True
    return bool(resource.cues["planned_after"].search(text[end:end + 80]))


def mention_context(text: str, sentences: Sentences, design: str, start: int, end: int,
                    resource: DesignResource, weak: bool = False, stop: int | None = None) -> MentionContext:
    """``stop``: where the next mention starts (its species words are its own)."""
    s_start, s_end = sentence_around(sentences, start, end)
    sentence_left = text[s_start:end]
    return MentionContext(
        population=find_population(text, design, start, end, s_start, s_end, resource, stop),
        year=find_year(text, start, end, s_end, resource),
        generic=is_generic(text, start, end, s_start, resource, weak),
        planned=is_planned(text, start, end, s_start, resource),
        main_cue=bool(resource.cues["main_study"].search(text, s_start, s_end)),
        background_cue=bool(resource.cues["background"].search(sentence_left)),
    )


def set_aside(text: str, sentences: Sentences, start: int, end: int, resource: DesignResource) -> bool:
    """Whether a mention is background, generic or planned: the part of :func:`mention_context`
    that decides if it may be the reported study (without population, year and role cues)."""
    s_start, _ = sentence_around(sentences, start, end)
    return bool(resource.cues["background"].search(text, s_start, end)
                or is_generic(text, start, end, s_start, resource)
                or is_planned(text, start, end, s_start, resource))


def bare_context(design: str, start: int, end: int, resource: DesignResource) -> MentionContext:
    """A context without reading the text around the mention (used past a per-document cap)."""
    population = PRECLINICAL_POPULATION.get(
        design, "human" if design in resource.human_designs else None)
    return MentionContext(population, None, False, False, False, False)

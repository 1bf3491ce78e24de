"""Design records of one text: rule matches resolved, labelled and put in context; the mentions
that may be the article's main study."""
from __future__ import annotations

from evx.designs.context import MAX_CONTEXT_MENTIONS, bare_context, mention_context
from evx.designs.main_study import Candidate, level_rank
from evx.designs.rules import DesignResource, absorb_species, extend_left, merge_joined, raw_matches, resolve_overlaps
from evx.designs.trials import RANDOMISABLE_RULES, trial_label
from evx.records import DESIGNS, TRIAL_DESIGNS, Design
from evx.text.sections import section_at, section_bounds
from evx.text.sentences import Sentences


def _rank(design: str) -> tuple[int, int]:
    """Evidence level first; within a level the order of DESIGNS (meta-analysis before systematic review)."""
    return level_rank(design), DESIGNS.index(design) if design in DESIGNS else len(DESIGNS)


POOLING_DESIGNS = frozenset({"meta_analysis", "systematic_review", "narrative_review"})
POOLED_GAP = 60     # characters between a review's mention and a design it pooled ("of 26 randomized")


def pooled_unit(text: str, designs: list[Design], resource: DesignResource) -> bool:
    """Whether the last of ``designs`` names what the review just before it pooled ("a meta-analysis
    of 26 randomized trials", "a 2023 review of 107 cohort studies"): part of that study, never a
    main study of its own."""
    if len(designs) < 2 or designs[-1].design in POOLING_DESIGNS:
        return False
    review, unit = designs[-2], designs[-1]
    if review.design not in POOLING_DESIGNS or not 0 <= unit.start - review.end <= POOLED_GAP:
        return False
    return bool(resource.cues["pooled_unit"].search(text[review.end:unit.start]))


def extract_designs(text: str, sentences: Sentences, sections, resource: DesignResource
                    ) -> tuple[list[Design], list[Candidate], int]:
    """Design records for ``text`` (with its ``sections``), the mentions that may be its main study,
    and how plainly the text states its trials' allocation (a tier of :func:`trial_label`)."""
    mentions = absorb_species(text, resolve_overlaps(raw_matches(text, resource), len(text)))
    trial, randomised, allocation = trial_label(text, sentences, sections, mentions, resource)
    for mention in mentions:
        extend_left(text, mention, resource)
    ranks = {d: _rank(d) for d in TRIAL_DESIGNS}
    mentions = merge_joined(text, mentions, {**ranks, **{m.design: _rank(m.design) for m in mentions}})
    body = section_bounds(sections, "body") or (0, len(text))
    body_length = max(1, body[1] - body[0])
    designs: list[Design] = []
    candidates: list[Candidate] = []
    for index, mention in enumerate(mentions):
        label = trial if mention.design == "trial" else mention.design
        if randomised and mention.rule.name in RANDOMISABLE_RULES:
            label = "rct"
        section = section_at(sections, mention.start)
        if mention.rule.only_in and section != mention.rule.only_in:
            continue
        if index < MAX_CONTEXT_MENTIONS:
            context = mention_context(text, sentences, label, mention.start, mention.end, resource,
                                      mention.rule.strength == 1)
        else:
            context = bare_context(label, mention.start, mention.end, resource)
        design = Design(
            start=mention.start, end=mention.end, text=text[mention.start:mention.end], design=label,
            population=context.population, year=context.year, generic=context.generic,
            section=section, also=[a for a in dict.fromkeys(trial if a == "trial" else a for a in mention.also) if a != label],
            produced_by=f"pattern:{mention.rule.name}",
        )
        designs.append(design)
        if pooled_unit(text, designs, resource):
            continue               # "a meta-analysis of 26 randomized trials": the trials are what it pooled
        if section != "references" and not context.generic and not context.planned:
            candidates.append(Candidate(
                design=design, strength=mention.rule.strength, main_cue=context.main_cue,
                background_cue=context.background_cue, title=section == "title",
                position=max(0.0, (mention.start - body[0]) / body_length),
            ))
    return designs, candidates, allocation

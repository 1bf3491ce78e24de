"""Design records of one text: rule matches resolved, labelled and put in context; the mentions
that may be the article's main study."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from evx.designs.context import MAX_CONTEXT_MENTIONS, bare_context, mention_context
from evx.designs.main_study import Candidate, level_rank
from evx.designs.rules import SPECIES_ONLY_RULES, DesignResource, absorb_species, drop_covered, extend_left, merge_joined, raw_matches, resolve_overlaps
from evx.designs.trials import RANDOMISABLE_RULES, trial_label
from evx.records import DESIGNS, TRIAL_DESIGNS, Design
from evx.text.lines import paragraph_starts
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


_PLURAL = re.compile(r"(?:trials|studies|cohorts|experiments)\W*\Z", re.I)


def drop_pooled_plurals(candidates: list[Candidate]) -> list[Candidate]:
    """Without plural mentions of studies ("randomised trials", "the trials", "cohort studies") when a
    review is presented as the reported study (in the title, or in a sentence presenting it): an
    article reports one study or a review of several, and the several a review's article names are
    what it pooled."""
    if not any(c.design.design in POOLING_DESIGNS and (c.title or c.main_cue) and not c.background_cue
               for c in candidates):
        return candidates
    return [c for c in candidates if c.design.design in POOLING_DESIGNS or not _PLURAL.search(c.design.text)]


def described_elsewhere(designs: list[Design], cues: list[bool], breaks: list[int], resource: DesignResource) -> list[bool]:
    """For each mention, whether it only tells more about a study named elsewhere: a cue ("randomly
    assigned", "the placebo group", "mice") in a paragraph where a phrase names a study ("the
    JUPITER trial") or after a phrase naming a study of its design; a bare definite mention ("the
    trial", "these studies") after a phrase naming a study of its design."""
    anaphor = resource.cues["anaphor"]
    refers = [not cue and bool(anaphor.match(d.text)) for d, cue in zip(designs, cues)]
    naming = [not cue and not ref and d.section != "references" for d, cue, ref in zip(designs, cues, refers)]
    paragraph = [bisect.bisect_right(breaks, d.start) for d in designs]
    named_in = {p for p, name in zip(paragraph, naming) if name}
    hidden, named_before = [], set()
    for d, cue, ref, name, p in zip(designs, cues, refers, naming, paragraph):
        hidden.append((cue and (p in named_in or d.design in named_before)) or (ref and d.design in named_before))
        if name:
            named_before.add(d.design)
    return hidden


def study_heads(text: str, sentences: Sentences, sections, designs: list[Design], cues: list[bool],
                resource: DesignResource) -> list[Design]:
    """Records for phrases that name a study but not its design ("A 2018 study", "a small 1998
    study", "the INTERPHONE study") when a cue later in the same sentence tells the design ("... followed 292 male
    mice", "... in 8 volunteers"): the cue's design and population, the head's own year. A head
    whose sentence names a design itself, or tells none, is no record."""
    heads: list[Design] = []
    starts = [d.start for d in designs]
    spans = []
    for k, design in enumerate(designs):     # a head can only lie between a cue and its sentence start
        if cues[k]:
            lo = max(sentences.starts[sentences.index(design.start)], designs[k - 1].end if k else 0)
            spans += [m.span() for name in ("named_study", "study_head")
                      for m in resource.cues[name].finditer(text, lo, design.start)]
    matches = sorted(spans, key=lambda span: (span[0], -span[1]))
    last_end = -1
    for start, end in matches:
        k = bisect.bisect_left(starts, start)
        if start < last_end or (k > 0 and designs[k - 1].end > start) or (k < len(designs) and designs[k].start < end):
            continue                       # part of a mention already ("a 2018 study in mice")
        last_end = end
        sentence_end = sentences.around(start, end)[1]
        if k >= len(designs) or designs[k].start >= sentence_end or not cues[k]:
            continue
        cue = designs[k]
        section = section_at(sections, start)
        context = mention_context(text, sentences, cue.design, start, end, resource, True)
        if section == "references" or context.generic or context.planned:
            continue
        heads.append(Design(start=start, end=end, text=text[start:end], design=cue.design,
                            population=cue.population or context.population, year=context.year,
                            generic=False, section=section,
                            produced_by=f"pattern:study_head+{cue.produced_by.removeprefix('pattern:')}"))
    return heads


@dataclass
class DesignReading:
    """What :func:`extract_designs` reads: the records, every mention (cues in a paragraph that names
    its study included, which the main-study reader still weighs), the main-study candidates and how
    plainly the text states its trials' allocation (a tier of :func:`trial_label`)."""

    records: list[Design]
    mentions: list[Design]
    candidates: list[Candidate]
    allocation: int


def extract_designs(text: str, sentences: Sentences, sections, resource: DesignResource) -> DesignReading:
    """Design records for ``text`` (with its ``sections``), the mentions that may be its main study,
    and how plainly the text states its trials' allocation."""
    raw = raw_matches(text, resource)
    mentions = absorb_species(text, resolve_overlaps(raw, len(text)))
    trial, randomised, allocation = trial_label(text, sentences, sections, mentions, resource)
    for mention in mentions:
        extend_left(text, mention, resource)
    mentions = drop_covered(mentions)
    ranks = {d: _rank(d) for d in TRIAL_DESIGNS}
    mentions = merge_joined(text, mentions, {**ranks, **{m.design: _rank(m.design) for m in mentions}})
    body = section_bounds(sections, "body") or (0, len(text))
    body_length = max(1, body[1] - body[0])
    breaks = paragraph_starts(text)
    refiners: dict[int, list[str]] | None = None    # paragraph -> designs of its matches, in order (when needed)
    designs: list[Design] = []
    cues: list[bool] = []
    candidates: list[Candidate] = []
    for index, mention in enumerate(mentions):
        label = trial if mention.design == "trial" else mention.design
        if mention.rule.refined_by:
            if refiners is None:
                refiners = {}
                for m in sorted((m for m in raw if not m.rule.refined_by), key=lambda m: m.start):
                    refiners.setdefault(bisect.bisect_right(breaks, m.start), []).append(m.design)
            label = next((design for design in refiners.get(bisect.bisect_right(breaks, mention.start), ())
                          if design in mention.rule.refined_by), label)
        if randomised and mention.rule.name in RANDOMISABLE_RULES:
            label = "rct"
        section = section_at(sections, mention.start)
        if mention.rule.only_in and section != mention.rule.only_in:
            continue
        if index < MAX_CONTEXT_MENTIONS:
            following = mentions[index + 1] if index + 1 < len(mentions) else None
            stop = following.start if following is not None and following.rule.name not in SPECIES_ONLY_RULES else None
            context = mention_context(text, sentences, label, mention.start, mention.end, resource,
                                      mention.rule.strength == 1, stop)
        else:
            context = bare_context(label, mention.start, mention.end, resource)
        design = Design(
            start=mention.start, end=mention.end, text=text[mention.start:mention.end], design=label,
            population=context.population, year=context.year, generic=context.generic or mention.rule.generic,
            section=section, also=[a for a in dict.fromkeys(trial if a == "trial" else a for a in mention.also) if a != label],
            produced_by=f"pattern:{mention.rule.name}",
        )
        designs.append(design)
        cues.append(mention.rule.cue)
        if pooled_unit(text, designs, resource):
            continue               # "a meta-analysis of 26 randomized trials": the trials are what it pooled
        if section != "references" and not design.generic and not context.planned:
            candidates.append(Candidate(
                design=design, strength=mention.rule.strength, main_cue=context.main_cue,
                background_cue=context.background_cue, title=section == "title",
                position=max(0.0, (mention.start - body[0]) / body_length),
            ))
    candidates = drop_pooled_plurals(candidates)
    heads = study_heads(text, sentences, sections, designs, cues, resource)
    shown, shown_cues = designs, cues
    if heads:
        flagged = sorted([*zip(designs, cues), *((h, False) for h in heads)], key=lambda dc: dc[0].start)
        shown, shown_cues = [d for d, _ in flagged], [c for _, c in flagged]
    hidden = described_elsewhere(shown, shown_cues, breaks, resource)
    return DesignReading([d for d, h in zip(shown, hidden) if not h], designs, candidates, allocation)

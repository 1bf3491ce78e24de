"""``evx_designs``: study-design mentions, their population and year; the main study.

Design mentions come from the named patterns of ``resources/designs.json``
(:mod:`evx.design_rules`), matched on raw text; each mention's population, year,
genericity and role come from a bounded window around it
(:mod:`evx.design_context`); the main study, its evidence level and the link
from each effect to its study are decided in :mod:`evx.design_main`. Mentions
in a references list are kept with ``section: "references"`` but never chosen
as the main study. Runs after ``evx_effects`` (it sets ``Effect.design``).

Sets ``doc._.evx_designs`` (list of :class:`evx.records.Design`) and the keys
``main_design``, ``main_population``, ``evidence_level``,
``evidence_level_name`` and ``main_design_reason`` of ``doc._.evx_summary``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from evx.design_context import bare_context, mention_context, paragraph_bounds
from evx.design_main import Candidate, choose_main, level_rank, link_effects, summary_fields
from evx.design_rules import (DesignResource, absorb_species, extend_left, load_resource, merge_joined,
                              raw_matches, resolve_overlaps)
from evx.nlp.extensions import doc_text, mapping, records
from evx.nlp.sections import section_at
from evx.records import DESIGNS, Design


# Beyond this many mentions in one document (only machine-made or adversarial text has them) the
# rest get the design's own population and no year, role or genericity, to bound the cost.
MAX_CONTEXT_MENTIONS = 3000


def _trial_label(doc: Doc, text: str, mentions, resource: DesignResource) -> str:
    """'rct' when the document reports random allocation outside background sentences and references."""
    for mention in mentions[:MAX_CONTEXT_MENTIONS]:
        if mention.design == "rct" and section_at(doc, mention.start) != "references":
            context = mention_context(text, "rct", mention.start, mention.end, resource)
            if not (context.background_cue or context.generic or context.planned):
                return "rct"
    return "non_randomized_trial"


def _rank(design: str) -> tuple[int, int]:
    """Evidence level first; within a level the order of DESIGNS (meta-analysis before systematic review)."""
    return level_rank(design), DESIGNS.index(design) if design in DESIGNS else len(DESIGNS)


def _section_bounds(doc: Doc, kind: str) -> tuple[int, int] | None:
    for section in doc._.evx_sections or ():
        if section.kind == kind:
            return section.start, section.end
    return None


def extract_designs(doc: Doc, text: str, resource: DesignResource) -> tuple[list[Design], list[Candidate]]:
    """Design records for ``doc`` (whose text is ``text``) and the mentions that may be its main study."""
    mentions = absorb_species(text, resolve_overlaps(raw_matches(text, resource), len(text)))
    trial = _trial_label(doc, text, mentions, resource)
    for mention in mentions:
        extend_left(text, mention, resource)
    ranks = {d: _rank(d) for d in ("rct", "non_randomized_trial")}
    mentions = merge_joined(text, mentions, {**ranks, **{m.design: _rank(m.design) for m in mentions}})
    body = _section_bounds(doc, "body") or (0, len(text))
    body_length = max(1, body[1] - body[0])
    designs: list[Design] = []
    candidates: list[Candidate] = []
    for index, mention in enumerate(mentions):
        label = trial if mention.design == "trial" else mention.design
        section = section_at(doc, mention.start)
        if mention.rule.only_in and section != mention.rule.only_in:
            continue
        if index < MAX_CONTEXT_MENTIONS:
            context = mention_context(text, label, mention.start, mention.end, resource, mention.rule.strength == 1)
        else:
            context = bare_context(label, mention.start, mention.end, resource)
        design = Design(
            start=mention.start, end=mention.end, text=text[mention.start:mention.end], design=label,
            population=context.population, year=context.year, generic=context.generic,
            section=section, also=[a for a in dict.fromkeys(trial if a == "trial" else a for a in mention.also) if a != label],
            produced_by=f"pattern:{mention.rule.name}",
        )
        designs.append(design)
        if section != "references" and not context.generic and not context.planned:
            candidates.append(Candidate(
                design=design, strength=mention.rule.strength, main_cue=context.main_cue,
                background_cue=context.background_cue, title=section == "title",
                position=max(0.0, (mention.start - body[0]) / body_length),
            ))
    return designs, candidates


POPULATION_WINDOW = 20_000   # characters of body text read for the document-level population vote


def _vote(text: str, start: int, end: int, resource: DesignResource) -> str | None:
    """The population whose words occur most often in ``text[start:end]`` (ties: animal, cells, human)."""
    counts = dict.fromkeys(resource.species, 0)
    for match in resource.species_any.finditer(text, start, end):
        counts[match.lastgroup] += 1
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def fallback_population(doc: Doc, text: str, design: Design | None, resource: DesignResource) -> str | None:
    """Population when the main mention names none: its paragraph's species words, else the body's."""
    if design is not None:
        p_start, p_end = paragraph_bounds(text, design.start)
        found = _vote(text, p_start, p_end, resource)
        if found:
            return found
    body = _section_bounds(doc, "body") or (0, len(text))
    return _vote(text, body[0], min(body[1], body[0] + POPULATION_WINDOW), resource)


def find_designs(doc: Doc) -> Doc:
    resource = load_resource()
    text = doc_text(doc)
    designs, candidates = extract_designs(doc, text, resource)
    records(doc, "evx_designs").extend(designs)
    best, reason = choose_main(candidates)
    needs_fallback = best is None or best.design.population is None
    fallback = fallback_population(doc, text, best.design if best else None, resource) if needs_fallback else None
    mapping(doc, "evx_summary").update(summary_fields(best, reason, fallback))
    link_effects(text, records(doc, "evx_effects"), designs)
    return doc


@Language.factory("evx_designs", assigns=["doc._.evx_designs", "doc._.evx_summary", "doc._.evx_effects"])
def make_designs(nlp: Language, name: str):
    return find_designs

"""``evx_designs``: study-design mentions, their population and year; the main study.

Design mentions come from the named patterns of ``resources/designs.json``
(:mod:`evx.designs.rules`), matched on raw text; each mention's population, year,
genericity and role come from a bounded window around it
(:mod:`evx.designs.context`); the main study, its evidence level and the link
from each effect to its study are decided in :mod:`evx.designs.main_study`; when no
mention can be the main study, :mod:`evx.designs.fallback` reads the design
from what the study did ("12 patients took ...", "data from 40,000 adults",
"surveyed 900 parents") and says so in ``main_design_reason``. Mentions
in a references list are kept with ``section: "references"`` but never chosen
as the main study. Runs after ``evx_effects`` (it sets ``Effect.design``).

Sets ``doc._.evx_designs`` (list of :class:`evx.records.Design`) and the keys
``main_design``, ``main_population``, ``evidence_level``,
``evidence_level_name`` and ``main_design_reason`` of ``doc._.evx_summary``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from evx.designs.context import bare_context, mention_context, paragraph_bounds, set_aside
from evx.designs.fallback import infer_design
from evx.designs.main_study import Candidate, choose_main, level_rank, link_effects, summary_fields
from evx.designs.rules import (DesignResource, ascii_lower, absorb_species, extend_left, load_resource, merge_joined,
                              raw_matches, resolve_overlaps)
from evx.nlp.extensions import doc_text, mapping, records
from evx.nlp.sections import section_at
from evx.records import DESIGNS, Design


# Beyond this many mentions in one document (only machine-made or adversarial text has them) the
# rest get the design's own population and no year, role or genericity, to bound the cost.
MAX_CONTEXT_MENTIONS = 3000
# rules naming a trial phase, not its allocation: "a phase II trial" is randomised when the text
# states random allocation or a placebo control
RANDOMISABLE_RULES = {"early_phase_trial"}
PLACEBO_RULES = {"placebo_controlled", "placebo_comparison"}   # a placebo control implies a controlled trial


def _trial_tier(mention) -> int:
    """How plainly a trial mention states its allocation (lower wins; see :func:`_trial_label`)."""
    if mention.design == "rct":
        if mention.rule.strength == 3:
            return 0                       # "randomised", "randomly assigned", "RCT"
        return 1 if mention.rule.name in PLACEBO_RULES else 3
    return 2                               # "phase II trial", "single-arm", "no control group"


def _trial_label(doc: Doc, text: str, mentions, resource: DesignResource) -> tuple[str, bool]:
    """The label of a trial whose allocation is not stated where it is named.

    Among the trial mentions outside background sentences, references, generic and planned
    statements, the plainest decides: stated random allocation, then a placebo or sham control
    ('rct'); then a named non-randomised design ("this phase II trial", "single-arm", "no control
    group": 'non_randomized_trial'); then "phase III trial" ('rct'); with none,
    'non_randomized_trial'. The flag says whether random allocation or a placebo control is stated
    (then "a phase II trial" is a randomised one too).
    """
    best = 4
    for mention in mentions[:MAX_CONTEXT_MENTIONS]:
        if mention.design not in ("rct", "non_randomized_trial") or mention.rule.strength < 2:
            continue
        tier = _trial_tier(mention)
        if tier >= best or section_at(doc, mention.start) == "references":
            continue
        if not set_aside(text, mention.start, mention.end, resource):
            best = tier
            if tier == 0:
                break
    return ("rct" if best in (0, 1, 3) else "non_randomized_trial"), best in (0, 1)


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
    trial, randomised = _trial_label(doc, text, mentions, resource)
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
        if randomised and mention.rule.name in RANDOMISABLE_RULES:
            label = "rct"
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


POPULATION_WINDOW = 10_000   # characters of body text read for the document-level population vote


def _vote(text: str, start: int, end: int, resource: DesignResource) -> str | None:
    """The population whose words occur most often in ``text[start:end]`` (ties: animal, cells, human)."""
    counts = dict.fromkeys(resource.species, 0)
    for match in resource.species_any.finditer(ascii_lower(text[start:end])):   # twice as fast as re.I
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
    inferred = None
    if best is None:
        taken = [(d.start, d.end) for d in designs[:MAX_CONTEXT_MENTIONS]]
        choice = infer_design(text, _section_bounds(doc, "body") or (0, len(text)), fallback, resource, taken)
        if choice is not None:
            inferred, reason = choice.design, choice.reason
            if fallback is None and inferred in resource.human_designs:
                fallback = "human"
    mapping(doc, "evx_summary").update(summary_fields(best, reason, fallback, inferred))
    link_effects(text, records(doc, "evx_effects"), designs)
    return doc


@Language.factory("evx_designs", assigns=["doc._.evx_designs", "doc._.evx_summary", "doc._.evx_effects"])
def make_designs(nlp: Language, name: str):
    return find_designs

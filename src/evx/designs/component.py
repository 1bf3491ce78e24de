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

Sets ``doc._.evx_designs`` (list of :class:`evx.records.Design`) and the fields
``main_design``, ``main_population``, ``evidence_level``,
``evidence_level_name`` and ``main_design_reason`` of ``doc._.evx_summary``
(:class:`evx.records.DocumentSummary`).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from evx.designs.context import MAX_CONTEXT_MENTIONS
from evx.designs.fallback import infer_design
from evx.designs.main_study import choose_main, link_effects, summary_fields
from evx.designs.mentions import extract_designs
from evx.designs.population import fallback_population
from evx.designs.rules import load_resource
from evx.nlp.extensions import doc_text, records, require, summary
from evx.nlp.sentences import sentence_table
from evx.text.sections import section_bounds


def find_designs(doc: Doc) -> Doc:
    require(doc, "evx_designs", "sentences", "evx_sections", "evx_effects")
    resource = load_resource()
    text = doc_text(doc)
    sections = doc._.evx_sections
    sentences = sentence_table(doc)
    designs, candidates = extract_designs(text, sentences, sections, resource)
    records(doc, "evx_designs").extend(designs)
    best, reason = choose_main(candidates)
    needs_fallback = best is None or best.design.population is None
    fallback = fallback_population(text, sections, best.design if best else None, resource) if needs_fallback else None
    inferred = None
    if best is None:
        taken = [(d.start, d.end) for d in designs[:MAX_CONTEXT_MENTIONS]]
        choice = infer_design(text, sentences, section_bounds(sections, "body") or (0, len(text)), fallback,
                              resource, taken)
        if choice is not None:
            inferred, reason = choice.design, choice.reason
            if fallback is None and inferred in resource.human_designs:
                fallback = "human"
    summary(doc).update(summary_fields(best, reason, fallback, inferred))
    link_effects(text, records(doc, "evx_effects"), designs, sentences)
    return doc


@Language.factory("evx_designs", requires=["token.is_sent_start", "doc._.evx_sections", "doc._.evx_effects"],
                  assigns=["doc._.evx_designs", "doc._.evx_summary", "doc._.evx_effects"])
def make_designs(nlp: Language, name: str):
    return find_designs

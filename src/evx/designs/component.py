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
``evidence_level_name``, ``main_design_reason``, ``main_sample_size`` and
``main_sample_size_reason`` (:mod:`evx.designs.sample_size`) of ``doc._.evx_summary``
(:class:`evx.records.DocumentSummary`).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from evx.designs.context import MAX_CONTEXT_MENTIONS
from evx.designs.fallback import infer_design
from evx.designs.article_features import article_features, pattern_name
from evx.designs.main_design_model import load_model
from evx.designs.main_study import choose_main, design_withheld, link_effects, model_fields, summary_fields
from evx.designs.mentions import extract_designs
from evx.designs.population import fallback_population
from evx.designs.rules import load_resource
from evx.designs.sample_size import main_sample_size
from evx.nlp.extensions import doc_text, records, require, summary
from evx.nlp.sentences import sentence_table
from evx.text.sections import section_bounds


FEATURES_KEY = "evx_main_design_features"
# the main design: the classifier over the rules' output (accurate pipeline), the rules alone (fast
# pipeline), or the rules with the classifier's features recorded for training (scripts/train_main_design.py)
MAIN_MODELS = ("linear", "rules", "features")


def find_designs(doc: Doc, main_model: str = "linear") -> Doc:
    require(doc, "evx_designs", "sentences", "evx_sections", "evx_effects")
    resource = load_resource()
    text = doc_text(doc)
    sections = doc._.evx_sections
    sentences = sentence_table(doc)
    reading = extract_designs(text, sentences, sections, resource)
    designs, candidates, allocation = reading.mentions, reading.candidates, reading.allocation
    records(doc, "evx_designs").extend(reading.records)
    best, reason = choose_main(candidates)
    needs_fallback = best is None or best.design.population is None
    fallback = fallback_population(text, sections, best.design if best else None, resource) if needs_fallback else None
    inferred, rule_pattern = None, pattern_name(best.design.produced_by) if best else "none"
    anchor = best.design.start if best else None
    body = section_bounds(sections, "body") or (0, len(text))
    if best is None:
        taken = [(d.start, d.end) for d in designs[:MAX_CONTEXT_MENTIONS]]
        choice = infer_design(text, sentences, body, fallback, resource, taken)
        if choice is not None:
            inferred, reason, rule_pattern = choice.design, choice.reason, choice.produced_by
            anchor = choice.start
            if fallback is None and inferred in resource.human_designs:
                fallback = "human"
    fields = summary_fields(best, reason, fallback, inferred)
    withheld = design_withheld(text, body, best, candidates, allocation, resource) if best is not None else None
    if withheld:
        fields.update(main_design=None, evidence_level=None, evidence_level_name=None,
                      main_design_untold=fields["main_design"], main_design_reason=f"{reason}; but {withheld}")
    sizes = list(records(doc, "evx_sample_sizes"))
    n, n_reason = main_sample_size(text, sizes, best.design if best else None, sentences, body, designs)
    fields.update({"main_sample_size": n, "main_sample_size_reason": n_reason})
    model = load_model() if main_model == "linear" else None
    # the features are made only where the classifier may speak (texts as long as its training
    # texts), or for training (``features``: the rules decide, the features are kept)
    if main_model == "features" or (model is not None and model.reads(len(text))):
        in_body = [d for d in designs if d.section != "references"]
        feats = article_features(text, in_body, fields["main_design"], rule_pattern, fields["main_population"],
                                 sizes, n, None if anchor is None else sentences.around(anchor))
        doc.user_data[FEATURES_KEY] = feats
    if model is not None and FEATURES_KEY in doc.user_data:
        design, p = model.predict(feats)
        strength = best.strength if best else 0
        if design != fields["main_design"] and model.overrules(fields["main_design"], design, p, len(text), strength):
            fields.update(model_fields(design, fields["main_population"], fields["main_design_reason"],
                                       model.produced_by, p))
            if design is not None:
                fields["main_design_untold"] = None
    summary(doc).update(fields)
    link_effects(text, records(doc, "evx_effects"), designs, sentences)
    return doc


@Language.factory("evx_designs", default_config={"main_model": "linear"}, requires=["token.is_sent_start", "doc._.evx_sections", "doc._.evx_effects"],
                  assigns=["doc._.evx_designs", "doc._.evx_summary", "doc._.evx_effects"])
def make_designs(nlp: Language, name: str, main_model: str):
    """``main_model``: ``linear`` (default, the accurate pipeline: a classifier trained on
    hand-read releases reads the article with the rules' choice among its features), ``rules``
    (the fast pipeline: the rules alone) or ``features`` (the rules alone, with the classifier's
    features in ``doc.user_data`` for training)."""
    if main_model not in MAIN_MODELS:
        raise ValueError(f"evx_designs: main_model {main_model!r} is not one of {', '.join(MAIN_MODELS)}")
    return lambda doc: find_designs(doc, main_model)

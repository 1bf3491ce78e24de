"""``evx_claims``: claim sentences, their strength, and overclaim flags.

Runs last, after ``evx_effects``, ``evx_designs`` and ``evx_hedges``, and reads
only their records. For each sentence outside the references that holds
relation wording (one compiled scan of the text with the cue lexicon,
:mod:`evx.claim_cues`), the strength classifier (:mod:`evx.claim_model`,
trained on Yu et al. 2019/2020 data) gives the strength on the scale ``none`` <
``correlational`` < ``conditional_causal`` < ``direct_causal``; sentences it
reads as ``none`` are not claims. Each claim gets its evidence (the study named
in it, else the article's main design), whether it is framed as a hypothesis,
and the overclaim checks of :mod:`evx.claim_rules` (Sumner et al. 2014).
The per-article summary (:mod:`evx.claim_summary`) is written to
``doc._.evx_summary``.
"""
from __future__ import annotations

import bisect

import numpy as np
from spacy.attrs import IDX, SENT_START

from spacy.language import Language
from spacy.tokens import Doc

from evx import claim_cues, claim_rules
from evx.claim_hypotheses import hypothesis_ranges, in_ranges
from evx.claim_model import load_model
from evx.claim_summary import summarise
from evx.nlp.extensions import mapping, records
from evx.nlp.sections import section_at
from evx.records import Claim

MIN_CHARS, MAX_CHARS = 12, 600   # shorter: not a sentence; longer: not one sentence
HEADING_MAX_WORDS = 6            # a line this short without end punctuation is a heading


def is_claim_shaped(sentence: str) -> bool:
    """Questions and headings state no relation ("Can injuries trigger ALS?", "Temporal Relationship")."""
    if sentence.endswith("?"):
        return False
    if not sentence.endswith((".", "!", ":", ";", '"', "”", ")")) and len(sentence.split()) <= HEADING_MAX_WORDS:
        return False
    return True


def classify(model, sentence: str) -> tuple[str, str]:
    """Strength and what produced it: the classifier, corrected by the one rule that the
    classifier's training data (conclusion sentences) does not teach."""
    strength, _ = model.predict(sentence)
    if strength in ("none", "correlational") and claim_rules.risk_change_statement(sentence):
        return "direct_causal", model.produced_by + "+rule:risk_change_verb"
    return strength, model.produced_by


def _context(doc: Doc, text: str, summary: dict, bounds: tuple[np.ndarray, np.ndarray]) -> claim_rules.Context:
    designs = [d for d in records(doc, "evx_designs") if d.section != "references"]
    ctx = claim_rules.Context(text=text, main_design=summary.get("main_design"),
                              designs=designs, effects=list(records(doc, "evx_effects")))
    named = [d for d in designs if not d.generic]
    animal = [d for d in named if d.design in claim_rules.ANIMAL_DESIGNS or d.population in ("animal", "cells")]
    ctx.only_animal_evidence = bool(animal) and len(animal) == len(named)
    starts, ends = bounds
    for design in animal:
        k = int(np.searchsorted(starts, design.start, side="right")) - 1
        if k >= 0:
            ctx.animal_topics.append(claim_rules.content_words(text[starts[k]:ends[k]]))
    return ctx


def _check(claim: Claim, named, ctx: claim_rules.Context, effects: list) -> None:
    """Fill ``reasons`` / ``explanations`` / ``overclaim`` (nothing for a hypothesis)."""
    if claim.hypothesis:
        return
    checks = {
        "causal_from_observational": claim_rules.causal_from_observational(
            claim.strength, claim.text, claim.evidence, ctx),
        "animal_to_human": claim_rules.animal_to_human(claim.strength, claim.text, claim.start,
                                                       claim.evidence, named, ctx),
        "unhedged_certainty": claim_rules.unhedged_certainty(claim.text, claim.hedged),
        "numbers_inconsistent": claim_rules.numbers_inconsistent(effects),
        "relative_risk_only": claim_rules.relative_risk_only(
            claim.text, claim_rules.paragraph_around(ctx.text, claim.start, claim.end)),
    }
    for code, explanation in checks.items():
        if explanation:
            claim.reasons.append(code)
            claim.explanations[code] = explanation
    claim.overclaim = bool(claim.reasons)


def sentence_strength(sentence: str, model=None) -> tuple[str, str]:
    """The strength evx gives one sentence on its own, as the pipeline would (``none`` when the
    sentence holds no relation wording or is a question or heading), and what produced it."""
    model = model or load_model()
    sentence = sentence.strip()
    if not claim_cues.relation_pattern().search(sentence[:MAX_CHARS]) or not is_claim_shaped(sentence):
        return "none", "rule:no_relation_wording"
    return classify(model, sentence)


def sentence_bounds(doc: Doc, text: str) -> tuple[np.ndarray, np.ndarray]:
    """Start offsets of the sentences and the end of the text (vectorised; no loop over tokens)."""
    if len(doc) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    array = doc.to_array([SENT_START, IDX])
    starts = array[array[:, 0] == 1, 1].astype(np.int64)
    if len(starts) == 0 or starts[0] != 0:
        starts = np.concatenate([[0], starts])
    ends = np.concatenate([starts[1:], [len(text)]])
    return starts, ends


def candidate_sentences(text: str, bounds: tuple[np.ndarray, np.ndarray]) -> list[tuple[int, int]]:
    """(start, end) of sentences holding relation wording, stripped of surrounding whitespace."""
    hits = np.array([m.start() for m in claim_cues.relation_pattern().finditer(text)], dtype=np.int64)
    if len(hits) == 0:
        return []
    starts, ends = bounds
    which = np.unique(np.searchsorted(starts, hits, side="right") - 1)
    out = []
    for k in which.tolist():
        start, end = int(starts[k]), int(ends[k])
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if MIN_CHARS <= end - start <= MAX_CHARS:
            out.append((start, end))
    return out


def find_claims(doc: Doc) -> Doc:
    found = records(doc, "evx_claims")
    summary = mapping(doc, "evx_summary")
    text = doc.text   # built from the tokens on each access: read it once
    model = load_model()
    hedges = sorted((h for h in records(doc, "evx_hedges") if h.on_claim), key=lambda h: h.start)
    hedge_starts = [h.start for h in hedges]
    bounds = sentence_bounds(doc, text)
    candidates = candidate_sentences(text, bounds)
    ctx = _context(doc, text, summary, bounds) if candidates else None
    hypotheses = hypothesis_ranges(text) if candidates else []
    for start, end in candidates:
        section = section_at(doc, start)
        if section == "references":
            continue
        sentence = text[start:end]
        if not is_claim_shaped(sentence):
            continue
        strength, produced_by = classify(model, sentence)
        if strength == "none":
            continue
        j = bisect.bisect_left(hedge_starts, start)
        hedged = j < len(hedge_starts) and hedge_starts[j] < end
        evidence, named = claim_rules.evidence_for(start, end, ctx)
        claim = Claim(start=start, end=end, text=sentence, strength=strength, hedged=hedged,
                      overclaim=False, evidence=evidence,
                      hypothesis=in_ranges(start, hypotheses) or claim_rules.framed_as_hypothesis(sentence),
                      section=section, produced_by=produced_by)
        _check(claim, named, ctx, claim_rules.in_span(start, end, ctx.effects))
        found.append(claim)
    designs = records(doc, "evx_designs")
    summary.update(summarise(
        found, text, evidence_level=summary.get("evidence_level"),
        rct_named=any(d.design == "rct" and d.section != "references" for d in designs),
        sample_sizes=len(records(doc, "evx_sample_sizes"))))
    return doc


@Language.factory("evx_claims", assigns=["doc._.evx_claims", "doc._.evx_summary"])
def make_claims(nlp: Language, name: str):
    return find_claims

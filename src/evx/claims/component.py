"""``evx_claims``: claim sentences, their strength, and overclaim flags.

Runs last, after ``evx_effects``, ``evx_designs`` and ``evx_hedges``, and reads
only their records. For each sentence outside the references that holds
relation wording (one compiled scan of the text with the cue lexicon,
:mod:`evx.claims.cues`), the strength classifier (:mod:`evx.claims.model`,
trained on Yu et al. 2019/2020 data) gives the strength on the scale ``none`` <
``correlational`` < ``conditional_causal`` < ``direct_causal``; sentences it
reads as ``none`` are not claims. Each claim gets its evidence (the study named
in it, else the article's main design), whether it is framed as a hypothesis,
and the overclaim checks of :mod:`evx.claims.rules` (Sumner et al. 2014).
The per-article summary (:mod:`evx.claims.summary`) is written to
``doc._.evx_summary``.
"""
from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from evx.claims import rules as claim_rules
from evx.claims.hypotheses import under_hypothesis_heading
from evx.claims.model import load_model
from evx.claims.overclaims import article_context, judge
from evx.claims.sentences import (  # noqa: F401  (sentence_strength, is_claim_shaped: public here too)
    candidate_sentences, classify, is_claim_shaped, sentence_strength)
from evx.claims.summary import summarise
from evx.nlp.extensions import doc_text, records, require, summary
from evx.nlp.sections import section_at
from evx.nlp.sentences import sentence_table
from evx.records import Claim
from evx.text.lines import as_one_line


def find_claims(doc: Doc) -> Doc:
    require(doc, "evx_claims", "sentences", "evx_sections", "evx_effects", "evx_designs", "evx_hedges")
    found = records(doc, "evx_claims")
    article = summary(doc)
    text = doc_text(doc)   # spaCy rebuilds doc.text from the tokens on each access
    model = load_model()
    hedges = sorted((h for h in records(doc, "evx_hedges") if h.on_claim), key=lambda h: h.start)
    hedge_starts = [h.start for h in hedges]
    sentences = sentence_table(doc)
    candidates = candidate_sentences(text, sentences)
    ctx = None
    if candidates:
        body_designs = [d for d in records(doc, "evx_designs") if d.section != "references"]
        ctx = article_context(text, body_designs, list(records(doc, "evx_effects")), article.main_design, sentences)
    for start, end in candidates:
        section = section_at(doc, start)
        if section == "references":
            continue
        sentence = text[start:end]
        wording = as_one_line(sentence)
        if not is_claim_shaped(wording):
            continue
        strength, produced_by = classify(model, wording)
        if strength == "none":
            continue
        j = bisect.bisect_left(hedge_starts, start)
        hedged = j < len(hedge_starts) and hedge_starts[j] < end
        evidence, named = claim_rules.evidence_for(start, end, ctx)
        claim = Claim(start=start, end=end, text=sentence, strength=strength, hedged=hedged,
                      overclaim=False, evidence=evidence,
                      hypothesis=(claim_rules.framed_as_hypothesis(wording)
                                  or under_hypothesis_heading(text, start)),
                      section=section, produced_by=produced_by)
        judge(claim, named, ctx, claim_rules.in_span(start, end, ctx.effects))
        found.append(claim)
    designs = records(doc, "evx_designs")
    article.update(summarise(
        found, text, evidence_level=article.evidence_level,
        rct_named=any(d.design == "rct" and d.section != "references" for d in designs),
        sample_sizes=len(records(doc, "evx_sample_sizes"))))
    return doc


@Language.factory("evx_claims", requires=["token.is_sent_start", "doc._.evx_sections", "doc._.evx_effects",
                                          "doc._.evx_designs", "doc._.evx_hedges"],
                  assigns=["doc._.evx_claims", "doc._.evx_summary"])
def make_claims(nlp: Language, name: str):
    return find_claims

"""``evx_hedges``: cues of uncertainty, and whether each weakens a claim.

Speculation cues in the sense of the BioScope guidelines (Vincze et al. 2008):
the lexicon (:mod:`evx.hedges.lexicon`, data in ``resources/hedge_lexicon.json``)
proposes candidates with compiled regular expressions over the raw text; words
that are cues only in some uses ("or", "could", "indicated") are kept or
dropped by a logistic-regression disambiguator trained on BioScope dev
(:mod:`evx.hedges.model`); :mod:`evx.hedges.on_claim` decides ``on_claim``. Cues in
a references list are skipped. Sentences are those of ``doc.sents`` (set by
``evx_sentences``), read from the token arrays; without sentence boundaries the
whole text is one sentence. Only candidate sentences are looked at in Python, so
the component costs about a fifth of bare tokenisation (``benchmarks/bench_hedges.py``).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from evx.hedges.candidates import candidates_in_sentences
from evx.hedges.model import load_classifier
from evx.hedges.on_claim import claim_context, weakens_claim
from evx.nlp.extensions import doc_text, records, require
from evx.nlp.sentences import sentence_bounds
from evx.records import Hedge


def find_hedges(doc: Doc) -> Doc:
    require(doc, "evx_hedges", "sentences", "evx_sections")
    found = records(doc, "evx_hedges")
    text = doc_text(doc)
    classifier = load_classifier()
    context = claim_context()
    references = [(s.start, s.end) for s in doc._.evx_sections if s.kind == "references"]
    starts, ends = sentence_bounds(doc)
    for cand, i, feats in candidates_in_sentences(text, starts, ends):
        if any(s <= cand.start < e for s, e in references):
            continue
        produced_by = cand.entry.name
        if feats is not None:
            if classifier is None or not classifier.is_cue(feats):
                continue
            produced_by = f"{produced_by}+{classifier.name}"
        found.append(Hedge(
            start=cand.start, end=cand.end, text=text[cand.start:cand.end], cue=cand.entry.cue,
            category=cand.entry.category,
            on_claim=weakens_claim(text, cand.start, cand.end, cand.entry, starts[i], ends[i], context),
            sentence_start=starts[i], sentence_end=ends[i], produced_by=produced_by,
        ))
    return doc


@Language.factory("evx_hedges", requires=["token.is_sent_start", "doc._.evx_sections"], assigns=["doc._.evx_hedges"])
def make_hedges(nlp: Language, name: str):
    return find_hedges

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

from functools import lru_cache

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from evx.hedges.on_claim import ClaimContext, weakens_claim
from evx.hedges.lexicon import Candidate, load_lexicon
from evx.hedges.model import features, load_classifier
from evx.nlp.extensions import doc_text, records
from evx.nlp.sentences import sentence_bounds
from evx.records import Hedge

# a "sentence" with more than DENSE_MIN_CUES candidates, one every DENSE_CHARS_PER_CUE characters
# or closer, is not prose ("or or or ...", word lists): it is skipped, which also bounds the
# per-candidate Python work on adversarial input
DENSE_MIN_CUES = 30
DENSE_CHARS_PER_CUE = 25


def candidates_in_sentences(text: str, starts: list[int], ends: list[int]
                            ) -> list[tuple[Candidate, int, list[str] | None]]:
    """(candidate, sentence index, features or None) for every cue candidate in ``text``.

    Features are computed only for ambiguous entries (the ones the classifier decides).
    Sentences dense with candidates are not prose and yield none (see ``DENSE_MIN_CUES``).
    """
    candidates = load_lexicon().candidates(text)
    if not candidates:
        return []
    # the sentence of each candidate, and the candidates per sentence, in numpy
    positions = np.fromiter((c.start for c in candidates), dtype=np.int64, count=len(candidates))
    sentence_of = np.searchsorted(np.asarray(starts, dtype=np.int64), positions, side="right") - 1
    per_sentence = np.bincount(sentence_of[sentence_of >= 0], minlength=len(starts))
    lengths = np.asarray(ends, dtype=np.int64) - np.asarray(starts, dtype=np.int64)
    dense = (per_sentence > DENSE_MIN_CUES) & (lengths < per_sentence * DENSE_CHARS_PER_CUE)
    keep = (sentence_of >= 0) & ~dense[np.maximum(sentence_of, 0)]
    found = [(candidates[k], i) for k, i in zip(np.flatnonzero(keep).tolist(), sentence_of[keep].tolist())
             if candidates[k].start < ends[i]]  # not whitespace between sentences
    sure = {i for cand, i in found if not cand.entry.ambiguous}
    out = []
    for cand, i in found:
        feats = None
        if cand.entry.ambiguous:
            feats = features(text, cand.start, cand.end, cand.entry.cue, starts[i], ends[i], i in sure)
        out.append((cand, i, feats))
    return out


@lru_cache(maxsize=1)
def _claim_context() -> ClaimContext:
    return ClaimContext.from_dict(load_lexicon().claim_context)


def _references(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in (doc._.evx_sections or ()) if s.kind == "references"]


def find_hedges(doc: Doc) -> Doc:
    found = records(doc, "evx_hedges")
    text = doc_text(doc)
    lexicon = load_lexicon()
    classifier = load_classifier()
    context = _claim_context()
    references = _references(doc)
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


def hedge_pipeline(components: tuple[str, ...] = ("evx_sentences", "evx_sections", "evx_hedges")) -> Language:
    """A blank-English pipeline with only what hedging needs (for the trainer, benchmark and tests)."""
    import spacy

    import evx.nlp.sections  # noqa: F401  (registers the factories)
    import evx.nlp.sentences  # noqa: F401
    from evx.nlp.extensions import register_extensions
    register_extensions()
    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000
    for name in components:
        nlp.add_pipe(name)
    return nlp


@Language.factory("evx_hedges", assigns=["doc._.evx_hedges"])
def make_hedges(nlp: Language, name: str):
    return find_hedges

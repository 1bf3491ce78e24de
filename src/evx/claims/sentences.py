"""Which sentences are claim candidates, and the strength evx gives a sentence.

Pure functions used by the ``evx_claims`` component (:mod:`evx.claims.component`) and
by ``benchmarks/bench_claims.py``, so that the benchmark measures exactly what
the pipeline does. Candidates are the sentences that hold relation wording
(one compiled scan of the text with :func:`evx.claims.cues.relation_pattern`) in the
document's :class:`~evx.text.sentences.Sentences`.
"""
from __future__ import annotations

import numpy as np

from evx.claims import cues as claim_cues
from evx.claims import rules as claim_rules
from evx.claims.features import MAX_CHARS
from evx.claims.model import load_model
from evx.text.casefold import finditer_fast
from evx.text.sentences import Sentences

MIN_CHARS = 12                   # shorter: not a sentence (longer than MAX_CHARS: not one sentence)
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


def sentence_strength(sentence: str, model=None) -> tuple[str, str]:
    """The strength evx gives one sentence on its own, as the pipeline would (``none`` when the
    sentence holds no relation wording or is a question or heading), and what produced it."""
    model = model or load_model()
    sentence = sentence.strip()
    if not claim_cues.relation_pattern().search(sentence[:MAX_CHARS]) or not is_claim_shaped(sentence):
        return "none", "rule:no_relation_wording"
    return classify(model, sentence)


def candidate_sentences(text: str, sentences: Sentences) -> list[tuple[int, int]]:
    """(start, end) of sentences holding relation wording, stripped of surrounding whitespace."""
    hits = np.array([m.start() for m in finditer_fast(claim_cues.relation_pattern(), text)],
                    dtype=np.int64)
    if len(hits) == 0:
        return []
    starts, ends = np.asarray(sentences.starts, dtype=np.int64), sentences.ends
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

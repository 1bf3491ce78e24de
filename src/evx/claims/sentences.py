"""Which sentences are claim candidates, and the strength evx gives a sentence.

Pure functions used by the ``evx_claims`` component (:mod:`evx.claims.component`) and
by ``benchmarks/bench_claims.py``, so that the benchmark measures exactly what
the pipeline does. Candidates are the sentences that hold relation wording
(one compiled scan of the text) in the document's :class:`~evx.text.sentences.Sentences`:
:func:`evx.claims.cues.relation_pattern` for the fast pipeline, the wider
:func:`evx.claims.cues.detection_pattern` for the accurate one, whose encoder
decides which candidates are claims.
"""
from __future__ import annotations

import re

import numpy as np

from evx.claims import cues as claim_cues
from evx.claims.features import MAX_CHARS
from evx.text.casefold import finditer_fast
from evx.text.sentences import Sentences

MIN_CHARS = 12                   # shorter: not a sentence (longer than MAX_CHARS: not one sentence)
HEADING_MAX_WORDS = 6            # a line this short without end punctuation is a heading


def candidate_pattern(model: str) -> re.Pattern:
    """The candidate filter of the pipeline whose strength model is ``model``."""
    return claim_cues.detection_pattern() if model == "encoder" else claim_cues.relation_pattern()


def is_claim_shaped(sentence: str, headlines: bool = False) -> bool:
    """Questions and headings state no relation ("Can injuries trigger ALS?", "Temporal Relationship").

    With ``headlines`` (the accurate pipeline), a short line without end punctuation that states
    a relation with a verb is kept: a headline such as "Vitamin D Cuts Fracture Risk" is a claim,
    "Temporal Relationship" a section heading (:func:`evx.claims.cues.headline_pattern`)."""
    if sentence.endswith("?"):
        return False
    if (not sentence.endswith((".", "!", ":", ";", '"', "”", ")"))
            and len(sentence.split()) <= HEADING_MAX_WORDS):
        return headlines and bool(claim_cues.headline_pattern().search(sentence))
    return True


def sentence_strength(sentence: str, reader=None, marker: str | None = None) -> tuple[str, str]:
    """The strength evx gives one sentence on its own, as the pipeline would (``none`` when the
    sentence holds no relation wording or is a question or heading), and what produced it.
    ``reader``: a reader of :mod:`evx.claims.strength` (default: the fast pipeline's)."""
    from evx.claims.strength import LinearStrength
    reader = reader or LinearStrength()
    sentence = sentence.strip()
    accurate = reader.name == "encoder"
    estimate = accurate and len(sentence) <= MAX_CHARS and reports_estimate(sentence)
    if (not (candidate_pattern(reader.name).search(sentence[:MAX_CHARS]) or estimate)
            or not is_claim_shaped(sentence, headlines=accurate)):
        return "none", "rule:no_relation_wording"
    strength = reader.read([sentence], marker)[0]
    if estimate:
        from evx.claims.strength import at_least_a_finding
        return at_least_a_finding(*strength)
    return strength


def candidate_sentences(text: str, sentences: Sentences, pattern: re.Pattern | None = None) -> list[tuple[int, int]]:
    """(start, end) of sentences holding relation wording, stripped of surrounding whitespace."""
    pattern = pattern or claim_cues.relation_pattern()
    return sentences_holding(text, sentences, [m.start() for m in finditer_fast(pattern, text)])


def sentences_holding(text: str, sentences: Sentences, offsets: list[int]) -> list[tuple[int, int]]:
    """(start, end) of the sentences that hold any of ``offsets``, in order, stripped of surrounding
    whitespace; sentences shorter than MIN_CHARS or longer than MAX_CHARS are left out."""
    hits = np.asarray(offsets, dtype=np.int64)
    if len(hits) == 0:
        return []
    starts, ends = np.asarray(sentences.starts, dtype=np.int64), sentences.ends
    which = np.unique(np.searchsorted(starts, hits, side="right") - 1)
    out = []
    for k in which.tolist():
        if k < 0:
            continue
        start, end = int(starts[k]), int(ends[k])
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if MIN_CHARS <= end - start <= MAX_CHARS:
            out.append((start, end))
    return out


def reports_estimate(sentence: str) -> bool:
    """Whether a sentence on its own reports a ratio estimate (:mod:`evx.effects.estimates`): a
    finding even without relation wording ("The estimate in women was HR 0.85 (95% CI 0.79-0.92)")."""
    from evx.effects.estimates import EstimateReader
    return bool(EstimateReader(sentence, Sentences.of(sentence)).read())

"""Cue candidates sentence by sentence: the lexicon's matches, with the classifier's features
for the ambiguous ones, skipping sentences too dense with candidates to be prose."""
from __future__ import annotations

import numpy as np

from evx.hedges.lexicon import Candidate, load_lexicon
from evx.hedges.model import features


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

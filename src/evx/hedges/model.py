"""The cue disambiguator: is this ambiguous cue word ("or", "could", "indicated") a hedge here?

A logistic-regression classifier over sparse context features of one cue
candidate, in the manner of the CoNLL-2010 Task 1 cue classifiers (Tang et al.
2010; Velldal, Øvrelid & Oepen 2010, "Resolving speculation: MaxEnt cue
classification and dependency-based scope rules"): the cue itself, the words
around it, and whether the sentence holds another, unambiguous cue.

``scripts/train_hedges.py`` fits it on BioScope ``dev`` with scikit-learn and
exports the weights as JSON (``models/hedges/cue_classifier.json``, the format of
:mod:`evx.models.linear`); at run time
scoring is a sum of dictionary look-ups, pure Python, done only for candidates.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from evx import resource
from evx.errors import ResourceError
from evx.models import linear

MODEL_PATH = ("models", "hedges", "cue_classifier.json")
CONTEXT_CHARS = 60
WINDOW_CHARS = 300
_WE = re.compile(r"\bwe\b")
_ALTERNATIVE = re.compile(r"\b(?:whether|either|if)\b")
_WORD = re.compile(r"[a-z0-9]+(?:['/-][a-z0-9]+)*|[^\sa-z0-9]")


def context_words(text: str, start: int, end: int, lo: int, hi: int) -> tuple[list[str], list[str]]:
    """Up to three lower-cased words before and after ``text[start:end]``, within [lo, hi)."""
    left = _WORD.findall(text[max(lo, start - CONTEXT_CHARS):start].lower())[-3:]
    right = _WORD.findall(text[end:min(hi, end + CONTEXT_CHARS)].lower())[:3]
    left = ["<s>"] * (3 - len(left)) + left
    right = right + ["</s>"] * (3 - len(right))
    return left, right


def features(text: str, start: int, end: int, cue: str, sent_start: int, sent_end: int,
             sentence_has_cue: bool) -> list[str]:
    """Sparse binary features of the candidate ``text[start:end]`` (normalised ``cue``)."""
    form = text[start:end].lower()
    (p3, p2, p1), (n1, n2, n3) = context_words(text, start, end, sent_start, sent_end)
    feats = [
        f"c={cue}", f"f={form}",
        f"c={cue}|p1={p1}", f"c={cue}|p2={p2}", f"c={cue}|n1={n1}", f"c={cue}|n2={n2}",
        f"c={cue}|p1n1={p1}_{n1}", f"c={cue}|n12={n1}_{n2}", f"c={cue}|p21={p2}_{p1}",
        f"p1={p1}", f"n1={n1}", f"n12={n1}_{n2}", f"p21={p2}_{p1}", f"n3={n3}", f"p3={p3}",
        f"c={cue}|n1suf={n1[-2:]}", f"c={cue}|p1suf={p1[-2:]}",
    ]
    if sentence_has_cue:
        feats.append(f"c={cue}|s_cue")
    # the sentence around the cue, bounded so that a huge "sentence" costs no more than a short one
    before = text[max(sent_start, start - WINDOW_CHARS):start].lower()
    after = text[end:min(sent_end, end + WINDOW_CHARS)].lower()
    if _WE.search(before) or _WE.search(after):
        feats.append(f"c={cue}|s_we")
    if cue in ("or", "either", "and/or") and _ALTERNATIVE.search(before):
        feats.append(f"c={cue}|whether_before")
    if text[start:start + 1].isupper():
        feats.append(f"c={cue}|cap")
    return feats


@dataclass
class CueClassifier:
    bias: float
    weights: dict[str, float]
    threshold: float
    name: str

    def probability(self, feats: list[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def is_cue(self, feats: list[str]) -> bool:
        return self.probability(feats) >= self.threshold


@lru_cache(maxsize=1)
def load_classifier() -> CueClassifier | None:
    """The packaged classifier, or None when no weights are shipped (every candidate then counts)."""
    if not resource.exists(*MODEL_PATH):
        return None
    model = linear.load(*MODEL_PATH)
    if len(model.classes) != 1:
        raise ResourceError(f"{'/'.join(MODEL_PATH)}: the cue classifier is a binary model (one class)")
    return CueClassifier(model.intercept[0], {k: float(v[0]) for k, v in model.weights.items()},
                         model.threshold if model.threshold is not None else 0.5, model.tag)

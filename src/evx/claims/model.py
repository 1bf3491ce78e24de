"""The claim-strength classifier at run time: JSON weights scored in pure Python.

A multinomial logistic regression over the features of
:mod:`evx.claims.features`, trained on the ``dev`` split of the claim-strength
data of Yu et al. (2019, EMNLP; 2020, COLING) by ``scripts/train_claims.py``
and shipped as ``models/claims/strength.json``. Scoring a sentence is a sparse
dot product per class and a softmax; scikit-learn is not needed.
"""
from __future__ import annotations

import json

import numpy as np
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from evx.claims import features as claim_features
from evx.records import STRENGTHS

MODEL_FILE = "strength.json"


@dataclass(frozen=True)
class StrengthModel:
    name: str
    version: str
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    index: dict[str, int]            # feature -> row of ``matrix``
    matrix: np.ndarray               # (features, classes) weights
    block_scale: dict[str, float]

    def __post_init__(self):
        object.__setattr__(self, "_intercept", np.asarray(self.intercept))

    @property
    def produced_by(self) -> str:
        return f"model:{self.name}@{self.version}"

    def probabilities(self, text: str) -> dict[str, float]:
        get = self.index.get
        pairs = [(row, value) for key, value in claim_features.features(text, self.block_scale).items()
                 if (row := get(key)) is not None]
        if pairs:
            rows, values = zip(*pairs)
            scores = self._intercept + np.asarray(values) @ self.matrix.take(rows, axis=0)
        else:
            scores = self._intercept + 0.0
        exp = np.exp(scores - scores.max())
        exp /= exp.sum()
        return {label: float(e) for label, e in zip(self.classes, exp)}

    def predict(self, text: str) -> tuple[str, float]:
        """The most probable strength and its probability (ties: the weaker strength)."""
        probs = self.probabilities(text)
        label = max(self.classes, key=lambda c: (probs[c], -STRENGTHS.index(c)))
        return label, probs[label]


def from_dict(raw: dict) -> StrengthModel:
    classes = tuple(raw["classes"])
    if set(classes) - set(STRENGTHS):
        raise ValueError(f"{MODEL_FILE}: unknown classes {sorted(set(classes) - set(STRENGTHS))}")
    if len(raw["intercept"]) != len(classes):
        raise ValueError(f"{MODEL_FILE}: intercept length differs from the number of classes")
    if raw.get("word_ngrams", claim_features.WORD_NGRAMS) != claim_features.WORD_NGRAMS:
        raise ValueError(f"{MODEL_FILE}: trained on word {raw['word_ngrams']}-grams, evx.claims.features "
                         f"makes {claim_features.WORD_NGRAMS}-grams; retrain with scripts/train_claims.py")
    names = sorted(raw["weights"])
    matrix = np.array([raw["weights"][n] for n in names], dtype=np.float64).reshape(len(names), len(classes))
    return StrengthModel(
        name=raw["name"], version=str(raw["version"]), classes=classes,
        intercept=tuple(raw["intercept"]), index={n: i for i, n in enumerate(names)}, matrix=matrix,
        block_scale=dict(raw.get("block_scale") or claim_features.BLOCK_SCALE),
    )


@lru_cache(maxsize=1)
def load_model() -> StrengthModel:
    path = resources.files("evx").joinpath("models", "claims", MODEL_FILE)
    return from_dict(json.loads(path.read_text("utf-8")))

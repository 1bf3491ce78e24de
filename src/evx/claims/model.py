"""The claim-strength classifier at run time: JSON weights scored in pure Python.

A multinomial logistic regression over the features of
:mod:`evx.claims.features`, trained on the ``dev`` split of the claim-strength
data of Yu et al. (2019, EMNLP; 2020, COLING) by ``scripts/train_claims.py``
and shipped as ``models/claims/strength.json`` (the format of :mod:`evx.models.linear`). Scoring a sentence is a sparse
dot product per class and a softmax; scikit-learn is not needed.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from evx.claims import features as claim_features
from evx.errors import ResourceError
from evx.models import linear
from evx.records import STRENGTHS

MODEL_PATH = ("models", "claims", "strength.json")


@dataclass(frozen=True)
class StrengthModel:
    """A :class:`~evx.models.linear.LinearModel` over claim features, its weights as a matrix."""

    model: linear.LinearModel
    index: dict[str, int]            # feature -> row of ``matrix``
    matrix: np.ndarray               # (features, classes) weights
    block_scale: dict[str, float]

    def __post_init__(self):
        object.__setattr__(self, "_intercept", np.asarray(self.model.intercept))

    @property
    def classes(self) -> tuple[str, ...]:
        return self.model.classes

    @property
    def produced_by(self) -> str:
        return f"model:{self.model.tag}"

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


def from_linear(model: linear.LinearModel, where: str = "/".join(MODEL_PATH)) -> StrengthModel:
    classes = model.classes
    if set(classes) - set(STRENGTHS):
        raise ResourceError(f"{where}: unknown classes {sorted(set(classes) - set(STRENGTHS))}")
    word_ngrams = model.features.get("word_ngrams", claim_features.WORD_NGRAMS)
    if word_ngrams != claim_features.WORD_NGRAMS:
        raise ResourceError(f"{where}: trained on word {word_ngrams}-grams, evx.claims.features "
                            f"makes {claim_features.WORD_NGRAMS}-grams; retrain with scripts/train_claims.py")
    names = sorted(model.weights)
    matrix = np.array([model.weights[n] for n in names], dtype=np.float64).reshape(len(names), len(classes))
    return StrengthModel(
        model=model, index={n: i for i, n in enumerate(names)}, matrix=matrix,
        block_scale=dict(model.features.get("block_scale") or claim_features.BLOCK_SCALE),
    )


@lru_cache(maxsize=1)
def load_model() -> StrengthModel:
    return from_linear(linear.load(*MODEL_PATH))

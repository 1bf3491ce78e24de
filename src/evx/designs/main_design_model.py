"""The main-design classifier at run time: a multinomial logistic regression over the article
features of :mod:`evx.designs.article_features`, trained on the 299 hand-read dev releases
(``benchmarks/annotations/main_study``, docs/annotation/main-study.md) by
``scripts/train_main_design.py`` and shipped as ``models/designs/main_design.json`` (the format
of :mod:`evx.models.linear`). Class ``none`` is the null main design: no study reported, or not
enough said to tell.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from evx.errors import ResourceError
from evx.models import linear
from evx.records import DESIGNS

MODEL_PATH = ("models", "designs", "main_design.json")
NULL = "none"


@dataclass(frozen=True)
class MainDesignModel:
    model: linear.LinearModel
    index: dict[str, int]
    matrix: np.ndarray

    @property
    def produced_by(self) -> str:
        return f"model:{self.model.tag}"

    def reads(self, chars: int) -> bool:
        """Whether a text of ``chars`` characters is long enough for the classifier (``min_chars``)."""
        return chars >= int(self.model.training.get("min_chars", 0))

    def overrules(self, rule_design: str | None, design: str | None, p: float, chars: int,
                  rule_strength: int = 0) -> bool:
        """Whether the classifier's answer, of probability ``p``, replaces the rules' design on a
        text of ``chars`` characters: only at the training's ``overrule_at`` or above, only where
        the rules' design is one the classifier saw at least ``min_examples`` times (into null, at
        ``overrule_into_null_at``: a design the rules found is not given up lightly), and only on
        texts at least as long as the shortest it was trained on (``min_chars``: a sentence or
        two is read by the rules alone); and never into null when the rules' mention names the
        design explicitly (strength ``keep_explicit``). All are in ``training`` of the model file."""
        training = self.model.training
        seen = training.get("classes", {}).get(rule_design or NULL, 0)
        if design is None and rule_strength >= int(training.get("keep_explicit", 99)):
            return False
        bar = training.get("overrule_into_null_at", 0.0) if design is None else training.get("overrule_at", 0.0)
        return (p >= float(bar) and seen >= int(training.get("min_examples", 0))
                and chars >= int(training.get("min_chars", 0)))

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        pairs = [(row, value) for key, value in feats.items() if (row := self.index.get(key)) is not None]
        scores = np.asarray(self.model.intercept, dtype=np.float64)
        if pairs:
            rows, values = zip(*pairs)
            scores = scores + np.asarray(values) @ self.matrix.take(rows, axis=0)
        exp = np.exp(scores - scores.max())
        exp /= exp.sum()
        return dict(zip(self.model.classes, exp.tolist()))

    def predict(self, feats: dict[str, float]) -> tuple[str | None, float]:
        """The most probable main design (None for ``none``) and its probability; ties go to the
        class listed first (sorted names)."""
        probs = self.probabilities(feats)
        label = max(self.model.classes, key=lambda c: (probs[c], -self.model.classes.index(c)))
        return (None if label == NULL else label), probs[label]


def from_linear(model: linear.LinearModel, where: str = "/".join(MODEL_PATH)) -> MainDesignModel:
    unknown = set(model.classes) - set(DESIGNS) - {NULL}
    if unknown:
        raise ResourceError(f"{where}: unknown classes {sorted(unknown)}; retrain with scripts/train_main_design.py")
    names = sorted(model.weights)
    matrix = np.array([model.weights[n] for n in names], dtype=np.float64).reshape(len(names), len(model.classes))
    return MainDesignModel(model=model, index={n: i for i, n in enumerate(names)}, matrix=matrix)


@lru_cache(maxsize=1)
def load_model() -> MainDesignModel | None:
    """The shipped model, or None when evx is built without one (the rules decide alone)."""
    from importlib import resources
    if not resources.files("evx").joinpath(*MODEL_PATH).is_file():
        return None
    return from_linear(linear.load(*MODEL_PATH))

"""The one file format of evx's linear models: sparse named features, JSON weights.

Both shipped linear models (the hedge-cue disambiguator, ``models/hedges/cue_classifier.json``,
and the claim-strength classifier of the fast pipeline, ``models/claims/strength.json``) are
logistic regressions trained with scikit-learn by a script in ``scripts/`` and stored as::

    {"format": "evx-linear", "name": "...", "version": "1", "about": "...", "training": {...},
     "classes": ["cue"], "intercept": [-1.1], "weights": {"feature": [0.4], ...},
     "threshold": 0.3, "features": {...}}

``classes`` names the outputs: one class is a binary model (the probability of that class is
the logistic function of its score), several a multinomial one (softmax). ``weights`` maps a
feature name to one weight per class; absent features weigh nothing. ``features`` holds the
settings of the feature maker the model was trained with, which the run-time code checks.
Scoring needs neither scikit-learn nor anything beyond numpy.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from evx.errors import ResourceError
from evx.resource import check_keys, read_json

FORMAT = "evx-linear"
REQUIRED = {"format", "name", "version", "classes", "intercept", "weights"}
OPTIONAL = {"about", "training", "threshold", "features"}


@dataclass(frozen=True)
class LinearModel:
    name: str
    version: str
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, list[float]]
    threshold: float | None = None
    features: dict = field(default_factory=dict)
    about: str = ""
    training: dict = field(default_factory=dict)

    @property
    def tag(self) -> str:
        """``name@version``, as records name the model in ``produced_by``."""
        return f"{self.name}@{self.version}"

    def to_dict(self) -> dict:
        """The JSON object of the file (what the training scripts write)."""
        out = {"format": FORMAT, "name": self.name, "version": self.version, "about": self.about,
               "training": self.training, "classes": list(self.classes), "intercept": list(self.intercept),
               "threshold": self.threshold, "features": self.features, "weights": self.weights}
        return {k: v for k, v in out.items() if v is not None}


def from_dict(raw: dict, where: str) -> LinearModel:
    """A validated :class:`LinearModel`; ``where`` names the file in errors."""
    check_keys(where, raw, REQUIRED, OPTIONAL)
    if raw["format"] != FORMAT:
        raise ResourceError(f"{where}: format {raw['format']!r}, expected {FORMAT!r}")
    classes, intercept = tuple(raw["classes"]), tuple(float(b) for b in raw["intercept"])
    if not classes or len(intercept) != len(classes):
        raise ResourceError(f"{where}: {len(intercept)} intercepts for {len(classes)} classes")
    bad = next((name for name, row in raw["weights"].items() if len(row) != len(classes)), None)
    if bad is not None:
        raise ResourceError(f"{where}: feature {bad!r} has {len(raw['weights'][bad])} weights for {len(classes)} classes")
    threshold = raw.get("threshold")
    if threshold is not None and (len(classes) != 1 or not 0.0 < float(threshold) < 1.0):
        raise ResourceError(f"{where}: a threshold belongs to a binary model (one class) and lies in (0, 1)")
    return LinearModel(name=str(raw["name"]), version=str(raw["version"]), classes=classes, intercept=intercept,
                       weights=raw["weights"], threshold=None if threshold is None else float(threshold),
                       features=dict(raw.get("features") or {}), about=raw.get("about", ""),
                       training=dict(raw.get("training") or {}))


def load(*parts: str) -> LinearModel:
    """The model file ``src/evx/<parts>``, e.g. ``load("models", "claims", "strength.json")``."""
    return from_dict(read_json(*parts), "/".join(parts))


def dumps(model: LinearModel) -> str:
    """The file's text: compact JSON, keys sorted (the training scripts write models with this)."""
    import json
    return json.dumps(model.to_dict(), separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n"

"""Train the claim-strength classifier on the claims ``dev`` split and export it as JSON.

    python scripts/train_claims.py [--data ../shared/external/claims/dev.jsonl] [--cv 5]

Data: conclusion sentences of PubMed abstracts (Yu, Li & Wang 2019, EMNLP) and
press-release openings (Yu et al. 2020, COLING), labelled ``none``,
``correlational``, ``conditional_causal``, ``direct_causal``. Only ``dev`` is
read; ``test`` is for ``benchmarks/bench_claims.py``.

Model: multinomial logistic regression (scikit-learn, training only) over the
features of :mod:`evx.claims.features` (word 1-2-grams, cue
features from ``resources/claim_cues.json``; char n-grams off for speed). The exported JSON holds the
classes, intercepts and one weight row per feature; features seen in fewer than
``--min-df`` dev sentences are left out, and weights are rounded, which keeps the
file small. :mod:`evx.claims.model` scores it with pure Python at run time.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evx.claims import features as claim_features  # noqa: E402
from evx.models import linear  # noqa: E402
from evx.records import STRENGTHS  # noqa: E402

NAME = "evx-claim-strength-lr"
VERSION = "1"
C = 100.0
OUT = ROOT / "src" / "evx" / "models" / "claims" / "strength.json"
DEFAULT_DATA = ROOT.parent / "shared" / "external" / "claims" / "dev.jsonl"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def make_classifier():
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=C, max_iter=5000, class_weight="balanced")


def cross_validate(feats: list[dict], labels: np.ndarray, sources: np.ndarray, folds: int) -> dict:
    """Macro-F1 per source from ``folds``-fold cross-validation (stratified by source and label)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold
    pred = np.empty(len(labels), dtype=object)
    strata = np.array([f"{s}|{y}" for s, y in zip(sources, labels)])
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(strata, strata):
        vec = DictVectorizer()
        model = make_classifier().fit(vec.fit_transform([feats[i] for i in train]), labels[train])
        pred[test] = model.predict(vec.transform([feats[i] for i in test]))
    return {source: round(float(f1_score(labels[sources == source], pred[sources == source],
                                         average="macro")), 4)
            for source in sorted(set(sources))}, pred


def export(feats: list[dict], labels: np.ndarray, min_df: int, cv: dict) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    df = Counter(key for f in feats for key in f)
    kept = [{k: v for k, v in f.items() if df[k] >= min_df} for f in feats]
    vec = DictVectorizer()
    model = make_classifier().fit(vec.fit_transform(kept), labels)
    classes = [str(c) for c in model.classes_]
    coef = model.coef_
    weights = {}
    for j, name in enumerate(vec.feature_names_):
        row = [round(float(w), 4) for w in coef[:, j]]
        if any(abs(w) >= 1e-3 for w in row):
            weights[name] = row
    return linear.LinearModel(
        name=NAME, version=VERSION,
        about="Claim strength (Yu et al. 2019/2020 scale); multinomial logistic regression "
              "trained by scripts/train_claims.py on claims/dev.jsonl only.",
        classes=tuple(classes),
        intercept=tuple(round(float(b), 6) for b in model.intercept_),
        features={"block_scale": dict(claim_features.BLOCK_SCALE), "word_ngrams": claim_features.WORD_NGRAMS},
        training={"sentences": int(len(labels)), "C": C, "min_df": min_df,
                  "cv_macro_f1": cv, "label_counts": dict(Counter(labels.tolist()))},
        weights=weights,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="claims dev.jsonl")
    parser.add_argument("--cv", type=int, default=5, help="folds for the cross-validated report (0: skip)")
    parser.add_argument("--min-df", type=int, default=2, help="drop features seen in fewer sentences")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if "test" in args.data.name:
        parser.error("train on dev only; test is for the benchmark")
    if not args.data.exists():
        print(f"{args.data}: not found (the external data lives in ../shared beside the repo)")
        return 1
    rows = load(args.data)
    rows = [r for r in rows if r["strength"] in STRENGTHS]
    labels = np.array([r["strength"] for r in rows])
    sources = np.array([r["source"] for r in rows])
    feats = [claim_features.features(r["text"]) for r in rows]
    cv = {}
    if args.cv > 1:
        cv, _ = cross_validate(feats, labels, sources, args.cv)
        print(f"{args.cv}-fold cross-validated macro-F1 on dev: {cv}")
    model = export(feats, labels, args.min_df, cv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(linear.dumps(model), encoding="utf-8")
    print(f"wrote {args.out} ({len(model.weights)} features, "
          f"{args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

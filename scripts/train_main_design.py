"""Train the main-design classifier on the hand-read dev releases; report 5-fold cross-validation.

    python scripts/train_main_design.py            # CV figures, then fit on all and write the model
    python scripts/train_main_design.py --cv-only

Reads ``press_releases/dev.jsonl`` and the first reading of each release in
``benchmarks/annotations/main_study`` (docs/annotation/main-study.md). Each release goes through
evx's pipeline up to ``evx_designs`` with the rules alone (``main_model: rules``); the features
the component computed (:mod:`evx.designs.article_features`, which include the rules' choice)
and the reader's main design (``none`` for null) train a multinomial logistic regression
(scikit-learn, ``pip install ".[train]"``). Cross-validation: 5 folds stratified by design
(seed 0); the regularisation C is chosen inside each training fold by 3-fold CV, so the outer
figure is held out. Writes ``src/evx/models/designs/main_design.json`` (evx-linear).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evx.models import linear  # noqa: E402

DEV = ROOT.parent / "shared" / "external" / "press_releases" / "dev.jsonl"
ANNOTATIONS = ROOT / "benchmarks" / "annotations" / "main_study"
OUT = ROOT / "src" / "evx" / "models" / "designs" / "main_design.json"
NAME, VERSION = "evx-main-design-lr", "1"
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
NULL_THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)   # a separate bar for overruling a design into null
# the classifier overrules the rules only where it has seen the rules' label this often in training:
# of a design it hardly saw (case-control, systematic review: one release each) it cannot judge a mention
MIN_EXAMPLES = 10
# a design the text names explicitly (rule strength 3: "an animal study", "a meta-analysis") is never
# given up for null; measured in CV on dev: 0.682 with and without this bar (2 would cost 0.02)
EXPLICIT = 3


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def examples() -> tuple[list[dict], list[str], list[str], int]:
    """(features, gold labels, the rules' labels, the length of the shortest text) of every
    annotated dev release."""
    from evx.designs.component import FEATURES_KEY
    from evx.extract import annotate
    from evx.nlp.extensions import summary
    from evx.nlp.pipeline import build_pipeline
    from evx.readers import Document
    nlp = build_pipeline(("evx_sentences", "evx_sections", "evx_effects"))
    nlp.add_pipe("evx_designs", config={"main_model": "features"})
    texts = {r["news_id"]: r["release_text"] for r in read_jsonl(DEV)}
    gold = [row for path in sorted(ANNOTATIONS.glob("*.jsonl")) for row in read_jsonl(path)]
    feats, labels, rules = [], [], []
    for row in gold:
        doc = annotate(nlp, Document(doc_id=row["news_id"], source=row["news_id"], text=texts[row["news_id"]]))
        feats.append(doc.user_data[FEATURES_KEY])
        labels.append(row["main_design"] or "none")
        rules.append(summary(doc).main_design or "none")
    return feats, labels, rules, min(len(texts[row["news_id"]]) for row in gold)


def fit(feats: list[dict], labels: list[str], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    clf.fit(x, labels)
    return vec, clf


def choose_c(feats: list[dict], labels: list[str], folds: int = 3) -> float:
    from sklearn.model_selection import StratifiedKFold
    best, best_c = -1.0, C_GRID[0]
    for c in C_GRID:
        right = 0
        for train, held in _splits(labels, folds, StratifiedKFold):
            vec, clf = fit([feats[i] for i in train], [labels[i] for i in train], c)
            right += sum(p == labels[i] for p, i in zip(clf.predict(vec.transform([feats[i] for i in held])), held))
        if right > best:
            best, best_c = right, c
    return best_c


def _splits(labels: list[str], folds: int, kind):
    import numpy as np
    counts = Counter(labels)
    # classes with fewer examples than folds cannot be stratified: fold them into one stratum
    strata = [y if counts[y] >= folds else "rare" for y in labels]
    return kind(n_splits=folds, shuffle=True, random_state=0).split(np.zeros(len(labels)), strata)


def cross_validate(feats: list[dict], labels: list[str], rules: list[str]) -> dict:
    from sklearn.model_selection import StratifiedKFold
    predicted = [None] * len(labels)
    confidence = [0.0] * len(labels)
    chosen = []
    for train, held in _splits(labels, 5, StratifiedKFold):
        c = choose_c([feats[i] for i in train], [labels[i] for i in train])
        chosen.append(c)
        vec, clf = fit([feats[i] for i in train], [labels[i] for i in train], c)
        for probs, i in zip(clf.predict_proba(vec.transform([feats[i] for i in held])), held):
            k = int(probs.argmax())
            predicted[i], confidence[i] = str(clf.classes_[k]), float(probs[k])
    n = len(labels)
    # the classifier overrules the rules only when at least this sure: chosen here, on the held-out folds
    known = {y for y, k in Counter(labels).items() if k >= MIN_EXAMPLES}
    def accuracy(t: float, t_null: float) -> float:
        return sum((p if c >= (t_null if p == "none" else t) and r in known else r) == y
                   for p, c, r, y in zip(predicted, confidence, rules, labels)) / n
    by_threshold = {(t, tn): accuracy(t, tn) for t in THRESHOLDS for tn in NULL_THRESHOLDS}
    return {"n": n, "model": sum(p == y for p, y in zip(predicted, labels)) / n,
            "rules": sum(r == y for r, y in zip(rules, labels)) / n, "c": chosen,
            "confusion": Counter((y, p) for p, y in zip(predicted, labels) if p != y), "by_threshold": by_threshold}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cv-only", action="store_true")
    args = parser.parse_args()
    if not DEV.exists():
        print(f"{DEV} not found: training needs ../shared beside the repository")
        return 1
    feats, labels, rules, shortest = examples()
    cv = cross_validate(feats, labels, rules)
    print(f"5-fold CV on {cv['n']} hand-read dev releases: main design accuracy, classifier {cv['model']:.3f}, "
          f"rules alone {cv['rules']:.3f} (C chosen per fold: {cv['c']})")
    print("  classifier confusion (gold -> predicted): " + ", ".join(
        f"{w} -> {p}: {k}" for (w, p), k in cv["confusion"].most_common(12)))
    print(f"  overruling the rules (when their label has >= {MIN_EXAMPLES} training examples) only at probability >= t "
          f"(>= t_null into null): " + ", ".join(f"t={t}/{tn}: {a:.3f}" for (t, tn), a in cv["by_threshold"].items()
                                                  if t in (0.0, 0.3, 0.5)))
    threshold, null_threshold = max(cv["by_threshold"], key=lambda k: (round(cv["by_threshold"][k], 6), k[1], k[0]))
    print(f"  chosen: t = {threshold}, t_null = {null_threshold} ({cv['by_threshold'][(threshold, null_threshold)]:.3f})")
    if args.cv_only:
        return 0
    c = choose_c(feats, labels, folds=5)
    vec, clf = fit(feats, labels, c)
    names = vec.get_feature_names_out()
    classes = [str(k) for k in clf.classes_]
    coef = clf.coef_
    weights = {str(name): [round(float(coef[k, j]), 6) for k in range(len(classes))]
               for j, name in enumerate(names) if any(abs(coef[k, j]) > 1e-6 for k in range(len(classes)))}
    model = linear.LinearModel(
        name=NAME, version=VERSION, classes=tuple(classes),
        intercept=tuple(round(float(b), 6) for b in clf.intercept_), weights=weights,
        about="Main design of an article from the rules' choice and the article's wording (issue 14).",
        training={"data": "benchmarks/annotations/main_study (299 dev releases)", "C": c,
                  "overrule_at": threshold, "overrule_into_null_at": null_threshold, "min_examples": MIN_EXAMPLES,
                  "keep_explicit": EXPLICIT,
                  "min_chars": shortest // 100 * 100, "cv_by_threshold": {f"{t}/{tn}": round(a, 4) for (t, tn), a in cv["by_threshold"].items()},
                  "cv_accuracy": round(cv["model"], 4), "cv_rules_accuracy": round(cv["rules"], 4),
                  "classes": dict(Counter(labels))},
        features={"maker": "evx.designs.article_features"})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(linear.dumps(model), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} (C = {c}, {len(weights)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

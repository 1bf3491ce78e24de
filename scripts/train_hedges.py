"""Train the hedge cue disambiguator on BioScope dev and export its weights as JSON.

    python scripts/train_hedges.py            # cross-validate, fit on all of dev, write the model
    python scripts/train_hedges.py --dry-run  # cross-validate only

Candidates are found exactly as at run time (``evx_sentences`` + the hedge
lexicon, :func:`evx.hedges.component.candidates_in_sentences`); only candidates of
ambiguous lexicon entries are classified. A candidate is positive when it
overlaps a gold speculation cue. The model is an L2 logistic regression
(scikit-learn, training only) over the sparse features of
:func:`evx.hedges.model.features`, in the manner of the CoNLL-2010 cue
classifiers (Velldal et al. 2010). C and the decision threshold are picked by
5-fold cross-validation grouped by abstract. Only BioScope ``dev`` is read.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from evx.models import linear

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "external" / "hedges" / "dev.jsonl"
OUT = REPO / "src" / "evx" / "models" / "hedges" / "cue_classifier.json"
NAME, VERSION = "hedge-cue-logreg", "1"


def examples(path: Path):
    """(examples, sentences): ``examples`` is (features, label, doc_id, cue) for every ambiguous
    candidate; ``sentences`` is (gold spans, sure spans, [(span, example index)]) per sentence,
    for scoring the whole detector with cross-validated decisions."""
    from evx.hedges.candidates import candidates_in_sentences
    from evx.nlp.pipeline import build_pipeline
    from evx.nlp.sentences import sentence_bounds
    nlp = build_pipeline(("evx_sentences",))
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    out, sentences = [], []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        gold = [(c["start"], c["end"]) for c in row["cues"] if c["type"] == "speculation"]
        starts, ends = sentence_bounds(doc)
        sure, decided = [], []
        for cand, _, feats in candidates_in_sentences(row["text"], starts, ends):
            if feats is None:
                sure.append((cand.start, cand.end))
                continue
            label = any(s < cand.end and cand.start < e for s, e in gold)
            decided.append(((cand.start, cand.end), len(out)))
            out.append((feats, int(label), row["doc_id"], cand.entry.cue))
        sentences.append((gold, sure, decided))
    return out, sentences


def detector_scores(sentences, decisions) -> str:
    """Sentence- and cue-level P/R/F1 of the whole detector, given a decision per example."""
    s_tp = s_pred = s_gold = c_tp_p = c_pred = c_tp_g = c_gold = 0
    for gold, sure, decided in sentences:
        pred = sure + [span for span, i in decided if decisions[i]]
        s_gold += bool(gold)
        s_pred += bool(pred)
        s_tp += bool(gold) and bool(pred)
        c_gold += len(gold)
        c_pred += len(pred)
        c_tp_p += sum(any(s < e2 and s2 < e for s2, e2 in gold) for s, e in pred)
        c_tp_g += sum(any(s < e2 and s2 < e for s2, e2 in pred) for s, e in gold)

    def prf(tp_p, n_p, tp_g, n_g):
        p, r = tp_p / max(n_p, 1), tp_g / max(n_g, 1)
        return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0:.3f}"
    return f"sentence level {prf(s_tp, s_pred, s_tp, s_gold)}; cue level {prf(c_tp_p, c_pred, c_tp_g, c_gold)}"


def f1(y, p):
    tp = int(np.sum((y == 1) & (p == 1)))
    fp = int(np.sum((y == 0) & (p == 1)))
    fn = int(np.sum((y == 1) & (p == 0)))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="cross-validate only, write nothing")
    args = parser.parse_args(argv)
    if not DEV.exists():
        print(f"BioScope dev not found at {DEV}; nothing to train on", file=sys.stderr)
        return 1
    data, sentences = examples(DEV)
    feats = [{f: 1 for f in x[0]} for x in data]
    y = np.array([x[1] for x in data])
    groups = [x[2] for x in data]
    print(f"{len(y)} ambiguous candidates, {int(y.sum())} cues")
    vec = DictVectorizer()
    X = vec.fit_transform(feats)
    best = None
    for C in (0.1, 0.3, 1.0, 3.0):
        probs = np.zeros(len(y))
        for train, held in GroupKFold(n_splits=5).split(X, y, groups):
            model = LogisticRegression(C=C, max_iter=2000)
            model.fit(X[train], y[train])
            probs[held] = model.predict_proba(X[held])[:, 1]
        for threshold in (0.3, 0.4, 0.5, 0.6):
            score = f1(y, (probs >= threshold).astype(int))
            print(f"C={C:<4} threshold={threshold}: cross-validated candidate F1 {score:.3f}")
            if best is None or score > best[0]:
                best = (score, C, threshold, probs)
    score, C, threshold, probs = best
    print(f"chosen C={C} threshold={threshold} (F1 {score:.3f})")
    print(f"BioScope dev, cross-validated decisions: {detector_scores(sentences, probs >= threshold)}")
    per_cue = defaultdict(lambda: [0, 0, 0])
    for (_, label, _, cue), prob in zip(data, probs):
        pred = int(prob >= threshold)
        per_cue[cue][0] += label
        per_cue[cue][1] += pred
        per_cue[cue][2] += label and pred
    for cue, (gold, pred, both) in sorted(per_cue.items(), key=lambda kv: -kv[1][0]):
        print(f"  {cue:14s} gold {gold:4d} predicted {pred:4d} correct {both:4d}")
    if args.dry_run:
        return 0
    model = LogisticRegression(C=C, max_iter=2000).fit(X, y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-2}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(linear.dumps(linear.LinearModel(
        name=NAME, version=VERSION,
        about="Logistic regression deciding whether an ambiguous hedge-lexicon word is a speculation "
              "cue; trained by scripts/train_hedges.py on BioScope dev (Vincze et al. 2008).",
        training={"trained_on": "BioScope abstracts, dev split", "n_examples": len(y), "C": C},
        classes=("cue",), intercept=(round(float(model.intercept_[0]), 5),), threshold=threshold,
        weights={name: [w] for name, w in sorted(weights.items())},
    )), encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

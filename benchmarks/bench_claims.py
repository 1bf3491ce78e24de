"""Claims benchmark: strength macro-F1, exaggeration pairs, overclaim_score ranking.

    python benchmarks/bench_claims.py [--skip-releases] [--folds 5]

Reads ``../shared/external`` beside the repository (exits with a message when it
is absent) and prints:

1. claim-strength macro-F1 per source (``pubmed-conclusions``,
   ``press-release-openings``; Yu et al. 2019, 2020): on ``claims/dev``
   cross-validated (each fold's model trained as ``scripts/train_claims.py``
   does, exported to the run-time JSON form and scored by evx's own code), and
   on ``claims/test`` with the shipped model;
2. exaggeration macro-F1 on ``exaggeration/dev`` and ``test`` (Wright &
   Augenstein 2021): the label comes from comparing ``strongest_claim`` that the
   full pipeline gives the press-release text and the abstract text;
3. ROC AUC of ``overclaim_score`` against the HealthNewsReview answer to "Does
   the news release seem to grasp the quality of the evidence?" (``Not
   Satisfactory`` = positive; ``Not Applicable`` left out) on
   ``press_releases/dev`` and ``test``, with the full pipeline on
   ``release_text``; also F1 of the flag ``overclaim_count > 0`` for the same
   answer, and the pipeline's time against bare ``spacy.blank("en")``
   tokenisation of the same texts.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "external"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from evx.claims.model import from_linear, load_model  # noqa: E402
from evx.claims.component import sentence_strength  # noqa: E402
from evx.records import STRENGTH_RANK, STRENGTHS  # noqa: E402

SOURCES = ("pubmed-conclusions", "press-release-openings")
EVIDENCE_QUESTION = "grasp the quality of the evidence"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def macro_f1(gold: list[str], pred: list[str], labels) -> float:
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        fp = sum(g != label and p == label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def roc_auc(scores: list[float], positive: list[bool]) -> float:
    """Probability that a positive outranks a negative (ties count one half): Mann-Whitney."""
    pos = [s for s, p in zip(scores, positive) if p]
    neg = [s for s, p in zip(scores, positive) if not p]
    if not pos or not neg:
        return float("nan")
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return wins / (len(pos) * len(neg))


def per_source(rows: list[dict], pred: list[str]) -> dict[str, float]:
    out = {}
    for source in SOURCES:
        idx = [i for i, r in enumerate(rows) if r["source"] == source]
        out[source] = macro_f1([rows[i]["strength"] for i in idx], [pred[i] for i in idx], STRENGTHS)
    return out


def strength_dev_cv(rows: list[dict], folds: int) -> dict[str, float]:
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    import train_claims
    from evx.claims import features as claim_features
    feats = [claim_features.features(r["text"]) for r in rows]
    labels = np.array([r["strength"] for r in rows])
    strata = np.array([f"{r['source']}|{r['strength']}" for r in rows])
    pred = [""] * len(rows)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(strata, strata):
        model = from_linear(train_claims.export([feats[i] for i in train], labels[train], 2, {}))
        for i in test:
            pred[i] = sentence_strength(rows[i]["text"], model)[0]
    return per_source(rows, pred)


def strength_test(rows: list[dict]) -> dict[str, float]:
    model = load_model()
    return per_source(rows, [sentence_strength(r["text"], model)[0] for r in rows])


def pair_label(release: str, abstract: str) -> str:
    a, b = STRENGTH_RANK[release], STRENGTH_RANK[abstract]
    return "exaggerates" if a > b else "downplays" if a < b else "same"


def exaggeration(nlp, rows: list[dict]) -> tuple[float, Counter]:
    from evx.extract import annotate
    from evx.readers import Document

    def strongest(text: str) -> str:
        doc = annotate(nlp, Document(doc_id="x", source="x", text=text))
        return doc._.evx_summary.strongest_claim or "none"
    pred = [pair_label(strongest(r["press_release"]), strongest(r["abstract"])) for r in rows]
    gold = [r["label"] for r in rows]
    return macro_f1(gold, pred, ("exaggerates", "same", "downplays")), Counter(pred)


def evidence_answer(row: dict) -> str | None:
    for item in row["criteria"]:
        if EVIDENCE_QUESTION in item["question"]:
            return item["answer"]
    return None


def releases(nlp, rows: list[dict]) -> dict:
    import spacy

    from evx.extract import annotate
    from evx.readers import Document
    rows = [r for r in rows if evidence_answer(r) in ("Satisfactory", "Not Satisfactory")]
    blank = spacy.blank("en")
    blank.max_length = nlp.max_length
    t0 = time.perf_counter()
    for r in rows:
        blank.make_doc(r["release_text"])
    t_blank = time.perf_counter() - t0
    t0 = time.perf_counter()
    scores, counts = [], []
    for r in rows:
        doc = annotate(nlp, Document(doc_id=r["news_id"], source="x", text=r["release_text"]))
        scores.append(doc._.evx_summary.overclaim_score)
        counts.append(doc._.evx_summary.overclaim_count)
    t_pipe = time.perf_counter() - t0
    positive = [evidence_answer(r) == "Not Satisfactory" for r in rows]
    flagged = [c > 0 for c in counts]
    tp = sum(f and p for f, p in zip(flagged, positive))
    f1 = 2 * tp / (sum(flagged) + sum(positive)) if tp else 0.0
    return {"n": len(rows), "positives": sum(positive), "auc": roc_auc(scores, positive),
            "flag_f1": f1, "flagged": sum(flagged), "time_ratio": t_pipe / max(t_blank, 1e-9)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-strength", action="store_true")
    parser.add_argument("--skip-exaggeration", action="store_true")
    parser.add_argument("--skip-releases", action="store_true")
    parser.add_argument("--splits", default="dev,test", help="splits for the exaggeration and release figures")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"{SHARED}: not found; this benchmark needs ../shared/external beside the repository")
        return 1
    if not args.skip_strength:
        dev = load(SHARED / "claims" / "dev.jsonl")
        print("claim strength macro-F1 (Yu et al. 2019/2020)")
        cv = strength_dev_cv(dev, args.folds)
        for source, value in cv.items():
            print(f"  dev  {args.folds}-fold CV  {source:24s} {value:.3f}")
        for source, value in strength_test(load(SHARED / "claims" / "test.jsonl")).items():
            print(f"  test shipped model {source:24s} {value:.3f}")
    if args.skip_exaggeration and args.skip_releases:
        return 0
    from evx.nlp.pipeline import build_pipeline
    nlp = build_pipeline()
    if not args.skip_exaggeration:
        print("exaggeration pairs macro-F1 (Wright & Augenstein 2021), from strongest_claim of each side")
        for split in args.splits.split(","):
            value, counts = exaggeration(nlp, load(SHARED / "exaggeration" / f"{split}.jsonl"))
            print(f"  {split:4s} {value:.3f}   predicted {dict(counts)}")
    if not args.skip_releases:
        print("overclaim_score vs HealthNewsReview 'grasps the quality of the evidence' (Not Satisfactory = positive)")
        for split in args.splits.split(","):
            r = releases(nlp, load(SHARED / "press_releases" / f"{split}.jsonl"))
            print(f"  {split:4s} n={r['n']} positives={r['positives']}  ROC AUC {r['auc']:.3f}  "
                  f"flag (overclaim_count>0) F1 {r['flag_f1']:.3f} ({r['flagged']} flagged)  "
                  f"pipeline/bare-tokeniser time {r['time_ratio']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

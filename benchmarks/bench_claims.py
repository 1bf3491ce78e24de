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
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))

import release_sentences as scripts_release_sentences  # noqa: E402,F401
from _shared import CHECKOUT_ENV  # noqa: E402  (also puts this checkout's src first on sys.path)

from evx.claims.model import from_linear  # noqa: E402
from evx.claims.component import sentence_strength  # noqa: E402
from evx.records import STRENGTH_RANK, STRENGTHS  # noqa: E402
from evx.scoring.prf import macro_f1  # noqa: E402

SOURCES = ("pubmed-conclusions", "press-release-openings")
EVIDENCE_QUESTION = "grasp the quality of the evidence"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


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

    from evx.claims.strength import LinearStrength

    import train_claims
    from evx.claims import features as claim_features
    feats = [claim_features.features(r["text"]) for r in rows]
    labels = np.array([r["strength"] for r in rows])
    strata = np.array([f"{r['source']}|{r['strength']}" for r in rows])
    pred = [""] * len(rows)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(strata, strata):
        model = from_linear(train_claims.export([feats[i] for i in train], labels[train], 2, {}))
        for i in test:
            pred[i] = sentence_strength(rows[i]["text"], LinearStrength(model))[0]
    return per_source(rows, pred)


def strength_test(rows: list[dict], reader) -> dict[str, dict]:
    """Per source: macro-F1, per-class F1 and the confusion matrix of ``reader`` on ``rows``,
    each sentence read with its source's marker, as the pipeline reads one candidate."""
    from evx.claims.encoder import MARKERS
    out = {}
    for source in SOURCES:
        part = [r for r in rows if r["source"] == source]
        pred = [sentence_strength(r["text"], reader, MARKERS[source])[0] for r in part]
        gold = [r["strength"] for r in part]
        out[source] = {"macro_f1": macro_f1(gold, pred, STRENGTHS),
                       "per_class": {c: macro_f1(gold, pred, (c,)) for c in STRENGTHS},
                       "confusion": Counter(zip(gold, pred))}
    return out


def print_strength(name: str, figures: dict[str, dict]) -> None:
    for source, f in figures.items():
        per = "  ".join(f"{c} {v:.3f}" for c, v in f["per_class"].items())
        print(f"  test {name:<9} {source:24s} macro-F1 {f['macro_f1']:.3f}   per class: {per}")
    for source, f in figures.items():
        print(f"    confusion ({source}; rows gold, columns predicted: {', '.join(STRENGTHS)})")
        for g in STRENGTHS:
            print(f"      {g:<19}" + "".join(f"{f['confusion'][(g, p)]:6d}" for p in STRENGTHS))


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


CAUSAL = ("conditional_causal", "direct_causal")


def release_readings() -> tuple[dict[str, list[dict]], dict[str, dict[str, list[dict]]]]:
    """The first reading of each annotated dev release, and every reading by release."""
    every = scripts_release_sentences.readings()
    return scripts_release_sentences.first_readings(every), every


def reader_kappa(every: dict[str, dict[str, list[dict]]]) -> tuple[int, int, float]:
    """Cohen's kappa of two readers over every sentence of the releases both read (none when unlabelled)."""
    rs = scripts_release_sentences
    texts = rs.releases()
    a_all, b_all = [], []
    for news_id, by_reader in every.items():
        if len(by_reader) < 2:
            continue
        (ra, ca), (rb, cb) = sorted(by_reader.items())[:2]
        n = len(rs.sentences(texts[news_id]))
        la, lb = ["none"] * n, ["none"] * n
        for c in ca:
            la[c["sentence"]] = c["strength"]
        for c in cb:
            lb[c["sentence"]] = c["strength"]
        a_all += la
        b_all += lb
    if not a_all:
        return 0, 0, float("nan")
    releases_both = sum(len(v) >= 2 for v in every.values())
    return releases_both, len(a_all), rs.cohens_kappa(a_all, b_all)[1]


def release_claims(nlp) -> dict | None:
    """evx's claims against the hand reading of dev releases (docs/annotation/claims-in-releases.md)."""
    from evx.extract import annotate
    from evx.readers import Document
    first, every = release_readings()
    if not first:
        return None
    texts = {r["news_id"]: r["release_text"] for r in load(SHARED / "press_releases" / "dev.jsonl")}
    causal = found_causal = returned = same = 0
    tp = fp = fn = 0
    for news_id, claims in first.items():
        doc = annotate(nlp, Document(doc_id=news_id, source="x", text=texts[news_id]))
        evx_claims = list(doc._.evx_claims)

        def evx_for(c):
            return next((e for e in evx_claims if e.start < c["end"] and c["start"] < e.end), None)
        for c in claims:
            e = evx_for(c)
            if c["strength"] in CAUSAL:
                causal += 1
                found_causal += e is not None and e.strength in CAUSAL
            if e is not None:
                returned += 1
                same += e.strength == c["strength"]
        tp += sum(evx_for(c) is not None for c in claims)
        fn += sum(evx_for(c) is None for c in claims)
        fp += sum(not any(e.start < c["end"] and c["start"] < e.end for c in claims) for e in evx_claims)
    pairs, sentences, kappa = reader_kappa(every)
    return {"releases": len(first), "causal": causal, "causal_found": found_causal / max(causal, 1),
            "returned": returned, "same_strength": same / max(returned, 1),
            "p": tp / max(tp + fp, 1), "r": tp / max(tp + fn, 1), "kappa": kappa,
            "kappa_releases": pairs, "kappa_sentences": sentences}


def corpus_scores(pipeline: str) -> dict:
    """The corpus scores of ``evx run`` with ``pipeline`` (scores.json)."""
    import subprocess
    import tempfile
    out = Path(tempfile.mkdtemp()) / "out"
    subprocess.run([sys.executable, "-m", "evx.cli", "run", str(ROOT / "corpus"), "--gold", str(ROOT / "gold"),
                    "--out", str(out), "--pipeline", pipeline, "--workers", "1", "-q"],
                   check=True, capture_output=True,
                   env=CHECKOUT_ENV)
    return json.loads((out / "scores.json").read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    from evx.claims.strength import strength_reader
    from evx.nlp.pipeline import PIPELINES, build_pipeline
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pipelines", default=",".join(PIPELINES), help="comma-separated: accurate,fast")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds of the fast model on dev")
    parser.add_argument("--skip-cv", action="store_true")
    parser.add_argument("--skip-strength", action="store_true")
    parser.add_argument("--skip-exaggeration", action="store_true")
    parser.add_argument("--skip-releases", action="store_true")
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--splits", default="dev,test", help="splits for the exaggeration and release figures")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"{SHARED}: not found; this benchmark needs ../shared/external beside the repository")
        return 1
    names = [n for n in args.pipelines.split(",") if n]
    models = {name: PIPELINES[name]["evx_claims"]["model"] for name in names}
    if not args.skip_strength:
        print("claim strength (Yu et al. 2019/2020); targets: accurate >= 0.86 on each test source")
        if "fast" in names and not args.skip_cv:
            cv = strength_dev_cv(load(SHARED / "claims" / "dev.jsonl"), args.folds)
            for source, value in cv.items():
                print(f"  dev  fast {args.folds}-fold CV  {source:24s} {value:.3f}")
        test = load(SHARED / "claims" / "test.jsonl")
        for name in names:
            print_strength(name, strength_test(test, strength_reader(models[name])))
    pipelines = {name: build_pipeline(pipeline=name) for name in names}
    if not args.skip_exaggeration:
        print("exaggeration pairs macro-F1 (Wright & Augenstein 2021), from strongest_claim of each side; "
              "target: accurate >= 0.62")
        for split in args.splits.split(","):
            rows = load(SHARED / "exaggeration" / f"{split}.jsonl")
            for name, nlp in pipelines.items():
                value, counts = exaggeration(nlp, rows)
                print(f"  {split:4s} {name:<9} {value:.3f}   predicted {dict(counts)}")
    if not args.skip_releases:
        print("claims in hand-read dev releases (benchmarks/annotations/release_claims); targets: accurate "
              ">= 80% of causal claims found as causal, >= 75% with the reading's strength")
        for name, nlp in pipelines.items():
            r = release_claims(nlp)
            if r is None:
                print("  no annotations")
                break
            print(f"  dev  {name:<9} {r['releases']} releases: causal claims found as causal "
                  f"{r['causal_found']:.1%} of {r['causal']}; reader's strength on {r['same_strength']:.1%} of "
                  f"{r['returned']} claims found; claim sentences P {r['p']:.3f} R {r['r']:.3f}")
        if r is not None:
            print(f"  readers' agreement: Cohen's kappa {r['kappa']:.3f} over {r['kappa_sentences']} sentences "
                  f"of {r['kappa_releases']} releases read twice")
        print("overclaim_score vs HealthNewsReview 'grasps the quality of the evidence' (Not Satisfactory = positive)")
        for split in args.splits.split(","):
            rows = load(SHARED / "press_releases" / f"{split}.jsonl")
            for name, nlp in pipelines.items():
                r = releases(nlp, rows)
                print(f"  {split:4s} {name:<9} n={r['n']} positives={r['positives']}  ROC AUC {r['auc']:.3f}  "
                      f"flag (overclaim_count>0) F1 {r['flag_f1']:.3f} ({r['flagged']} flagged)  "
                      f"pipeline/bare-tokeniser time {r['time_ratio']:.2f}x")
    if not args.skip_corpus:
        print("corpus scores (F1 x100; target: accurate claims_strength >= 70)")
        for name in names:
            scores = corpus_scores(name)
            kinds = ("claims", "claims_strength", "overclaim")
            print(f"  {name:<9} " + "  ".join(f"{k} {100 * scores[k + '_f']:.1f}" for k in kinds if k + "_f" in scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())

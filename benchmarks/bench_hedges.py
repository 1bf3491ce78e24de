"""Hedge cue detection on BioScope (dev and test), and the hedge component's speed.

    python benchmarks/bench_hedges.py [--split dev|test|both] [--errors N]

Prints, per split and for abstracts and full papers separately:
* sentence level (CoNLL-2010 Task 1): is the sentence uncertain (holds a speculation cue)?
* cue level: predicted cue spans overlapping a gold speculation cue (negation cues ignored);
  precision counts predicted spans that overlap a gold cue, recall gold cues overlapped by a
  prediction.
Each BioScope sentence is tokenised by the evx pipeline (evx_sentences + evx_hedges), as at run
time. Speed: the CPU time evx_hedges adds, relative to bare ``spacy.blank("en")`` tokenisation of
the same text (target: at most 30%), on the BioScope text and on the seed articles repeated. ``--errors`` lists dev errors only (tune on dev only).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _shared  # noqa: E402,F401  (puts this checkout's src first on sys.path)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HEDGES = SHARED / "external" / "hedges"


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(rows: list[dict], nlp, errors: int = 0) -> dict[str, dict]:
    counts: dict[str, dict[str, int]] = {}
    shown = 0
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        part = "papers" if "papers" in row["doc_id"] else "abstracts"
        for key in (part, "all"):
            c = counts.setdefault(key, dict.fromkeys(
                ("s_tp", "s_pred", "s_gold", "c_tp_pred", "c_pred", "c_tp_gold", "c_gold", "n"), 0))
            gold = [(q["start"], q["end"]) for q in row["cues"] if q["type"] == "speculation"]
            pred = [(h.start, h.end) for h in doc._.evx_hedges]
            c["n"] += 1
            c["s_gold"] += bool(gold)
            c["s_pred"] += bool(pred)
            c["s_tp"] += bool(gold) and bool(pred)
            c["c_gold"] += len(gold)
            c["c_pred"] += len(pred)
            c["c_tp_pred"] += sum(any(s < e2 and s2 < e for s2, e2 in gold) for s, e in pred)
            c["c_tp_gold"] += sum(any(s < e2 and s2 < e for s2, e2 in pred) for s, e in gold)
        if errors and shown < errors:
            gold_t = sorted(q["text"] for q in row["cues"] if q["type"] == "speculation")
            pred_t = sorted(h.text for h in doc._.evx_hedges)
            if [t.lower() for t in gold_t] != [t.lower() for t in pred_t]:
                shown += 1
                print(f"  gold {gold_t} pred {pred_t}: {row['text']}")
    results = {}
    for key, c in counts.items():
        sp, sr, sf = prf(c["s_tp"], c["s_pred"], c["s_tp"], c["s_gold"])
        cp, cr, cf = prf(c["c_tp_pred"], c["c_pred"], c["c_tp_gold"], c["c_gold"])
        results[key] = {"sentences": c["n"], "sentence_p": sp, "sentence_r": sr, "sentence_f": sf,
                        "cue_p": cp, "cue_r": cr, "cue_f": cf}
    return results


def timing(text: str, repeats: int = 3) -> dict[str, float]:
    """CPU seconds (best of ``repeats``, interleaved) for bare tokenisation of ``text`` and for
    evx_hedges alone on the same text already split by evx_sentences and evx_sections (its own
    ``doc.text`` included). CPU time of this process, so that other load on the machine does not count."""
    import spacy
    from evx.hedges.component import find_hedges
    from evx.nlp.pipeline import build_pipeline
    blank = spacy.blank("en")
    blank.max_length = len(text) + 1
    sents = build_pipeline(("evx_sentences", "evx_sections"))
    sents.max_length = len(text) + 1
    best = {"blank": float("inf"), "hedges": float("inf")}
    for _ in range(repeats):
        t0 = time.process_time()
        blank(text)
        best["blank"] = min(best["blank"], time.process_time() - t0)
        doc = sents(text)
        t0 = time.process_time()
        find_hedges(doc)
        best["hedges"] = min(best["hedges"], time.process_time() - t0)
    best["chars"] = len(text)
    return best


def print_timing(label: str, text: str) -> None:
    t = timing(text)
    print(f"speed, {label} ({t['chars'] / 1e6:.1f} MB as one document): bare tokenisation "
          f"{t['blank']:.2f}s CPU, evx_hedges {t['hedges']:.2f}s CPU = {t['hedges'] / t['blank']:.0%} added "
          f"(target <= 30%)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="list this many dev sentences with errors")
    args = parser.parse_args(argv)
    if not HEDGES.exists():
        print(f"BioScope not found at {HEDGES}; nothing to measure", file=sys.stderr)
        return 1
    from evx.nlp.pipeline import HEDGE_COMPONENTS, build_pipeline
    nlp = build_pipeline(HEDGE_COMPONENTS)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    texts = []
    print("split  part       sentences  sent_P  sent_R  sent_F   cue_P   cue_R   cue_F")
    for split in splits:
        rows = [json.loads(line) for line in (HEDGES / f"{split}.jsonl").open(encoding="utf-8")]
        texts.extend(r["text"] for r in rows)
        results = evaluate(rows, nlp, args.errors if split == "dev" else 0)
        for part in ("abstracts", "papers", "all"):
            if part in results:
                r = results[part]
                print(f"{split:6s} {part:10s} {r['sentences']:9d}  {r['sentence_p']:.3f}   {r['sentence_r']:.3f}"
                      f"   {r['sentence_f']:.3f}   {r['cue_p']:.3f}   {r['cue_r']:.3f}   {r['cue_f']:.3f}")
    print()
    print_timing("BioScope sentences", "\n".join(texts))
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if seeds:
        # health writing is denser in cues than abstracts: the seed articles, repeated
        article = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds)
        print_timing("seed articles x100", "\n\n".join([article] * 100))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Main-study design and population on hand-read health press releases.

Runs the default evx pipeline on the press releases of
``../shared/external/press_releases/dev.jsonl`` that were read by hand and
annotated in ``benchmarks/annotations/press_release_designs.jsonl`` (main
design and main population of each release; ``split`` "tune" and "tune2" may
guide rule changes, "holdout" and "holdout2" must not: their errors are never
printed), and prints the accuracy of the document fields ``main_design`` and
``main_population`` for each part, with a confusion list.
It then runs on ``press_releases/test.jsonl`` (no gold) and prints the
distribution of predicted main designs and populations.

    python benchmarks/bench_designs.py            # both parts
    python benchmarks/bench_designs.py --errors   # also print each miss with its reason

Exits with a message when ``../shared`` (beside the repository) is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _shared  # noqa: E402,F401  (puts this checkout's src first on sys.path)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
RELEASES = SHARED / "external" / "press_releases"
ANNOTATIONS = REPO / "benchmarks" / "annotations" / "press_release_designs.jsonl"
MAIN_STUDY = REPO / "benchmarks" / "annotations" / "main_study"   # all 299 dev releases (issue 14)
SPLITS = ("tune", "tune2", "holdout", "holdout2")
TUNED = ("tune", "tune2")      # the only parts whose errors are printed


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predict(nlp, news_id: str, text: str) -> dict:
    from evx.extract import process_document
    from evx.readers import Document
    rows = process_document(nlp, Document(doc_id=news_id, source=news_id, text=text))
    return rows["documents"][0]


def report_gold(nlp, releases: dict[str, dict], gold: list[dict], show_errors: bool) -> None:
    for split in (*SPLITS, "all"):
        items = [g for g in gold if split == "all" or g.get("split", "tune") == split]
        if not items:
            continue
        design_ok = population_ok = 0
        confusion: Counter = Counter()
        misses = []
        for item in items:
            row = predict(nlp, item["news_id"], releases[item["news_id"]]["release_text"])
            if row["main_design"] == item["main_design"]:
                design_ok += 1
            else:
                confusion[(item["main_design"], row["main_design"])] += 1
                misses.append((item, row))
            if row["main_population"] == item["main_population"]:
                population_ok += 1
            elif row["main_design"] == item["main_design"]:
                misses.append((item, row))
        n = len(items)
        print(f"{split:8s} n={n:3d}  main_design accuracy {design_ok / n:.3f}  "
              f"main_population accuracy {population_ok / n:.3f}")
        if split != "all" and confusion:
            print("  confusion (gold -> predicted: count):")
            for (want, got), count in confusion.most_common():
                print(f"    {want} -> {got}: {count}")
        if show_errors and split in TUNED:   # never study holdout errors
            for item, row in misses:
                print(f"  {item['news_id']}: gold {item['main_design']}/{item['main_population']}, "
                      f"got {row['main_design']}/{row['main_population']}: {row['main_design_reason']}")


def main_study_gold() -> list[dict]:
    """The first reading of every annotated dev release (docs/annotation/main-study.md)."""
    return [row for path in sorted(MAIN_STUDY.glob("*.jsonl")) for row in load_jsonl(path)]


def score_main_study(predicted: dict[str, dict], gold: list[dict]) -> dict:
    """Accuracy of main design and population (null is a label), and of the main sample size on
    the releases whose reading states one (the same number), with the share of releases without
    one that evx gives a size anyway."""
    n = len(gold)
    design = sum(predicted[g["news_id"]]["main_design"] == g["main_design"] for g in gold)
    population = sum(predicted[g["news_id"]]["main_population"] == g["main_population"] for g in gold)
    sized = [g for g in gold if g["main_sample_size"]]
    unsized = [g for g in gold if not g["main_sample_size"]]
    size = sum(predicted[g["news_id"]].get("main_sample_size") == g["main_sample_size"]["n"] for g in sized)
    spurious = sum(predicted[g["news_id"]].get("main_sample_size") is not None for g in unsized)
    confusion = Counter((g["main_design"], predicted[g["news_id"]]["main_design"]) for g in gold
                        if predicted[g["news_id"]]["main_design"] != g["main_design"])
    return {"n": n, "design": design / n, "population": population / n, "sized": len(sized),
            "size": size / max(1, len(sized)), "unsized": len(unsized), "spurious": spurious / max(1, len(unsized)),
            "confusion": confusion}


def report_main_study(nlp, releases: dict[str, dict]) -> None:
    gold = main_study_gold()
    if not gold:
        return
    from evx.nlp.pipeline import build_pipeline
    rules_only = build_pipeline(("evx_sentences", "evx_sections", "evx_effects"))
    rules_only.add_pipe("evx_designs", config={"main_model": "rules"})
    print(f"\nmain study of all {len(gold)} annotated dev releases ({MAIN_STUDY.relative_to(REPO)}); targets "
          "(held-out releases): design >= 0.80, population >= 0.95, sample size >= 0.80.\n"
          "  The main-design classifier was trained on these releases: its held-out figure is the 5-fold CV "
          "of scripts/train_main_design.py; the rules alone were tuned on part of them (tune, tune2).")
    scores = {}
    for name, pipe in (("rules alone", rules_only), ("shipped (trained on these)", nlp)):
        predicted = {g["news_id"]: predict(pipe, g["news_id"], releases[g["news_id"]]["release_text"]) for g in gold}
        r = scores[name] = score_main_study(predicted, gold)
        print(f"  {name:27s} main_design {r['design']:.3f}  main_population {r['population']:.3f}  main_sample_size "
              f"right on {r['size']:.3f} of {r['sized']} releases that state one; a size given for "
              f"{r['spurious']:.3f} of {r['unsized']} that state none")
    print("  rules-alone design confusion (gold -> predicted: count): " + ", ".join(
        f"{w} -> {g}: {c}" for (w, g), c in scores["rules alone"]["confusion"].most_common(10)))


def report_test(nlp) -> None:
    path = RELEASES / "test.jsonl"
    if not path.exists():
        print(f"{path} not found; skipping the test distribution")
        return
    rows = load_jsonl(path)
    designs: Counter = Counter()
    populations: Counter = Counter()
    start = time.perf_counter()
    for release in rows:
        row = predict(nlp, release["news_id"], release["release_text"])
        designs[row["main_design"]] += 1
        populations[row["main_population"]] += 1
    seconds = time.perf_counter() - start
    print(f"\ntest split: {len(rows)} releases (no gold), {seconds:.1f} s")
    print("  predicted main designs:  " + ", ".join(f"{d}: {c}" for d, c in designs.most_common()))
    print("  predicted populations:   " + ", ".join(f"{p}: {c}" for p, c in populations.most_common()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print each miss with the reason evx gave")
    parser.add_argument("--no-test", action="store_true", help="skip the test-split distribution")
    args = parser.parse_args()
    if not (RELEASES / "dev.jsonl").exists():
        print(f"{RELEASES} not found: this benchmark needs ../shared beside the repository")
        return 0
    from evx.nlp.pipeline import build_pipeline
    nlp = build_pipeline()
    releases = {r["news_id"]: r for r in load_jsonl(RELEASES / "dev.jsonl")}
    gold = load_jsonl(ANNOTATIONS)
    print(f"hand-read press releases: {len(gold)} ({ANNOTATIONS.relative_to(REPO)}; the earlier convention, "
          "before docs/annotation/main-study.md: unstated allocation read as a trial, diagnostic accuracy as 'other'; "
          "superseded by the 299 releases below, which also hold these)")
    report_gold(nlp, releases, gold, args.errors)
    report_main_study(nlp, releases)
    if not args.no_test:
        report_test(nlp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

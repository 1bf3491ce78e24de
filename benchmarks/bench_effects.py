"""Effect-size extraction: accuracy on ../shared/external/ratios and speed.

Prints
* tuple precision / recall / F1 on ``ratios/dev.jsonl`` (a hit: same measure, value and
  both limits; gold ``ratio_other`` counts as ``ratio``), with per-measure counts;
* what is extracted from ``ratios/test.jsonl`` (counts only: its gold is held by reviewers);
* agreement of the interval's verdict (significant = the interval excludes 1) with the
  human labels of ``ratios/significance.jsonl``;
* the extractor's time relative to bare ``spacy.blank("en")`` tokenisation of the same
  texts (``dev_unlabelled.jsonl`` plus the seed articles; target: at most +20%).

Usage: ``python benchmarks/bench_effects.py [--errors]`` (``--errors`` lists dev misses and
false hits; dev only).
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _shared  # noqa: E402,F401  (puts this checkout's src first on sys.path)

from evx.nlp.extensions import TEXT_KEY  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
RATIOS = SHARED / "external" / "ratios"


def _time_effects(blank, before, effects, texts, rebuild_text=False) -> dict[str, float]:
    """Seconds to tokenise ``texts``, and to run the effects component on them (the components
    ``before`` it first, the text handed over as the pipeline does); with ``rebuild_text``, also
    what ``doc.text`` costs."""
    t0 = time.perf_counter()
    docs = [blank.make_doc(t) for t in texts]
    t1 = time.perf_counter()
    for doc, text in zip(docs, texts):
        doc.user_data[TEXT_KEY] = text
        for component in before:
            component(doc)
    t2 = time.perf_counter()
    for doc in docs:
        effects(doc)
    t3 = time.perf_counter()
    timed = {"tokenise": t1 - t0, "effects": t3 - t2}
    if rebuild_text:
        for doc in docs:
            doc.text  # noqa: B018  (what a component pays without the text handed over)
        timed["doc.text"] = time.perf_counter() - t3
    return timed

def load(name: str) -> list[dict]:
    with open(RATIOS / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def pipeline():
    from evx.nlp.pipeline import EFFECT_COMPONENTS, build_pipeline
    return build_pipeline(EFFECT_COMPONENTS)


def effects_of(nlp, text: str) -> list:
    return list(nlp(text)._.evx_effects)


def key(measure, value, low, high) -> tuple:
    r = lambda x: None if x is None else round(float(x), 4)  # noqa: E731
    return ("ratio" if measure == "ratio_other" else measure, r(value), r(low), r(high))


def tuple_scores(nlp, show_errors: bool) -> None:
    tp = fp = fn = 0
    per_measure: Counter = Counter()
    for row in load("dev.jsonl"):
        gold = Counter(key(e["measure"], e["value"], e["ci_low"], e["ci_high"]) for e in row["effects"])
        found = Counter(key(e.measure, e.value, e.ci_low, e.ci_high) for e in effects_of(nlp, row["text"]))
        hits = gold & found
        tp += sum(hits.values())
        fp += sum((found - gold).values())
        fn += sum((gold - found).values())
        for k, n in hits.items():
            per_measure[k[0]] += n
        if show_errors and (found - gold or gold - found):
            print(f"  {row['id']}: missed {sorted((gold - found).elements())} "
                  f"false {sorted((found - gold).elements())}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"dev tuples (measure, value, low, high): tp={tp} fp={fp} fn={fn}  "
          f"P={p:.3f} R={r:.3f} F1={f:.3f}  (target F1 >= 0.97)")
    print(f"  hits per measure: {dict(sorted(per_measure.items()))}")


def test_counts(nlp) -> None:
    rows = load("test.jsonl")
    found = [e for row in rows for e in effects_of(nlp, row["text"])]
    measures = Counter(e.measure for e in found)
    flags = Counter(flag for e in found for flag in e.flags)
    print(f"test: {len(found)} estimates from {len(rows)} sentences "
          f"({sum(1 for e in found if e.ci_low is not None)} with an interval); "
          f"measures {dict(sorted(measures.items()))}; flags {dict(sorted(flags.items()))}")


def significance(nlp) -> None:
    """Each item's verdict: significant when any extracted interval excludes 1."""
    agree = total = no_interval = 0
    first_agree = 0
    for row in load("significance.jsonl"):
        with_ci = [e for e in effects_of(nlp, row["evidence_text"]) if e.ci_low is not None]
        if not with_ci:
            no_interval += 1
            continue
        total += 1
        human = row["label"] != "no significant difference"
        excludes = [e.ci_low > 1 or e.ci_high < 1 for e in with_ci]
        agree += any(excludes) == human
        first_agree += excludes[0] == human
    n = total + no_interval
    print(f"significance: interval verdict agrees with the human label on {agree}/{total} = "
          f"{agree / max(total, 1):.3f} of items with an extracted interval "
          f"(any interval excludes 1; first interval only: {first_agree / max(total, 1):.3f}); "
          f"{no_interval}/{n} items without an extracted interval; "
          f"over all items {agree / max(n, 1):.3f} (target >= 0.95)")


def speed(nlp) -> None:
    """Best of five: tokenisation alone, then the effects component on the tokenised docs
    (sentences and sections already found; the text handed over in ``doc.user_data["evx_text"]``, as a
    caller holding it can), and the extra cost of ``doc.text`` when it is not handed over."""
    import spacy
    texts = [row["text"] for row in load("dev_unlabelled.jsonl")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    texts.append("\n\n".join(texts))
    blank = spacy.blank("en")
    blank.max_length = 50_000_000
    effects = nlp.get_pipe("evx_effects")
    before = [nlp.get_pipe(name) for name in nlp.pipe_names[:nlp.pipe_names.index("evx_effects")]]
    best = {"tokenise": float("inf"), "effects": float("inf"), "doc.text": float("inf")}
    for _ in range(5):
        timed = _time_effects(blank, before, effects, texts, rebuild_text=True)
        for name, seconds in timed.items():
            best[name] = min(best[name], seconds)
    tok = best["tokenise"]
    print(f"speed on {len(texts) - 1} texts ({sum(map(len, texts[:-1])):,} characters; once one by one, "
          f"once joined): tokenisation {tok * 1000:.0f} ms; effects component {best['effects'] * 1000:.0f} ms "
          f"= +{100 * best['effects'] / tok:.0f}% (target <= +20%); rebuilding doc.text would add "
          f"{best['doc.text'] * 1000:.0f} ms = +{100 * best['doc.text'] / tok:.0f}% more")
    seeds = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    timed = _time_effects(blank, before, effects, seeds * 20)
    print(f"  on the seed articles alone (x20): tokenisation {1000 * timed['tokenise']:.0f} ms, effects "
          f"{1000 * timed['effects']:.0f} ms = +{100 * timed['effects'] / timed['tokenise']:.0f}%")


def main() -> int:
    if not RATIOS.is_dir():
        print(f"{RATIOS} is absent: nothing to measure (it lives in ../shared beside the repository)")
        return 0
    nlp = pipeline()
    tuple_scores(nlp, "--errors" in sys.argv)
    test_counts(nlp)
    significance(nlp)
    speed(nlp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

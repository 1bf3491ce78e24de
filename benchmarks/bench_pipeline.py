"""Speed and memory of the evx pipelines, next to bare spaCy tokenisation (issues 9, 13, 18).

Prints, for the same texts in the same run:
  * CPU seconds, MB of text per CPU-second and documents per second of bare
    ``spacy.blank("en")`` tokenisation and of each pipeline (``accurate``, ``fast``), and the
    ratio, on press releases and on abstracts;
  * the time each component adds (differences of whole runs, and the time spent inside
    each component in one run, which is less noisy on a loaded machine);
  * time per document as documents grow from 1 KB to 1 MB (should be linear);
  * peak memory (RSS) of one worker process running the pipeline;
  * the speed-up of ``evx extract`` from 1 to 2 worker processes;
  * what a first and a second call of ``evx.extract_text`` on a short text take (the pipeline is
    built on the first call and kept; target for the second: under 10 ms).

Texts: the release texts of ../shared/external/press_releases (dev and test) and the project's
own corpus/ ("releases"), and the BioScope abstracts of ../shared/external/hedges rebuilt from
their sentences ("abstracts"). The component breakdown, growth and memory figures are for the
pipeline named by ``--pipeline`` (default: fast, the one corpus-scale runs use).
Usage: python benchmarks/bench_pipeline.py [--quick] [--pipeline accurate|fast]
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import CHECKOUT_ENV, REPO, cpu_seconds, read_jsonl, shared_or_exit  # noqa: E402

from evx.extract import annotate  # noqa: E402
from evx.nlp.extensions import TEXT_KEY, mapping, records  # noqa: E402
from evx.nlp.pipeline import DEFAULT_COMPONENTS, PIPELINES, build_pipeline  # noqa: E402
from evx.readers import Document  # noqa: E402


def load_texts() -> list[str]:
    texts = []
    for split in ("dev", "test"):
        texts += [r["release_text"] for r in read_jsonl(shared_or_exit("external", "press_releases", f"{split}.jsonl"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("*.txt"))]
    return texts


def load_abstracts() -> list[str]:
    """BioScope abstracts (dev and test), each rebuilt from its sentences in order."""
    by_doc: dict[str, list[str]] = {}
    for split in ("dev", "test"):
        for r in read_jsonl(shared_or_exit("external", "hedges", f"{split}.jsonl")):
            if str(r["doc_id"]).startswith("bioscope-abstracts"):
                by_doc.setdefault(r["doc_id"], []).append(r["text"])
    return ["\n\n".join([parts[0], " ".join(parts[1:])]) for parts in by_doc.values()]


def throughput(name: str, texts: list[str], blank, pipelines: dict) -> None:
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    words = sum(len(t.split()) for t in texts)
    documents = [Document(str(i), "bench", t) for i, t in enumerate(texts)]
    base = cpu_seconds(tokenise_all, blank, texts)
    print(f"{name}: {len(texts)} documents, {megabytes:.2f} MB, {words:,} words")
    print(f"  bare tokenisation : {base:6.2f} CPU s  {megabytes / base:6.2f} MB/CPU-s  {len(texts) / base:8.0f} docs/s")
    for label, nlp in pipelines.items():
        full = cpu_seconds(pipeline_all, nlp, documents, repeat=2)
        print(f"  {label + ' pipeline':<18}: {full:6.2f} CPU s  {megabytes / full:6.2f} MB/CPU-s  "
              f"{len(texts) / full:8.0f} docs/s  = {full / base:.2f}x tokenisation")


def tokenise_all(nlp, texts):
    for text in texts:
        nlp.make_doc(text)


def pipeline_all(nlp, documents):
    for document in documents:
        annotate(nlp, document)


def component_costs(texts, base_seconds, pipeline: str):
    print("\ncomponent costs (pipeline up to and including the component, vs bare tokenisation):")
    documents = [Document(str(i), "bench", t) for i, t in enumerate(texts)]
    previous = base_seconds
    for upto in range(1, len(DEFAULT_COMPONENTS) + 1):
        nlp = build_pipeline(DEFAULT_COMPONENTS[:upto], pipeline)
        seconds = cpu_seconds(pipeline_all, nlp, documents)
        print(f"  + {DEFAULT_COMPONENTS[upto - 1]:<14} {seconds:7.3f} s  (+{(seconds - previous) / base_seconds:6.1%} of tokenisation)")
        previous = seconds


def time_inside_components(nlp, documents, repeat: int = 3) -> dict[str, float]:
    """CPU seconds spent inside each component over all documents, best of ``repeat`` runs
    per component, measured in one pipeline run (less noisy than differences of runs)."""
    best = {name: float("inf") for name in nlp.pipe_names}
    for _ in range(repeat):
        spent = dict.fromkeys(nlp.pipe_names, 0.0)
        for document in documents:
            doc = nlp.make_doc(document.text)
            doc.user_data[TEXT_KEY] = document.text
            if document.sections:
                records(doc, "evx_sections").extend(document.sections)
            mapping(doc, "evx_meta").update(document.meta, format=document.format)
            for name, component in nlp.pipeline:
                start = time.process_time()
                doc = component(doc)
                spent[name] += time.process_time() - start
        for name, seconds in spent.items():
            best[name] = min(best[name], seconds)
    return best


def inside_costs(nlp, texts, base_seconds):
    print("\ntime inside each component (one run, best of 3 per component, vs bare tokenisation):")
    documents = [Document(str(i), "bench", t) for i, t in enumerate(texts)]
    spent = time_inside_components(nlp, documents)
    for name, seconds in spent.items():
        print(f"  {name:<14} {seconds:7.3f} s  ({seconds / base_seconds:6.1%} of tokenisation)")
    total = sum(spent.values())
    print(f"  {'all components':<14} {total:7.3f} s  ({total / base_seconds:6.1%} of tokenisation)")


def growth(nlp, unit: str):
    print("\ntime per document as documents grow (linear = constant µs per KB):")
    for size in (1_000, 10_000, 100_000, 1_000_000):
        text = (unit * (size // len(unit) + 1))[:size]
        seconds = cpu_seconds(annotate, nlp, Document("g", "g", text), repeat=2)
        print(f"  {size / 1000:>7.0f} KB  {seconds * 1000:9.1f} ms  {seconds * 1e6 / (size / 1000):8.1f} µs/KB")


def worker_speedup(quick: bool):
    corpus = Path(tempfile.mkdtemp()) / "docs"
    corpus.mkdir()
    texts = load_texts()
    copies = 1 if quick else 3
    for i in range(copies):
        for j, text in enumerate(texts):
            (corpus / f"{i}_{j}.txt").write_text(text, encoding="utf-8")
    timings = {}
    for workers in (1, 2):
        out = corpus.parent / f"out{workers}"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "evx.cli", "extract", str(corpus), "--out", str(out), "-q",
                        "--workers", str(workers), "--pipeline", "fast"], check=True, env=CHECKOUT_ENV)
        timings[workers] = time.perf_counter() - start
    n = len(texts) * copies
    print(f"\nevx extract on {n} documents: 1 worker {timings[1]:.1f} s, 2 workers {timings[2]:.1f} s "
          f"-> speed-up {timings[1] / timings[2]:.2f}x (wall clock, process start included)")


def extract_text_calls() -> None:
    """Wall-clock time of the first and following ``evx.extract_text`` calls on a short text, in a
    fresh process (the first call builds the pipeline)."""
    code = (
        "import time, evx\n"
        "text = 'A cohort of 9,000 adults was followed. Coffee cut the risk (HR 0.88, 95% CI 0.81-0.95).'\n"
        "t0 = time.perf_counter(); evx.extract_text(text); t1 = time.perf_counter()\n"
        "runs = []\n"
        "for _ in range(20):\n"
        "    a = time.perf_counter(); evx.extract_text(text); runs.append(time.perf_counter() - a)\n"
        "print(f'{(t1 - t0) * 1000:.0f} {sorted(runs)[len(runs) // 2] * 1000:.2f}')\n")
    first, later = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True, env=CHECKOUT_ENV).stdout.split()
    print(f"\nevx.extract_text on a short text: first call {first} ms (builds the pipeline), "
          f"later calls {later} ms (median of 20; target < 10 ms)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, skip the worker speed-up")
    parser.add_argument("--pipeline", choices=list(PIPELINES), default="fast",
                        help="the pipeline of the component breakdown, growth and memory figures")
    args = parser.parse_args()
    texts = load_texts()
    blank = spacy.blank("en")
    blank.max_length = 50_000_000
    pipelines = {name: build_pipeline(pipeline=name) for name in PIPELINES}
    print("targets: fast <= 2.5x tokenisation and >= 0.6 MB/CPU-s (issue 18); accurate >= 0.10 MB/CPU-s (issue 13)")
    throughput("releases", texts, blank, pipelines)
    throughput("abstracts", load_abstracts(), blank, pipelines)
    nlp = pipelines[args.pipeline]
    print(f"\nthe {args.pipeline} pipeline in detail, on the releases:")
    base = cpu_seconds(tokenise_all, blank, texts)
    if args.pipeline == "fast" or not args.quick:
        component_costs(texts, base, args.pipeline)
    inside_costs(nlp, texts, base)
    growth(nlp, texts[0] + "\n\n")
    extract_text_calls()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process (one worker, incl. the 1 MB document): {peak_mb:.0f} MB (target < 1 GB)")
    if not args.quick:
        worker_speedup(args.quick)


if __name__ == "__main__":
    main()

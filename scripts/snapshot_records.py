"""Record every record evx writes for a fixed set of texts, to compare before and after a change.

    python scripts/snapshot_records.py DIR             # write DIR/<set>.jsonl for every set
    python scripts/snapshot_records.py DIR --sets corpus seeds
    python scripts/snapshot_records.py --compare OLD NEW   # counts of changed records per set and kind
    python scripts/snapshot_records.py --update-golden     # rewrite tests/golden/corpus_records_*.jsonl
    python scripts/snapshot_records.py DIR --pipeline fast # the fast pipeline (default: accurate)

The sets: ``corpus`` (the project's articles), ``seeds`` and the external texts beside the
repository (``releases``, ``claims``, ``ratios``, ``hedges``, ``exaggeration``; skipped when
``../shared`` is absent). One line per document: ``{"set", "doc_id", "rows"}``, where ``rows`` holds
every record file's rows for that document (the document row without its ``text``). A change that
should keep behaviour must leave every file byte-identical; ``--compare`` lists what differs, with
examples, when one does not.

``tests/golden/corpus_records_<pipeline>.jsonl`` are the checked-in snapshots of the ``corpus``
set, one per pipeline, that ``tests/test_golden_records.py`` compares every run with; it changes only through
``--update-golden``, in a commit that says why the records changed.
"""
from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXTERNAL = SHARED / "external"
PIPELINES = ("accurate", "fast")
GOLDEN = {name: REPO / "tests" / "golden" / f"corpus_records_{name}.jsonl" for name in PIPELINES}
SETS = ("corpus", "seeds", "releases", "claims", "ratios", "hedges", "exaggeration")


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def texts_of(name: str) -> list[tuple[str, str]] | None:
    """(doc_id, text) pairs of a set, or None when its files are not here."""
    if name in ("corpus", "seeds"):
        folder = REPO / "corpus" if name == "corpus" else SHARED / "seeds"
        if not folder.is_dir():
            return None
        return [("file", str(p)) for p in sorted(folder.glob("*")) if p.suffix in (".txt", ".md", ".html")]
    if not EXTERNAL.is_dir():
        return None
    pairs: list[tuple[str, str]] = []
    if name == "releases":
        for split in ("dev", "test"):
            pairs += [(r["news_id"], r["release_text"]) for r in _read_jsonl(EXTERNAL / "press_releases" / f"{split}.jsonl")]
    elif name == "claims":
        for split in ("dev", "test"):
            pairs += [(r["id"], r["text"]) for r in _read_jsonl(EXTERNAL / "claims" / f"{split}.jsonl")]
    elif name == "ratios":
        for split in ("dev", "test", "dev_unlabelled", "significance"):
            rows = _read_jsonl(EXTERNAL / "ratios" / f"{split}.jsonl")
            pairs += [(f"{split}:{i}", r.get("text") or r["evidence_text"]) for i, r in enumerate(rows)]
    elif name == "hedges":
        for split in ("dev", "test"):
            pairs += [(r["id"], r["text"]) for r in _read_jsonl(EXTERNAL / "hedges" / f"{split}.jsonl")]
    elif name == "exaggeration":
        for split in ("dev", "test"):
            for r in _read_jsonl(EXTERNAL / "exaggeration" / f"{split}.jsonl"):
                pairs += [(r["id"] + ":pr", r["press_release"]), (r["id"] + ":abstract", r["abstract"])]
    return pairs


def _process(chunk: list[tuple[str, str]], pipeline: str = "accurate") -> list[str]:
    from evx.extract import process_document
    from evx.readers import Document, iter_documents
    from evx.nlp.pipeline import shared_pipeline
    nlp = shared_pipeline(pipeline=pipeline)
    lines = []
    for doc_id, text in chunk:
        if doc_id == "file":
            items = list(iter_documents([text]))
        else:
            items = [Document(doc_id=doc_id, source=doc_id, text=text)]
        for item in items:
            rows = process_document(nlp, item)
            for row in rows["documents"]:
                row.pop("text", None)
                if doc_id == "file":
                    # a file's source is where this checkout sits; the snapshot keeps only
                    # its folder and name so that it holds in any clone
                    source = Path(row["source"])
                    row["source"] = f"{source.parent.name}/{source.name}"
            lines.append(json.dumps({"doc_id": item.doc_id, "rows": rows}, ensure_ascii=False))
    return lines


def snapshot_text(name: str, workers: int = 1, pipeline: str = "accurate") -> str | None:
    """The snapshot file of one set (None when its texts are not here)."""
    pairs = texts_of(name)
    if pairs is None:
        return None
    chunks = [pairs[i:i + 200] for i in range(0, len(pairs), 200)]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            lines = [line for part in pool.map(_process, chunks, [pipeline] * len(chunks)) for line in part]
    else:
        lines = [line for chunk in chunks for line in _process(chunk, pipeline)]
    return "".join(f'{{"set": "{name}", ' + line[1:] + "\n" for line in lines)


def snapshot(out: Path, names: list[str], workers: int, pipeline: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        text = snapshot_text(name, workers, pipeline)
        if text is None:
            print(f"{name}: not here, skipped", file=sys.stderr)
            continue
        (out / f"{name}.jsonl").write_text(text, encoding="utf-8")
        print(f"{name}: {text.count(chr(10))} documents", file=sys.stderr)


def compare(old: Path, new: Path, examples: int = 3) -> int:
    changed_sets = 0
    for path in sorted(old.glob("*.jsonl")):
        other = new / path.name
        if not other.exists():
            print(f"{path.stem}: missing in {new}")
            changed_sets += 1
            continue
        a, b = _read_jsonl(path), _read_jsonl(other)
        if path.read_bytes() == other.read_bytes():
            print(f"{path.stem}: identical ({len(a)} documents)")
            continue
        changed_sets += 1
        by_id = {r["doc_id"]: r["rows"] for r in b}
        counts: dict[str, list[int]] = {}
        shown: dict[str, int] = {}
        for record in a:
            rows_b = by_id.get(record["doc_id"], {})
            for kind, rows in record["rows"].items():
                before = [json.dumps(r, sort_keys=True) for r in rows]
                after = [json.dumps(r, sort_keys=True) for r in rows_b.get(kind, [])]
                gone = [r for r in before if r not in after]
                added = [r for r in after if r not in before]
                tally = counts.setdefault(kind, [0, 0, 0, 0])
                tally[0] += len(gone)
                tally[1] += len(added)
                tally[2] += len(before)
                tally[3] += len(after)
                if (gone or added) and shown.get(kind, 0) < examples:
                    shown[kind] = shown.get(kind, 0) + 1
                    print(f"  {path.stem} {record['doc_id']} {kind}:")
                    for r in gone[:2]:
                        print(f"    - {r[:400]}")
                    for r in added[:2]:
                        print(f"    + {r[:400]}")
        print(f"{path.stem}: differs; per kind (removed, added, before, after): "
              + ", ".join(f"{k} {v}" for k, v in counts.items() if v[0] or v[1]))
    return 1 if changed_sets else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--sets", nargs="*", default=list(SETS), choices=SETS)
    parser.add_argument("--compare", action="store_true", help="compare two snapshot folders")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pipeline", choices=PIPELINES, default=None,
                        help="the pipeline to snapshot (default accurate; with --update-golden: both)")
    parser.add_argument("--update-golden", action="store_true",
                        help="rewrite tests/golden/corpus_records_<pipeline>.jsonl from the corpus "
                             "(records changed on purpose)")
    args = parser.parse_args()
    if args.update_golden:
        for pipeline in [args.pipeline] if args.pipeline else PIPELINES:
            path = GOLDEN[pipeline]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(snapshot_text("corpus", args.workers, pipeline), encoding="utf-8")
            print(f"wrote {path.relative_to(REPO)}", file=sys.stderr)
        return 0
    if not args.dirs:
        parser.error("give a folder to write the snapshots to (or two with --compare)")
    if args.compare:
        if len(args.dirs) != 2:
            parser.error("--compare takes two folders: OLD NEW")
        return compare(*args.dirs)
    snapshot(args.dirs[0], args.sets, args.workers, args.pipeline or "accurate")
    return 0


if __name__ == "__main__":
    sys.exit(main())

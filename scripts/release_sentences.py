"""List the sentences of a dev press release, and check claim annotation files.

    python scripts/release_sentences.py list                      # the dev release ids
    python scripts/release_sentences.py show news_reviews_00002   # numbered sentences with offsets
    python scripts/release_sentences.py check benchmarks/annotations/release_claims/A.jsonl

Sentences are cut by evx's own rules (:mod:`evx.text.sentences`), the unit of
``docs/annotation/claims-in-releases.md``. Only ``press_releases/dev.jsonl`` is read.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evx.records import STRENGTHS  # noqa: E402
from evx.text.sentences import Sentences  # noqa: E402

DEV = ROOT.parent / "shared" / "external" / "press_releases" / "dev.jsonl"
ANNOTATIONS = ROOT / "benchmarks" / "annotations" / "release_claims"
CLAIM_STRENGTHS = tuple(s for s in STRENGTHS if s != "none")


def releases() -> dict[str, str]:
    with DEV.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return {r["news_id"]: r["release_text"] for r in rows}


def sentences(text: str) -> list[tuple[int, int]]:
    table = Sentences.of(text)
    out = []
    for start, end in zip(table.starts, table.ends):
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            out.append((start, end))
    return out


def readings() -> dict[str, dict[str, list[dict]]]:
    """Every reading of the annotated dev releases: news_id -> reader -> claims."""
    every: dict[str, dict[str, list[dict]]] = {}
    for path in sorted(ANNOTATIONS.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for row in (json.loads(line) for line in handle if line.strip()):
                every.setdefault(row["news_id"], {})[row["reader"]] = row["claims"]
    return every


def first_readings(every: dict[str, dict[str, list[dict]]] | None = None) -> dict[str, list[dict]]:
    """The first reading of each release (readers in file order A, B, C: A's where A and B both read)."""
    every = readings() if every is None else every
    return {news_id: next(iter(by_reader.values())) for news_id, by_reader in every.items()}


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def annotation_rows(path: Path, texts: dict[str, str], problems: list[str]):
    """(where, row, sentence spans) for each line of an annotation file of dev releases; lines that
    are not JSON, name an unknown release or repeat one are reported in ``problems`` and skipped
    (a repeated release is reported and still yielded)."""
    seen = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc.msg})")
                continue
            news_id = row.get("news_id")
            if news_id not in texts:
                problems.append(f"{where}: unknown news_id {news_id!r}")
                continue
            if news_id in seen:
                problems.append(f"{where}: {news_id} annotated twice")
            seen.add(news_id)
            yield where, row, sentences(texts[news_id])


def cohens_kappa(a: list, b: list) -> tuple[float, float]:
    """(observed agreement, Cohen's kappa) of two readers' labels of the same items."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return observed, ((observed - expected) / (1 - expected) if expected < 1 else 1.0)


def check(path: Path) -> list[str]:
    problems: list[str] = []
    for where, row, spans in annotation_rows(path, releases(), problems):
        for claim in row.get("claims", []):
            k = claim.get("sentence")
            if not isinstance(k, int) or not 0 <= k < len(spans):
                problems.append(f"{where}: sentence {k!r} is not a sentence number of {row['news_id']}")
                continue
            start, end = claim.get("start"), claim.get("end")
            s, e = spans[k]
            if not (isinstance(start, int) and isinstance(end, int) and s <= start < end <= e):
                problems.append(f"{where}: sentence {k} spans {s}-{e}, the claim says {start}-{end}")
            if claim.get("strength") not in CLAIM_STRENGTHS:
                problems.append(f"{where}: sentence {k}: strength {claim.get('strength')!r} "
                                f"is not one of {', '.join(CLAIM_STRENGTHS)}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    show = sub.add_parser("show")
    show.add_argument("news_id")
    chk = sub.add_parser("check")
    chk.add_argument("file", type=Path)
    args = parser.parse_args()
    if args.command == "list":
        print("\n".join(releases()))
    elif args.command == "show":
        text = releases().get(args.news_id)
        if text is None:
            print(f"no dev release {args.news_id!r}", file=sys.stderr)
            return 1
        for k, (start, end) in enumerate(sentences(text)):
            print(f"[{k}] {start}-{end}: {' '.join(text[start:end].split())}")
    else:
        problems = check(args.file)
        print("\n".join(problems) if problems else f"{args.file}: ok")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

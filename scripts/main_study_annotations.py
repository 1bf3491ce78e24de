"""Check main-study annotation files of dev press releases (docs/annotation/main-study.md).

    python scripts/main_study_annotations.py check benchmarks/annotations/main_study/M1.jsonl
    python scripts/main_study_annotations.py agree                 # readers' agreement on releases read twice

Only ``press_releases/dev.jsonl`` is read; sentences are numbered by ``release_sentences.py show``.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import release_sentences  # noqa: E402  (also puts src on sys.path)

from evx.records import DESIGNS, POPULATIONS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "benchmarks" / "annotations" / "main_study"
BOUNDS = (None, "lower", "upper")


def check(path: Path) -> list[str]:
    problems: list[str] = []
    for where, row, spans in release_sentences.annotation_rows(path, release_sentences.releases(), problems):
        if row.get("main_design") not in (None, *DESIGNS):
            problems.append(f"{where}: main_design {row.get('main_design')!r} is not null or one of {', '.join(DESIGNS)}")
        if row.get("main_population") not in (None, *POPULATIONS):
            problems.append(f"{where}: main_population {row.get('main_population')!r} is not null or one of "
                            f"{', '.join(POPULATIONS)}")
        size = row.get("main_sample_size")
        if size is not None:
            k = size.get("sentence")
            if not isinstance(size.get("n"), int) or size["n"] <= 0:
                problems.append(f"{where}: main_sample_size.n must be a positive integer")
            if size.get("bound") not in BOUNDS:
                problems.append(f"{where}: main_sample_size.bound must be null, 'lower' or 'upper'")
            if not isinstance(k, int) or not 0 <= k < len(spans):
                problems.append(f"{where}: main_sample_size.sentence {k!r} is not a sentence number")
            else:
                s, e = spans[k]
                start, end = size.get("start"), size.get("end")
                if not (isinstance(start, int) and isinstance(end, int) and s <= start < end <= e):
                    problems.append(f"{where}: sentence {k} spans {s}-{e}, the sample size says {start}-{end}")
        sentences = row.get("study_sentences", [])
        if not isinstance(sentences, list) or not all(isinstance(k, int) and 0 <= k < len(spans) for k in sentences):
            problems.append(f"{where}: study_sentences must be a list of sentence numbers")
        if (row.get("main_design") or row.get("main_population")) and not sentences:
            problems.append(f"{where}: a main study needs at least one of study_sentences")
    return problems


def readings() -> dict[str, dict[str, dict]]:
    every: dict[str, dict[str, dict]] = {}
    for path in sorted(ANNOTATIONS.glob("*.jsonl")) + sorted((ANNOTATIONS / "second").glob("*.jsonl")):
        for row in release_sentences.read_jsonl(path):
            every.setdefault(row["news_id"], {})[f"{path.parent.name}/{row['reader']}"] = row
    return every


def agree() -> None:
    pairs = [list(r.values())[:2] for r in readings().values() if len(r) >= 2]
    if not pairs:
        print("no release read twice")
        return
    size = lambda r: (r["main_sample_size"] or {}).get("n")  # noqa: E731
    for field, get in (("main_design", lambda r: r["main_design"]), ("main_population", lambda r: r["main_population"]),
                       ("main_sample_size", size)):
        a, b = [get(p[0]) for p in pairs], [get(p[1]) for p in pairs]
        same = sum(x == y for x, y in zip(a, b))
        print(f"{field:16s} {len(pairs)} releases read twice: agreement {same / len(pairs):.3f}, kappa {release_sentences.cohens_kappa(a, b)[1]:.3f}")
    print("design splits:", dict(Counter((p[0]["main_design"], p[1]["main_design"]) for p in pairs
                                          if p[0]["main_design"] != p[1]["main_design"])))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check")
    p.add_argument("files", type=Path, nargs="+")
    sub.add_parser("agree")
    args = parser.parse_args()
    if args.command == "check":
        bad = 0
        for path in args.files:
            problems = check(path)
            print("\n".join(problems) if problems else f"{path}: ok")
            bad += bool(problems)
        return 1 if bad else 0
    agree()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Agreement of the hand-read release openings (docs/annotation/claims-in-releases.md, last section).

    python scripts/openings_agreement.py

Prints Cohen's kappa between the first readings (``benchmarks/annotations/release_openings/R*.jsonl``)
and the independent second readings of 42 of those releases (``.../second/``), over sentences
0-5 (unlabelled = ``none``); and between a blind reading of 120 of Yu et al.'s dev press-release
sentences (``yu_dev_blind.labels``: ids and labels only) and their gold in ``claims/dev.jsonl``.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import release_sentences  # noqa: E402

OPENINGS = ROOT / "benchmarks" / "annotations" / "release_openings"
SENTENCES = 6


def labels(row: dict, texts: dict[str, str]) -> list[str]:
    given = {c["sentence"]: c["strength"] for c in row["claims"]}
    return [given.get(i, "none") for i in range(min(SENTENCES, len(release_sentences.sentences(texts[row["news_id"]]))))]


def main() -> int:
    texts = release_sentences.releases()
    first = {r["news_id"]: r for p in sorted(OPENINGS.glob("R*.jsonl")) for r in release_sentences.read_jsonl(p)}
    a, b, releases = [], [], 0
    for path in sorted((OPENINGS / "second").glob("*.jsonl")):
        for row in release_sentences.read_jsonl(path):
            a += labels(first[row["news_id"]], texts)
            b += labels(row, texts)
            releases += 1
    observed, k = release_sentences.cohens_kappa(a, b)
    print(f"openings read twice: {releases} releases, {len(a)} sentences: agreement {observed:.3f}, kappa {k:.3f}")
    gold = {r["id"]: r["strength"] for r in release_sentences.read_jsonl(ROOT.parent / "shared" / "external" / "claims" / "dev.jsonl")}
    blind = release_sentences.read_jsonl(OPENINGS / "yu_dev_blind.labels")
    observed, k = release_sentences.cohens_kappa([gold[r["id"]] for r in blind], [r["strength"] for r in blind])
    print(f"blind reading of {len(blind)} Yu et al. dev sentences vs their labels: agreement {observed:.3f}, kappa {k:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

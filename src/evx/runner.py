"""Batch runs: read inputs, run the pipeline, stream records to the output folder.

Records are appended to temporary part files as documents finish and renamed
into place at the end, so memory stays flat in the number of documents and a
crash never leaves a half-written record file.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from evx.output import dumps, record_path
from evx.readers import ReadOptions, iter_documents
from evx.records import RECORD_FILES, SPAN_KINDS


@dataclass
class RunSummary:
    documents_ok: int = 0
    documents_failed: int = 0
    records: dict[str, int] = field(default_factory=lambda: {k: 0 for k in SPAN_KINDS})
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        kinds = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in self.records.items())
        return (f"{self.documents_ok} documents ok, {self.documents_failed} failed; {kinds}; "
                f"{self.seconds:.1f} s")


def run_extract(inputs: list[str], out_dir: Path, options: ReadOptions | None = None,
                progress: bool = False) -> RunSummary:
    from evx.extract import process_document
    from evx.nlp.pipeline import build_pipeline

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    items = iter_documents(inputs, options)   # raises InputError before anything is written
    nlp = build_pipeline()
    summary = RunSummary()
    started = time.perf_counter()
    parts = {kind: record_path(out_dir, kind).with_name(f".{kind}.jsonl.part") for kind in RECORD_FILES}
    handles = {kind: path.open("w", encoding="utf-8") for kind, path in parts.items()}
    try:
        for item in _with_progress(items, progress):
            rows = process_document(nlp, item)
            for kind, kind_rows in rows.items():
                for row in kind_rows:
                    handles[kind].write(dumps(row) + "\n")
            doc_row = rows["documents"][0]
            if doc_row["status"] == "ok":
                summary.documents_ok += 1
            else:
                summary.documents_failed += 1
                summary.failures.append(doc_row["error"])
            for kind in SPAN_KINDS:
                summary.records[kind] += len(rows[kind])
    finally:
        for handle in handles.values():
            handle.close()
    for kind, path in parts.items():
        os.replace(path, record_path(out_dir, kind))
    summary.seconds = time.perf_counter() - started
    return summary


def _with_progress(items, enabled: bool):
    if not enabled:
        return items
    from tqdm import tqdm
    return tqdm(items, unit="doc", desc="evx", dynamic_ncols=True)

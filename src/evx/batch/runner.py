"""Batch runs: plan tasks, run them on an engine, stream records to the output folder.

Nothing is lost or half-written:

* rows go to part files in ``OUT/.evx-run/`` as each task finishes, and a small
  ledger (``state.json``, replaced atomically after every task) records how
  many tasks are done and how long each part file was at that moment;
* ``--resume`` after a crash (even ``kill -9``) cuts the part files back to the
  ledger's lengths, skips the finished tasks and carries on, so the records
  equal an uninterrupted run's, with no duplicates;
* only when every task is done are the part files renamed to
  ``documents.jsonl``, ``effects.jsonl``, ... (each rename is atomic), and
  Parquet copies written when asked for.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

from evx import __version__
from evx.batch.engines import default_workers, map_ordered
from evx.errors import InputError
from evx.output import atomic_write_text, dumps, record_path
from evx.readers import ReadOptions, expand_inputs
from evx.records import RECORD_FILES, SPAN_KINDS
from evx.batch.tasks import Limits, count_documents_hint, plan_tasks, run_task
from evx.pipelines import DEFAULT_PIPELINE

STATE_DIR = ".evx-run"
FORMATS = ("jsonl", "parquet")


@dataclass
class RunConfig:
    inputs: list[str]
    out_dir: Path
    options: ReadOptions = field(default_factory=ReadOptions)
    engine: str = "local"
    workers: int | None = None          # None: every core of this machine
    scheduler: str | None = None        # Dask scheduler address (engine "dask")
    resume: bool = False
    formats: tuple[str, ...] = ("jsonl",)
    limits: Limits = field(default_factory=Limits)
    pipeline: str = DEFAULT_PIPELINE     # a name of evx.pipelines.PIPELINES
    progress: bool = False

    def identity(self) -> dict:
        """What must be the same for --resume to continue a run."""
        return {"inputs": [str(Path(i).resolve()) for i in self.inputs],
                "options": asdict(self.options), "limits": asdict(self.limits), "pipeline": self.pipeline,
                "evx": __version__}


@dataclass
class RunSummary:
    documents_ok: int = 0
    documents_failed: int = 0
    records: dict[str, int] = field(default_factory=lambda: {k: 0 for k in SPAN_KINDS})
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    resumed_tasks: int = 0

    def line(self) -> str:
        kinds = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in self.records.items())
        resumed = f" (resumed after {self.resumed_tasks} finished tasks)" if self.resumed_tasks else ""
        return (f"{self.documents_ok} documents ok, {self.documents_failed} failed; {kinds}; "
                f"{self.seconds:.1f} s{resumed}")


class _Ledger:
    """The part files of an unfinished run and the state that makes them resumable."""

    def __init__(self, out_dir: Path):
        self.dir = out_dir / STATE_DIR
        self.state_path = self.dir / "state.json"
        self.parts = {kind: self.dir / f"{kind}.jsonl.part" for kind in RECORD_FILES}
        self.handles: dict = {}
        self.state: dict = {}

    def start(self, identity: dict, resume: bool) -> int:
        """Open the part files; returns how many tasks are already done."""
        done = 0
        if resume and self.state_path.exists():
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            if state.get("identity") != identity:
                raise InputError(f"{self.dir.parent}: the unfinished run there read other inputs or "
                                 "options; run without --resume to start over")
            done = state["tasks_done"]
            for kind, path in self.parts.items():
                with path.open("r+b") as handle:       # drop rows written after the last ledger entry
                    handle.truncate(state["lengths"][kind])
            self.state = state
        else:
            if self.dir.exists():
                shutil.rmtree(self.dir)
            self.dir.mkdir(parents=True)
            for path in self.parts.values():
                path.write_bytes(b"")
            self.state = {"identity": identity, "tasks_done": 0,
                          "lengths": {kind: 0 for kind in RECORD_FILES}, "summary": {}}
            self._save()
        self.handles = {kind: path.open("ab") for kind, path in self.parts.items()}
        return done

    def write_task(self, results: list[dict[str, list[dict]]], summary: dict) -> None:
        for rows in results:
            for kind, kind_rows in rows.items():
                if kind_rows:
                    self.handles[kind].write("".join(dumps(r) + "\n" for r in kind_rows).encode("utf-8"))
        for kind, handle in self.handles.items():
            handle.flush()
            os.fsync(handle.fileno())
            self.state["lengths"][kind] = handle.tell()
        self.state["tasks_done"] += 1
        self.state["summary"] = summary
        self._save()

    def _save(self) -> None:
        atomic_write_text(self.state_path, json.dumps(self.state))

    def finish(self, out_dir: Path) -> None:
        for handle in self.handles.values():
            handle.close()
        for kind, path in self.parts.items():
            os.replace(path, record_path(out_dir, kind))
        shutil.rmtree(self.dir)


def run_extract(config: RunConfig) -> RunSummary:
    """Extract records from ``config.inputs`` into ``config.out_dir``; see the module docstring."""
    out_dir = Path(config.out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder; choose another --out")
    for fmt in config.formats:
        if fmt not in FORMATS:
            raise InputError(f"unknown output format {fmt!r}; choose from {', '.join(FORMATS)}")
    pairs = expand_inputs(config.inputs)                  # raises InputError before anything is written
    tasks = plan_tasks(pairs, config.options)
    out_dir.mkdir(parents=True, exist_ok=True)
    ledger = _Ledger(out_dir)
    done = ledger.start(config.identity(), config.resume)
    summary = RunSummary(resumed_tasks=done)
    if done:
        _restore(summary, ledger.state.get("summary", {}))
    started = time.perf_counter()
    worker = partial(run_task, options=config.options, limits=config.limits, pipeline=config.pipeline)
    results = map_ordered(config.engine, worker, islice(tasks, done, None),
                          workers=config.workers or default_workers(), scheduler=config.scheduler)
    bar = _progress_bar(config, pairs)
    try:
        for task_results in results:
            for rows in task_results:
                _count(summary, rows)
            ledger.write_task(task_results, _snapshot(summary))
            if bar is not None:
                bar.update(len(task_results))
    finally:
        if bar is not None:
            bar.close()
    ledger.finish(out_dir)
    if "parquet" in config.formats:
        from evx.parquet import write_parquet_copies
        write_parquet_copies(out_dir)
    summary.seconds = time.perf_counter() - started
    return summary


def _count(summary: RunSummary, rows: dict[str, list[dict]]) -> None:
    doc_row = rows["documents"][0]
    if doc_row["status"] == "ok":
        summary.documents_ok += 1
    else:
        summary.documents_failed += 1
        summary.failures.append(doc_row["error"])
    for kind in SPAN_KINDS:
        summary.records[kind] += len(rows[kind])


def _snapshot(summary: RunSummary) -> dict:
    return {"documents_ok": summary.documents_ok, "documents_failed": summary.documents_failed,
            "records": dict(summary.records), "failures": summary.failures[-1000:]}


def _restore(summary: RunSummary, saved: dict) -> None:
    summary.documents_ok = saved.get("documents_ok", 0)
    summary.documents_failed = saved.get("documents_failed", 0)
    summary.records.update(saved.get("records", {}))
    summary.failures = list(saved.get("failures", []))


def _progress_bar(config: RunConfig, pairs: list):
    if not config.progress:
        return None
    from tqdm import tqdm
    return tqdm(total=count_documents_hint(pairs), unit="doc", desc="evx extract",
                file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

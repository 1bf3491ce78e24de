"""Units of work for batch runs, and the function a worker runs on each.

A run is a sequence of numbered tasks, planned in a stable order from the
inputs: one :class:`FileTask` per article file (the worker reads it, so PDFs and
web pages are parsed in parallel) and one :class:`RowsTask` per batch of rows
from a JSONL/CSV table (read as a stream by the planner, so a table of millions
of rows never sits in memory). Workers return, per task, one rows-dict per
document (see :func:`evx.extract.process_document`); engines keep task order,
so every engine writes the same records in the same order.
"""
from __future__ import annotations

import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from evx.pipelines import DEFAULT_PIPELINE
from evx.readers import Document, Failed, ReadOptions, read_file

TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
ROWS_PER_TASK = 64


@dataclass(frozen=True)
class Limits:
    max_chars: int = 10_000_000     # longer documents are reported, not processed
    timeout: float = 300.0          # seconds one document may take


@dataclass
class FileTask:
    index: int
    path: str
    doc_id: str


@dataclass
class RowsTask:
    index: int
    documents: list = field(default_factory=list)   # Document | Failed


def plan_tasks(pairs: list[tuple[Path, str]], options: ReadOptions) -> Iterator[FileTask | RowsTask]:
    """Tasks in a stable order, for the (file, doc_id) pairs of :func:`evx.readers.expand_inputs`."""

    def generate():
        index = 0
        for path, doc_id in pairs:
            if path.suffix.lower() in TABLE_SUFFIXES:
                batch: list = []
                for item in read_file(path, doc_id, options):
                    batch.append(item)
                    if len(batch) == ROWS_PER_TASK:
                        yield RowsTask(index, batch)
                        index += 1
                        batch = []
                if batch:
                    yield RowsTask(index, batch)
                    index += 1
            else:
                yield FileTask(index, str(path), doc_id)
                index += 1
    return generate()


def count_documents_hint(pairs: list[tuple[Path, str]]) -> int | None:
    """The number of documents when it is known without reading tables (for the progress bar)."""
    if any(p.suffix.lower() in TABLE_SUFFIXES for p, _ in pairs):
        return None
    return len(pairs)


# --- the worker side ----------------------------------------------------------

class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Timeout()


def process_item(item: Document | Failed, limits: Limits, pipeline: str = DEFAULT_PIPELINE) -> dict[str, list[dict]]:
    from evx.extract import failed_rows, process_document
    if isinstance(item, Document) and len(item.text) > limits.max_chars:
        return failed_rows(Failed(item.doc_id, item.source,
                                  f"{item.source}: {len(item.text):,} characters, more than the limit of "
                                  f"{limits.max_chars:,}; split the document or raise --max-chars"))
    use_alarm = limits.timeout and hasattr(signal, "setitimer")
    if use_alarm:
        try:
            previous = signal.signal(signal.SIGALRM, _on_alarm)
        except ValueError:       # not in the main thread (e.g. a threaded Dask worker): no timer
            use_alarm = False
    if use_alarm:
        signal.setitimer(signal.ITIMER_REAL, limits.timeout)
    try:
        from evx.nlp.pipeline import shared_pipeline
        return process_document(shared_pipeline(pipeline=pipeline), item)
    except _Timeout:
        return failed_rows(Failed(item.doc_id, item.source,
                                  f"{item.source}: processing took longer than {limits.timeout:g} s and was "
                                  "stopped; raise --timeout or report the file"))
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def run_task(task: FileTask | RowsTask, options: ReadOptions, limits: Limits,
             pipeline: str = DEFAULT_PIPELINE) -> list[dict[str, list[dict]]]:
    """All rows-dicts of one task, in document order. Never raises for a bad document."""
    if isinstance(task, FileTask):
        try:
            items = list(read_file(Path(task.path), task.doc_id, options))
        except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
            items = [Failed(task.doc_id, task.path, f"{task.path}: cannot be read "
                            f"({exc.__class__.__name__}: {exc}); please report this with the file")]
    else:
        items = task.documents
    return [process_item(item, limits, pipeline) for item in items]

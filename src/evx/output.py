"""Writing and reading record files: JSON Lines (and Parquet), written atomically.

Each file is written to a temporary name in the output folder and renamed into
place when complete, so a crash never leaves a half-written ``effects.jsonl``.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterable

from evx.records import RECORD_FILES


def dumps(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=False)


def atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def read_jsonl(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def record_path(out_dir: Path, kind: str) -> Path:
    if kind not in RECORD_FILES:
        raise KeyError(kind)
    return Path(out_dir) / f"{kind}.jsonl"


def load_records(out_dir: Path) -> dict[str, list[dict]]:
    """Every record file in an output folder (missing files read as empty)."""
    loaded = {}
    for kind in RECORD_FILES:
        path = record_path(out_dir, kind)
        loaded[kind] = read_jsonl(path) if path.exists() else []
    return loaded

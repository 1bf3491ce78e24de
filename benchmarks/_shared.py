"""Helpers shared by the benchmark scripts: where ../shared is, and timing.

Importing this module puts this checkout's ``src`` first on ``sys.path``, and
:data:`CHECKOUT_ENV` does the same for the processes a benchmark starts, so that
every benchmark measures the code beside it, not an installed copy of evx."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SRC = REPO / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
CHECKOUT_ENV = {**os.environ,
                "PYTHONPATH": os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH")) if p)}


def shared_or_exit(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        sys.exit(f"{path} is not here: this benchmark reads ../shared beside the repository")
    return path


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def cpu_seconds(func, *args, repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in CPU seconds of this process."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func(*args)
        best = min(best, time.process_time() - start)
    return best

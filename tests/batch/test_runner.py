"""Batch runs: same records whatever the engine, resume after kill -9, Parquet copies."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evx.readers import ReadOptions
from evx.records import RECORD_FILES
from evx.batch.runner import STATE_DIR, RunConfig, run_extract

TEMPLATES = [
    "Patients on drug {i} had fewer events (HR 0.{a}, 95% CI 0.{b}-0.9{c}) in a cohort of {n} adults.",
    "A case-control study found smokers had higher odds (OR = {i}.{a}, 95% CI: 1.1-{j}.5; p<0.001).",
    "Researchers theorize that exposure {i} may increase the risk of disease, but more research is needed.",
]


def make_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        lines = [t.format(i=i % 9 + 1, j=i % 9 + 3, a=10 + i % 80, b=1 + i % 9, c=i % 10, n=1000 + i)
                 for t in TEMPLATES]
        (folder / f"doc{i:04d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return folder


def read_all(out: Path) -> dict[str, str]:
    return {kind: (out / f"{kind}.jsonl").read_text(encoding="utf-8") for kind in RECORD_FILES}


def run(inputs, out, **kwargs):
    return run_extract(RunConfig(inputs=[str(i) for i in inputs], out_dir=out, **kwargs))


def test_local_engine_with_two_workers_equals_one(tmp_path):
    corpus = make_corpus(tmp_path / "c", 30)
    run([corpus], tmp_path / "one", workers=1)
    run([corpus], tmp_path / "two", workers=2)
    assert read_all(tmp_path / "one") == read_all(tmp_path / "two")
    assert not (tmp_path / "two" / STATE_DIR).exists()


def test_dask_engine_equals_local(tmp_path):
    pytest.importorskip("distributed")
    corpus = make_corpus(tmp_path / "c", 12)
    run([corpus], tmp_path / "local", workers=1)
    run([corpus], tmp_path / "dask", engine="dask", workers=1)
    assert read_all(tmp_path / "local") == read_all(tmp_path / "dask")


def test_resume_cuts_partial_writes_and_skips_done_tasks(tmp_path):
    corpus = make_corpus(tmp_path / "c", 10)
    reference = tmp_path / "ref"
    run([corpus], reference, workers=1)
    # a crash after three tasks: the ledger says 3, and half a row was written after it
    out = tmp_path / "out"
    config = RunConfig(inputs=[str(corpus)], out_dir=out, workers=1)
    from evx.batch.runner import _Ledger
    from evx.readers import expand_inputs
    from evx.batch.tasks import Limits, plan_tasks, run_task
    ledger = _Ledger(out)
    ledger.start(config.identity(), resume=False)
    for task in list(plan_tasks(expand_inputs(config.inputs), ReadOptions()))[:3]:
        ledger.write_task(run_task(task, ReadOptions(), Limits()), {})
    ledger.handles["effects"].write(b'{"doc_id": "doc0003.txt", "sta')
    ledger.handles["effects"].flush()
    summary = run([corpus], out, workers=1, resume=True)
    assert summary.resumed_tasks == 3
    assert read_all(out) == read_all(reference)


def test_resume_refuses_other_inputs(tmp_path):
    from evx.errors import InputError
    out = tmp_path / "out"
    (out / STATE_DIR).mkdir(parents=True)
    (out / STATE_DIR / "state.json").write_text(json.dumps({"identity": {"inputs": ["elsewhere"]}}))
    with pytest.raises(InputError, match="other inputs"):
        run([make_corpus(tmp_path / "c", 2)], out, workers=1, resume=True)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_resume_after_kill_9_equals_uninterrupted_run(tmp_path):
    corpus = make_corpus(tmp_path / "c", 400)
    reference = tmp_path / "ref"
    run([corpus], reference, workers=1)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "evx.cli", "extract", str(corpus), "--out", str(out), "-q", "--workers", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state = out / STATE_DIR / "state.json"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if json.loads(state.read_text())["tasks_done"] >= 20:
                break
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = json.loads(state.read_text())["tasks_done"]
    assert 20 <= done < 400, "the run was not interrupted midway"
    assert not (out / "documents.jsonl").exists(), "no final file before the run completes"
    result = subprocess.run(command + ["--resume"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert read_all(out) == read_all(reference)


def test_parquet_copies_round_trip(tmp_path):
    pd = pytest.importorskip("pandas")
    corpus = make_corpus(tmp_path / "c", 5)
    out = tmp_path / "out"
    run([corpus], out, workers=1, formats=("jsonl", "parquet"))
    for kind in RECORD_FILES:
        table = pd.read_parquet(out / f"{kind}.parquet")
        rows = [json.loads(line) for line in (out / f"{kind}.jsonl").read_text().splitlines()]
        assert len(table) == len(rows)
        if rows:
            assert list(table["doc_id"]) == [r["doc_id"] for r in rows]


def test_oversized_document_is_reported_not_processed(tmp_path):
    from evx.batch.tasks import Limits
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "huge.txt").write_text("x" * 5000, encoding="utf-8")
    (folder / "ok.txt").write_text("Fine text.", encoding="utf-8")
    summary = run([folder], tmp_path / "out", workers=1, limits=Limits(max_chars=1000))
    assert summary.documents_failed == 1 and summary.documents_ok == 1
    docs = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    assert "more than the limit" in docs[0]["error"]


def test_dask_engine_against_a_running_scheduler(tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus = make_corpus(tmp_path / "c", 8)
    run([corpus], tmp_path / "local", workers=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        run([corpus], tmp_path / "remote", engine="dask", scheduler=cluster.scheduler_address)
    assert read_all(tmp_path / "local") == read_all(tmp_path / "remote")

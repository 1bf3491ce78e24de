"""Golden records: every record evx writes for the project's corpus, by each pipeline, compared
with the checked-in snapshots ``tests/golden/corpus_records_<pipeline>.jsonl``. A change to any
record fails here; when the change is intended, rewrite the snapshot with ``python
scripts/snapshot_records.py --update-golden [--pipeline NAME]`` and say in the commit why the
records changed."""
from __future__ import annotations

import json

import pytest
from snapshot_records import GOLDEN, PIPELINES, snapshot_text


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_corpus_records_equal_the_golden_snapshot(pipeline):
    expected = GOLDEN[pipeline].read_text(encoding="utf-8").splitlines()
    actual = snapshot_text("corpus", pipeline=pipeline).splitlines()
    assert [json.loads(line)["doc_id"] for line in actual] == [json.loads(line)["doc_id"] for line in expected]
    for got, want in zip(actual, expected):
        if got != want:
            got_rows, want_rows = json.loads(got)["rows"], json.loads(want)["rows"]
            for kind in want_rows:
                changed = [(w, g) for w, g in zip(want_rows[kind], got_rows[kind]) if w != g]
                assert len(got_rows[kind]) == len(want_rows[kind]) and not changed, (
                    f"{json.loads(want)['doc_id']} {kind}: {len(want_rows[kind])} -> {len(got_rows[kind])} "
                    f"records; first change: {changed[:1]}; if intended, run "
                    f"scripts/snapshot_records.py --update-golden --pipeline {pipeline}")
            assert got == want

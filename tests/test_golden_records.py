"""Golden records: every record evx writes for the project's corpus, compared with the checked-in
snapshot ``tests/golden/corpus_records.jsonl``. A change to any record fails here; when the
change is intended, rewrite the snapshot with ``python scripts/snapshot_records.py
--update-golden`` and say in the commit why the records changed."""
from __future__ import annotations

import json

from snapshot_records import GOLDEN, snapshot_text


def test_corpus_records_equal_the_golden_snapshot():
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    actual = snapshot_text("corpus").splitlines()
    assert [json.loads(line)["doc_id"] for line in actual] == [json.loads(line)["doc_id"] for line in expected]
    for got, want in zip(actual, expected):
        if got != want:
            got_rows, want_rows = json.loads(got)["rows"], json.loads(want)["rows"]
            for kind in want_rows:
                changed = [(w, g) for w, g in zip(want_rows[kind], got_rows[kind]) if w != g]
                assert len(got_rows[kind]) == len(want_rows[kind]) and not changed, (
                    f"{json.loads(want)['doc_id']} {kind}: {len(want_rows[kind])} -> {len(got_rows[kind])} "
                    f"records; first change: {changed[:1]}; if intended, run "
                    "scripts/snapshot_records.py --update-golden")
            assert got == want

"""A batch with eight kinds of broken input among forty good documents (issue 9):
every file is accounted for, every good one read, every bad one explained, once."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from evx.batch.runner import RunConfig, run_extract
from evx.batch.tasks import Limits

GOOD = ("Report {i}. A cohort study of {n} adults found that sleep of under six hours was associated with "
        "higher risk of stroke (HR 1.{i:02d}, 95% CI 1.01-1.{j:02d}). Larger trials may be needed.\n")


def broken_inputs(folder):
    """(file name, a word the error must contain) for eight kinds of bad input."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "binary.html").write_bytes(b"\x00\x01\x02PK" * 500)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    scan = canvas.Canvas(str(folder / "scanned.pdf"), pagesize=A4)
    scan.rect(72, 400, 300, 300, fill=1)
    scan.showPage()
    scan.save()
    (folder / "feed.xml").write_text("<rss><channel><title>News</title></channel></rss>", encoding="utf-8")
    (folder / "rows.jsonl").write_text('{"id": "row-ok", "text": "Fine."}\n{"id": "row-bad", "text": \n',
                                       encoding="utf-8")
    (folder / "table.csv").write_text("id,body\n1,some text\n", encoding="utf-8")
    (folder / "huge.txt").write_text("word " * 30_000, encoding="utf-8")
    return {"binary.txt": "binary", "binary.html": "binary.html", "broken.pdf": "broken.pdf",
            "scanned.pdf": "text layer", "feed.xml": "feed.xml", "rows.jsonl:2": "JSON",
            "table.csv": "column", "huge.txt": "limit"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    pytest.importorskip("reportlab")
    folder = tmp_path_factory.mktemp("batch")
    for i in range(40):
        (folder / f"good{i:02d}.txt").write_text(GOOD.format(i=i + 1, j=i + 50, n=1000 + i), encoding="utf-8")
    expected_errors = broken_inputs(folder)
    out = tmp_path_factory.mktemp("out")
    summary = run_extract(RunConfig(inputs=[str(folder)], out_dir=out, workers=1,
                                    limits=Limits(max_chars=100_000)))
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    effects = [json.loads(line) for line in (out / "effects.jsonl").read_text(encoding="utf-8").splitlines()]
    return summary, docs, effects, expected_errors


def test_every_file_appears_once(batch):
    summary, docs, _, expected_errors = batch
    ids = Counter(d["doc_id"] for d in docs)
    assert all(count == 1 for count in ids.values()), ids
    goods = {f"good{i:02d}.txt" for i in range(40)} | {"row-ok"}
    assert goods <= set(ids)
    for name in expected_errors:
        matches = [d for d in ids if d == name or d.endswith(name)]
        assert len(matches) == 1, f"{name} is not accounted for exactly once: {matches}"
    assert summary.documents_ok == len(goods)
    assert summary.documents_failed == len(expected_errors)


def test_every_good_document_is_read(batch):
    _, docs, effects, _ = batch
    ok = {d["doc_id"] for d in docs if d["status"] == "ok"}
    assert {f"good{i:02d}.txt" for i in range(40)} <= ok
    per_doc = Counter(e["doc_id"] for e in effects)
    assert all(per_doc[f"good{i:02d}.txt"] == 1 for i in range(40)), per_doc


def test_every_bad_file_is_explained(batch):
    _, docs, _, expected_errors = batch
    by_id = {d["doc_id"]: d for d in docs}
    for name, word in expected_errors.items():
        (doc,) = [d for key, d in by_id.items() if key == name or key.endswith(name)]
        assert doc["status"] == "error"
        assert word.lower() in doc["error"].lower(), (name, doc["error"])
        assert doc["error"].count("\n") == 0, "error messages are one line"

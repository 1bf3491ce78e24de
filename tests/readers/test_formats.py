"""One article as text, HTML, PDF and JATS gives the same records; bad files fail one by one."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from evx.extract import process_document
from evx.readers import Failed, ReadOptions, read_file
from evx.batch.runner import RunConfig, run_extract

pytest.importorskip("reportlab")
from support.pdfs import article_blocks, build_pdf  # noqa: E402  (tests/ is on pythonpath)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "formats"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The article in four formats."""
    folder = tmp_path_factory.mktemp("formats")
    for name in ("article.txt", "article.html", "article.xml"):
        shutil.copy(FIXTURES / name, folder / name)
    title, paragraphs = article_blocks()
    build_pdf(folder / "article.pdf", title, paragraphs)
    return folder


@pytest.fixture(scope="module")
def rows(folder, nlp) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.iterdir()):
        (document,) = read_file(path, path.name, ReadOptions())
        assert not isinstance(document, Failed), document
        out[path.suffix] = process_document(nlp, document)
    return out


def effects(rows: dict) -> list[tuple]:
    return sorted((e["measure"], e["value"], e["ci_low"], e["ci_high"], e["ci_level"], e["section"])
                  for e in rows["effects"])


def designs(rows: dict) -> list[tuple]:
    return sorted((d["design"], d["section"]) for d in rows["designs"])


@pytest.mark.parametrize("suffix", [".html", ".pdf", ".xml"])
def test_same_effects_as_the_text(rows, suffix):
    assert effects(rows[".txt"]), "the article's effect sizes are found in the text version"
    assert effects(rows[suffix]) == effects(rows[".txt"])


@pytest.mark.parametrize("suffix", [".html", ".pdf", ".xml"])
def test_same_designs_as_the_text(rows, suffix):
    assert designs(rows[".txt"]), "the article's design mention is found in the text version"
    assert designs(rows[suffix]) == designs(rows[".txt"])


def test_web_page_gives_only_the_articles_effects(rows):
    """The related-articles list, scripts and footer hold ratios and designs; none are read."""
    values = {e["value"] for e in rows[".html"]["effects"]}
    assert values == {0.72, 0.81}
    labels = {d["design"] for d in rows[".html"]["designs"]}
    assert not labels & {"rct", "systematic_review", "case_control", "cohort"} - {
        d["design"] for d in rows[".txt"]["designs"]}


def test_every_span_indexes_the_extracted_text(rows):
    for suffix, result in rows.items():
        text = result["documents"][0]["text"]
        for kind in ("effects", "designs"):
            for record in result[kind]:
                assert text[record["start"]:record["end"]] == record["text"], (suffix, record)


def test_batch_goes_on_past_bad_files(folder, tmp_path):
    batch = tmp_path / "in"
    shutil.copytree(folder, batch)
    (batch / "broken.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Cat")
    (batch / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (batch / "feed.xml").write_text("<rss><channel><title>News</title></channel></rss>", encoding="utf-8")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    scan = canvas.Canvas(str(batch / "scan.pdf"), pagesize=A4)
    scan.rect(72, 300, 400, 400, fill=1)
    scan.showPage()
    scan.save()

    summary = run_extract(RunConfig(inputs=[str(batch)], out_dir=tmp_path / "out", workers=1))
    documents = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").open(encoding="utf-8")]
    status = {d["doc_id"]: d["status"] for d in documents}
    assert status == {"article.html": "ok", "article.pdf": "ok", "article.txt": "ok", "article.xml": "ok",
                      "broken.pdf": "error", "feed.xml": "error", "picture.txt": "error", "scan.pdf": "error"}
    assert (summary.documents_ok, summary.documents_failed) == (4, 4)
    errors = {d["doc_id"]: d["error"] for d in documents if d["error"]}
    for doc_id, message in errors.items():
        assert doc_id in message                     # the message names the file
    assert "no text layer" in errors["scan.pdf"]
    assert "binary" in errors["picture.txt"]
    assert "not a JATS article" in errors["feed.xml"]
    assert "PDF" in errors["broken.pdf"]

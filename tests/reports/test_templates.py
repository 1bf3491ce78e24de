"""The Jinja2 templates: one base for both pages, autoescaping on everywhere."""
from __future__ import annotations

import re

import pandas as pd

from evx.reports.evaluation import render_evaluation_html
from evx.reports.html import environment
from evx.reports.review import render_review
from evx.reports.tables import formatted
from evx.scoring import Scorer, ScoreResult

B = "<b>bold</b>"
B_ESCAPED = "&lt;b&gt;bold&lt;/b&gt;"
TEXT = f"Cocoa {B} cures colds (OR 2.0, 95% CI 1.2-3.1). Cocoa may help."


def test_every_template_is_autoescaped_or_static():
    env = environment()
    names = env.list_templates()
    assert {"base.html", "macros.html", "evaluation.html", "review.html", "review_parts.html",
            "report.css", "review.js"} <= set(names)
    for name in names:
        if name.endswith(".html"):
            assert env.autoescape(name) is True, name
        else:           # included verbatim (the stylesheet, the script): nothing is printed into them
            source = env.loader.get_source(env, name)[0]
            assert "{{" not in source and "{%" not in source, name
    assert env.from_string("{{ x }}").render(x=B) == B_ESCAPED


def test_table_macro_escapes_labels_headers_and_cells():
    frame = pd.DataFrame({B: [0.5]}, index=pd.Index([B], name=B))
    out = str(environment().get_template("macros.html").module.table(formatted(frame), cls="scores"))
    assert "<b>bold" not in out and out.count(B_ESCAPED) == 3 and "<td>50.0</td>" in out


def review_page() -> str:
    start = TEXT.index("OR 2.0")
    documents = [
        {"doc_id": f"{B}.txt", "source": "x", "status": "ok", "error": None, "text": TEXT, "title": B,
         "overclaim_score": 1.0, "overclaim_count": 1, "main_design": B, "main_population": B,
         "evidence_level": B, "evidence_level_name": B, "strongest_claim": B},
        {"doc_id": "broken.pdf", "source": "broken.pdf", "status": "error", "error": B, "text": None},
    ]
    claim = {"doc_id": f"{B}.txt", "start": 0, "end": TEXT.index("."), "text": B, "strength": B,
             "hedged": True, "overclaim": True, "reasons": [B], "explanations": {B: B}, "evidence": B,
             "produced_by": B, "hypothesis": True}
    design = {"doc_id": f"{B}.txt", "start": 0, "end": 5, "text": B, "design": "rct"}
    effect = {"doc_id": f"{B}.txt", "start": start, "end": start + 6, "text": B, "measure": B, "value": 2.0,
              "ci_low": 1.2, "ci_high": 3.1, "ci_level": 95, "flags": [B], "flag_details": {B: B},
              "produced_by": B}
    records = {"claims": [claim], "designs": [design, {**design, "design": B}], "effects": [effect],
               "hedges": [], "sample_sizes": []}
    return render_review(documents, records)


def test_review_page_escapes_every_field():
    page = review_page()
    assert "<b>bold" not in page and B_ESCAPED in page
    body = page[page.index("<body>"):]
    # the title, doc_id, badges, claim, reasons, evidence, effect row, flags, tags, the error
    assert body.count(B_ESCAPED) >= 20, body.count(B_ESCAPED)
    assert "<h2>1. &lt;b&gt;bold&lt;/b&gt;</h2>" in page
    assert 'title="&lt;b&gt;bold&lt;/b&gt;">&lt;b&gt;bold&lt;/b&gt;</span>' in page        # a flag
    assert "Not processed: &lt;b&gt;bold&lt;/b&gt;" in page


def test_evaluation_page_escapes_every_field():
    scorer = Scorer()
    gold = {"effects": [{"start": 6, "end": 17, "quote": B, "measure": B, "value": 1.0}],
            "claims": [{"start": 0, "end": 20, "quote": TEXT[:20], "strength": "direct_causal",
                        "overclaim": True, "reasons": ["unhedged_certainty"]}]}
    scorer.score_document(f"{B}.txt", gold, {}, None, TEXT)
    scores = {**scorer.result(), "docs_missing": [B], "tolerance": B}
    page = render_evaluation_html(ScoreResult(scores=scores, errors=scorer.errors))
    assert "<b>bold" not in page and B_ESCAPED in page
    assert f"<h4>{B_ESCAPED}.txt <small>(" in page                     # the document of the errors
    assert f"<td>{B_ESCAPED}</td>" in page                              # a per-type label
    assert f"relative tolerance {B_ESCAPED}" in page and f"misses): {B_ESCAPED}" in page
    assert f'<span class="ctx">Cocoa <mark>{B_ESCAPED}</mark>' in page


def test_both_pages_share_the_base_template():
    scorer = Scorer()
    scorer.score_document("a.txt", {}, {}, None, "")
    evaluation = render_evaluation_html(ScoreResult(scores=scorer.result()))
    review = review_page()
    head = lambda page: re.sub(r"<title>[^<]*</title>", "", page[:page.index("</head>")])  # noqa: E731
    assert head(evaluation) == head(review)
    assert head(review).count("<style>") == 1 and "--ink:" in head(review)
    for page, title in ((evaluation, "evx evaluation"), (review, "evx review")):
        assert f"<title>{title}</title>" in page and f'<header class="top"><h1>{title}</h1>' in page
        assert page.count("<main>") == 1 and page.rstrip().endswith("</html>")
    assert "<script>" in review and "<script" not in evaluation

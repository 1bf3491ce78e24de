"""The review page and the evaluation report: escaping, ranking, nesting, self-contained."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from evx.reports.evaluation import render_evaluation_html, render_evaluation_md
from evx.reports.review import highlight, rank_documents, render_review
from evx.reports.svg import bar_chart, confusion_matrix
from evx.scoring import Scorer, ScoreResult

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
TEXT = f"Cocoa cures colds, a blog said {SCRIPT} and {IMG}. Cocoa may help (OR 2.0, 95% CI 1.2-3.1)."


def escaped(text: str) -> str:
    """``text`` as the pages spell it: Jinja2's autoescaping (markupsafe) writes ``'`` and ``"``
    as ``&#39;`` and ``&#34;``, where ``html.escape`` writes ``&#x27;`` and ``&quot;``."""
    assert html.unescape(str(escape(text))) == text
    return str(escape(text))


class TagChecker(HTMLParser):
    """Collects tags and checks that <mark> elements are well nested."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "mark":
            if not self.stack:
                self.errors.append("unopened </mark>")
            else:
                self.stack.pop()


def parse(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    return checker


def records_for(doc_id: str, text: str, overclaim: bool) -> dict[str, list[dict]]:
    claim_end = text.index(".") if "." in text else len(text)
    may = text.find("may")
    return {
        "claims": [{"doc_id": doc_id, "start": 0, "end": claim_end, "text": text[:claim_end],
                    "strength": "direct_causal", "hedged": False, "overclaim": overclaim,
                    "reasons": ["unhedged_certainty"] if overclaim else [],
                    "explanations": {"unhedged_certainty": f"certain wording {IMG}"} if overclaim else {},
                    "evidence": "other", "produced_by": f"rule:{SCRIPT}"}],
        "hedges": ([{"doc_id": doc_id, "start": may, "end": may + 3, "text": "may", "cue": "may",
                     "category": "modal", "on_claim": True}] if may >= 0 else []),
        "effects": [], "designs": [], "sample_sizes": [],
    }


def doc(doc_id: str, text: str, score: float, count: int) -> dict:
    return {"doc_id": doc_id, "source": doc_id, "status": "ok", "error": None, "text": text,
            "overclaim_score": score, "overclaim_count": count}


def page_for(documents: list[dict], records: list[dict[str, list[dict]]]) -> str:
    merged: dict[str, list[dict]] = {}
    for recs in records:
        for kind, rows in recs.items():
            merged.setdefault(kind, []).extend(rows)
    return render_review(documents, merged)


def test_planted_markup_is_shown_never_run():
    evil_id = f"{IMG}.txt"
    documents = [doc(evil_id, TEXT, 1.0, 1)]
    page = page_for(documents, [records_for(evil_id, TEXT, True)])
    checker = parse(page)
    assert [t for t, _ in checker.tags].count("script") == 1          # ours, with no src
    assert "img" not in [t for t, _ in checker.tags]
    assert not any(name.startswith("on") for _, attrs in checker.tags for name in attrs)
    assert escaped(SCRIPT) in page
    assert escaped(IMG) in page
    assert SCRIPT not in page and IMG not in page
    own_script = page[page.index("<script>"):page.index("</script>")]
    assert "alert" not in own_script


def test_articles_are_ranked_by_overclaim_score():
    texts = {"calm.txt": "Nothing to flag here.", "worst.txt": TEXT, "middle.txt": "Kale cures colds."}
    scores = {"calm.txt": (0.0, 0), "worst.txt": (2.5, 2), "middle.txt": (0.7, 1)}
    documents = [doc(i, t, *scores[i]) for i, t in texts.items()]
    documents.append({"doc_id": "broken.pdf", "source": "broken.pdf", "status": "error",
                      "error": "cannot be read", "text": None})
    records = [records_for(i, t, scores[i][1] > 0) for i, t in texts.items()]
    assert [d["doc_id"] for d in rank_documents(documents, {})] == \
        ["worst.txt", "middle.txt", "calm.txt", "broken.pdf"]
    page = page_for(documents, records)
    order = [page.index(f'id="doc-{n}"') for n in range(1, 5)]
    assert order == sorted(order)
    assert page.index("worst.txt") < page.index("middle.txt") < page.index("calm.txt")
    first_article = page[page.index('id="doc-1"'):page.index('id="doc-2"')]
    assert "Overclaims (1)" in first_article
    assert first_article.index("Overclaims") < first_article.index("<h3>Text</h3>")
    assert "unhedged_certainty" in first_article and "cannot be read" in page
    assert 'data-tags="over reason:unhedged_certainty"' in first_article
    assert 'data-tag="reason:unhedged_certainty"' in page          # a filter for the reason


def test_page_is_self_contained():
    page = page_for([doc("a.txt", TEXT, 1.0, 1)], [records_for("a.txt", TEXT, True)])
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page and "@import" not in page
    assert "<style>" in page and 'data-hide="hedges"' in page and 'data-tag="over"' in page


def test_hedge_inside_claim_is_nested():
    text = "Cocoa may help."
    out = highlight(text, [(0, 14, "claims", {"strength": "conditional_causal"}),
                           (6, 9, "hedges", {"cue": "may"})])
    assert re.fullmatch(r'<mark class="hl claims"[^>]*>Cocoa <mark class="hl hedges"[^>]*>may</mark>'
                        r' help</mark>\.', out)


def test_crossing_spans_are_split_and_labelled_once():
    text = "abcdefghij"
    out = highlight(text, [(0, 6, "designs", {"design": "rct"}), (3, 9, "effects", {"measure": "OR"})])
    assert parse(out).errors == [] and parse(out).stack == []
    assert out.count('data-label="OR"') == 1 and out.count('data-label="rct"') == 1
    assert out.count("cont") == 1
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


spans = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12),
                           st.sampled_from(["claims", "designs", "effects", "hedges", "sample_sizes"])),
                 max_size=8)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=30), raw=spans)
def test_highlight_keeps_text_and_nesting(text, raw):
    items = [(s, s + n, kind, {}) for s, n, kind in raw]
    out = highlight(text, items)
    checker = parse(out)
    assert checker.errors == [] and checker.stack == []
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert "<" not in re.sub(r"</?mark[^>]*>", "", out)


def test_evaluation_report_escapes_contexts_and_draws_svg():
    text = f"Intro {SCRIPT}. Cocoa cures colds {IMG} said one."
    start = text.index("Cocoa")
    scorer = Scorer()
    gold = {"claims": [{"start": start, "end": start + 17, "quote": text[start:start + 17],
                        "strength": "direct_causal", "overclaim": True, "reasons": ["unhedged_certainty"]}]}
    pred = {"claims": [{"start": 0, "end": 5, "text": "Intro", "strength": "none",
                        "overclaim": False, "reasons": []}]}
    scorer.score_document(f"{IMG}.txt", gold, pred, None, text)
    result = ScoreResult(scores=scorer.result(), errors=scorer.errors)
    page = render_evaluation_html(result)
    checker = parse(page)
    tags = [t for t, _ in checker.tags]
    assert "script" not in tags and "img" not in tags
    assert tags.count("svg") == 2 and "http://" not in page and "https://" not in page
    assert escaped(IMG) in page
    assert SCRIPT not in page and IMG not in page
    assert "miss" in page and "false hit" in page
    md = render_evaluation_md(result)
    assert "### claims" in md and "### overclaims" in md and "Cocoa cures colds" in md
    assert re.search(r"(?<!\\)<(?:img|script)", md) is None and "\\<img" in md


def test_svg_plots_scale_with_values():
    chart = bar_chart([("effects", [0.5, 0.25])], ["overlap", "strict"])
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)" height="12"', chart)]
    assert len(widths) == 2 and abs(widths[0] - 2 * widths[1]) < 0.2
    matrix = confusion_matrix({"none": {"none": 3, "correlational": 1},
                               "correlational": {"none": 0, "correlational": 5}})
    cells = re.findall(r'class="cell"[^>]*>(\d+)<', matrix)
    assert cells == ["3", "1", "0", "5"]


def test_max_docs_shows_the_top_articles_and_lists_all():
    documents = [doc(f"d{i}.txt", f"Article number {i}.", float(i), i) for i in range(5)]
    page = render_review(documents, {}, max_docs=2)
    assert page.count("<article") == 2
    assert page.index("Article number 4") < page.index("Article number 3")
    assert 'href="#doc-5"' in page and "3 lower-ranked articles" in page

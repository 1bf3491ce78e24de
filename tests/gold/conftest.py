"""Shared fixtures of the gold tests: a small article with a gold file for it, and the
project's own gold folder with its article texts."""
from __future__ import annotations

from pathlib import Path

import pytest

from evx.gold import dump_gold, load_gold, read_corpus
from evx.records import SPAN_KINDS

REPO = Path(__file__).resolve().parents[2]
ARTICLE = ("Tea drinkers and stroke\n\n"
           "A 2018 cohort study followed 9,300 adults in Osaka for twelve years. "
           "Daily drinkers had a lower risk of stroke (HR 0.79, 95% CI 0.66-0.94).\n"
           "Green tea may protect the brain, the team wrote.\n")


def make_span(text: str, quote: str, **fields) -> dict:
    start = text.index(quote)
    return {"start": start, "end": start + len(quote), "quote": quote, **fields}


def make_gold_doc(text: str = ARTICLE) -> dict:
    span = make_span
    return {
        "doc_id": "tea.txt", "style": "consumer news", "main_design": "cohort", "main_population": "human",
        "effects": [span(text, "HR 0.79, 95% CI 0.66-0.94", measure="HR", value=0.79, ci_low=0.66,
                         ci_high=0.94, ci_level=95, p_value=None, adjusted=False, pooled=False)],
        "sample_sizes": [span(text, "9,300 adults", n=9300, group="adults", bound=None)],
        "designs": [span(text, "A 2018 cohort study", design="cohort", population="human", year=2018)],
        "hedges": [span(text, "may", cue="may", on_claim=True)],
        "claims": [span(text, "Green tea may protect the brain", strength="conditional_causal",
                        hedged=True, overclaim=True, reasons=["causal_from_observational"],
                        explanations={"causal_from_observational": "a cohort cannot show protection"})],
    }


@pytest.fixture
def article() -> str:
    """The text of the small article ``tea.txt``."""
    return ARTICLE


@pytest.fixture
def span():
    """``span(text, quote, **fields)``: a gold record over the first occurrence of ``quote``."""
    return make_span


@pytest.fixture
def gold_doc() -> dict:
    """A fresh gold document for ``tea.txt``: one record of every kind."""
    return make_gold_doc()


@pytest.fixture
def folders(tmp_path: Path):
    """``(corpus, gold)`` folders holding ``tea.txt`` and its gold file."""
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    (corpus / "tea.txt").write_text(ARTICLE, encoding="utf-8")
    (gold / "tea.json").write_text(dump_gold(make_gold_doc()), encoding="utf-8")
    return corpus, gold


@pytest.fixture
def repo() -> Path:
    """This repository, when its gold/ folder holds gold files (skipped while it does not)."""
    if not any((REPO / "gold").glob("*.json")):
        pytest.skip("no gold files yet")
    return REPO


@pytest.fixture
def project_gold(repo: Path) -> list[tuple[str, dict, str]]:
    """``(doc_id, data, text)`` for each gold file of this repository that has its article,
    every record list sorted by span."""
    texts = read_corpus(repo / "corpus")
    documents = []
    for doc_id, gold in load_gold(repo / "gold").items():
        if doc_id not in texts:
            continue
        data = {**gold.data, **{k: sorted(gold.data.get(k) or [], key=lambda r: (r["start"], r["end"]))
                                for k in SPAN_KINDS}}
        documents.append((doc_id, data, texts[doc_id]))
    assert documents
    return documents

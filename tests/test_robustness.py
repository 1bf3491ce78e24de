"""Property-based and adversarial tests: the pipeline never raises, offsets always slice.

A small fuzz budget (hypothesis) runs in CI; the adversarial texts are built to make
badly written regular expressions backtrack, and must simply finish.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evx.extract import process_document
from evx.readers import Document
from evx.records import SPAN_KINDS

# pieces that the extractors look for, so random texts reach deep into the patterns
PIECES = [
    "OR", "aOR", "HR", "RR", "IRR", "odds ratio", "hazard ratio", " = ", ": ", "(", ")", "[", "]",
    "95% CI", "95%CI", "CI", "CL", "credible interval", "1.51", "0,93", "1·18", ".76", "-", "–", " to ",
    ", ", "; ", "p", "P < .001", "p=0·02", "may", "might", "suggests", "more research is needed",
    "remains unclear", "whether", " or ", "cohort", "case-control", "meta-analysis", "mice",
    "randomised controlled trial", "2019", "causes", "associated with", "increased the risk of",
    "\n", "\n\n", "  • ", " 1", "1, 3", "References\n", "é", "\u00a0", "µ", "≤", "\t", ".", "?",
]

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=300),
)


@pytest.fixture(scope="module")
def pipeline():
    from evx.nlp.pipeline import build_pipeline
    return build_pipeline()


def check_rows(text, rows):
    assert rows["documents"][0]["status"] == "ok", rows["documents"][0]["error"]
    for kind in SPAN_KINDS:
        for row in rows[kind]:
            assert 0 <= row["start"] <= row["end"] <= len(text)
            assert text[row["start"]:row["end"]] == row["text"], (kind, row)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts)
def test_extractors_never_raise_and_offsets_slice(pipeline, text):
    check_rows(text, process_document(pipeline, Document("fuzz", "fuzz", text)))


ADVERSARIAL = {
    "digits_and_dots": "1." * 40_000,
    "open_brackets": "OR 1.5 (" * 10_000,
    "ci_without_end": "95% CI 1.2-" * 10_000,
    "separators": "OR = 1,1,1,1,1; " * 8_000,
    "hedge_words": "may " * 30_000,
    "one_long_line": ("HR 0.8 (95% CI 0.7-0.9) " * 5_000).replace(" ", ""),
    "no_spaces": "a" * 200_000,
    "nested_parens": "(" * 20_000 + ")" * 20_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_inputs_finish(pipeline, name):
    text = ADVERSARIAL[name]
    check_rows(text, process_document(pipeline, Document(name, name, text)))

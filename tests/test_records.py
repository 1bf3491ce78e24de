"""The record contract: fields, vocabularies, offsets, and the schema documentation."""
from __future__ import annotations

import re

from pathlib import Path

import pytest

from evx.extract import extract_text
from evx.records import (DESIGNS, MEASURES, POPULATIONS, RECORD_FILES, SPAN_KINDS, STRENGTHS,
                         field_names)

REPO = Path(__file__).resolve().parents[1]

# the fields shared/spec/records.md fixes, kind by kind (a rename or a drop must fail here)
CONTRACT = {
    "documents": ["doc_id", "source", "status", "error", "main_design", "main_population",
                  "evidence_level", "overclaim_count", "overclaim_score"],
    "effects": ["start", "end", "text", "measure", "value", "ci_low", "ci_high", "ci_level",
                "p_value", "adjusted", "pooled", "flags"],
    "designs": ["start", "end", "text", "design", "population", "year"],
    "hedges": ["start", "end", "text", "cue", "category", "on_claim"],
    "claims": ["start", "end", "text", "strength", "hedged", "overclaim", "reasons"],
}

ARTICLE = """Coffee and survival

A prospective cohort study followed 52,000 adults for 12 years. Drinking three cups a day was
associated with lower mortality (adjusted HR 0.88, 95% CI 0.81-0.95; p=0.002). The authors say
coffee may protect the liver, but more research is needed. Some people may feel jittery.
"""


@pytest.mark.parametrize("kind, required", CONTRACT.items())
def test_contract_fields_exist(kind, required):
    names = field_names(RECORD_FILES[kind])
    missing = [name for name in required if name not in names]
    assert not missing, f"{kind} lacks contract fields {missing}"


def test_vocabularies_match_contract():
    assert set(MEASURES) == {"OR", "RR", "HR", "IRR", "PR", "SMR", "SIR", "ratio"}
    assert set(STRENGTHS) == {"none", "correlational", "conditional_causal", "direct_causal"}
    assert set(POPULATIONS) == {"human", "animal", "cells"}
    assert {"meta_analysis", "rct", "cohort", "case_control", "animal", "in_vitro", "guideline",
            "narrative_review", "other"} <= set(DESIGNS)


def test_schema_doc_lists_every_field():
    schema = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    for kind, record_class in RECORD_FILES.items():
        section = re.search(rf"## {kind}\.jsonl.*?(?=\n## |\Z)", schema, re.S)
        assert section, f"docs/schema.md has no section for {kind}.jsonl"
        for name in field_names(record_class):
            assert f"`{name}`" in section.group(0), f"docs/schema.md does not explain {kind}.{name}"


def test_rows_carry_doc_id_and_offsets_slice_to_text():
    rows = extract_text(ARTICLE, doc_id="coffee")
    assert rows["documents"][0]["status"] == "ok"
    assert rows["documents"][0]["text"] == ARTICLE
    found = 0
    for kind in SPAN_KINDS:
        for row in rows[kind]:
            assert row["doc_id"] == "coffee"
            assert ARTICLE[row["start"]:row["end"]] == row["text"], (kind, row)
            assert row["produced_by"], f"{kind} record does not say what produced it"
            found += 1
    assert found > 0


def test_vocabulary_values_in_rows():
    rows = extract_text(ARTICLE)
    for row in rows["effects"]:
        assert row["measure"] in MEASURES
        if row["ci_low"] is not None:
            assert row["ci_low"] <= row["ci_high"]
    for row in rows["designs"]:
        assert row["design"] in DESIGNS
        assert row["population"] in (*POPULATIONS, None)
    for row in rows["claims"]:
        assert row["strength"] in STRENGTHS


def test_same_input_same_records():
    assert extract_text(ARTICLE) == extract_text(ARTICLE)

"""evx.gold.brat: BRAT standoff export and import, and their round trip."""
from __future__ import annotations

import json

import pytest

from evx.errors import GoldError
from evx.gold import brat_to_gold, export_brat, gold_to_brat, import_brat, load_gold
from evx.gold.brat import BRAT_ATTRIBUTES
from evx.records import FIELD_VOCABULARIES, SPAN_RECORDS, fields_of_type


def _sorted(data: dict) -> dict:
    return {k: (sorted(v, key=lambda r: (r["start"], r["end"])) if isinstance(v, list) else v)
            for k, v in data.items()}


def test_brat_round_trip_keeps_every_field(article, gold_doc, span):
    text, data = article, gold_doc
    # a claim that runs over a line break becomes two BRAT fragments
    data["claims"].append(span(text, "(HR 0.79, 95% CI 0.66-0.94).\nGreen tea", strength="none",
                               hedged=False, overclaim=False, reasons=[]))
    ann = gold_to_brat(data, text)
    assert "\tClaim " in ann and ";" in ann.split("\tClaim ")[2].split("\t")[0]
    assert "A" in ann and "\tcausal_from_observational T" in ann
    assert brat_to_gold(ann, text, "ignored.txt") == json.loads(json.dumps(_sorted(data)))


def test_brat_attributes_edited_in_the_tool_win_over_the_note(article, gold_doc):
    ann = gold_to_brat(gold_doc, article)
    # an annotator removes the Overclaim attribute and the reason, and changes the measure
    lines = [line for line in ann.splitlines()
             if not line.split("\t")[1].startswith(("Overclaim ", "causal_from_observational "))]
    lines = [line.replace("Measure T2 HR", "Measure T2 RR") for line in lines]
    back = brat_to_gold("\n".join(lines), article, "tea.txt")
    assert back["claims"][0]["overclaim"] is False and back["claims"][0]["reasons"] == []
    assert back["effects"][0]["measure"] == "RR"


def test_brat_written_by_hand_without_notes(article):
    ann = ("T1\tHedge 147 150\tmay\nA1\tOnClaim T1\n"
           f"T2\tDesign {article.index('cohort')} {article.index('cohort') + 6}\tcohort\n"
           "A2\tDesignType T2 cohort\n")
    back = brat_to_gold(ann, article, "tea.txt")
    assert back["hedges"] == [{"start": 147, "end": 150, "quote": article[147:150], "on_claim": True}]
    assert back["designs"][0]["design"] == "cohort" and back["designs"][0]["quote"] == "cohort"
    with pytest.raises(GoldError, match="unknown entity type 'Drug'"):
        brat_to_gold("T1\tDrug 0 3\tTea\n", article, "tea.txt")


def test_attribute_values_are_the_record_vocabularies():
    """A multi-valued attribute offers its field's vocabulary; a binary one stands for a boolean."""
    for kind, attributes in BRAT_ATTRIBUTES.items():
        booleans = fields_of_type(SPAN_RECORDS[kind], bool) if kind in SPAN_RECORDS else ()
        for name, (_, values) in attributes.items():
            assert values == FIELD_VOCABULARIES.get(name), (kind, name)
            assert (values is None) == (name in booleans), (kind, name)


def test_folder_exports_and_imports_round_trip(folders, article, tmp_path):
    corpus, gold = folders
    brat, back_brat = tmp_path / "brat", tmp_path / "back_brat"
    export_brat(gold, brat, corpus)
    assert (brat / "tea.txt").read_text(encoding="utf-8") == article
    assert (brat / "annotation.conf").exists()
    import_brat(brat, back_brat)
    original = load_gold(gold)["tea.txt"].data
    assert load_gold(back_brat)["tea.txt"].data == original


def test_project_gold_round_trips_through_brat(project_gold):
    """Every gold file of this repository survives the conversion (skipped while absent)."""
    for doc_id, data, text in project_gold:
        assert brat_to_gold(gold_to_brat(data, text), text, "x") == data, doc_id

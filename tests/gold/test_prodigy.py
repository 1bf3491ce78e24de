"""evx.gold.prodigy: Prodigy-style JSONL export and import, and their round trip."""
from __future__ import annotations

import json

import pytest

from evx.errors import GoldError
from evx.gold import (
    check_gold, export_prodigy, gold_to_prodigy, import_prodigy, load_gold, prodigy_to_gold,
)


def test_prodigy_round_trip(article, gold_doc):
    task = gold_to_prodigy(gold_doc, article)
    assert task["text"] == article and task["meta"]["doc_id"] == "tea.txt"
    assert {s["label"] for s in task["spans"]} == {"EFFECT", "SAMPLE_SIZE", "DESIGN", "HEDGE", "CLAIM"}
    assert [s["start"] for s in task["spans"]] == sorted(s["start"] for s in task["spans"])
    assert prodigy_to_gold(json.loads(json.dumps(task))) == gold_doc


def test_unknown_label_and_missing_doc_id(article):
    with pytest.raises(GoldError, match="unknown span label 'DRUG'"):
        prodigy_to_gold({"text": article, "spans": [{"start": 0, "end": 3, "label": "DRUG"}],
                         "meta": {"doc_id": "tea.txt"}})
    with pytest.raises(GoldError, match="no \"meta\""):
        prodigy_to_gold({"text": article, "spans": []})


def test_folder_exports_and_imports_round_trip(folders, tmp_path):
    corpus, gold = folders
    original = load_gold(gold)["tea.txt"].data
    jsonl, back_prodigy = tmp_path / "gold.jsonl", tmp_path / "back_prodigy"
    assert export_prodigy(gold, jsonl, corpus) == 1
    rejected = json.dumps({"text": "x", "spans": [], "meta": {"doc_id": "rejected.txt"}, "answer": "reject"})
    jsonl.write_text(jsonl.read_text(encoding="utf-8") + rejected + "\n", encoding="utf-8")
    import_prodigy(jsonl, back_prodigy)
    assert sorted(p.name for p in back_prodigy.iterdir()) == ["tea.json"]
    assert load_gold(back_prodigy)["tea.txt"].data == original
    assert check_gold(back_prodigy, corpus) == []


def test_project_gold_round_trips_through_prodigy(project_gold):
    """Every gold file of this repository survives the conversion (skipped while absent)."""
    for doc_id, data, text in project_gold:
        assert prodigy_to_gold(json.loads(json.dumps(gold_to_prodigy(data, text)))) == data, doc_id

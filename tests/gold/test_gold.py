"""Gold files: loading with line numbers, checking, BRAT and Prodigy round trips."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from evx.errors import GoldError
from evx.gold import (
    brat_to_gold, check_gold, dump_gold, export_brat, export_prodigy, gold_to_brat,
    gold_to_prodigy, import_brat, import_prodigy, load_gold, locate_records, prodigy_to_gold,
    read_gold_file,
)

ARTICLE = ("Tea drinkers and stroke\n\n"
           "A 2018 cohort study followed 9,300 adults in Osaka for twelve years. "
           "Daily drinkers had a lower risk of stroke (HR 0.79, 95% CI 0.66-0.94).\n"
           "Green tea may protect the brain, the team wrote.\n")


def span(text: str, quote: str, **fields) -> dict:
    start = text.index(quote)
    return {"start": start, "end": start + len(quote), "quote": quote, **fields}


def gold_doc(text: str = ARTICLE) -> dict:
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
def folders(tmp_path: Path):
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    (corpus / "tea.txt").write_text(ARTICLE, encoding="utf-8")
    (gold / "tea.json").write_text(dump_gold(gold_doc()), encoding="utf-8")
    return corpus, gold


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_valid_gold_has_no_problems(folders):
    corpus, gold = folders
    assert check_gold(gold, corpus) == []


def test_line_numbers_point_at_each_record():
    text = dump_gold(gold_doc())
    key_lines, record_lines = locate_records(text)
    lines = text.splitlines()
    assert key_lines["doc_id"] == 2
    for kind, numbers in record_lines.items():
        for number in numbers:
            assert lines[number - 1].lstrip().startswith('{"start"'), (kind, number)
    assert '"HR 0.79' in lines[record_lines["effects"][0] - 1]


def test_offset_and_quote_disagree_is_reported_with_line_and_hint(folders):
    corpus, gold = folders
    data = gold_doc()
    data["effects"][0]["start"] += 1
    data["effects"][0]["end"] += 1
    (gold / "tea.json").write_text(dump_gold(data), encoding="utf-8")
    problems = check_gold(gold, corpus)
    assert len(problems) == 1
    line = read_gold_file(gold / "tea.json").record_lines["effects"][0]
    true_start = ARTICLE.index("HR 0.79")
    assert messages(problems)[0].startswith(f"{gold / 'tea.json'}:{line}: effects[0]: offsets")
    assert f"the quote is at {true_start}-" in messages(problems)[0]


@pytest.mark.parametrize("kind, field, value, expected", [
    ("effects", "measure", "Odds", "unknown measure 'Odds'"),
    ("designs", "design", "RCT", "unknown design 'RCT'"),
    ("claims", "strength", "causal", "unknown strength 'causal'"),
    ("claims", "reasons", ["too_strong"], "unknown reason 'too_strong'"),
    ("hedges", "on_claim", "yes", "on_claim must be true or false"),
    ("effects", "value", "0.79", "value must be a number"),
    ("effects", "colour", "red", "unknown field 'colour'"),
])
def test_bad_labels_and_fields(folders, kind, field, value, expected):
    corpus, gold = folders
    data = gold_doc()
    data[kind][0][field] = value
    (gold / "tea.json").write_text(dump_gold(data), encoding="utf-8")
    found = messages(check_gold(gold, corpus))
    assert any(expected in m for m in found), found


def test_claim_consistency_rules(folders):
    corpus, gold = folders
    data = gold_doc()
    data["claims"][0]["overclaim"] = False            # reasons left behind
    data["effects"][0]["ci_low"], data["effects"][0]["ci_high"] = 0.94, 0.66
    (gold / "tea.json").write_text(dump_gold(data), encoding="utf-8")
    found = messages(check_gold(gold, corpus))
    assert any("reasons without overclaim" in m for m in found)
    assert any("ci_low 0.94 is above ci_high 0.66" in m for m in found)


def test_missing_article_and_missing_gold(folders):
    corpus, gold = folders
    (corpus / "other.txt").write_text("Another article.\n", encoding="utf-8")
    data = gold_doc()
    data["doc_id"] = "gone.txt"
    (gold / "gone.json").write_text(dump_gold(data), encoding="utf-8")
    found = messages(check_gold(gold, corpus))
    assert any("article 'gone.txt' is not in the corpus" in m for m in found)
    assert any(m.endswith("other.txt:1: article has no gold file (expected other.json in " + str(gold) + ")")
               for m in found)


def test_invalid_json_reports_its_line(folders):
    corpus, gold = folders
    (gold / "tea.json").write_text('{\n  "doc_id": "tea.txt",\n  "effects": [,]\n}\n', encoding="utf-8")
    found = messages(check_gold(gold, corpus))
    assert found[0].startswith(f"{gold / 'tea.json'}:3: not valid JSON")
    with pytest.raises(GoldError):
        load_gold(gold)


def test_hedged_claim_without_cue_is_a_warning(folders):
    corpus, gold = folders
    data = gold_doc()
    data["hedges"] = []
    (gold / "tea.json").write_text(dump_gold(data), encoding="utf-8")
    problems = check_gold(gold, corpus)
    assert [p.severity for p in problems] == ["warning"]
    assert "no hedge cue" in problems[0].message


def test_brat_round_trip_keeps_every_field():
    text = ARTICLE
    data = gold_doc()
    # a claim that runs over a line break becomes two BRAT fragments
    data["claims"].append(span(text, "(HR 0.79, 95% CI 0.66-0.94).\nGreen tea", strength="none",
                               hedged=False, overclaim=False, reasons=[]))
    ann = gold_to_brat(data, text)
    assert "\tClaim " in ann and ";" in ann.split("\tClaim ")[2].split("\t")[0]
    assert "A" in ann and "\tcausal_from_observational T" in ann
    assert brat_to_gold(ann, text, "ignored.txt") == json.loads(json.dumps(_sorted(data)))


def _sorted(data: dict) -> dict:
    return {k: (sorted(v, key=lambda r: (r["start"], r["end"])) if isinstance(v, list) else v)
            for k, v in data.items()}


def test_brat_attributes_edited_in_the_tool_win_over_the_note():
    data = gold_doc()
    ann = gold_to_brat(data, ARTICLE)
    # an annotator removes the Overclaim attribute and the reason, and changes the measure
    lines = [line for line in ann.splitlines()
             if not line.split("\t")[1].startswith(("Overclaim ", "causal_from_observational "))]
    lines = [line.replace("Measure T2 HR", "Measure T2 RR") for line in lines]
    back = brat_to_gold("\n".join(lines), ARTICLE, "tea.txt")
    assert back["claims"][0]["overclaim"] is False and back["claims"][0]["reasons"] == []
    assert back["effects"][0]["measure"] == "RR"


def test_brat_written_by_hand_without_notes():
    ann = ("T1\tHedge 147 150\tmay\nA1\tOnClaim T1\n"
           f"T2\tDesign {ARTICLE.index('cohort')} {ARTICLE.index('cohort') + 6}\tcohort\n"
           "A2\tDesignType T2 cohort\n")
    back = brat_to_gold(ann, ARTICLE, "tea.txt")
    assert back["hedges"] == [{"start": 147, "end": 150, "quote": ARTICLE[147:150], "on_claim": True}]
    assert back["designs"][0]["design"] == "cohort" and back["designs"][0]["quote"] == "cohort"
    with pytest.raises(GoldError, match="unknown entity type 'Drug'"):
        brat_to_gold("T1\tDrug 0 3\tTea\n", ARTICLE, "tea.txt")


def test_prodigy_round_trip():
    data = gold_doc()
    task = gold_to_prodigy(data, ARTICLE)
    assert task["text"] == ARTICLE and task["meta"]["doc_id"] == "tea.txt"
    assert {s["label"] for s in task["spans"]} == {"EFFECT", "SAMPLE_SIZE", "DESIGN", "HEDGE", "CLAIM"}
    assert [s["start"] for s in task["spans"]] == sorted(s["start"] for s in task["spans"])
    assert prodigy_to_gold(json.loads(json.dumps(task))) == data


def test_folder_exports_and_imports_round_trip(folders, tmp_path):
    corpus, gold = folders
    brat, back_brat = tmp_path / "brat", tmp_path / "back_brat"
    export_brat(gold, brat, corpus)
    assert (brat / "tea.txt").read_text(encoding="utf-8") == ARTICLE
    assert (brat / "annotation.conf").exists()
    import_brat(brat, back_brat)
    original = load_gold(gold)["tea.txt"].data
    assert load_gold(back_brat)["tea.txt"].data == original
    jsonl, back_prodigy = tmp_path / "gold.jsonl", tmp_path / "back_prodigy"
    assert export_prodigy(gold, jsonl, corpus) == 1
    rejected = json.dumps({"text": "x", "spans": [], "meta": {"doc_id": "rejected.txt"}, "answer": "reject"})
    jsonl.write_text(jsonl.read_text(encoding="utf-8") + rejected + "\n", encoding="utf-8")
    import_prodigy(jsonl, back_prodigy)
    assert sorted(p.name for p in back_prodigy.iterdir()) == ["tea.json"]
    assert load_gold(back_prodigy)["tea.txt"].data == original
    assert check_gold(back_prodigy, corpus) == []


def test_project_gold_folder_is_valid_when_present():
    """The gold/ folder of this repository, checked against corpus/ (skipped while absent)."""
    repo = Path(__file__).resolve().parents[2]
    if not any((repo / "gold").glob("*.json")):
        pytest.skip("no gold files yet")
    problems = [p for p in check_gold(repo / "gold", repo / "corpus") if p.severity == "error"
                and "has no gold file" not in p.message]
    assert problems == [], "\n".join(map(str, problems))


def test_project_gold_round_trips_through_brat_and_prodigy():
    """Every gold file of this repository survives both conversions (skipped while absent)."""
    from evx.gold import read_corpus
    from evx.records import SPAN_KINDS
    repo = Path(__file__).resolve().parents[2]
    if not any((repo / "gold").glob("*.json")):
        pytest.skip("no gold files yet")
    texts = read_corpus(repo / "corpus")
    checked = 0
    for doc_id, gold in load_gold(repo / "gold").items():
        if doc_id not in texts:
            continue
        data = {**gold.data, **{k: sorted(gold.data.get(k) or [], key=lambda r: (r["start"], r["end"]))
                                for k in SPAN_KINDS}}
        text = texts[doc_id]
        assert brat_to_gold(gold_to_brat(data, text), text, "x") == data, doc_id
        assert prodigy_to_gold(json.loads(json.dumps(gold_to_prodigy(data, text)))) == data, doc_id
        checked += 1
    assert checked > 0


def test_line_numbers_in_an_indented_layout():
    """Files written with json.dumps(indent=1) by hand-annotation scripts: the record's
    line is the line of its opening brace."""
    text = json.dumps(gold_doc(), indent=1)
    _, record_lines = locate_records(text)
    lines = text.splitlines()
    for kind, numbers in record_lines.items():
        assert len(numbers) == len(gold_doc()[kind])
        for number in numbers:
            assert lines[number - 1].strip() == "{" and '"start"' in lines[number], (kind, number)

"""evx.gold.check: labels, fields, offsets and consistency rules, reported as file:line."""
from __future__ import annotations

import subprocess
import sys

import pytest

from evx.errors import GoldError
from evx.gold import check_gold, dump_gold, load_gold, read_gold_file
from evx.gold.check import BOOL_FIELDS, NUMBER_FIELDS


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def write(gold, data: dict) -> None:
    (gold / "tea.json").write_text(dump_gold(data), encoding="utf-8")


def test_valid_gold_has_no_problems(folders):
    corpus, gold = folders
    assert check_gold(gold, corpus) == []


def test_offset_and_quote_disagree_is_reported_with_line_and_hint(folders, gold_doc, article):
    corpus, gold = folders
    gold_doc["effects"][0]["start"] += 1
    gold_doc["effects"][0]["end"] += 1
    write(gold, gold_doc)
    problems = check_gold(gold, corpus)
    assert len(problems) == 1
    line = read_gold_file(gold / "tea.json").record_lines["effects"][0]
    true_start = article.index("HR 0.79")
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
    # vocabularies that come with evx.records.FIELD_VOCABULARIES
    ("sample_sizes", "bound", "middle", "unknown bound 'middle'; use one of lower, upper"),
    ("effects", "interval_kind", "fuzzy", "unknown interval_kind 'fuzzy'"),
    ("claims", "evidence", "anecdote", "unknown evidence 'anecdote'"),
])
def test_bad_labels_and_fields(folders, gold_doc, kind, field, value, expected):
    corpus, gold = folders
    gold_doc[kind][0][field] = value
    write(gold, gold_doc)
    found = messages(check_gold(gold, corpus))
    assert any(expected in m for m in found), found


@pytest.mark.parametrize("field, value, expected", [
    ("main_design", "RCT", "unknown main_design 'RCT'"),
    ("status", "maybe", "unknown status 'maybe'"),
    ("overclaim_score", "high", "overclaim_score must be a number or null"),
    ("bogus", 1, "unknown field 'bogus'"),
])
def test_bad_document_fields(folders, gold_doc, field, value, expected):
    corpus, gold = folders
    gold_doc[field] = value
    write(gold, gold_doc)
    found = messages(check_gold(gold, corpus))
    assert any(expected in m for m in found), found


def test_number_and_boolean_fields_come_from_the_records():
    """Derived from the record classes; a superset of the tuples gold.py used to spell out."""
    assert set(NUMBER_FIELDS) >= {"value", "ci_low", "ci_high", "ci_level", "p_value", "p_from_ci"}
    assert set(BOOL_FIELDS) == {"adjusted", "pooled", "crude", "generic", "on_claim", "hedged",
                                "overclaim", "hypothesis"}


def test_claim_consistency_rules(folders, gold_doc):
    corpus, gold = folders
    gold_doc["claims"][0]["overclaim"] = False            # reasons left behind
    gold_doc["effects"][0]["ci_low"], gold_doc["effects"][0]["ci_high"] = 0.94, 0.66
    write(gold, gold_doc)
    found = messages(check_gold(gold, corpus))
    assert any("reasons without overclaim" in m for m in found)
    assert any("ci_low 0.94 is above ci_high 0.66" in m for m in found)


def test_missing_article_and_missing_gold(folders, gold_doc):
    corpus, gold = folders
    (corpus / "other.txt").write_text("Another article.\n", encoding="utf-8")
    gold_doc["doc_id"] = "gone.txt"
    (gold / "gone.json").write_text(dump_gold(gold_doc), encoding="utf-8")
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


def test_hedged_claim_without_cue_is_a_warning(folders, gold_doc):
    corpus, gold = folders
    gold_doc["hedges"] = []
    write(gold, gold_doc)
    problems = check_gold(gold, corpus)
    assert [p.severity for p in problems] == ["warning"]
    assert "no hedge cue" in problems[0].message


def test_project_gold_folder_is_valid_when_present(repo):
    """The gold/ folder of this repository, checked against corpus/ (skipped while absent)."""
    problems = [p for p in check_gold(repo / "gold", repo / "corpus") if p.severity == "error"
                and "has no gold file" not in p.message]
    assert problems == [], "\n".join(map(str, problems))


def _run_without_spacy(code: str, repo) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter in the repository; it ends by asserting
    that spaCy was never imported."""
    code += "\nassert 'spacy' not in sys.modules, sorted(m for m in sys.modules if 'spacy' in m)[:5]\n"
    return subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True,
                          timeout=120)


def test_checking_the_gold_does_not_import_spacy(repo):
    result = _run_without_spacy(
        "import sys\nfrom evx.gold import check_gold\n"
        "problems = check_gold('gold', 'corpus')\n"
        "assert isinstance(problems, list)\n", repo)
    assert result.returncode == 0, result.stderr


def test_evx_gold_check_does_not_import_spacy(repo):
    result = _run_without_spacy(
        "import sys\nfrom evx.cli import main\n"
        "try:\n    main(['gold', 'check', 'gold'], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n", repo)            # exit 2 is for problems in the gold
    assert result.returncode == 0, result.stderr
    assert "evx gold check: " in result.stderr

"""The evaluation commands through click's CliRunner: score, report, run, gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evx.cli import main
from evx.gold import EXIT_GOLD_PROBLEMS, dump_gold

ARTICLE = ("Beetroot juice and blood pressure\n\n"
           "In a randomised trial of 68 adults, beetroot juice lowered blood pressure "
           "(RR 0.81, 95% CI 0.70-0.94). Juice may also help athletes.\n")


def span(quote: str, **fields) -> dict:
    start = ARTICLE.index(quote)
    return {"start": start, "end": start + len(quote), "quote": quote, **fields}


def gold_data() -> dict:
    return {
        "doc_id": "beet.txt", "main_design": "rct", "main_population": "human",
        "effects": [span("RR 0.81, 95% CI 0.70-0.94", measure="RR", value=0.81, ci_low=0.70,
                         ci_high=0.94, ci_level=95, p_value=None, adjusted=False, pooled=False)],
        "designs": [span("a randomised trial", design="rct", population="human", year=None)],
        "hedges": [span("may", cue="may", on_claim=True)],
        "claims": [span("beetroot juice lowered blood pressure", strength="direct_causal",
                        hedged=False, overclaim=False, reasons=[])],
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus" / "beet.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "gold" / "beet.json").write_text(dump_gold(gold_data()), encoding="utf-8")
    return tmp_path


def out_folder(tmp_path: Path) -> Path:
    """A records folder as `evx extract` writes it, made by hand so the test does not
    depend on what the extractors find today."""
    out = tmp_path / "out"
    out.mkdir()
    doc = {"doc_id": "beet.txt", "source": "beet.txt", "status": "ok", "error": None, "text": ARTICLE,
           "main_design": "rct", "overclaim_count": 0, "overclaim_score": 0.0}
    (out / "documents.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    effect = span("RR 0.81, 95% CI 0.70-0.94", measure="RR", value=0.81, ci_low=0.70, ci_high=0.95)
    effect = {"doc_id": "beet.txt", "text": effect.pop("quote"), **effect, "flags": []}
    (out / "effects.jsonl").write_text(json.dumps(effect) + "\n", encoding="utf-8")
    return out


def test_score_writes_scores_and_prints_headline(project):
    out = out_folder(project)
    result = CliRunner().invoke(main, ["score", str(out), "--gold", str(project / "gold")])
    assert result.exit_code == 0, result.output
    assert "effects F 0.0" in result.output and "evaluation.html" in result.output
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert scores["effects_span_f"] == 1.0 and scores["effects_f"] == 0.0
    loose = CliRunner().invoke(main, ["score", str(out), "--gold", str(project / "gold"),
                                      "--tolerance", "0.02"])
    assert loose.exit_code == 0 and "effects F 100.0" in loose.output
    for name in ("scores.md", "evaluation.md", "evaluation.html"):
        assert (out / name).stat().st_size > 0


def test_score_without_records_is_a_usage_error(project):
    result = CliRunner().invoke(main, ["score", str(project / "nowhere"), "--gold", str(project / "gold")])
    assert result.exit_code == 1 and "no documents.jsonl" in result.output


def test_report_writes_review_page(project):
    out = out_folder(project)
    result = CliRunner().invoke(main, ["report", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Beetroot juice and blood pressure" in page and 'class="hl effects"' in page


def test_run_extracts_scores_and_reports(project):
    out = project / "run_out"
    result = CliRunner().invoke(main, ["run", str(project / "corpus"), "--gold", str(project / "gold"),
                                       "--out", str(out), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    for name in ("documents.jsonl", "scores.json", "evaluation.html", "report.html"):
        assert (out / name).exists(), name
    assert "report.html" in result.output and "evaluation.html" in result.output
    assert "claims F" in result.output
    broken = CliRunner().invoke(main, ["run", str(project / "corpus"), "--gold", str(project / "nope"),
                                       "--out", str(project / "never"), "--workers", "1", "--quiet"])
    assert broken.exit_code == 1 and "no such gold folder" in broken.output
    assert not (project / "never").exists()


def test_gold_check_passes_and_fails_with_documented_codes(project):
    runner = CliRunner()
    ok = runner.invoke(main, ["gold", "check", str(project / "gold")])
    assert ok.exit_code == 0, ok.output
    data = gold_data()
    data["designs"][0]["design"] = "trial"
    data["claims"][0]["reasons"] = ["unhedged_certainty"]
    (project / "gold" / "beet.json").write_text(dump_gold(data), encoding="utf-8")
    bad = runner.invoke(main, ["gold", "check", str(project / "gold"), "--corpus", str(project / "corpus")])
    assert bad.exit_code == EXIT_GOLD_PROBLEMS
    lines = [line for line in bad.output.splitlines() if line.startswith(str(project / "gold"))]
    assert len(lines) == 2 and all(":" in line.split("beet.json:")[1] for line in lines)
    assert any("unknown design 'trial'" in line for line in lines)
    assert any("reasons without overclaim" in line for line in lines)
    missing = runner.invoke(main, ["gold", "check", str(project / "nope")])
    assert missing.exit_code == 1


def test_gold_conversions_round_trip(project):
    runner = CliRunner()
    gold, brat, jsonl = project / "gold", project / "brat", project / "gold.jsonl"
    assert runner.invoke(main, ["gold", "export-brat", str(gold), "--out", str(brat)]).exit_code == 0
    assert runner.invoke(main, ["gold", "import-brat", str(brat), "--out", str(project / "g2")]).exit_code == 0
    assert runner.invoke(main, ["gold", "export-prodigy", str(gold), "--out", str(jsonl)]).exit_code == 0
    assert runner.invoke(main, ["gold", "import-prodigy", str(jsonl), "--out", str(project / "g3")]).exit_code == 0
    original = (gold / "beet.json").read_text(encoding="utf-8")
    assert (project / "g2" / "beet.json").read_text(encoding="utf-8") == original
    assert (project / "g3" / "beet.json").read_text(encoding="utf-8") == original


def test_every_evaluation_command_has_help_and_examples():
    runner = CliRunner()
    for command in (["score"], ["report"], ["run"], ["gold"], ["gold", "check"], ["gold", "import-brat"],
                    ["gold", "export-brat"], ["gold", "import-prodigy"], ["gold", "export-prodigy"]):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0 and "Examples:" in result.output, command

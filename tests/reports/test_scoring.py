"""The scorer: overlap and strict spans, tolerance, micro/macro, confusion matrix, overclaims."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from evx.reports.evaluation import write_evaluation
from evx.scoring import (
    MISSED, SPURIOUS, Item, PRFScore, Scorer, ScoreResult, context, match_spans, numbers_agree, prf_dict,
    prf_frame, score_folder,
)

TEXT = ("Walking and memory\n"
        "In a trial of 640 older adults, brisk walking improved recall (RR 1.32, 95% CI 1.10-1.58). "
        "Walking may slow decline. Walkers were also associated with better sleep. "
        "Dog owners live longer.\n")


def at(quote: str, **fields) -> dict:
    start = TEXT.index(quote)
    return {"start": start, "end": start + len(quote), "quote": quote, "text": quote, **fields}


def shifted(record: dict, left: int = 0, right: int = 0, **fields) -> dict:
    start, end = record["start"] + left, record["end"] + right
    return {**record, "start": start, "end": end, "text": TEXT[start:end], **fields}


EFFECT = at("RR 1.32, 95% CI 1.10-1.58", measure="RR", value=1.32, ci_low=1.10, ci_high=1.58)
C_WALK = at("brisk walking improved recall", strength="direct_causal", overclaim=False, reasons=[])
C_MAY = at("Walking may slow decline", strength="conditional_causal", overclaim=True,
           reasons=["causal_from_observational"])
C_SLEEP = at("Walkers were also associated with better sleep", strength="correlational",
             overclaim=False, reasons=[])
C_DOGS = at("Dog owners live longer", strength="direct_causal", overclaim=True,
            reasons=["unhedged_certainty", "causal_from_observational"])


def score_one(gold: dict, pred: dict, pred_doc: dict | None = None, tolerance=None, text=TEXT) -> tuple:
    scorer = Scorer(tolerance)
    scorer.score_document("d1", gold, pred, pred_doc, text)
    return scorer.result(), scorer.errors


@pytest.mark.parametrize("gold, pred, tolerance, agree", [
    (0.82, 0.82, None, True),
    (0.82, 0.824, None, True),        # exact to the two digits the gold reports
    (0.82, 0.83, None, False),
    (1.5, 1.51, None, True),
    (1.5, 1.56, None, False),
    (1e-05, 1e-05, None, True),
    (0.82, 0.83, 0.02, True),         # relative tolerance 2%
    (0.82, 0.85, 0.02, False),
    (None, None, None, True),
    (0.82, None, None, False),
])
def test_numbers_agree(gold, pred, tolerance, agree):
    assert numbers_agree(gold, pred, tolerance) is agree


def test_effect_partial_overlap_matches_by_overlap_not_strict():
    pred = shifted(EFFECT, left=3, right=-2)        # "1.32, 95% CI 1.10-1.5"
    scores, errors = score_one({"effects": [EFFECT]}, {"effects": [pred]})
    assert scores["effects_f"] == 1.0
    assert scores["effects_strict_f"] == 0.0
    assert scores["effects_per_type"]["RR"]["f"] == 1.0
    assert errors == []


def test_effect_value_tolerance():
    pred = shifted(EFFECT, value=1.34)
    scores, errors = score_one({"effects": [EFFECT]}, {"effects": [pred]})
    assert (scores["effects_p"], scores["effects_r"], scores["effects_span_f"]) == (0.0, 0.0, 1.0)
    assert {e["type"] for e in errors} == {"miss", "false hit"}
    assert "found with other values: RR 1.34" in [e for e in errors if e["type"] == "miss"][0]["detail"]
    scores, _ = score_one({"effects": [EFFECT]}, {"effects": [pred]}, tolerance=0.02)
    assert scores["effects_f"] == 1.0
    wrong_measure = shifted(EFFECT, measure="OR")
    scores, _ = score_one({"effects": [EFFECT]}, {"effects": [wrong_measure]}, tolerance=0.5)
    assert scores["effects_f"] == 0.0
    assert scores["effects_per_type"]["OR"]["fp"] == 1 and scores["effects_per_type"]["RR"]["fn"] == 1


def test_strict_ignores_surrounding_whitespace_and_final_full_stop():
    gold = at("Walking may slow decline")
    pred = shifted(gold, right=2)                    # ". " included
    g, p = [Item(gold["start"], gold["end"], gold, 0)], [Item(pred["start"], pred["end"], pred, 0)]
    assert match_spans(g, p, TEXT, strict=True) == [(0, 0)]
    longer = shifted(gold, right=-3)
    p = [Item(longer["start"], longer["end"], longer, 0)]
    assert match_spans(g, p, TEXT, strict=True) == []
    assert match_spans(g, p, TEXT) == [(0, 0)]


def test_one_prediction_cannot_match_two_gold_spans():
    both = {"start": C_MAY["start"], "end": C_SLEEP["end"], "strength": "correlational",
            "overclaim": False, "reasons": []}
    scores, _ = score_one({"claims": [C_MAY, C_SLEEP]}, {"claims": [both]})
    assert (scores["claims_p"], scores["claims_r"]) == (1.0, 0.5)
    # the larger overlap wins: the sleep sentence is longer than the walking one
    assert scores["claims_strength_confusion"]["correlational"]["correlational"] == 1
    assert scores["claims_strength_confusion"]["conditional_causal"][MISSED] == 1


def test_claim_strength_confusion_and_overclaims():
    gold = {"claims": [C_WALK, C_MAY, C_SLEEP]}
    pred = {"claims": [
        shifted(C_WALK),                                                  # right
        shifted(C_MAY, strength="direct_causal"),                         # wrong strength, flagged
        shifted(C_DOGS, strength="direct_causal"),                        # spurious, flagged
    ]}
    scores, errors = score_one(gold, pred)
    confusion = scores["claims_strength_confusion"]
    assert confusion["direct_causal"]["direct_causal"] == 1
    assert confusion["conditional_causal"]["direct_causal"] == 1
    assert confusion["correlational"][MISSED] == 1
    assert confusion[SPURIOUS]["direct_causal"] == 1
    assert sum(sum(row.values()) for row in confusion.values()) == 4
    assert scores["claims_p"] == pytest.approx(2 / 3) and scores["claims_r"] == pytest.approx(2 / 3)
    assert scores["claims_strength_acc"] == 0.5
    # labelled: 1 tp; fp = wrong + spurious = 2; fn = wrong + missed = 2
    assert scores["claims_strength_p"] == pytest.approx(1 / 3)
    per = scores["claims_strength_per_type"]
    assert per["direct_causal"]["p"] == pytest.approx(1 / 3) and per["direct_causal"]["r"] == 1.0
    assert scores["claims_strength_macro_f"] == pytest.approx((0.5 + 0 + 0) / 3)
    # overclaims: gold flags C_MAY; found flags C_MAY and C_DOGS
    assert (scores["overclaim_p"], scores["overclaim_r"]) == (0.5, 1.0)
    assert scores["overclaim_f"] == pytest.approx(2 / 3)
    assert scores["overclaim_per_type"]["causal_from_observational"]["p"] == 0.5
    assert scores["overclaim_per_type"]["unhedged_certainty"]["p"] == 0.0
    kinds = {(e["kind"], e["type"]) for e in errors}
    assert ("claims", "wrong strength") in kinds and ("claims", "miss") in kinds
    assert ("overclaims", "false hit") in kinds


def test_hedges_cue_and_sentence_level():
    may = at("may", cue="may", on_claim=True)
    assoc = at("associated with", cue="associated with", on_claim=False)
    pred_may = shifted(may)
    pred_also = at("also", cue="also", on_claim=True)     # a false cue in the same sentence as assoc
    scores, _ = score_one({"hedges": [may, assoc]}, {"hedges": [pred_may, pred_also]})
    assert (scores["hedges_p"], scores["hedges_r"]) == (0.5, 0.5)
    assert (scores["hedges_sent_p"], scores["hedges_sent_r"]) == (1.0, 1.0)
    assert scores["hedges_on_claim_sent_p"] == 0.5 and scores["hedges_on_claim_sent_r"] == 1.0
    assert scores["hedges_field_acc"]["on_claim"] == 1.0


def test_micro_and_macro_over_documents():
    scorer = Scorer()
    d1 = {"claims": [C_WALK, C_MAY, C_SLEEP]}
    scorer.score_document("d1", d1, {"claims": [shifted(C_WALK)]}, None, TEXT)        # P 1, R 1/3
    scorer.score_document("d2", {"claims": [C_DOGS]}, {"claims": [shifted(C_DOGS)]}, None, TEXT)
    scores = scorer.result()
    assert scores["claims_r"] == pytest.approx(2 / 4)                      # pooled
    assert scores["claims_doc_macro_r"] == pytest.approx((1 / 3 + 1) / 2)  # mean of documents
    assert scores["claims_doc_macro_f"] == pytest.approx((0.5 + 1) / 2)


def test_designs_labels_and_document_level_accuracy():
    gold = {"main_design": "rct", "main_population": "human",
            "designs": [at("In a trial", design="rct", population="human", year=None)]}
    pred = {"designs": [shifted(at("In a trial"), left=3, design="rct", population="animal", year=None)]}
    scores, _ = score_one(gold, pred, {"main_design": "cohort", "main_population": "human"})
    assert scores["designs_f"] == 1.0
    assert scores["designs_field_acc"]["population"] == 0.0
    assert scores["main_design_acc"] == 0.0 and scores["main_population_acc"] == 1.0


def test_context_is_a_few_words_either_side():
    start = TEXT.index("Walking may")
    left, span, right = context(TEXT, start, start + 7, chars=20)
    assert span == "Walking" and left.endswith("1.58). ") and right.startswith(" may slow")
    assert left.startswith("…") and right.endswith("…")


def write_run(tmp_path: Path) -> tuple[Path, Path]:
    """A records folder with one scored article, and a gold folder with it and one absent."""
    out, gold = tmp_path / "out", tmp_path / "gold"
    out.mkdir()
    gold.mkdir()
    doc = {"doc_id": "walk.txt", "source": "walk.txt", "status": "ok", "error": None, "text": TEXT,
           "main_design": "rct"}
    (out / "documents.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    row = {"doc_id": "walk.txt", **shifted(EFFECT), "flags": []}
    (out / "effects.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    gold_doc = {"doc_id": "walk.txt", "main_design": "rct", "effects": [EFFECT], "claims": [C_MAY]}
    (gold / "walk.json").write_text(json.dumps(gold_doc), encoding="utf-8")
    (gold / "absent.json").write_text(json.dumps({"doc_id": "absent.txt", "claims": [C_WALK]}),
                                      encoding="utf-8")
    return out, gold


def test_score_folder_returns_data_and_writes_nothing(tmp_path: Path):
    out, gold = write_run(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    result = score_folder(out, gold)
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before     # nothing written
    assert isinstance(result, ScoreResult)
    assert result.scores["effects_f"] == 1.0
    assert result.scores["claims_r"] == 0.0
    assert result.scores["docs_missing"] == ["absent.txt"]
    assert result.scores["main_design_acc"] == 1.0
    assert result.texts == {"walk.txt": TEXT}
    assert [(e["kind"], e["type"], e["doc_id"]) for e in result.errors] == [
        ("claims", "miss", "absent.txt"), ("claims", "miss", "walk.txt"), ("overclaims", "miss", "walk.txt")]
    # data only: numbers, strings, lists and dicts that JSON holds as they are; no markup
    assert json.loads(json.dumps(result.scores)) == result.scores
    assert not any("<" in json.dumps(v) for v in result.scores.values())


def test_write_evaluation_writes_every_file(tmp_path: Path):
    out, gold = write_run(tmp_path)
    result = score_folder(out, gold)
    paths = write_evaluation(out, result)
    assert sorted(p.name for p in paths) == ["evaluation.html", "evaluation.md", "scores.json", "scores.md"]
    saved = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    for key in ("effects_p", "effects_r", "effects_f", "effects_per_type", "designs_f", "hedges_f",
                "claims_strength_macro_f", "claims_strength_confusion", "overclaim_f"):
        assert key in saved
    assert saved == json.loads(json.dumps(result.scores))
    md = (out / "evaluation.md").read_text(encoding="utf-8")
    assert "Walking may slow decline" in md and "absent.txt" in md


def test_per_type_frame_has_the_figures_of_prfscore():
    counts = {"RR": PRFScore(tp=2, fp=1, fn=3), "OR": PRFScore(tp=0, fp=2, fn=0), "HR": PRFScore()}
    frame = prf_frame(counts)
    assert list(frame.index) == ["HR", "OR", "RR"]
    assert list(frame.columns) == ["p", "r", "f", "tp", "fp", "fn"]
    table = prf_dict(frame)
    assert table == {label: counts[label].to_dict() for label in sorted(counts)}
    assert all(type(v) is (int if k in ("tp", "fp", "fn") else float)
               for row in table.values() for k, v in row.items())

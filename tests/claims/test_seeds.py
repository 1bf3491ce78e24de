"""The two source articles in ../shared/seeds against their human reading (skips without ../shared).

Checks the claims part of ``reading.json``, in both pipelines: the five overclaims are
flagged with the expected reason, and the sound claims (the hypothesis item, the
correlational statements) are left alone.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not (SEEDS / "reading.json").exists(), reason="../shared/seeds is absent")



@pytest.fixture(scope="module", params=["accurate", "fast"])
def extracted(request):
    from evx.extract import extract_text
    from evx.nlp.pipeline import build_pipeline
    nlp = build_pipeline(pipeline=request.param)
    reading = json.loads((SEEDS / "reading.json").read_text(encoding="utf-8"))
    out = {}
    for name, expected in reading["documents"].items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        out[name] = (expected, extract_text(text, name, nlp))
    return out


def _claim_holding(rows: list[dict], quote: str) -> dict | None:
    for row in rows:
        if quote in row["text"] or row["text"] in quote:
            return row
    return None


def test_overclaims_are_flagged_with_their_reason(extracted):
    checked = 0
    for name, (expected, rows) in extracted.items():
        for item in expected["claims"]:
            if not item.get("overclaim"):
                continue
            claim = _claim_holding(rows["claims"], item["quote"])
            assert claim is not None, f"{name}: no claim record holds {item['quote']!r}"
            assert claim["overclaim"], f"{name}: {item['quote']!r} not flagged"
            reason = ("causal_from_observational" if "trauma" in item["quote"].lower() else "animal_to_human")
            assert reason in claim["reasons"], f"{name}: {item['quote']!r} flagged for {claim['reasons']}"
            assert claim["explanations"][reason]
            checked += 1
    assert checked == 5


def test_sound_claims_are_not_flagged(extracted):
    checked = 0
    for name, (expected, rows) in extracted.items():
        for item in expected["claims"]:
            if item.get("overclaim"):
                continue
            claim = _claim_holding(rows["claims"], item["quote"])
            if claim is None:
                continue   # not reading a sound sentence as a claim is not an overclaim
            assert not claim["overclaim"], f"{name}: sound claim {item['quote']!r} flagged {claim['reasons']}"
            checked += 1
    assert checked >= 3


def test_hypothesis_item_is_marked(extracted):
    _, rows = extracted["003_acc632c9eea38fcf.txt"]
    claim = _claim_holding(rows["claims"], "Trauma precipitates ALS in susceptible individuals")
    assert claim is not None and claim["hypothesis"] and not claim["overclaim"]


def test_summary_counts_overclaims(extracted):
    for name, (_, rows) in extracted.items():
        document = rows["documents"][0]
        assert document["overclaim_count"] == sum(c["overclaim"] for c in rows["claims"])
        assert document["strongest_claim"] in ("none", "correlational", "conditional_causal", "direct_causal")
        assert 0.0 <= document["overclaim_score"] <= 1.0

"""Hedges on the two source articles, against their human reading (skips without ../shared)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not (SEEDS / "reading.json").exists(),
                                reason="../shared/seeds is not available")
# sentences where "may" describes variation between people or what symptoms are like
VARIATION = re.compile(r"people may experience|symptoms may vary|may include|may experience", re.I)


@pytest.fixture(scope="module")
def processed():
    from evx.nlp.pipeline import HEDGE_COMPONENTS, build_pipeline
    nlp = build_pipeline(HEDGE_COMPONENTS)
    reading = json.loads((SEEDS / "reading.json").read_text(encoding="utf-8"))
    out = {}
    for name, doc_reading in reading["documents"].items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        out[name] = (text, nlp(text)._.evx_hedges, doc_reading)
    return out


def hedges_in_sentence_of(text, found, quote):
    at = text.index(quote)
    return [h for h in found if h.sentence_start <= at < h.sentence_end]


def test_every_hedged_sentence_is_found(processed):
    missing = []
    for name, (text, found, reading) in processed.items():
        for item in reading.get("hedged_sentences", []):
            if not hedges_in_sentence_of(text, found, item["quote"]):
                missing.append((name, item["quote"]))
    assert not missing


def test_variation_may_is_not_on_claim(processed):
    checked = 0
    for text, found, _ in processed.values():
        for h in found:
            sentence = text[h.sentence_start:h.sentence_end]
            if h.cue == "may" and VARIATION.search(sentence):
                checked += 1
                assert not h.on_claim, sentence
    assert checked >= 5


def test_hedged_claims_are_on_claim(processed):
    checked = 0
    for text, found, reading in processed.values():
        for claim in reading.get("claims", []):
            if claim.get("strength") != "conditional causal":
                continue
            cues = hedges_in_sentence_of(text, found, claim["quote"])
            checked += 1
            assert any(h.on_claim for h in cues), claim["quote"]
    assert checked >= 3


def test_offsets_index_the_text(processed):
    for text, found, _ in processed.values():
        for h in found:
            assert text[h.start:h.end] == h.text

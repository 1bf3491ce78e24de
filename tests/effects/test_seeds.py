"""The source articles: exactly the effect sizes and sample sizes of their human reading, nothing
else (no citation marker, heart rate or year read as an estimate). Skips without ../shared."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not (SEEDS / "reading.json").exists(),
                                reason="../shared/seeds is not beside the repository")


@pytest.fixture(scope="module")
def reading() -> dict:
    return json.loads((SEEDS / "reading.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def processed(reading) -> dict:
    from evx.nlp.pipeline import EFFECT_COMPONENTS, build_pipeline
    nlp = build_pipeline(EFFECT_COMPONENTS)
    return {name: nlp((SEEDS / name).read_text(encoding="utf-8")) for name in reading}


def test_seed_effects_are_exactly_the_human_reading(reading, processed):
    for name, expected in reading.items():
        doc = processed[name]
        want = [(e["measure"], e["value"], *(e["ci"] or (None, None)), e["level"], e["pooled"])
                for e in expected["effects"]]
        got = [(e.measure, e.value, e.ci_low, e.ci_high, e.ci_level, e.pooled) for e in doc._.evx_effects]
        assert got == want, name
        for effect, quote in zip(doc._.evx_effects, (e["quote"] for e in expected["effects"])):
            assert quote in doc.text[effect.start - 10:effect.end + 10]
            assert effect.flags == []


def test_seed_sample_sizes_are_the_human_reading(reading, processed):
    for name, expected in reading.items():
        want = [(s["n"], s["group"], s.get("bound")) for s in expected.get("sample_sizes", [])]
        got = [(s.n, s.group, s.bound) for s in processed[name]._.evx_sample_sizes]
        assert got == want, name

"""Study designs in the two source articles against their human reading (skips without ../shared)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from evx.nlp.extensions import records, summary
from evx.nlp.pipeline import build_pipeline

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not (SEEDS / "reading.json").exists(), reason="../shared/seeds is absent")

LABELS = {"meta-analysis": "meta_analysis", "systematic review": "systematic_review",
          "case-control": "case_control", "narrative review": "narrative_review",
          "animal study": "animal", "guideline": "guideline"}


@pytest.fixture(scope="module")
def processed():
    reading = json.loads((SEEDS / "reading.json").read_text(encoding="utf-8"))["documents"]
    nlp = build_pipeline()
    docs = {name: nlp((SEEDS / name).read_text(encoding="utf-8")) for name in reading}
    return reading, docs


def expected_designs():
    if not (SEEDS / "reading.json").exists():
        return []
    reading = json.loads((SEEDS / "reading.json").read_text(encoding="utf-8"))["documents"]
    return [pytest.param(name, item, id=f"{name[:3]}:{item['quote']}")
            for name, doc in reading.items() for item in doc.get("designs", [])]


@pytest.mark.parametrize("name, item", expected_designs())
def test_reading_design_found(processed, name, item):
    _, docs = processed
    doc = docs[name]
    text = doc.text
    section = item.get("section", "body")
    starts = [i for i in range(len(text)) if text.startswith(item["quote"], i)]
    found = [d for d in records(doc, "evx_designs")
             if any(d.start <= s and s + len(item["quote"]) <= d.end for s in starts) and d.section == section]
    assert found, f"no {section} design covers {item['quote']!r}"
    design = found[0]
    assert design.design == LABELS[item["design"]]
    if "also" in item:
        assert LABELS[item["also"]] in design.also
    if "year" in item:
        assert design.year == item["year"]
    if "population" in item:
        assert design.population == item["population"]
    assert design.generic is ("generic" in item.get("note", ""))


def test_three_guideline_headings_in_references(processed):
    _, docs = processed
    doc = docs["003_acc632c9eea38fcf.txt"]
    headings = [d for d in records(doc, "evx_designs") if d.text == "Guideline"]
    assert len(headings) == 3 and all(d.section == "references" for d in headings)


def test_main_designs(processed):
    _, docs = processed
    trauma = summary(docs["003_acc632c9eea38fcf.txt"])
    assert (trauma.main_design, trauma.main_population, trauma.evidence_level) == ("meta_analysis", "human", 1)
    nerve = summary(docs["000_5a73f2898e510990.txt"])
    assert (nerve.main_design, nerve.main_population) == ("animal", "animal")


def test_effects_take_their_study_design(processed):
    reading, docs = processed
    doc = docs["003_acc632c9eea38fcf.txt"]
    effects = {e.text: e for e in records(doc, "evx_effects")}
    for item in reading["003_acc632c9eea38fcf.txt"]["effects"]:
        effect = next((e for quote, e in effects.items() if item["quote"] in quote or quote in item["quote"]), None)
        if effect is None:
            continue   # effect extraction is another component's job
        want = "meta_analysis" if item["pooled"] else "case_control"
        assert effect.design == want, item["quote"]

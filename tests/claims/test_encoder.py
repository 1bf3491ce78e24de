"""The accurate pipeline's claim encoder (models/claims/encoder) and the two pipelines.

The model ships inside evx; these tests load it as a user's install would, offline.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from evx.claims import encoder
from evx.errors import ResourceError
from evx.records import STRENGTHS


@pytest.fixture(scope="module")
def model():
    return encoder.load_encoder()


def test_card_matches_the_code_and_names_the_model(model):
    card = json.loads(encoder.resources.files("evx").joinpath(*encoder.MODEL_DIR, "card.json").read_text())
    assert card["format"] == "evx-onnx-classifier"
    assert tuple(card["classes"]) == STRENGTHS == model.classes
    assert model.produced_by == f"model:{card['name']}@{card['version']}"
    digest = __import__("hashlib").sha256(
        encoder.resources.files("evx").joinpath(*encoder.MODEL_DIR, "model.onnx").read_bytes()).hexdigest()
    assert digest == card["sha256"], "model.onnx is not the file card.json describes"


def test_probabilities_are_distributions_and_depend_on_the_sentence_alone(model):
    marker = encoder.MARKERS["press-release-openings"]
    sentences = ["Coffee prevents cancer.", "The study enrolled 400 adults in Ohio.",
                 "Higher coffee intake was associated with lower risk of liver cancer."]
    together = model.probabilities(sentences, marker)
    assert together.shape == (3, len(STRENGTHS))
    assert np.allclose(together.sum(axis=1), 1.0, atol=1e-5)
    alone = np.vstack([model.probabilities([s], marker) for s in sentences])
    assert np.array_equal(together, alone)
    assert model.probabilities([], marker).shape == (0, len(STRENGTHS))


@pytest.mark.parametrize("sentence, expected", [
    ("Coffee prevents cancer.", "direct_causal"),
    ("Walking at least 7,000 steps a day slashes your risk of dying early.", "direct_causal"),
    ("Eating more fibre may lower blood pressure.", "conditional_causal"),
    ("People who slept less than six hours were more likely to develop dementia.", "correlational"),
    ("The survey was sent to 2,000 households in March.", "none"),
])
def test_plain_sentences_get_their_strength(model, sentence, expected):
    [(strength, _)] = model.predict([sentence], encoder.MARKERS["press-release-openings"])
    assert strength == expected


def test_marker_follows_the_genre():
    assert encoder.marker_for("paper") == encoder.MARKERS["pubmed-conclusions"]
    assert encoder.marker_for("news") == encoder.MARKERS["press-release-openings"]


def refused_card(monkeypatch, changes: dict, match: str) -> None:
    """Loading the encoder with ``changes`` made to its card raises a ResourceError saying ``match``."""
    real = encoder.read_json
    monkeypatch.setattr(encoder, "read_json", lambda *parts: {**real(*parts), **changes})
    encoder.load_encoder.cache_clear()
    try:
        with pytest.raises(ResourceError, match=match):
            encoder.load_encoder()
    finally:
        encoder.load_encoder.cache_clear()


def test_a_card_that_disagrees_with_the_code_is_refused(monkeypatch):
    classes = list(reversed(encoder.read_json(*encoder.MODEL_DIR, "card.json")["classes"]))
    refused_card(monkeypatch, {"classes": classes}, "re-export")


def test_causal_shift_moves_only_the_decision_between_causal_and_not(model):
    import dataclasses
    marker = encoder.MARKERS["press-release-openings"]
    sentences = ["Coffee prevents cancer.", "The survey was sent to 2,000 households in March.",
                 "People who slept less than six hours were more likely to develop dementia."]
    probs = model.probabilities(sentences, marker)
    unshifted = dataclasses.replace(model, causal_shift=0.0).predict(sentences, marker)
    assert [c for c, _ in unshifted] == [model.classes[i] for i in probs.argmax(axis=1)]
    causal = [i for i, c in enumerate(model.classes) if c.endswith("_causal")]
    # a shift large enough makes every sentence causal; the probabilities reported stay the model's
    huge = dataclasses.replace(model, causal_shift=50.0).predict(sentences, marker)
    assert all(c.endswith("_causal") for c, _ in huge)
    for (c, p), row in zip(huge, probs):
        assert p == pytest.approx(float(row[model.classes.index(c)]))
        assert c == model.classes[max(causal, key=lambda i: row[i])]


@pytest.mark.parametrize("shift", [-1, 6, "1", True])
def test_a_card_with_a_bad_causal_shift_is_refused(monkeypatch, shift):
    refused_card(monkeypatch, {"causal_shift": shift}, "causal_shift")


def test_missing_runtime_library_names_the_fix(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_onnxruntime(name, *args, **kwargs):
        if name == "onnxruntime":
            raise ImportError("no onnxruntime", name="onnxruntime")
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_onnxruntime)
    encoder.load_encoder.cache_clear()
    try:
        with pytest.raises(ResourceError, match="--pipeline fast"):
            encoder.load_encoder()
        assert not encoder.available()
    finally:
        monkeypatch.undo()
        encoder.load_encoder.cache_clear()


PLAIN = ("Coffee prevents cancer.\n\n"
         "Walking at least 7,000 steps a day slashes your risk of dying early.\n\n"
         "Evidence on vitamin D and depression is limited.\n\n"
         "Does green tea prevent cancer?\n")


@pytest.mark.parametrize("pipeline", ["accurate", "fast"])
def test_both_pipelines_write_the_same_fields_and_say_what_produced_them(pipeline):
    import evx
    rows = evx.extract_text(PLAIN, "plain", pipeline=pipeline)
    reference = evx.extract_text("Coffee is linked to lower risk of liver cancer.", "ref", pipeline="fast")
    for kind in ("claims", "documents"):
        for row in rows[kind]:
            assert set(row) == set(reference[kind][0]), kind
    name = "minilm" if pipeline == "accurate" else "lr"
    assert all(f"evx-claim-strength-{name}@" in c["produced_by"] for c in rows["claims"])
    texts = [c["text"] for c in rows["claims"]]
    assert "Does green tea prevent cancer?" not in texts
    assert not any(t.startswith("Evidence on vitamin D") and c["strength"] == "direct_causal"
                   for t, c in zip(texts, rows["claims"]))


def test_accurate_pipeline_finds_plain_causal_sentences():
    import evx
    rows = evx.extract_text(PLAIN, "plain")          # the default pipeline is the accurate one
    strengths = {c["text"]: c["strength"] for c in rows["claims"]}
    assert strengths.get("Coffee prevents cancer.") == "direct_causal"
    assert strengths.get("Walking at least 7,000 steps a day slashes your risk of dying early.") == "direct_causal"


@pytest.mark.parametrize("sentence", [
    "Children who slept in a cooler room had fewer night-time wakings than those in a warm one.",
    "Blood pressure fell by almost a third in the low-salt group.",
])
def test_comparisons_without_a_relation_verb_are_candidates_of_the_accurate_pipeline(sentence):
    import evx
    from evx.claims import cues
    # without its comparison word, no other wording makes the sentence a candidate
    assert not cues.detection_pattern().search(sentence.replace("fewer", "").replace("fell", ""))
    assert cues.compiled()["comparison_wording"].search(sentence)
    rows = evx.extract_text("A new trial reports on sleep and salt.\n\n" + sentence, "cmp")
    assert [c["text"] for c in rows["claims"] if c["text"] == sentence] == [sentence]


def test_a_sentence_reporting_a_ratio_estimate_is_read_by_the_accurate_pipeline_only(monkeypatch):
    from evx.claims import cues
    from evx.claims.component import ClaimFinder
    from evx.claims.sentences import reports_estimate
    from evx.extract import annotate
    from evx.nlp.pipeline import build_pipeline
    from evx.readers import Document
    sentence = "The corresponding estimate in women was HR 0.85 (95% CI 0.79-0.92)."
    assert not cues.detection_pattern().search(sentence)      # no relation wording at all
    assert reports_estimate(sentence) and not reports_estimate("The trial enrolled 4,744 women.")
    read = {}
    for pipeline in ("accurate", "fast"):
        nlp = build_pipeline(pipeline=pipeline)
        finder = nlp.get_pipe("evx_claims")
        assert isinstance(finder, ClaimFinder)
        real = finder.reader.read
        seen = read.setdefault(pipeline, [])
        monkeypatch.setattr(finder.reader, "read", lambda ws, m, real=real, seen=seen: seen.extend(ws) or real(ws, m))
        annotate(nlp, Document(doc_id="est", source="est", text="Coffee is linked to a longer life.\n\n" + sentence))
        monkeypatch.undo()
    assert sentence in read["accurate"] and sentence not in read["fast"]
    assert "Coffee is linked to a longer life." in read["fast"]


def test_unknown_pipeline_is_refused_with_the_choices():
    import evx
    with pytest.raises(ValueError, match="accurate.*fast|fast.*accurate"):
        evx.extract_text("Coffee prevents cancer.", "x", pipeline="quick")


def test_a_sentence_reporting_a_ratio_estimate_is_at_least_correlational(monkeypatch):
    """Whatever the encoder answers, a reported ratio compares groups: ``none`` becomes
    ``correlational`` by the named rule, a stronger reading is kept, and a sentence without an
    estimate is left to the model."""
    import evx
    from evx.claims.sentences import sentence_strength
    from evx.claims.strength import EncoderStrength
    sentence = "The figure for women was similar (HR 0.84, 95% CI 0.79-0.90)."
    plain = "The figure for women was similar."
    text = "Coffee drinkers lived longer in a large cohort.\n\n" + sentence + " " + plain
    for answer, want in (("none", "correlational"), ("direct_causal", "direct_causal")):
        monkeypatch.setattr(EncoderStrength, "read", lambda self, ws, m=None, a=answer: [(a, "model:x")] * len(ws))
        claims = {c["text"]: c for c in evx.extract_text(text, "est")["claims"]}
        assert claims[sentence]["strength"] == want
        assert claims[sentence]["produced_by"] == "model:x" + ("+rule:reports_estimate" if answer == "none" else "")
        assert claims.get(plain, {}).get("produced_by", "model:x") == "model:x"   # no estimate, no rule
        assert sentence_strength(sentence, EncoderStrength.__new__(EncoderStrength))[0] == want
    monkeypatch.undo()

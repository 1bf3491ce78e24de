"""Resource files and the code that reads them agree: every label, order and key the code relies
on is in the data, and every entry of the data is one the code knows. These fail when someone edits
one side alone."""
from __future__ import annotations

import dataclasses
import inspect

import pytest

from evx import records
from evx.claims import cues, overclaims, summary as claim_summary
from evx.designs.main_study import evidence_levels
from evx.designs.rules import load_resource
from evx.effects import checks, estimates, patterns, sample_sizes
from evx.errors import ResourceError
from evx.hedges.lexicon import load_lexicon
from evx.hedges.on_claim import ClaimContext, claim_context
from evx.models import linear
from evx.resource import check_keys, read_json


def test_measures_file_names_exactly_the_measure_vocabulary():
    assert tuple(patterns.measures_data()["measures"]) == records.MEASURES


def test_consistency_checks_run_in_the_order_of_the_flag_vocabulary():
    assert tuple(checks.CHECKS) == records.EFFECT_FLAGS


def test_overclaim_checks_and_score_weights_cover_exactly_the_reasons():
    source = inspect.getsource(overclaims.judge)
    assert [code for code in records.OVERCLAIM_REASONS if f'"{code}"' in source] == list(records.OVERCLAIM_REASONS)
    assert set(claim_summary.REASON_POINTS) == set(records.OVERCLAIM_REASONS)


def test_spellings_map_onto_the_vocabularies():
    assert set(estimates.P_RELATIONS.values()) <= set(records.P_RELATIONS)
    assert set(sample_sizes.SAMPLE_BOUNDS.values()) <= set(records.SAMPLE_BOUNDS)


def test_every_design_has_an_evidence_level_or_is_listed_as_unranked():
    levels = evidence_levels()
    unranked = set(read_json("resources", "evidence_levels.json")["unranked"])
    assert set(levels) | unranked == set(records.DESIGNS) and not set(levels) & unranked


def test_design_resource_labels_are_in_the_vocabularies():
    resource = load_resource()
    assert {r.design for r in resource.rules} <= set(records.DESIGNS) | {"trial"}
    assert {f.design for f in resource.fallbacks} <= set(records.DESIGNS)
    assert resource.human_designs <= set(records.DESIGNS)
    assert set(resource.species) == set(records.POPULATIONS)


def test_derived_design_groups_use_vocabulary_labels():
    for group in (records.OBSERVATIONAL_DESIGNS, records.POOLED_DESIGNS, records.TRIAL_DESIGNS,
                  records.PRECLINICAL_DESIGNS):
        assert set(group) <= set(records.DESIGNS)
    assert set(records.NONHUMAN_POPULATIONS) <= set(records.POPULATIONS)
    assert set(records.CAUSAL_STRENGTHS) <= set(records.STRENGTHS)


def test_hedge_lexicon_categories_and_claim_context_are_known():
    lexicon = load_lexicon()
    assert {e.category for e in lexicon.words.values()} <= set(records.HEDGE_CATEGORIES)
    assert claim_context() == ClaimContext.from_dict(lexicon.claim_context)
    with pytest.raises(ResourceError, match="unknown keys"):
        ClaimContext.from_dict({**lexicon.claim_context, "typo_words": []})


def test_claim_cue_groups_the_code_reads_exist():
    groups = set(cues.load_groups())
    source = "".join(inspect.getsource(m) for m in (cues,) + tuple(
        __import__(f"evx.claims.{name}", fromlist=["x"]) for name in ("rules", "summary", "hypotheses", "features")))
    import re
    named = (set(re.findall(r'pattern\("(\w+)"\)', source)) | set(re.findall(r'groups\["(\w+)"\]', source))
             | set(cues.DETECTION_GROUPS))
    assert named and named <= groups
    # every group is read: a feature group (cue_*), or named by the code
    assert groups <= named | set(cues.feature_groups())


def test_document_summary_fields_are_document_record_fields():
    record = {f.name: f.type for f in dataclasses.fields(records.DocumentRecord)}
    for f in dataclasses.fields(records.DocumentSummary):
        assert record[f.name] == f.type


def test_shipped_models_are_in_the_one_linear_format():
    for parts in (("models", "claims", "strength.json"), ("models", "hedges", "cue_classifier.json")):
        model = linear.load(*parts)
        assert linear.from_dict(model.to_dict(), "round trip") == model
    with pytest.raises(ResourceError, match="format"):
        linear.from_dict({"format": "other", "name": "m", "version": "1", "classes": ["a"],
                          "intercept": [0.0], "weights": {}}, "test")


def test_resource_checks_name_the_file_and_entry():
    with pytest.raises(ResourceError, match=r"designs.json: rule 3: unknown keys \['colour'\]"):
        check_keys("designs.json: rule 3", {"name": "x", "colour": 1}, {"name"})
    with pytest.raises(ResourceError, match="no_such_file.json: cannot be read"):
        read_json("resources", "no_such_file.json")

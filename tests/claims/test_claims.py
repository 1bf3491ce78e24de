"""Tests of the claims component: cue lexicon, classifier, overclaim rules, summary.

All sentences are written for these tests.
"""
from __future__ import annotations

import json

import pytest
import spacy

from evx.claims import cues as claim_cues

from evx.claims import rules as claim_rules
from evx.claims.hypotheses import under_hypothesis_heading
from evx.claims.model import from_linear, load_model
from evx.text.casefold import finditer_fast
from evx.errors import ResourceError
from evx.models import linear
from evx.claims.summary import strongest, summarise
from evx.claims.component import find_claims, is_claim_shaped, sentence_strength
from evx.nlp.extensions import records, summary
from evx.records import OVERCLAIM_REASONS, STRENGTHS, Claim, Design, Effect


# --- lexicon -------------------------------------------------------------------

def test_lexicon_groups_compile_and_feature_groups_exist():
    groups = claim_cues.load_groups()
    for name in ("certainty", "hypothesis", "animal", "relative_change", "absolute_figure", "causal_statement"):
        assert name in groups
    assert claim_cues.feature_groups() and all(g.startswith("cue_") for g in claim_cues.feature_groups())


@pytest.mark.parametrize("text", [
    "a" * 20_000,
    "increase " * 2_000,
    ("risk by " * 2_000) + "%",
    "(((((" * 4_000 + "linked to",
    "may " * 4_000 + "cause",
])
def test_patterns_finish_on_adversarial_text(text):
    for pattern in claim_cues.compiled().values():
        for _ in pattern.finditer(text):
            pass


def test_grouped_alternation_matches_like_plain_alternation():
    import re
    plain = re.compile(r"(?<!\w)(?:" + "|".join(claim_cues.load_groups()["cue_causal_verb"]) + r")(?!\w)", re.I)
    text = "Walking lowered stress; a drug that prevents falls helped, and benefits were large."
    grouped = claim_cues.pattern("cue_causal_verb")
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- classifier ----------------------------------------------------------------

def test_model_loads_with_known_classes():
    model = load_model()
    assert set(model.classes) == set(STRENGTHS)
    assert model.produced_by.startswith("model:")


def test_model_with_an_unknown_class_is_refused():
    with pytest.raises(ResourceError, match="unknown classes"):
        from_linear(linear.from_dict({"format": "evx-linear", "name": "m", "version": 1, "classes": ["none", "huge"],
                                      "intercept": [0, 0], "weights": {}}, "test"))


@pytest.mark.parametrize("sentence, expected", [
    ("Older adults who walked daily were less likely to be admitted to hospital, the cohort data show.",
     "correlational"),
    ("Higher intake of leafy greens was associated with slower memory decline in retired teachers.",
     "correlational"),
    ("Taking a low dose of aspirin might lower the chance of bowel cancer returning.", "conditional_causal"),
    ("The new nasal vaccine prevents severe influenza in young children.", "direct_causal"),
    ("The clinic will open a second site in the spring.", "none"),
])
def test_sentence_strength(sentence, expected):
    assert sentence_strength(sentence)[0] == expected


def test_questions_and_headings_are_not_claims():
    assert not is_claim_shaped("Does coffee raise blood pressure?")
    assert not is_claim_shaped("Risk factors for falls")
    assert is_claim_shaped("Coffee raises blood pressure in light drinkers.")


def test_risk_change_verb_is_direct_causal():
    strength, produced_by = sentence_strength("Shift work raised the risk of stroke by 40% in the nurses studied.")
    assert strength == "direct_causal"
    assert "rule" in produced_by or produced_by.startswith("model:")


# --- rules ---------------------------------------------------------------------

def _ctx(text="", main=None, designs=(), effects=()):
    return claim_rules.Context(text=text, main_design=main, designs=list(designs), effects=list(effects))


def test_causal_from_observational_names_the_design():
    ctx = _ctx(main="cohort")
    why = claim_rules.causal_from_observational("direct_causal", "Poor sleep causes weight gain.", "cohort", ctx)
    assert why and "cohort" in why
    assert claim_rules.causal_from_observational("direct_causal", "Poor sleep causes weight gain.", "rct", ctx) is None
    assert claim_rules.causal_from_observational("correlational", "Poor sleep is linked to weight gain.",
                                                 "cohort", ctx) is None


def test_negated_causal_wording_is_not_an_overclaim():
    ctx = _ctx(main="cohort")
    assert claim_rules.causal_from_observational(
        "direct_causal", "A link does not prove that sleep causes weight gain.", "cohort", ctx) is None


def test_meta_analysis_of_observational_studies():
    design = Design(start=0, end=13, text="meta-analysis", design="meta_analysis", population=None, year=None)
    odds = Effect(start=20, end=28, text="OR = 1.4", measure="OR", value=1.4, ci_low=None, ci_high=None,
                  ci_level=None, p_value=None, p_relation=None, adjusted=False, pooled=True)
    with_or = _ctx(designs=[design], effects=[odds])
    assert claim_rules.causal_from_observational("direct_causal", "Noise increased the risk of migraine.",
                                                 "meta_analysis", with_or)
    trial = Design(start=40, end=43, text="RCT", design="rct", population="human", year=None)
    assert claim_rules.causal_from_observational("direct_causal", "Noise increased the risk of migraine.",
                                                 "meta_analysis", _ctx(designs=[design, trial])) is None


def test_animal_to_human_needs_unrestricted_causal_wording():
    sentence = "A 2018 mouse study found that the sweetener may damage the liver."
    named = Design(start=2, end=18, text="2018 mouse study", design="animal", population="animal", year=2018)
    assert claim_rules.animal_to_human("conditional_causal", sentence, 0, "animal", named, _ctx())
    restricted = "A 2018 mouse study found that the sweetener may damage the liver in mice."
    assert claim_rules.animal_to_human("conditional_causal", restricted, 0, "animal", named, _ctx()) is None


def test_certainty_and_its_negation():
    assert claim_rules.unhedged_certainty("This diet cures migraine.", hedged=False)
    assert claim_rules.unhedged_certainty("This diet cures migraine.", hedged=True) is None
    assert claim_rules.unhedged_certainty("One small trial does not prove the diet works.", hedged=False) is None


def test_relative_risk_only_and_absolute_figures():
    sentence = "The statin cut the risk of stroke by 30% over five years."
    assert claim_rules.relative_risk_only(sentence, sentence)
    paragraph = sentence + " Strokes fell from 2 in 100 to 1.4 in 100 people."
    assert claim_rules.relative_risk_only(sentence, paragraph) is None


def test_numbers_inconsistent_reads_effect_flags():
    bad = Effect(start=0, end=10, text="OR 3.2 (1.1-2.0)", measure="OR", value=3.2, ci_low=1.1, ci_high=2.0,
                 ci_level=95, p_value=None, p_relation=None, adjusted=False, pooled=False,
                 flags=["estimate_outside_ci"])
    assert "estimate_outside_ci" in claim_rules.numbers_inconsistent([bad])
    bad.flags = []
    assert claim_rules.numbers_inconsistent([bad]) is None


def test_hypothesis_list_items():
    text = ("Background line.\n\nTwo possible explanations:\n\n1. Dust causes the cough.\n"
            "2. The cough causes dust to rise.\n\nNext section\nDust causes the cough.")
    assert under_hypothesis_heading(text, text.index("1. Dust"))
    assert under_hypothesis_heading(text, text.index("The cough causes"))
    assert not under_hypothesis_heading(text, text.rindex("Dust causes"))
    bullets = "Findings:\n- Dust causes the cough.\n"
    assert not under_hypothesis_heading(bullets, bullets.index("Dust"))


# --- component -----------------------------------------------------------------

def _run(text: str, designs=(), main_design=None, hedges=()):
    nlp = spacy.blank("en")
    nlp.add_pipe("evx_sentences")
    nlp.add_pipe("evx_sections")
    doc = nlp(text)
    records(doc, "evx_effects")           # what evx_effects and evx_designs would set: none found
    records(doc, "evx_designs").extend(designs)
    records(doc, "evx_hedges").extend(hedges)
    if main_design:
        summary(doc).main_design = main_design
    return find_claims(doc)


def test_component_flags_causal_claim_from_cohort_and_spares_hypothesis():
    text = ("In a cohort study of 9,000 bus drivers, long shifts were linked to back pain.\n"
            "Working long shifts causes back pain in drivers.\n"
            "One possible explanation is that long shifts cause back pain through poor posture.\n")
    start = text.index("cohort study")
    design = Design(start=start, end=start + 12, text="cohort study", design="cohort", population="human", year=None)
    doc = _run(text, designs=[design], main_design="cohort")
    claims = {c.text: c for c in doc._.evx_claims}
    causal = claims["Working long shifts causes back pain in drivers."]
    assert causal.overclaim and "causal_from_observational" in causal.reasons
    assert set(causal.reasons) <= set(OVERCLAIM_REASONS)
    assert causal.explanations["causal_from_observational"]
    assert causal.evidence == "cohort"
    hypothesis = [c for c in doc._.evx_claims if c.text.startswith("One possible explanation")]
    assert hypothesis and hypothesis[0].hypothesis and not hypothesis[0].overclaim
    article = doc._.evx_summary
    assert article.overclaim_count == sum(c.overclaim for c in doc._.evx_claims) >= 1
    assert 0.0 < article.overclaim_score < 1.0
    for claim in doc._.evx_claims:
        assert text[claim.start:claim.end] == claim.text


def test_component_is_deterministic_and_handles_empty_text():
    text = "Regular naps reduce blood pressure in office workers. Naps were linked to better mood."
    first = [(c.start, c.strength, c.reasons) for c in _run(text)._.evx_claims]
    second = [(c.start, c.strength, c.reasons) for c in _run(text)._.evx_claims]
    assert first == second
    empty = _run("")
    assert empty._.evx_claims == [] and empty._.evx_summary.overclaim_count == 0


def _claim(strength, overclaim=False, hypothesis=False, reasons=()):
    return Claim(start=0, end=1, text="x", strength=strength, hedged=False, overclaim=overclaim,
                 reasons=list(reasons), hypothesis=hypothesis)


def test_summary_score_grows_with_overclaims_and_ignores_hypotheses_for_strongest():
    calm = [_claim("correlational")]
    loud = calm + [_claim("direct_causal", True, reasons=["causal_from_observational"])]
    assert summarise(loud, "")["overclaim_score"] > summarise(calm, "")["overclaim_score"]
    assert strongest([_claim("correlational"), _claim("direct_causal", hypothesis=True)]) == "correlational"
    assert strongest([]) == "none"


def test_model_file_is_valid_json_with_weights():
    from importlib import resources
    raw = json.loads(resources.files("evx").joinpath("models", "claims", "strength.json").read_text("utf-8"))
    assert raw["weights"] and raw["name"] and raw["version"]


def test_hypothesis_walk_is_bounded_on_overlong_lines():
    text = ("possible explanation " * 5_000) + "\n1. Dust causes the cough."
    assert not under_hypothesis_heading(text, text.index("Dust"))


# --- speed helpers: same matches as the plain patterns --------------------------

_MIXED = [
    "Night shifts were LINKED TO poorer sleep; taking melatonin may not cause harm, and no difference was seen.",
    "A ſtudy of İzmir nurses (K\u212aelvin) suggested that tea was associated with lower risk, not proven.",
    "Further studies are needed: ‘fewer falls’ were found in the group that walked, but it could increase costs.",
    "associated with associated with with linked to to increase increases reduced",
    "",
]


@pytest.mark.parametrize("text", _MIXED)
def test_group_hits_equal_one_finditer_per_group(text):
    for sample in (text, text.lower()):
        expected = {}
        for group in claim_cues.feature_groups():
            found = [(m.start(), m.group(0)) for m in claim_cues.pattern(group).finditer(sample)]
            if found:
                expected[group] = found
        assert claim_cues.group_hits(sample) == expected


@pytest.mark.parametrize("text", _MIXED + ["Straße İİ ﬁnds Associated With ǅ LINKED to"])
def test_finditer_fast_finds_the_same_spans(text):
    for pattern in (claim_cues.relation_pattern(), claim_cues.pattern("cue_no_difference")):
        assert ([m.span() for m in finditer_fast(pattern, text)]
                == [m.span() for m in pattern.finditer(text)])


def test_features_are_deterministic_and_normalised_per_block():
    from evx.claims import features as claim_features
    sentence = "Drinking green tea may reduce the risk of stroke, a cohort of 9,000 adults suggests."
    first = claim_features.features(sentence)
    assert first == claim_features.features(sentence)
    for prefix in ("w:", "q:"):
        norm = sum(v * v for k, v in first.items() if k.startswith(prefix)) ** 0.5
        assert norm == pytest.approx(1.0)
    assert first["q:cue_modal>cue_causal_verb"] == pytest.approx(first["q:cue_modal"])
    assert "w:green tea" in first and "w:0 adults" in first   # digits folded to 0


def test_hard_wrapped_causal_claim_from_a_cohort_is_flagged():
    from evx.extract import extract_text
    text = ("A cohort study followed 52,000 adults for 12 years. Drinking three cups of coffee a day cut the\n"
            "risk of death (adjusted HR 0.88, 95% CI 0.81-0.95; p=0.002). Some people may feel jittery.\n")
    claims = extract_text(text)["claims"]
    flagged = [c for c in claims if "cut the\nrisk" in c["text"]]
    assert flagged and flagged[0]["overclaim"]
    assert "causal_from_observational" in flagged[0]["reasons"]

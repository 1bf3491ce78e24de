"""Effect-size patterns, one family at a time: what must be read, and the traps that must not.

Every sentence here is written for these tests (none is copied from a paper or from
../shared); each surface variety listed in the effect-size issue has its own case.
"""
from __future__ import annotations

import re

import pytest
import spacy

from evx.effects import patterns as pat
from evx.effects.estimates import EstimateReader, schwartz_hearst_long_form
from evx.effects.sample_sizes import read_sample_sizes
from evx.text.numbers import number


def read(text: str) -> list[tuple]:
    return [(e["measure"], number(e["value_text"]), e.get("low"), e.get("high"))
            for e in EstimateReader(text).read()]


def one(text: str) -> dict:
    found = EstimateReader(text).read()
    assert len(found) == 1, found
    return found[0]


# --- numbers ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("1.51", 1.51), ("1·18", 1.18), ("0,93", 0.93), (".76", 0.76), ("12", 12.0), ("−0.45", -0.45),
    ("1.2 × 10−5", 1.2e-5), ("3e-6", 3e-6),
])
def test_number_reads_every_decimal_mark(text, value):
    assert number(text) == pytest.approx(value)


@pytest.mark.parametrize("text, found", [
    ("1.51,95", ["1.51"]),       # a decimal point, then a comma before the CI level
    ("18,390", []),              # thousands, not a decimal comma
    ("v.76", []),                # a letter before the point
    ("2.5.1", []),               # a version number
])
def test_number_pattern_boundaries(text, found):
    assert re.findall(pat.NUMBER, text) == found


# --- labelled estimates: every variety of the issue, in new sentences --------------------

LABELLED = [
    # (sentence, measure, value, low, high)
    ("Night shifts were linked to migraine (OR 1.62 (95% CI 1.05–2.49)).", "OR", 1.62, 1.05, 2.49),
    ("Poor sleep raised the odds, OR = 1.37(1.12–1.68), in older adults.", "OR", 1.37, 1.12, 1.68),
    ("Screening gave an odds ratio (OR) 0.58 (0.33 to 0.94) for late diagnosis.", "OR", 0.58, 0.33, 0.94),
    ("The booster cut infection (OR 0.21 [95% CI 0.11, 0.40]).", "OR", 0.21, 0.11, 0.40),
    ("Rural birth was a factor [aOR: 12.40(95%CI: 4.10–37.52); p<0.001].", "OR", 12.40, 4.10, 37.52),
    ("Mortality fell (hazard ratio 1·27 [95% CI 1·02–1·58]; p=0·03).", "HR", 1.27, 1.02, 1.58),
    ("Adherence was similar, OR 0,88 [0,61–1,27] in both arms.", "OR", 0.88, 0.61, 1.27),
    ("Walking reduced falls (relative risk [RR], 0.81; 95% confidence interval [CI], 0.69–0.96).",
     "RR", 0.81, 0.69, 0.96),
    ("Statins showed RR 0.72 CI 95%: 0.51 to 1.02 for stroke.", "RR", 0.72, 0.51, 1.02),
    ("Exposure mattered (aRR = 1.44, 99%CI: 1.21, 1.71).", "RR", 1.44, 1.21, 1.71),
    ("The effect was small (RR=0.91, 90% CL: 0.70 to 1.18).", "RR", 0.91, 0.70, 1.18),
    ("The model gave an odds ratio (OR) of 1.9 (95% credible interval [CI] 1.2–2.9).", "OR", 1.9, 1.2, 2.9),
    ("Vaccination helped (OR 0.47, 95% CI 0.28;0.79).", "OR", 0.47, 0.28, 0.79),
    ("Men were at higher risk (HR = 3.10, 95% CI: (1.62, 5.93)).", "HR", 3.10, 1.62, 5.93),
    ("Coffee showed OR 1.08, 95% CI .81–1.44 for reflux.", "OR", 1.08, 0.81, 1.44),
    ("Early therapy helped, HR = 0.61 Immediate versus Delayed start [95%CI 0.42–0.89 p = 0.011].",
     "HR", 0.61, 0.42, 0.89),
    ("Mixed marks: HR 0·72 (95% CI 0.55–0.94) in the trial.", "HR", 0.72, 0.55, 0.94),
    ("Infections rose (incidence rate ratio 1.35, 95% CI 1.10 to 1.66).", "IRR", 1.35, 1.10, 1.66),
    ("Clinic visits changed little (relative rate = 0.93, 95% CI: 0.81, 1.07).", "IRR", 0.93, 0.81, 1.07),
    ("Deaths exceeded expectation (SMR 1.84, 95% CI 1.52–2.21).", "SMR", 1.84, 1.52, 2.21),
    ("Cancers were more common (standardised incidence ratio 1.31; 95% CI 1.09-1.57).", "SIR", 1.31, 1.09, 1.57),
    ("Antibody levels rose (geometric mean ratio 1.12, 95% CI 1.02–1.23).", "ratio", 1.12, 1.02, 1.23),
    ("The HR for relapse in the second cohort was 0.77 (95% CI 0.61–0.97).", "HR", 0.77, 0.61, 0.97),
    ("Risk was lower (OR versus placebo, 0.52; 95% CI, 0.31–0.87; p = 0.01).", "OR", 0.52, 0.31, 0.87),
    ("Trial sites differed (adjusted HR 0·81, 0·70–0·94, p=0·005).", "HR", 0.81, 0.70, 0.94),
    ("A lower OR (0.64, 95% CI; 0.42 – 0.97) was seen in the treated group.", "OR", 0.64, 0.42, 0.97),
    ("Risk rose with dose (OR 1.03 per unit increase, 95% CI 1.01–1.05).", "OR", 1.03, 1.01, 1.05),
    ("Survival was better (Hazard Ratio[95%CI] = 0.412 [0.230–0.738], p<0.001).", "HR", 0.412, 0.230, 0.738),
    ("The limits ran wide (HR 2.1, 95% CI: 1.39 -3.17).", "HR", 2.1, 1.39, 3.17),
]


@pytest.mark.parametrize("text, measure, value, low, high", LABELLED)
def test_labelled_estimates(text, measure, value, low, high):
    assert read(text) == [(measure, pytest.approx(value), pytest.approx(low), pytest.approx(high))]


@pytest.mark.parametrize("text, level", [
    ("Exposure mattered (aRR = 1.44, 99%CI: 1.21, 1.71).", 99),
    ("The effect was small (RR=0.91, 90% CL: 0.70 to 1.18).", 90),
    ("Vaccination helped (OR 0.47, 95% CI 0.28;0.79).", 95),
    ("Statins showed RR 0.72 CI 95%: 0.51 to 1.02 for stroke.", 95),
    ("Adherence was similar, OR 0,88 [0,61–1,27] in both arms.", None),
])
def test_interval_level(text, level):
    assert one(text)["level"] == level


@pytest.mark.parametrize("text, kind", [
    ("The model gave an odds ratio (OR) of 1.9 (95% credible interval [CI] 1.2–2.9).", "credible"),
    ("Bayesian pooling gave HR 0.8 (95% CrI 0.6–1.1).", "credible"),
    ("Vaccination helped (OR 0.47, 95% CI 0.28;0.79).", "confidence"),
    ("Adherence was similar, OR 0,88 [0,61–1,27] in both arms.", None),
])
def test_interval_kind(text, kind):
    assert one(text)["kind"] == kind


def test_limits_written_upper_first_are_normalised_and_marked():
    e = one("Support groups helped (OR = 2.40, CI = 6.10–1.20, p = 0.01).")
    assert (e["low"], e["high"], e["reversed"]) == (1.20, 6.10, True)


@pytest.mark.parametrize("text, adjusted, crude, pooled", [
    ("Rural birth was a factor [aOR: 12.40(95%CI: 4.10–37.52)].", True, False, False),
    ("After controlling for age, smoking had OR 1.9 (95% CI 1.2–3.0).", True, False, False),
    ("The unadjusted OR was 1.9 (95% CI 1.2–3.0).", False, True, False),
    ("Across studies the pooled OR = 1.42, 95% CI: 1.20-1.68.", False, False, True),
    ("The cOR 2.2 (1.4–3.5) shrank after adjustment.", False, True, False),
    ("Plain OR 2.2 (1.4–3.5) in the first cohort.", False, False, False),
])
def test_adjusted_crude_pooled(text, adjusted, crude, pooled):
    e = one(text)
    assert (e["adjusted"], e["crude"], e["pooled"]) == (adjusted, crude, pooled)


# --- measure named earlier in the sentence ---------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The odds ratios were 1.3 (1.1–1.6) and 1.8 (1.2–2.7) for the two doses.",
     [("OR", 1.3, 1.1, 1.6), ("OR", 1.8, 1.2, 2.7)]),
    ("Adjusted odds ratio 1.50, 95% CI 1.10–2.05, for asthma, eczema (1.31, 1.02–1.68) and rhinitis "
     "(0.77, 0.60–0.99).", [("OR", 1.5, 1.1, 2.05), ("OR", 1.31, 1.02, 1.68), ("OR", 0.77, 0.6, 0.99)]),
    ("HRs of 1·09 (95% CI 0·90–1·31) for death and 1·25 (0·99–1·58) for relapse.",
     [("HR", 1.09, 0.9, 1.31), ("HR", 1.25, 0.99, 1.58)]),
    ("Hazard ratios by subgroup were as follows: younger 0.85 (95% CI 0.62–1.16) and older 1.10 "
     "(95% CI 0.81–1.49).", [("HR", 0.85, 0.62, 1.16), ("HR", 1.10, 0.81, 1.49)]),
])
def test_measure_named_earlier_in_the_sentence(text, expected):
    assert read(text) == [(m, pytest.approx(v), pytest.approx(lo), pytest.approx(hi)) for m, v, lo, hi in expected]


def test_bare_estimates_stop_at_the_sentence_end_and_at_units():
    text = ("Stays were longer (OR 1.4, 95% CI 1.1–1.8), and the median stay was 12 (9–15) days. "
            "Scores were 3.2 (2.9–3.5) in the next trial.")
    assert read(text) == [("OR", 1.4, 1.1, 1.8)]


# --- abbreviations resolved from the article's own definitions ---------------------------

@pytest.mark.parametrize("text, expected", [
    ("We report the adjusted relative risk (ARR). Exercise gave ARR 0.80 (95% CI 0.70–0.91).",
     [("RR", 0.8, 0.7, 0.91)]),
    ("We report the absolute risk reduction (ARR). Exercise gave ARR 0.05 (95% CI 0.02–0.08).", []),
    ("The prevalence ratio (PR) was used. Anaemia had PR 1.30 (95% CI 1.08–1.57).", [("PR", 1.3, 1.08, 1.57)]),
    ("Anaemia had PR 1.30 (95% CI 1.08–1.57).", []),           # PR undefined: partial response? receptor?
    ("Heart rate (HR) was monitored; HR 1.2 (1.0–1.4) is implausible here.", []),
    ("We computed the longitudinal prevalence ratio, LPR = 0.52, 95% CI: 0.33–0.81.", [("PR", 0.52, 0.33, 0.81)]),
    ("The mean ratio (MNR) between arms was 1.15; MNR 1.15 (95% CI 1.02–1.30).", [("ratio", 1.15, 1.02, 1.3)]),
])
def test_abbreviations_follow_the_articles_definitions(text, expected):
    assert read(text) == [(m, pytest.approx(v), pytest.approx(lo), pytest.approx(hi)) for m, v, lo, hi in expected]


def test_definition_marks_adjusted():
    e = one("We used the Adjusted Hazard Ratio (AHR) throughout: AHR 2.10, 95% CI 1.30-3.39.")
    assert (e["measure"], e["adjusted"]) == ("HR", True)


@pytest.mark.parametrize("short, before, long_form", [
    ("ARR", "estimates of the absolute risk reduction", "absolute risk reduction"),
    ("aOR", "we give the adjusted odds ratio", "adjusted odds ratio"),
    ("HR", "patients' heart rate", "heart rate"),
    ("OR", "xyz", None),
])
def test_schwartz_hearst_long_form(short, before, long_form):
    assert schwartz_hearst_long_form(short, before) == long_form


# --- p-values ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, p, relation", [
    ("Mortality fell (hazard ratio 1·27 [95% CI 1·02–1·58]; p=0·02).", 0.02, "="),
    ("Risk rose (OR 2.1, 95% CI 1.5–2.9, P < .001).", 0.001, "<"),
    ("Risk rose (OR 2.1, 95% CI 1.5–2.9; p-value 0.03).", 0.03, "="),
    ("Risk rose (OR 2.1, 95% CI 1.5–2.9, p ≤ 0.01).", 0.01, "≤"),
    ("Risk rose (OR 1.1, 95% CI 0.9–1.3, p >= 0.2).", 0.2, "≥"),
    ("Risk rose (OR 2.1, 95% CI 1.5–2.9, P = 2.3 × 10−6).", 2.3e-6, "="),
    ("Risk rose (OR 2.1, 95% CI 1.5–2.9, p for interaction = 0.04).", None, None),
])
def test_p_values(text, p, relation):
    e = one(text)
    assert (e["p_value"], e["p_relation"]) == (pytest.approx(p) if p else None, relation)


# --- traps: nothing may be read from these ------------------------------------------------

TRAPS = {
    "citation marker after a bullet": "  • Head injury was associated with increased risk 1\n  • Back injury 1, 3\n",
    "citation markers after a value without a name": "Trauma raised the relative risk increase 1, 3 overall.",
    "heart rate in bpm": "At rest, HR 72 bpm and BP 120/80 mmHg were recorded.",
    "heart rate spelt out": "The HR was 88 beats per minute after the test.",
    "heart rate without unit": "HR and blood pressure were measured; HR 64 at rest.",
    "the word or": "Patients took 1 or 2 tablets (range 1–3) or none.",
    "the word OR in capitals without a number": "DIABETES OR HYPERTENSION were recorded as comorbidities.",
    "hormone receptor status": "Tumours were ER/PR/HER2 tested; ER+ PR 1.4 (1.1–1.8) counts were low.",
    "hormone receptor positive": "PR-positive 12 (30%) and PR-negative 28 (70%) tumours.",
    "range of estimates": "Across sites, ORs ranged from 1.2 to 3.4 in the adjusted models.",
    "range between": "Hazard ratios between 1.1 and 1.9 were reported by the cohorts.",
    "range with a dash": "Reported ORs 1.3–2.8 across strata were heterogeneous.",
    "year": "The odds ratio in 2019 (2015–2021) was not reported.",
    "year after the name": "HR 2019 guidance was updated.",
    "sample size": "Odds ratios were estimated from 1,204 participants (95% of those invited).",
    "sample size after name": "OR 120 patients (60 per arm) were analysed.",
    "percentage labelled as a ratio": "Response (odds ratio (OR): 41.7; 95% confidence limit (CL), 29.1–55.1%).",
    "percentage value": "The OR 45% (30–60%) quoted in the press release is a proportion.",
    "log scale": "The log OR 0.45 (0.10 to 0.80) was pooled on the log scale.",
    "relative risk reduction": "The relative risk reduction 0.25 (0.10–0.40) favoured treatment.",
    "mean with units": "Time to discharge was 811 (707–912) days in the odds ratio analysis.",
    "other abbreviation ending in R": "Tumour PCR 1.2 (1.0–1.5) cycles were run; CR 5 (3–7).",
    "negative value under a ratio's name": "Scores changed (HR, −1.20; 95% CI, −2.08 to −0.31).",
}


@pytest.mark.parametrize("name", sorted(TRAPS))
def test_traps_give_no_estimate(name):
    assert read(TRAPS[name]) == []


def test_value_without_interval_needs_a_tight_connector():
    assert read("Severe injury showed association (OR = 4.2) 2") == [("OR", 4.2, None, None)]
    assert read("Severe injury showed association (OR 4) 2") == []


# --- sample sizes ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The review pooled 12,045 stroke cases and over 2.3 million controls.",
     [(12045, "cases", None), (2300000, "controls", "lower")]),
    ("We enrolled 338 adult patients at four sites.", [(338, "patients", None)]),
    ("In the first arm (n = 1,150) adherence was high.", [(1150, None, None)]),
    ("Nearly 900 women answered.", [(900, "women", "upper")]),
    ("Of these, 16 of 130 patients relapsed and 16/130 patients died.", []),
    ("Rates were 2.5 patients per bed.", []),
    ("See reference 6\n\nFor ALS patients, care differs.", []),
    # phrasings of real releases (issue 14)
    ("It was a trial of 25,871 adults.", [(25871, "adults", None)]),
    ("A total of 1,024 women were randomised.", [(1024, "women", None)]),
    ("They used data from 7,959 British civil servants.", [(7959, "servants", None)]),
    ("The team bred 40 genetically engineered mice.", [(40, "mice", None)]),
    ("It followed more than 2,000 middle-aged adults.", [(2000, "adults", "lower")]),
    ("Two patients recovered; a dozen volunteers took part.", [(2, "patients", None), (12, "volunteers", None)]),
    # frequencies, shares and other counts are not sizes
    ("About 8 in 100 people and 1 in 3 women, one in five adults.", []),
    ("Half of 200 women and 30% of 1,000 adults and 16 out of 130 patients.", []),
    ("A 2019 study on animals and 10 years of women's data.", []),
    ("More than 140,000 U.S. women and 42 locally-advanced pancreatic cancer patients.",
     [(140000, "women", "lower"), (42, "patients", None)]),
    ("Eighty-seven volunteers and 6,467 community-dwelling, postmenopausal women.",
     [(87, "volunteers", None), (6467, "women", None)]),
    ("A 2010 study, mice given resveratrol; 4.5 per 1000 person-years among exposed children.", []),
    # a number after a label word names a kind or a step; a labelled kind inside the description is one word
    ("Care for type 2 diabetic patients, stage 3 patients and phase 2 patients.", []),
    ("It tested 180 adult type 2 diabetic patients and 153 stage 3 and 4 laryngeal cancer patients.",
     [(180, "patients", None), (153, "patients", None)]),
    ("In week 6 patients returned; 64 stage III patients took part.", [(64, "patients", None)]),
    # a size is never read across a sentence end ("200,000 people. Wine drinkers")
    ("The two most common brain tumours; it followed 200,000 people. Wine drinkers lived longer.",
     [(200000, "people", None)]),
])
def test_sample_sizes(text, expected):
    assert [(s.n, s.group, s.bound) for s in read_sample_sizes(text)] == expected


# --- the component ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    from evx.nlp.pipeline import EFFECT_COMPONENTS, build_pipeline
    nlp = build_pipeline(EFFECT_COMPONENTS)
    return nlp


def test_component_records_slice_and_skip_references(nlp):
    text = ("Trauma and risk\n\nPooled data from 4,210 cases showed OR = 1.45, 95% CI: 1.20-1.75 (p < 0.001).\n\n"
            "References\n\n1. Smith J. Head injury and OR 2.0 (1.5–2.6) in a cohort. 2020.\n")
    doc = nlp(text)
    assert [(e.measure, e.value, e.ci_low, e.ci_high, e.ci_level, e.p_value, e.p_relation)
            for e in doc._.evx_effects] == [("OR", 1.45, 1.20, 1.75, 95, 0.001, "<")]
    for record in list(doc._.evx_effects) + list(doc._.evx_sample_sizes):
        assert text[record.start:record.end] == record.text
        assert record.produced_by.startswith("pattern:")
    assert [(s.n, s.group) for s in doc._.evx_sample_sizes] == [(4210, "cases")]


def test_component_is_deterministic_and_flags_inconsistencies(nlp):
    text = "Fewer relapses (HR 0.31, 95% CI 0.67–1.11) and OR 4.4, 95% CI (1.4–19.2), p = 0.31."
    first, second = nlp(text)._.evx_effects, nlp(text)._.evx_effects
    assert first == second
    assert "estimate_outside_ci" in first[0].flags and first[0].flag_details["estimate_outside_ci"]
    assert "p_ci_mismatch" in first[1].flags

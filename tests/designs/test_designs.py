"""evx_designs: design mentions, population, year, genericity, references, main study, effect links.

All sentences are written for these tests (none is taken from ../shared).
"""
from __future__ import annotations

import json
from importlib import resources

import pytest

from evx.designs.main_study import evidence_levels, link_effects
from evx.designs.rules import load_resource, parse_resource, raw_matches
from evx.errors import ResourceError
from evx.nlp.extensions import records, summary
from evx.nlp.pipeline import build_pipeline
from evx.records import DESIGNS, Design, Effect

COMPONENTS = ("evx_sentences", "evx_sections", "evx_effects", "evx_designs")


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(COMPONENTS)


def designs_of(nlp, text: str) -> list[Design]:
    return sorted(records(nlp(text), "evx_designs"), key=lambda d: d.start)


def only(nlp, text: str) -> Design:
    found = [d for d in designs_of(nlp, text) if d.section != "title"]
    assert len(found) == 1, [(d.text, d.design) for d in found]
    return found[0]


# --- one mention, one label ---------------------------------------------------------------

@pytest.mark.parametrize("text, design, population, year", [
    ("Doctors ran a randomised, double-blind, placebo-controlled trial of the pill in 400 adults.",
     "rct", "human", None),
    ("Over the period the team followed 5,000 women for 10 years.", "cohort", "human", None),
    ("We know this from a study in mice given the compound daily.", "animal", "animal", None),
    ("Tested in cell cultures, the molecule blocked entry of the virus.", "in_vitro", "cells", None),
    ("The authors pooled data from 14 studies of shift workers.", "meta_analysis", "human", None),
    ("Mendelian randomisation pointed to a causal role for blood lipids.", "other", "human", None),
    # "observational" is read as a cohort unless its paragraph tells another kind
    ("It was an observational study of hospital cleaners.", "cohort", "human", None),
    ("A 2018 study on animals found lower levels of inflammation.", "animal", "animal", 2018),
    ("Earlier case-control research pointed the same way.", "case_control", "human", None),
    ("A 1987 review questioned the whole idea.", "narrative_review", None, 1987),
    ("Results came from a non-randomised trial at three clinics.", "non_randomized_trial", "human", None),
    ("Organoids grown from gut tissue reacted to the toxin.", "in_vitro", "cells", None),
    ("The cross-sectional survey asked 2,000 teenagers about sleep.", "cross_sectional", "human", None),
    ("In a qualitative study, nurses described their night shifts.", "qualitative", "human", None),
    ("A modelling study projected the cost of the programme.", "modelling", None, None),
    ("The case report describes a farmer with an unusual rash.", "case_report", "human", None),
])
def test_design_label_population_year(nlp, text, design, population, year):
    found = only(nlp, text)
    assert found.design == design
    assert found.population == population
    assert found.year == year
    assert found.produced_by.startswith("pattern:")
    assert text[found.start:found.end] == found.text


def test_systematic_review_and_meta_analysis_is_one_mention(nlp):
    found = only(nlp, "A 2016 systematic review and meta-analysis combined the evidence.")
    assert found.design == "meta_analysis"
    assert found.also == ["systematic_review"]
    assert found.year == 2016
    assert found.text.startswith("A 2016 systematic review")


def test_mendelian_randomisation_is_not_a_trial(nlp):
    assert all(d.design != "rct" for d in designs_of(nlp, "Using Mendelian randomization, the group studied genes."))


def test_randomised_trial_in_dogs_takes_the_species(nlp):
    found = only(nlp, "A randomized trial in dogs tested the new diet.")
    assert (found.design, found.population) == ("rct", "animal")


# --- generic and planned mentions -------------------------------------------------------------

@pytest.mark.parametrize("text, generic", [
    ("Retrospective cohort studies suffer from missing data.", True),
    ("Case-control studies cannot show which came first.", True),
    ("Such cohort studies are common in nutrition.", True),
    ("The cohort study enrolled 3,000 farmers.", False),
    ("Two case-control studies found the same link.", False),
])
def test_generic(nlp, text, generic):
    assert only(nlp, text).generic is generic


def test_planned_study_is_never_the_main_study(nlp):
    doc = nlp("The drug looks promising. Larger randomised trials are needed before anyone takes it.")
    assert summary(doc).main_design is None


# --- references -----------------------------------------------------------------------------

REFERENCED = (
    "Knee pain and walking\n\n"
    "A new cohort study followed 2,400 retired miners for eight years and found more knee pain "
    "among those who walked little.\n\n"
    "References\n\n"
    "Guideline\n\n"
    "Knee pain in older adults: a systematic review and meta-analysis.\n\n"
    "Practice Notes, 2020\n"
)


def test_reference_list_designs_are_marked_and_never_main(nlp):
    doc = nlp(REFERENCED)
    found = sorted(records(doc, "evx_designs"), key=lambda d: d.start)
    refs = [d for d in found if d.section == "references"]
    assert {d.design for d in refs} == {"guideline", "meta_analysis"}
    assert any(d.text == "Guideline" for d in refs)
    article = summary(doc)
    assert article.main_design == "cohort"
    assert article.main_population == "human"
    assert article.evidence_level == evidence_levels()["cohort"][0]
    assert "cohort" in article.main_design_reason


def test_bare_guideline_line_outside_references_is_no_design(nlp):
    assert all(d.design != "guideline" for d in designs_of(nlp, "Guideline\n\nWalk every day.\n"))


# --- the main study ----------------------------------------------------------------------------

def test_reported_study_beats_background_study(nlp):
    text = ("Previous studies in rats had suggested the spice protects the liver. "
            "Now a new randomised trial of 600 patients finds no such benefit. "
            "Patients were randomly assigned to the spice or a placebo for a year.")
    article = summary(nlp(text))
    assert article.main_design == "rct"
    assert article.main_population == "human"
    assert article.evidence_level == 2
    assert article.evidence_level_name
    assert article.main_design_reason.endswith(".")


def test_background_only_article_still_gets_animal_main(nlp):
    text = ("Some people fear the sweetener. A 2021 study in mice linked it to weight gain, "
            "and a 2022 animal study found the same.")
    article = summary(nlp(text))
    assert (article.main_design, article.main_population) == ("animal", "animal")


def test_unstated_trial_allocation(nlp):
    plain = "In the clinical trial, 50 patients received the new inhaler for a month."
    assert summary(nlp(plain)).main_design == "non_randomized_trial"
    randomised = plain + " They were randomly allocated to the inhaler or the old one."
    assert summary(nlp(randomised)).main_design == "rct"


def test_no_design_gives_no_main_design(nlp):
    article = summary(nlp("Drink water when it is hot. Children need it most."))
    assert article.main_design is None
    assert article.evidence_level is None
    assert article.main_design_reason


# --- effects take the design of their study -----------------------------------------------------

def _effect(text: str, quote: str) -> Effect:
    start = text.index(quote)
    return Effect(start=start, end=start + len(quote), text=quote, measure="OR", value=None, ci_low=None,
                  ci_high=None, ci_level=None, p_value=None, p_relation=None, adjusted=False, pooled=False)


def _design(text: str, quote: str, label: str) -> Design:
    start = text.index(quote)
    return Design(start=start, end=start + len(quote), text=quote, design=label, population="human", year=None)


def test_effect_in_a_design_sentence():
    text = "In the cohort study the risk was higher (OR = 1.4).\n\nDrink water."
    effect = _effect(text, "OR = 1.4")
    link_effects(text, [effect], [_design(text, "cohort study", "cohort")])
    assert effect.design == "cohort"


def test_effect_linked_by_citation_marker():
    text = ("A meta-analysis pooled twelve trials 1.\n\n"
            "An older case-control study found other patterns 2:\n\n"
            "  - Head injury raised the odds (OR = 4.2) 2\n"
            "  - Any injury raised the odds (OR = 1.3) 1\n")
    first, second = _effect(text, "OR = 4.2"), _effect(text, "OR = 1.3")
    link_effects(text, [first, second], [_design(text, "meta-analysis", "meta_analysis"),
                                         _design(text, "case-control study", "case_control")])
    assert (first.design, second.design) == ("case_control", "meta_analysis")


def test_effect_without_a_clear_study_stays_unlinked():
    text = "A cohort study ran in Oslo.\n\nElsewhere the odds were higher (OR = 2.0)."
    effect = _effect(text, "OR = 2.0")
    link_effects(text, [effect], [_design(text, "cohort study", "cohort")])
    assert effect.design is None


# --- resources, determinism, linear-time matching ------------------------------------------------

def test_evidence_levels_cover_every_design_once():
    data = json.loads(resources.files("evx.resources").joinpath("evidence_levels.json").read_text())
    listed = [d for level in data["levels"] for d in level["designs"]] + data["unranked"]
    assert sorted(listed) == sorted(DESIGNS)
    assert [level["level"] for level in data["levels"]] == list(range(1, len(data["levels"]) + 1))
    assert evidence_levels()["meta_analysis"][0] < evidence_levels()["rct"][0] < evidence_levels()["cohort"][0]
    assert evidence_levels()["cohort"][0] < evidence_levels()["animal"][0] < evidence_levels()["in_vitro"][0]


def test_resource_rejects_unknown_keys_and_labels():
    data = json.loads(resources.files("evx.resources").joinpath("designs.json").read_text())
    data["rules"][0]["colour"] = "red"
    with pytest.raises(ResourceError):
        parse_resource(data)
    data["rules"][0].pop("colour")
    data["rules"][0]["design"] = "anecdote"
    with pytest.raises(ResourceError):
        parse_resource(data)


SAMPLE = " ".join([
    "A randomised, double-blind, placebo-controlled trial.", "Followed 5,000 women for 10 years.",
    "A study in mice.", "In cell cultures.", "Pooled data from 14 studies.", "Mendelian randomisation.",
    "An observational study.", "A 2019 study on animals.", "Earlier case-control research.",
    "A 1992 review.", "A phase II trial.", "Open-label extension.", "A cross-sectional survey.",
    "NHANES data.", "Focus groups.", "A Markov model.", "Clinical practice guidelines.",
    "Sensitivity and specificity.", "A crossover trial.", "The rat study.", "Preclinical models.",
    "Organoids.", "In vitro.", "Reviewed records of 300 patients.", "A 12-year follow-up.",
    "Volunteers were given a drink on two separate visits.", "Sham stimulation.",
])


def test_trigger_windows_find_what_a_full_scan_finds():
    resource = load_resource()
    def spans(full):
        return sorted((m.rule.name, m.start, m.end) for m in raw_matches(SAMPLE * 3, resource, full_scan=full))
    assert spans(True) == spans(False)
    assert len(spans(False)) > 25


def test_deterministic(nlp):
    first = [(d.start, d.end, d.design) for d in designs_of(nlp, SAMPLE)]
    assert first == [(d.start, d.end, d.design) for d in designs_of(nlp, SAMPLE)]


@pytest.mark.parametrize("text", [
    "randomised " * 20_000,
    "followed " + "x " * 50_000 + " for ten years",
    "a" * 200_000,
    "case-control " * 10_000 + "\n" * 1000,
    ("in " * 30_000) + "mice",
])
def test_adversarial_text_completes(text):
    # linear-time patterns: these finish in well under a second (no timing asserted here)
    raw_matches(text, load_resource())


# --- a text that names no design: fallback from what the study did --------------------------------

@pytest.mark.parametrize("text, design, fallback", [
    ("Half the children, picked at random, got the new drops; the rest got plain saline.",
     "rct", "random_or_placebo"),
    ("The team checked whether the nasal spray was workable in practice. This feasibility work involved "
     "twelve families.", "non_randomized_trial", "uncontrolled_intervention"),
    ("Surgeons described 31 elderly patients who underwent the keyhole operation last winter.",
     "case_report", "treated_series"),
    ("The group used data from 48,000 adults in Ontario to compare heart attack rates.", "cohort", "data_on_people"),
    ("Researchers polled 900 parents of toddlers about bedtime screens.", "cross_sectional",
     "survey_or_questionnaire"),
    ("For six weeks 30 older people in the town took a daily walk with a coach.",
     "non_randomized_trial", "people_given_intervention"),
    ("A new saliva test picked out gum disease with 88 percent accuracy.", "cross_sectional", None),
])
def test_fallback_when_no_design_is_named(nlp, text, design, fallback):
    article = summary(nlp(text))
    assert article.main_design == design
    assert article.evidence_level == evidence_levels().get(design, (None,))[0]
    if fallback:
        assert f"fallback:{fallback}" in article.main_design_reason


def test_fallback_population_decides_animal_and_cells(nlp):
    text = "The hamsters ate the seeds, and hamsters that ate more grew larger hearts than other hamsters."
    article = summary(nlp(text))
    assert (article.main_design, article.main_population) == ("animal", "animal")
    assert "fallback:animal_population" in article.main_design_reason


def test_fallback_ignores_planned_and_background_cues(nlp):
    planned = "The cream looks promising. Larger randomised trials are needed before anyone uses it."
    assert summary(nlp(planned)).main_design is None
    background = "Earlier studies have shown that 40 patients who underwent the operation did well."
    assert summary(nlp(background)).main_design is None


def test_named_design_beats_fallback(nlp):
    text = "In a cohort study of nurses, 200 women took part in a survey about their sleep."
    article = summary(nlp(text))
    assert article.main_design == "cohort"
    assert "fallback:" not in article.main_design_reason


def test_no_control_group_and_early_phase_name_a_non_randomised_trial(nlp):
    assert only(nlp, "The app study had no control group at all.").design == "non_randomized_trial"
    assert only(nlp, "It was an early-stage trial of the vaccine.").design == "non_randomized_trial"


def test_stated_phase_two_trial_outranks_background_phase_three(nlp):
    text = ("This phase II trial gave the pill to 40 men with the cancer. The trial found that a third "
            "responded. The pill had already done well in phase III trials in women.")
    assert summary(nlp(text)).main_design == "non_randomized_trial"
    stated = text + " The men were randomly assigned to two doses."
    assert summary(nlp(stated)).main_design == "rct"


def test_named_registry_is_a_cohort_source(nlp):
    found = only(nlp, "Numbers came from the Danish Hip Fracture Registry, which covers every hospital.")
    assert (found.design, found.produced_by) == ("cohort", "pattern:named_registry")


def test_diagnostic_accuracy_is_cross_sectional(nlp):
    # records.md: diagnostic-accuracy studies of a test against a reference are cross-sectional
    found = only(nlp, "The quick assay agreed with the lab method: 97% agreement on the samples.")
    assert found.design == "cross_sectional"


def test_background_cue_previously_tested(nlp):
    text = ("The dye was previously tested in monkeys. Now 14 volunteers were given the dye "
            "on two lab visits.")
    assert summary(nlp(text)).main_design != "animal"


def test_fallback_resource_rejects_unknown_keys_and_labels():
    data = json.loads(resources.files("evx.resources").joinpath("designs.json").read_text(encoding="utf-8"))
    bad = dict(data, fallbacks=[{"name": "x", "design": "rct", "pattern": "y", "weight": 2}])
    with pytest.raises(ResourceError):
        parse_resource(bad)
    bad = dict(data, fallbacks=[{"name": "x", "design": "trial", "pattern": "y"}])
    with pytest.raises(ResourceError):
        parse_resource(bad)


@pytest.mark.parametrize("text", [
    "surveyed " * 30_000,
    "data from " + "1," * 40_000 + " people",
    "followed " + "x " * 50_000 + " for ten years",
    "12 " + "big " * 40_000 + "patients who underwent",
])
def test_fallback_adversarial_text_completes(nlp, text):
    nlp(text)


def test_placebo_control_outranks_trial_phase(nlp):
    text = "In this phase II trial, 60 adults took the capsule or a placebo for a year. The trial ended early."
    found = {d.text: d.design for d in designs_of(nlp, text)}
    assert found["this phase II trial"] == "rct"
    assert "The trial" not in found and "or a placebo" not in found   # the same trial, told more about
    # the mentions read as controlled, but with "random" nowhere the main design is not guessed
    assert summary(nlp(text)).main_design is None
    assert summary(nlp(text.replace("or a placebo", "or a placebo at random"))).main_design == "rct"
    open_label = "In this phase II trial, 60 adults took the capsule for a year. The trial ended early."
    assert summary(nlp(open_label)).main_design == "non_randomized_trial"


@pytest.mark.parametrize("text, rule", [
    ("Results came from the JUPITER trial of rosuvastatin.", "pattern:named_trial"),
    ("A 2021 trial called SAMSON gave people statins.", "pattern:named_trial"),
    ("The review pooled 18 primary-prevention trials of statins.", "pattern:counted_trials"),
    ("Older trials in care-home residents reported fewer fractures.", "pattern:clinical_trial"),
])
def test_named_counted_and_plural_trials_are_mentions(nlp, text, rule):
    found = [d for d in designs_of(nlp, text) if d.produced_by == rule]
    assert found and found[0].design in ("rct", "non_randomized_trial")


def test_a_capitalised_word_before_trial_is_not_a_name(nlp):
    # a sentence-initial word or an ordinary capitalised word does not make a named trial
    assert not [d for d in designs_of(nlp, "Vitamin trial results were mixed. Trial sites closed.")
                if d.produced_by == "pattern:named_trial"]


@pytest.mark.parametrize("text, pooled", [
    ("Most evidence comes from an individual-patient meta-analysis of 26 randomized trials.", True),
    ("A 2023 review of 107 cohort studies found no lower risk.", True),
    ("A meta-analysis found a benefit, and a randomized trial then tested it in older adults.", False),
])
def test_what_a_review_pooled_is_part_of_it_not_a_study_of_its_own(nlp, text, pooled):
    from evx.designs.mentions import extract_designs
    from evx.text.sentences import Sentences
    doc = nlp(text)
    kept = {d.text: d.design for d in designs_of(nlp, text)}
    assert {"meta_analysis", "systematic_review"} & set(kept.values())
    unit = [d for d in designs_of(nlp, text) if d.design in ("rct", "cohort")]
    assert unit, "the pooled design is still a record"
    candidates = extract_designs(text, Sentences.of(text), doc._.evx_sections, load_resource()).candidates
    assert (unit[0].start not in {c.design.start for c in candidates}) == pooled


def test_cues_tell_more_about_the_study_named_beside_them(nlp):
    text = ("In the JUPITER trial, researchers randomly assigned 17,802 adults to rosuvastatin or a placebo. "
            "There were 142 events against 251 in the placebo group.\n\n"
            "A 2018 study followed 292 male mice. An observational study of nurses used a case-control design.")
    found = {d.text: (d.design, d.produced_by) for d in designs_of(nlp, text)}
    assert found["the JUPITER trial"][0] == "rct"
    for cue in ("randomly assigned", "or a placebo", "the placebo group", "mice"):
        assert cue not in found                         # evidence for the study named beside it
    assert found["A 2018 study"] == ("animal", "pattern:study_head+species_word")
    assert found["An observational study"][0] == "case_control"   # refined by its paragraph
    # with no phrase naming a study, a cue is the record
    assert [d.design for d in designs_of(nlp, "Participants were randomly assigned to two diets.")] == ["rct"]


def test_dose_groups_of_a_trial_of_untold_allocation_leave_the_design_unguessed(nlp):
    single = ("In the clinical trial, 90 care-home residents took vitamin D for a year. "
              "Those who took it had fewer chest infections.")
    assert summary(nlp(single)).main_design == "non_randomized_trial"
    doses = single.replace("took vitamin D", "took monthly vitamin D") + " Falls were rarer with lower doses."
    article = summary(nlp(doses))
    assert article.main_design is None and article.main_design_untold == "non_randomized_trial"
    assert "rule:allocation_unstated" in article.main_design_reason


@pytest.mark.parametrize("text, design, rule", [
    ("A new analysis of eight randomised trials found fewer cancer deaths.", "meta_analysis", "analysis_of_trials"),
    ("The monarchE trial enrolled 5,637 women.", "non_randomized_trial", "named_trial"),
    ("In all, 800 patients, randomised to surgery or splinting, were seen again at a year.", "rct", "random_assignment"),
    ("Researchers linked national prescription registers for 2 million adults.", "cohort", "records_registry"),
])
def test_more_ways_of_naming_a_design(nlp, text, design, rule):
    found = [(d.design, d.produced_by) for d in designs_of(nlp, text)]
    assert (design, f"pattern:{rule}") in found, found


def test_a_review_of_every_trial_is_a_meta_analysis_when_its_paragraph_says_it_pools(nlp):
    text = "A Cochrane review pools every good trial of zinc for colds. It found colds were a day shorter."
    assert [d.design for d in designs_of(nlp, text)] == ["meta_analysis"]


def test_the_trials_a_reported_review_pooled_are_not_its_main_study(nlp):
    text = ("Daily aspirin cuts cancer deaths, analysis of trials finds\n\n"
            "Researchers went back to the records of eight randomised trials of aspirin. "
            "In the trials, 25,570 patients took aspirin or a dummy pill. The trials were long.")
    assert summary(nlp(text)).main_design == "meta_analysis"
    # with no review presented as the study, the trials are the study
    assert summary(nlp(text.replace("analysis of trials finds", "trials find"))).main_design == "rct"


def test_a_species_word_belongs_to_the_mention_it_follows_in_a_list(nlp):
    text = "We look at three studies: a randomised trial, a large cohort and a mouse experiment."
    trial = next(d for d in designs_of(nlp, text) if d.design == "rct")
    assert trial.population == "human"


def test_a_study_published_years_ago_is_not_presented_as_the_reported_one(nlp):
    from evx.designs.rules import load_resource
    main = load_resource().cues["main_study"]
    assert main.search("The results were published in JAMA.")
    assert not main.search("In a large trial published in 2007, the vaccine worked.")


def test_an_approval_announcement_reports_no_study_unless_it_names_the_trial_design(nlp):
    text = ("This week the Food and Drug Administration approved a new pill for migraine in adults. "
            "The approval rests on two clinical trials in which patients took the pill.")
    article = summary(nlp(text))
    assert article.main_design is None and "rule:approval_announcement" in article.main_design_reason
    explicit = text.replace("two clinical trials", "a randomized, placebo-controlled trial")
    assert summary(nlp(explicit)).main_design == "rct"
    # an FDA-approved drug tested in a new trial is a study report
    tested = ("An FDA-approved pill for migraine cut headache days in a clinical trial of 300 adults "
              "who took it for a year.")
    assert summary(nlp(tested)).main_design == "non_randomized_trial"


@pytest.mark.parametrize("text, design", [
    ("Researchers surveyed 1,200 nurses about night shifts and sleep.", "cross_sectional"),
    ("Parents completed a short questionnaire about screen time.", "cross_sectional"),
    # a survey named in passing tells nothing of the study's design: null, not a guess
    ("The drug cut clots over six months, the company said, citing surveys of doctors' habits.", None),
])
def test_survey_fallback_needs_people_surveyed(nlp, text, design):
    assert summary(nlp(text)).main_design == design


def test_a_diagnostic_test_with_no_design_named_is_cross_sectional(nlp):
    article = summary(nlp("The blood test showed a sensitivity that beat the scan in the clinic."))
    assert article.main_design == "cross_sectional"
    assert "fallback:diagnostic_test" in article.main_design_reason

"""The main study of an article: the main-design classifier over the rules, and the main sample size."""
from __future__ import annotations

import pytest

from evx.designs import article_features, main_design_model
from evx.designs.component import FEATURES_KEY
from evx.errors import ResourceError
from evx.extract import annotate
from evx.models import linear
from evx.nlp.extensions import summary
from evx.nlp.pipeline import build_pipeline
from evx.readers import Document

COMPONENTS = ("evx_sentences", "evx_sections", "evx_effects", "evx_designs")

RELEASE = (
    "New drug cuts migraine days, trial finds\n\n"
    "A new study published today reports on a migraine drug given to adults with frequent attacks. "
    "A total of 1,024 women were randomly assigned to the drug or a placebo for 12 weeks. "
    "About 8 in 100 people have migraine in any year. "
    "Women on the drug had fewer migraine days than those on placebo, the researchers said. "
) + "The team will now test the drug in teenagers and in men over a longer period of time. " * 20


def read(text: str, main_model: str = "linear"):
    nlp = build_pipeline(COMPONENTS[:-1])
    nlp.add_pipe("evx_designs", config={"main_model": main_model})
    return annotate(nlp, Document(doc_id="t", source="t", text=text))


def test_the_shipped_classifier_loads_and_says_what_it_is():
    model = main_design_model.load_model()
    assert model is not None and model.produced_by.startswith("model:evx-main-design-lr@")
    assert "none" in model.model.classes and "rct" in model.model.classes
    training = model.model.training
    assert training["min_chars"] > 0 and training["keep_explicit"] == 3 and 0 <= training["overrule_at"] < 1


def test_a_model_with_an_unknown_class_is_refused():
    bad = linear.LinearModel(name="x", version="1", classes=("rct", "pilot"), intercept=(0.0, 0.0), weights={})
    with pytest.raises(ResourceError, match="unknown classes"):
        main_design_model.from_linear(bad)


def test_the_release_gets_its_trial_and_its_size_not_the_frequency():
    doc = read(RELEASE)
    article = summary(doc)
    assert article.main_design == "rct"
    assert article.main_sample_size == 1024      # never the 100 of "8 in 100 people"
    assert article.main_sample_size_reason.startswith("rule:")
    assert doc.user_data[FEATURES_KEY]["rule=rct"] == 1.0


def test_short_texts_and_explicit_designs_are_the_rules_answer():
    model = main_design_model.load_model()
    training = model.model.training
    # below the shortest training text, the classifier never overrules
    assert not model.overrules("rct", None, 0.99, training["min_chars"] - 1)
    assert model.overrules("rct", None, 0.99, training["min_chars"])
    # an explicitly named design is never turned into null, whatever the probability
    assert not model.overrules("animal", None, 0.99, 10_000, rule_strength=3)
    assert model.overrules("animal", "in_vitro", 0.99, 10_000, rule_strength=3)
    # a design the classifier hardly saw in training is not its to judge
    rare = min(training["classes"], key=training["classes"].get)
    assert training["classes"][rare] < training["min_examples"]
    assert not model.overrules(rare, "cohort", 0.99, 10_000)


def test_the_fast_pipeline_takes_the_rules_and_makes_no_features():
    from evx.pipelines import PIPELINES
    assert PIPELINES["fast"]["evx_designs"] == {"main_model": "rules"}
    nlp = build_pipeline(COMPONENTS, pipeline="fast")
    doc = annotate(nlp, Document(doc_id="t", source="t", text=RELEASE))
    assert FEATURES_KEY not in doc.user_data and summary(doc).main_sample_size == 1024
    assert FEATURES_KEY in read(RELEASE, "features").user_data


def test_rules_only_config_and_bad_config():
    assert summary(read("Researchers polled 900 parents of toddlers about bedtime screens.", "rules")).main_design \
        == "cross_sectional"
    nlp = build_pipeline(COMPONENTS[:-1])
    with pytest.raises(ValueError, match="linear, rules, features"):
        nlp.add_pipe("evx_designs", config={"main_model": "bert"})


def test_cue_triggers_are_checked():
    for name, (pattern, triggers) in article_features.cues().items():
        assert triggers and all(t == t.lower() for t in triggers), name
    found = article_features.first_cues("patients were randomly assigned to placebo. mice were not used.")
    assert {"random", "placebo", "allocated", "mice", "patients"} <= set(found)
    assert "survey" not in found


def test_trigger_gated_cue_search_finds_what_a_plain_search_finds():
    from pathlib import Path
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    texts = [p.read_text(encoding="utf-8").lower() for p in sorted(corpus.glob("*.txt"))]
    assert texts
    for low in texts:
        plain = {name: m.start() for name, (pattern, _) in article_features.cues().items()
                 if (m := pattern.search(low)) is not None}
        assert article_features.first_cues(low) == plain
        for name, (pattern, triggers) in article_features.cues().items():
            for m in pattern.finditer(low):
                assert any(t in m.group(0) for t in triggers), (name, m.group(0))
                assert len(m.group(0)) <= article_features.MAX_CUE_CHARS, (name, m.group(0))


@pytest.mark.parametrize("sentence, n, summed", [
    # groups joined by "and", "versus" or "while" are the study together
    ("The trial enrolled 120 patients with asthma and 80 healthy controls.", 200, True),
    ("In the study, 90 patients received the new device, while 81 patients had the usual one.", 171, True),
    # a total broken down, a list of side effects, a part of the group: the first size alone
    ("The study followed 37 patients, 23 with the disease and 14 controls.", 37, False),
    ("The study enrolled 300 patients and, of them, 120 patients had surgery.", 300, False),
    ("Side effects in the trial: headache (10 subjects); nausea (6 subjects).", 10, False),
])
def test_the_main_sample_size_sums_groups_listed_together(sentence, n, summed):
    article = summary(read("A new study of a treatment.\n\n" + sentence, main_model="rules"))
    assert article.main_sample_size == n
    assert article.main_sample_size_reason.endswith("+rule:sum_of_listed_groups") == summed


FILLER = "The team will now test the approach in more people over a longer period of time. " * 20


@pytest.mark.parametrize("body, design", [
    # a comparison group, allocation never told: not guessed
    ("In a clinical trial, 120 patients received the new drug while a control group received usual care.", None),
    # one group given the treatment: a non-randomised trial
    ("In a clinical trial, 120 patients received the new drug and were followed for a year.",
     "non_randomized_trial"),
    # stated random allocation decides
    ("In a clinical trial, 120 patients were randomly assigned to the new drug or to a control group.", "rct"),
    # a placebo group without the word random anywhere: not guessed; with it, randomised
    ("In the trial, 120 patients were given the new drug or a placebo for a year.", None),
    ("In the trial, 120 patients were given the new drug or a placebo at random for a year.", "rct"),
])
def test_a_trial_whose_allocation_is_never_told_has_no_main_design(body, design):
    article = summary(read("New drug for asthma\n\n" + body + " " + FILLER, main_model="rules"))
    assert article.main_design == design
    assert ("rule:allocation_unstated" in article.main_design_reason) == (design is None)

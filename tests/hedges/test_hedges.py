"""evx_hedges: cue detection, categories, on_claim, the lexicon and the disambiguator."""
from __future__ import annotations

import re

import pytest

from evx.errors import ResourceError
from evx.hedges.lexicon import Lexicon, load_lexicon
from evx.hedges.model import load_classifier
from evx.nlp.pipeline import HEDGE_COMPONENTS, build_pipeline
from evx.records import HEDGE_CATEGORIES


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(HEDGE_COMPONENTS)


def hedges(nlp, text):
    return nlp(text)._.evx_hedges


def only(nlp, text):
    found = hedges(nlp, text)
    assert len(found) == 1, [(h.text, h.cue) for h in found]
    return found[0]


# --- cues and categories -------------------------------------------------------

@pytest.mark.parametrize("text, cue, category", [
    ("Long-term use of the drug may raise the risk of kidney damage.", "may", "modal"),
    ("Regular sauna use might lower blood pressure in older adults.", "might", "modal"),
    ("The authors suggested that the vaccine shortens illness.", "suggest", "epistemic_verb"),
    ("Night-shift work seems to disturb glucose control.", "seem", "epistemic_verb"),
    ("Investigators theorised that gut bacteria shape mood.", "theorize", "epistemic_verb"),
    ("Air pollution is probably a factor in childhood wheeze.", "probably", "adjective_adverb"),
    ("Vitamin D is a putative modifier of relapse rates.", "putative", "adjective_adverb"),
    ("Further studies are needed to settle the question.", "more research is needed", "more_research"),
    ("Scientists say they need to carry out more research to confirm the finding.",
     "need more research", "more_research"),
    ("How the enzyme reaches the nucleus remains unclear.", "remains unclear", "unclear"),
    ("The benefit of the diet is poorly understood.", "poorly understood", "unclear"),
    ("A causal role of the hormone cannot be ruled out.", "cannot be excluded", "negated_certainty"),
    ("The link has not been conclusively proven.", "not definitively established", "negated_certainty"),
    ("A correlation of this kind does not prove causation.", "does not prove", "negated_certainty"),
    ("These data should not be interpreted as causal.", "should not be considered causal",
     "negated_certainty"),
    ("Together the results raise the possibility of a viral trigger.", "raises the possibility",
     "epistemic_verb"),
])
def test_cue_and_category(nlp, text, cue, category):
    hedge = only(nlp, text)
    assert (hedge.cue, hedge.category) == (cue, category)
    assert category in HEDGE_CATEGORIES
    assert text[hedge.start:hedge.end] == hedge.text
    assert hedge.produced_by


def test_whether_and_unknown_are_separate_cues(nlp):
    found = hedges(nlp, "It is not known whether coffee protects the liver.")
    assert [h.cue for h in found] == ["not known", "whether"]


@pytest.mark.parametrize("text", [
    "The vitamin reduced fatigue in the treated group.",
    "Take the tablets as soon as possible after a meal.",
    "The trial started in May 2019 and ended a year later.",
    "Patients with asthma were twice as likely to be admitted.".replace("likely", "often"),
])
def test_no_cue(nlp, text):
    assert hedges(nlp, text) == []


def test_cue_inside_a_longer_word_is_not_a_cue(nlp):
    # "may" in "dismayed", "or" in "for", "possible" in "impossible" ... none are candidates
    assert hedges(nlp, "Researchers were dismayed; it was impossible for them to recruit.") == []


def test_upper_case_and_offsets_survive_lower_casing(nlp):
    text = "İstanbul clinics report that the drug MAY cause liver injury."
    hedge = only(nlp, text)
    assert hedge.text == "MAY" and text[hedge.start:hedge.end] == "MAY"


def test_sentence_offsets(nlp):
    text = "Salt raises blood pressure. Low sodium diets may reduce strokes. Nobody disputes that."
    hedge = only(nlp, text)
    assert text[hedge.sentence_start:hedge.sentence_end].strip() == "Low sodium diets may reduce strokes."
    assert hedge.sentence_start <= hedge.start < hedge.end <= hedge.sentence_end


def test_cues_in_a_references_list_are_skipped(nlp):
    text = ("Statins may protect the kidneys.\n\nReferences\n\n"
            "Smith J. A possible role for statins in kidney disease. J Neph, 2020.\n")
    assert [h.text for h in hedges(nlp, text)] == ["may"]


# --- on_claim ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Long-term use of the drug may raise the risk of kidney damage.",
    "Head injuries could trigger the disease in susceptible people.",
    "There may be a link between poor sleep and dementia.",
    "This review discusses the possible benefits of fasting.",
    "The faster decline appears to be driven by inflammation.",
    "Further studies are needed to settle the question.",
    "Reverse causation cannot be excluded.",
    "Adults who sleep badly may have a higher risk of heart disease.",
    "Researchers still debate whether statins prevent dementia.",
    "Children exposed to smoke are likely to be more prone to asthma.",
])
def test_hedges_on_claims(nlp, text):
    found = hedges(nlp, text)
    assert found and all(h.on_claim for h in found), [(h.text, h.on_claim) for h in found]


@pytest.mark.parametrize("text", [
    "Some patients may notice a mild rash after the first dose.",
    "Side effects may differ from one person to the next.",
    "Common signs may include headaches and dizziness.",
    "Early symptoms might vary between children and adults.",
    "You should speak to a pharmacist before stopping the medicine.",
    "A trapped nerve may also cause a tingling sensation in the hand.",
    "The new trial will test whether a daily walk improves sleep.",
    "It is possible to lower your blood pressure with less salt.",
    "A specialist can order scans to find the condition that may explain the symptoms.".replace(
        "explain", "cause"),
])
def test_hedges_on_description_are_not_on_claims(nlp, text):
    found = hedges(nlp, text)
    assert found, text
    assert not any(h.on_claim for h in found), [(h.text, h.on_claim) for h in found]


def test_clause_boundary_separates_subjects(nlp):
    # the people are in the first clause; the hedged claim is in the second
    found = hedges(nlp, "Many people smoke, but the habit may shorten life by a decade.")
    assert [(h.text, h.on_claim) for h in found] == [("may", True)]


# --- the disambiguator ------------------------------------------------------------

def test_classifier_loads_and_scores():
    classifier = load_classifier()
    assert classifier is not None and classifier.weights
    p = classifier.probability(["c=or", "n1=not"])
    assert 0.0 <= p <= 1.0


def test_ambiguous_cue_goes_through_the_classifier(nlp):
    hedge = only(nlp, "These results indicate that the protein binds DNA directly.")
    assert hedge.cue == "indicate"
    assert load_classifier().name in hedge.produced_by


def test_list_or_is_not_a_cue(nlp):
    assert hedges(nlp, "Cells were grown in medium with glucose, galactose or fructose.") == []


# --- the lexicon ---------------------------------------------------------------------

def test_packaged_lexicon_is_valid():
    lexicon = load_lexicon()
    assert "may" in lexicon.words and lexicon.words["may"].category == "modal"
    for entry in list(lexicon.words.values()) + [entry for _, entry in lexicon.phrases]:
        assert entry.category in HEDGE_CATEGORIES


def top_level_alternatives(pattern):
    parts, depth, current = [], 0, ""
    for char in pattern:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return parts + [current]


def first_words(pattern):
    """The words a phrase pattern can begin with, read from its leading "(?:a|b?|...)" or word."""
    optional = re.match(r"\(\?:([^()]*)\)\?", pattern)
    if optional:                          # "(?:an?\s+)?open": either word may come first
        return first_words(optional.group(1)) | first_words(pattern[optional.end():])
    group = re.match(r"\(\?:([^()]*)\)", pattern)
    alternatives = group.group(1).split("|") if group else [pattern]
    words = set()
    for alt in alternatives:
        word = re.match(r"[a-z']+", alt).group(0)
        rest = alt[len(word):]
        if rest.startswith("?"):          # "warrants?", "an?": the last letter is optional
            words.update({word, word[:-1]})
        else:
            words.add(word)
    return words


def test_every_phrase_starts_with_a_listed_first_word():
    # phrases are only tried where one of their "starts" words begins: a match must start with one
    import json
    from importlib import resources
    data = json.loads(resources.files("evx").joinpath("resources", "hedge_lexicon.json").read_text())
    for item in data["phrases"] + data["not_cue_phrases"]:
        for pattern in top_level_alternatives(item["pattern"]):
            assert first_words(pattern) <= set(item["starts"]), (item["pattern"], first_words(pattern))


def test_lexicon_rejects_unknown_category():
    with pytest.raises(ResourceError, match="category"):
        Lexicon({"words": [{"forms": ["maybe"], "cue": "maybe", "category": "vague",
                            "ambiguous": False, "claim": True}]})


def test_lexicon_rejects_unknown_keys():
    with pytest.raises(ResourceError, match="keys"):
        Lexicon({"phrases": [{"name": "x", "starts": ["x"], "cue": "x", "category": "other", "pattern": "x",
                              "extra": 1}]})


def test_lexicon_rejects_phrase_without_first_words():
    with pytest.raises(ResourceError, match="starts"):
        Lexicon({"phrases": [{"name": "x", "starts": [], "cue": "x", "category": "other", "pattern": "x"}]})


def test_phrase_wins_over_words_inside_it():
    lexicon = Lexicon({
        "words": [{"forms": ["unclear"], "cue": "unclear", "category": "unclear", "ambiguous": False,
                   "claim": True}],
        "phrases": [{"name": "remains_unclear", "starts": ["remains"], "cue": "remains unclear",
                     "category": "unclear", "pattern": "remains\\s+unclear\\b"}],
    })
    found = lexicon.candidates("Its cause remains unclear, and the dose is unclear too.")
    assert [(c.entry.cue, c.start) for c in found] == [("remains unclear", 10), ("unclear", 43)]


# --- robustness ------------------------------------------------------------------------

def test_adversarial_text_runs_and_is_deterministic(nlp):
    noise = ("remains not not been yet to be " * 500) + "may " + ("or " * 1000) + "whether."
    text = noise + " Exercise may slow memory loss."
    first = [(h.start, h.end, h.cue, h.on_claim) for h in hedges(nlp, text)]
    second = [(h.start, h.end, h.cue, h.on_claim) for h in hedges(nlp, text)]
    assert first == second
    # the noise is not prose and yields nothing; the real sentence after it keeps its cue
    assert first == [(len(noise) + 10, len(noise) + 13, "may", True)]


def test_empty_and_whitespace_documents(nlp):
    assert hedges(nlp, "") == []
    assert hedges(nlp, " \n\n ") == []

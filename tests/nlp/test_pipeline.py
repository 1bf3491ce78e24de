"""The spaCy side: components are registered factories anyone can add to a pipeline."""
from __future__ import annotations

from importlib.metadata import entry_points

import pytest
import spacy

import evx.nlp.pipeline  # noqa: F401  (registers the factories)
from evx.nlp.pipeline import DEFAULT_COMPONENTS, build_pipeline
from evx.nlp.sections import find_sections
from evx.nlp.sentences import set_sentence_starts


def test_entry_points_declare_every_component():
    declared = {ep.name for ep in entry_points(group="spacy_factories") if ep.value.startswith("evx.")}
    assert set(DEFAULT_COMPONENTS) <= declared


@pytest.mark.parametrize("name", DEFAULT_COMPONENTS)
def test_component_adds_to_a_blank_pipeline(name):
    nlp = spacy.blank("en")
    if name != "evx_sentences":
        nlp.add_pipe("evx_sentences")
    nlp.add_pipe(name)
    doc = nlp("Smokers had higher odds of cancer (OR = 2.1, 95% CI: 1.4-3.2).")
    assert doc.has_annotation("SENT_START")


def test_default_pipeline_runs_without_a_model():
    nlp = build_pipeline()
    assert nlp.pipe_names == list(DEFAULT_COMPONENTS)
    assert not any(name in ("tok2vec", "tagger", "parser") for name in nlp.pipe_names)


def test_sentences_split_at_lines_and_full_stops():
    nlp = spacy.blank("en")
    doc = set_sentence_starts(nlp("Key findings\n  • Trauma was linked to ALS 1\nIt rose. Then fell, e.g. in Fig. 2 here."))
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == ["Key findings", "• Trauma was linked to ALS 1", "It rose.", "Then fell, e.g. in Fig. 2 here."]


def test_references_heading_starts_references_section():
    text = "Title line\n\nBody sentence here.\n\nReferences\n\nA cohort study of things. 2020\n"
    kinds = {s.kind: (s.start, s.end) for s in find_sections(text)}
    assert set(kinds) == {"title", "body", "references"}
    start, end = kinds["references"]
    assert text[start:end].lstrip().startswith("References")
    assert end == len(text)


def test_hard_wrapped_lines_stay_one_sentence():
    nlp = spacy.blank("en")
    text = ("Drinking three cups of coffee a day was linked to a lower risk of death in the\n"
            "cohort, the authors said.\nShort heading\nNext sentence here.")
    doc = set_sentence_starts(nlp(text))
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences[0].endswith("the authors said.")
    assert sentences[1:] == ["Short heading", "Next sentence here."]


def test_first_line_is_a_title_only_when_it_stands_alone():
    wrapped = ("A cohort study followed 52,000 adults for twelve years and found that coffee drinkers\n"
               "lived longer.\n")
    assert "title" not in {s.kind for s in find_sections(wrapped)}
    headline = "Coffee and survival\n\nA cohort study followed adults.\n"
    (title,) = [s for s in find_sections(headline) if s.kind == "title"]
    assert headline[title.start:title.end] == "Coffee and survival"

"""The spaCy side: components are registered factories anyone can add to a pipeline."""
from __future__ import annotations

from importlib.metadata import entry_points

import pytest
import spacy

from evx.errors import PipelineError

import evx.nlp.pipeline  # noqa: F401  (registers the factories)
from evx.nlp.pipeline import DEFAULT_COMPONENTS, build_pipeline, shared_pipeline
from evx.nlp.sections import find_sections
from evx.nlp.sentences import set_sentence_starts


def test_entry_points_declare_every_component():
    declared = {ep.name for ep in entry_points(group="spacy_factories") if ep.value.startswith("evx.")}
    assert set(DEFAULT_COMPONENTS) <= declared


@pytest.mark.parametrize("upto", range(1, len(DEFAULT_COMPONENTS) + 1))
def test_component_adds_to_a_blank_pipeline_after_what_it_needs(upto):
    nlp = spacy.blank("en")
    for name in DEFAULT_COMPONENTS[:upto]:
        nlp.add_pipe(name)
    doc = nlp("Smokers had higher odds of cancer (OR = 2.1, 95% CI: 1.4-3.2).")
    assert doc.has_annotation("SENT_START")
    if "evx_effects" in nlp.pipe_names:
        assert [e.value for e in doc._.evx_effects] == [2.1]


def test_default_pipeline_meets_every_declared_requirement():
    analysis = build_pipeline().analyze_pipes(pretty=False)
    assert analysis["problems"] == {name: [] for name in DEFAULT_COMPONENTS}
    assert all(analysis["summary"][name]["requires"] is not None for name in DEFAULT_COMPONENTS)


@pytest.mark.parametrize("components, missing", [
    (("evx_sentences", "evx_effects"), "evx_sections"),
    (("evx_sentences", "evx_sections", "evx_designs"), "evx_effects"),
    (("evx_sections", "evx_hedges"), "evx_sentences"),
    (("evx_sentences", "evx_sections", "evx_effects", "evx_hedges", "evx_claims"), "evx_designs"),
])
def test_component_without_what_it_needs_says_so(components, missing):
    nlp = spacy.blank("en")
    for component in components:
        nlp.add_pipe(component)
    with pytest.raises(PipelineError, match=f"{components[-1]} needs {missing} to run before it"):
        nlp("Smokers had higher odds of cancer (OR = 2.1, 95% CI: 1.4-3.2).")


def test_extract_text_reuses_its_pipeline(monkeypatch):
    import evx
    import evx.nlp.pipeline as pipeline
    text = "Coffee was linked to lower risk (HR 0.88, 95% CI 0.81-0.95)."
    first = evx.extract_text(text)
    built = []
    monkeypatch.setattr(pipeline, "build_pipeline", lambda *a: built.append(a) or build_pipeline(*a))
    assert evx.extract_text(text) == evx.extract_text(text) == first
    assert built == [] and shared_pipeline() is shared_pipeline()


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

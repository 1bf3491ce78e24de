"""``evx_effects``: ratio effect sizes with their intervals and p-values, and sample sizes.

The spaCy glue only: :class:`evx.effects.estimates.EstimateReader` reads the estimates and
:func:`evx.effects.sample_sizes.read_sample_sizes` the sample sizes, both on the raw text.

Sets ``doc._.evx_effects`` (:class:`~evx.records.Effect`) and
``doc._.evx_sample_sizes`` (:class:`~evx.records.SampleSize`); skips the references.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from evx.effects.estimates import EstimateReader, to_effect
from evx.effects.sample_sizes import read_sample_sizes
from evx.nlp.extensions import doc_text, records, require
from evx.nlp.sentences import sentence_table
from evx.nlp.sections import section_at


def find_effects(doc: Doc) -> Doc:
    require(doc, "evx_effects", "sentences", "evx_sections")
    effects, sizes, text = records(doc, "evx_effects"), records(doc, "evx_sample_sizes"), doc_text(doc)
    for estimate in EstimateReader(text, sentence_table(doc)).read():
        section = section_at(doc, estimate["start"])
        if section != "references":
            effects.append(to_effect(text, estimate, section))
    sizes.extend(s for s in read_sample_sizes(text) if section_at(doc, s.start) != "references")
    return doc


@Language.factory("evx_effects", requires=["token.is_sent_start", "doc._.evx_sections"], assigns=["doc._.evx_effects", "doc._.evx_sample_sizes"])
def make_effects(nlp: Language, name: str):
    return find_effects

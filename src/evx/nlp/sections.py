"""``evx_sections``: where the title, body and references list are.

Readers that know the structure (JATS, HTML) put sections in
``doc._.evx_sections`` before the pipeline runs; for plain text this component
finds them with :func:`evx.text.sections.find_sections`.

Designs named in reference titles are marked ``section: references``; effect
extraction skips references altogether.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from evx.nlp.extensions import doc_text, records
from evx.text import sections as text_sections
from evx.text.sections import SectionSpan, find_sections  # noqa: F401  (public here too)


def section_at(doc: Doc, offset: int) -> str:
    """The kind of section that holds character ``offset`` ("body" when none does)."""
    return text_sections.section_at(doc._.evx_sections, offset)


def section_bounds(doc: Doc, kind: str) -> tuple[int, int] | None:
    return text_sections.section_bounds(doc._.evx_sections, kind)


def set_sections(doc: Doc) -> Doc:
    existing = records(doc, "evx_sections")
    if not existing:
        existing.extend(find_sections(doc_text(doc)))
    return doc


@Language.factory("evx_sections", assigns=["doc._.evx_sections"])
def make_sections(nlp: Language, name: str):
    return set_sections

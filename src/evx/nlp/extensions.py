"""Every Doc extension evx sets, declared once (guarded against double registration).

Each component appends its record objects (see :mod:`evx.records`) to one list:

``doc._.evx_sections``     list[SectionSpan]  where the title, body, references and tables are
``doc._.evx_effects``      list[Effect]
``doc._.evx_sample_sizes`` list[SampleSize]
``doc._.evx_designs``      list[Design]
``doc._.evx_hedges``       list[Hedge]
``doc._.evx_claims``       list[Claim]
``doc._.evx_summary``      dict   per-document fields (main design, evidence level, scores)
``doc._.evx_meta``         dict   what the reader knew (title span, format)
"""
from __future__ import annotations

from spacy.tokens import Doc

LIST_EXTENSIONS = (
    "evx_sections", "evx_effects", "evx_sample_sizes", "evx_designs", "evx_hedges", "evx_claims",
)
DICT_EXTENSIONS = ("evx_summary", "evx_meta")


def register_extensions() -> None:
    for name in LIST_EXTENSIONS:
        if not Doc.has_extension(name):
            # a getter-less default of None; components set a fresh list per doc
            Doc.set_extension(name, default=None)
    for name in DICT_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def records(doc: Doc, name: str) -> list:
    """The list on ``doc._.<name>``, created on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def mapping(doc: Doc, name: str) -> dict:
    value = getattr(doc._, name)
    if value is None:
        value = {}
        setattr(doc._, name, value)
    return value


register_extensions()


TEXT_KEY = "evx_text"


def doc_text(doc) -> str:
    """The document's text, read once.

    spaCy's ``doc.text`` rebuilds the string from the tokens on every access, which
    costs about half as much as tokenising; evx keeps it in
    ``doc.user_data["evx_text"]`` (:func:`evx.extract.annotate` puts it there from
    the reader) and every component reads it through this function.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text

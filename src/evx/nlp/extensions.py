"""Every Doc extension evx sets, declared once (guarded against double registration).

Each component appends its record objects (see :mod:`evx.records`) to one list:

``doc._.evx_sections``     list[SectionSpan]  where the title, body, references and tables are
``doc._.evx_effects``      list[Effect]
``doc._.evx_sample_sizes`` list[SampleSize]
``doc._.evx_designs``      list[Design]
``doc._.evx_hedges``       list[Hedge]
``doc._.evx_claims``       list[Claim]
``doc._.evx_summary``      DocumentSummary  per-document fields (main design, evidence level, scores)
``doc._.evx_meta``         dict   what the reader knew (title span, format)

An extension that is still None was never set: the component that sets it has not run.
:func:`require` turns that into a clear error, so a component never silently works without
what it reads (``evx_claims`` without ``evx_designs`` would lose its evidence).
"""
from __future__ import annotations

from spacy.tokens import Doc

from evx.errors import PipelineError
from evx.records import SPAN_KINDS, DocumentSummary, extension_name

LIST_EXTENSIONS = ("evx_sections",) + tuple(extension_name(kind) for kind in SPAN_KINDS)
SUMMARY_EXTENSION = "evx_summary"
META_EXTENSION = "evx_meta"
#: extension -> the component that sets it (for error messages)
SET_BY = {
    "evx_sections": "evx_sections", "evx_effects": "evx_effects", "evx_sample_sizes": "evx_effects",
    "evx_designs": "evx_designs", "evx_hedges": "evx_hedges", "evx_claims": "evx_claims",
}


def register_extensions() -> None:
    for name in (*LIST_EXTENSIONS, SUMMARY_EXTENSION, META_EXTENSION):
        if not Doc.has_extension(name):
            # a getter-less default of None; components set a fresh value per doc
            Doc.set_extension(name, default=None)


def records(doc: Doc, name: str) -> list:
    """The list on ``doc._.<name>``, created on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def mapping(doc: Doc, name: str) -> dict:
    """The dict on ``doc._.<name>`` (``evx_meta``), created on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = {}
        setattr(doc._, name, value)
    return value


def summary(doc: Doc) -> DocumentSummary:
    """The document's :class:`~evx.records.DocumentSummary`, created on first use."""
    value = doc._.evx_summary
    if value is None:
        value = doc._.evx_summary = DocumentSummary()
    return value


def require(doc: Doc, component: str, *needs: str) -> None:
    """Raise :class:`~evx.errors.PipelineError` unless every extension (or ``"sentences"``) in
    ``needs`` was set by an earlier component."""
    for need in needs:
        if need == "sentences":
            missing = len(doc) > 0 and not doc.has_annotation("SENT_START")
            setter = "evx_sentences"
        else:
            missing = getattr(doc._, need) is None
            setter = SET_BY[need]
        if missing:
            raise PipelineError(
                f"{component} needs {setter} to run before it (it reads "
                f"{'sentence starts' if need == 'sentences' else 'doc._.' + need}); add {setter} earlier "
                "in the pipeline, or build one with evx.nlp.pipeline.build_pipeline()")


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

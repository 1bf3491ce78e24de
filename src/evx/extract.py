"""Turning documents into records: the one place a Doc becomes rows.

``extract_text("...")`` is the library entry point for one text;
:func:`process_document` is what the batch runner calls for each document.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from evx.nlp.extensions import TEXT_KEY, mapping, records, summary
from evx.readers import Document, Failed
from evx.records import SPAN_KINDS, DocumentRecord, extension_name, to_row


def annotate(nlp: Language, document: Document) -> Doc:
    """Run the pipeline on a document, passing on what its reader knew."""
    doc = nlp.make_doc(document.text)
    doc.user_data[TEXT_KEY] = document.text   # spaCy rebuilds doc.text on every access
    if document.sections:
        records(doc, "evx_sections").extend(document.sections)
    mapping(doc, "evx_meta").update(document.meta, format=document.format)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def doc_to_rows(doc: Doc, document: Document) -> dict[str, list[dict]]:
    """All rows for one processed document: ``{"documents": [row], "effects": [...], ...}``."""
    rows: dict[str, list[dict]] = {}
    for kind in SPAN_KINDS:
        found = sorted(records(doc, extension_name(kind)), key=lambda r: (r.start, r.end))
        rows[kind] = [to_row(r, document.doc_id) for r in found]
    record = DocumentRecord(
        doc_id=document.doc_id, source=document.source, status="ok", error=None,
        text=document.text, n_chars=len(document.text), title=document.meta.get("title"),
        counts={kind: len(rows[kind]) for kind in SPAN_KINDS},
    )
    article = summary(doc)
    for name in article.__slots__:
        setattr(record, name, getattr(article, name))
    rows["documents"] = [to_row(record)]
    return rows


def failed_rows(item: Failed) -> dict[str, list[dict]]:
    record = DocumentRecord(doc_id=item.doc_id, source=item.source, status="error", error=item.error)
    rows = {kind: [] for kind in SPAN_KINDS}
    rows["documents"] = [to_row(record)]
    return rows


def process_document(nlp: Language, item: Document | Failed) -> dict[str, list[dict]]:
    """Rows for one input item; an exception inside the pipeline becomes an error row."""
    if isinstance(item, Failed):
        return failed_rows(item)
    try:
        return doc_to_rows(annotate(nlp, item), item)
    except Exception as exc:  # noqa: BLE001 - one bad document must never stop the batch
        return failed_rows(Failed(item.doc_id, item.source,
                                  f"{item.source}: processing failed ({exc.__class__.__name__}: {exc}); "
                                  "please report this with the file"))


def extract_text(text: str, doc_id: str = "text", nlp: Language | None = None,
                 pipeline: str | None = None) -> dict[str, list[dict]]:
    """Records for one text, e.g. ``extract_text("... OR 1.5 (95% CI 1.1-2.0) ...")["effects"]``;
    ``pipeline``: ``accurate`` (the default) or ``fast``."""
    from evx.nlp.pipeline import DEFAULT_PIPELINE, shared_pipeline
    nlp = nlp or shared_pipeline(pipeline=pipeline or DEFAULT_PIPELINE)
    return process_document(nlp, Document(doc_id=doc_id, source=doc_id, text=text))

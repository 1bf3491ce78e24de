"""``evx_designs``: study-design mentions, their population and year; the main study.

(Initial version from the foundation issue; the study-design issue deepens it.)
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from evx.nlp.extensions import mapping, records
from evx.nlp.sections import section_at
from evx.records import Design

_PATTERNS = [
    ("meta_analysis", re.compile(r"\bmeta-analys[ie]s\b", re.I)),
    ("case_control", re.compile(r"\bcase-control\b", re.I)),
    ("animal", re.compile(r"\b(?:animal study|study on animals)\b", re.I)),
    ("narrative_review", re.compile(r"\b\d{4} review\b", re.I)),
]


def find_designs(doc: Doc) -> Doc:
    found = records(doc, "evx_designs")
    for label, pattern in _PATTERNS:
        for m in pattern.finditer(doc.text):
            found.append(Design(
                start=m.start(), end=m.end(), text=m.group(0), design=label,
                population="animal" if label == "animal" else None, year=None,
                section=section_at(doc, m.start()), produced_by=f"pattern:{label}",
            ))
    found.sort(key=lambda d: (d.start, d.end))
    body = [d for d in found if d.section != "references"]
    summary = mapping(doc, "evx_summary")
    if body:
        summary["main_design"] = body[0].design
        summary["main_population"] = body[0].population
    return doc


@Language.factory("evx_designs", assigns=["doc._.evx_designs", "doc._.evx_summary"])
def make_designs(nlp: Language, name: str):
    return find_designs

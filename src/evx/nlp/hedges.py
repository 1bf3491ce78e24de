"""``evx_hedges``: cues of uncertainty, and whether each weakens a claim.

(Initial version from the foundation issue; the hedging issue deepens it.)
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from evx.nlp.extensions import records
from evx.records import Hedge

_CUES = re.compile(r"\b(may|might|could|suggests?|appears?|possible|theorize)\b", re.I)


def find_hedges(doc: Doc) -> Doc:
    found = records(doc, "evx_hedges")
    for sent in doc.sents:
        for m in _CUES.finditer(sent.text):
            start = sent.start_char + m.start()
            found.append(Hedge(
                start=start, end=start + len(m.group(0)), text=m.group(0), cue=m.group(1).lower(),
                category="modal", on_claim=True, sentence_start=sent.start_char,
                sentence_end=sent.end_char, produced_by="lexicon:initial",
            ))
    return doc


@Language.factory("evx_hedges", assigns=["doc._.evx_hedges"])
def make_hedges(nlp: Language, name: str):
    return find_hedges

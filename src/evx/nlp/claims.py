"""``evx_claims``: claim sentences, their strength, and overclaim flags.

(Initial version from the foundation issue; the claims issue deepens it.)
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from evx.nlp.extensions import mapping, records
from evx.records import Claim

_CAUSAL = re.compile(r"\b(trigger|cause|increase[sd]? (?:the )?risk|lead to)\b", re.I)
_CORR = re.compile(r"\b(associated with|link|connection)\b", re.I)


def find_claims(doc: Doc) -> Doc:
    found = records(doc, "evx_claims")
    hedges = records(doc, "evx_hedges")
    for sent in doc.sents:
        text = sent.text
        if _CAUSAL.search(text):
            strength = "conditional_causal" if any(
                sent.start_char <= h.start < sent.end_char for h in hedges) else "direct_causal"
        elif _CORR.search(text):
            strength = "correlational"
        else:
            continue
        found.append(Claim(
            start=sent.start_char, end=sent.end_char, text=text, strength=strength,
            hedged=strength == "conditional_causal", overclaim=False, produced_by="rule:initial",
        ))
    summary = mapping(doc, "evx_summary")
    summary["overclaim_count"] = sum(c.overclaim for c in found)
    return doc


@Language.factory("evx_claims", assigns=["doc._.evx_claims", "doc._.evx_summary"])
def make_claims(nlp: Language, name: str):
    return find_claims

"""``evx_effects``: ratio effect sizes with their intervals and p-values.

(Initial version from the foundation issue; the effect-size issue deepens it.)
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from evx.nlp.extensions import records
from evx.nlp.sections import section_at
from evx.records import Effect

_NUM = r"\d+(?:[.,·]\d+)?"
_SIMPLE = re.compile(
    rf"(?P<pooled>pooled\s+)?(?P<measure>OR|RR|HR)\s*=\s*(?P<value>{_NUM})"
    rf"(?:\s*,\s*(?P<level>\d+)%\s*CI:\s*(?P<low>{_NUM})\s*[-–]\s*(?P<high>{_NUM}))?"
)


def _number(text: str | None) -> float | None:
    return None if text is None else float(text.replace("·", ".").replace(",", "."))


def find_effects(doc: Doc) -> Doc:
    found = records(doc, "evx_effects")
    for m in _SIMPLE.finditer(doc.text):
        section = section_at(doc, m.start())
        if section == "references":
            continue
        found.append(Effect(
            start=m.start(), end=m.end(), text=m.group(0), measure=m.group("measure"),
            value=_number(m.group("value")), ci_low=_number(m.group("low")),
            ci_high=_number(m.group("high")), ci_level=_number(m.group("level")),
            p_value=None, p_relation=None, adjusted=False, pooled=bool(m.group("pooled")),
            section=section, produced_by="pattern:simple_equals",
        ))
    return doc


@Language.factory("evx_effects", assigns=["doc._.evx_effects", "doc._.evx_sample_sizes"])
def make_effects(nlp: Language, name: str):
    return find_effects

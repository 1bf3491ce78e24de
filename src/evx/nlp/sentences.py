"""``evx_sentences``: a fast rule-based sentence splitter for health writing.

spaCy's ``sentencizer`` splits on end punctuation only; health articles also
break sentences at line ends (headings, bullet items, citation markers after a
bullet). This component sets ``is_sent_start`` on a blank-English tokenisation:

* every line starts a new sentence (a whitespace token holding a newline ends one);
* ``.``, ``!`` and ``?`` end a sentence when the next word starts with a capital,
  a digit, a quote or a bracket, unless the word before is a known abbreviation.

It runs at tokeniser speed, which is why it is the default instead of pySBD
(scispaCy's ``pysbd_sentencizer`` is about ten times slower; see the README).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

END_PUNCT = {".", "!", "?", "…"}
# words that end with a full stop without ending the sentence
ABBREVIATIONS = {
    "al", "fig", "figs", "vs", "approx", "ref", "refs", "dr", "st", "no", "nos", "eq",
    "ca", "cf", "etc", "e.g", "i.e", "mr", "mrs", "ms", "prof", "inc", "vol", "pp", "sp", "spp",
}


def _starts_sentence(token) -> bool:
    first = token.text[:1]
    return first.isupper() or first.isdigit() or first in "\"'“‘([•–-*"


def set_sentence_starts(doc: Doc) -> Doc:
    if len(doc) == 0:
        return doc
    for token in doc:
        token.is_sent_start = False
    doc[0].is_sent_start = True
    after_newline = False
    for i, token in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        start = False
        if after_newline and not token.is_space:
            start = True
            after_newline = False
        if token.is_space and "\n" in token.text:
            after_newline = True
        if "\n" in prev.whitespace_ and not token.is_space:
            start = True
        elif prev.text in END_PUNCT and not token.is_space and _starts_sentence(token):
            before = doc[i - 2].text.lower().rstrip(".") if i >= 2 else ""
            if before not in ABBREVIATIONS:
                start = True
        if start:
            token.is_sent_start = True
    return doc


@Language.factory("evx_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    return set_sentence_starts

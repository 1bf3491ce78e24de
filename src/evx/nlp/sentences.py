"""``evx_sentences``: a fast rule-based sentence splitter for health writing.

spaCy's ``sentencizer`` splits on end punctuation only; health articles also
break sentences at line ends (headings, bullet items, citation markers after a
bullet). The rules run over the raw text with two compiled regular expressions
and are mapped onto tokens with numpy, so the component costs a few percent of
tokenisation (setting ``token.is_sent_start`` one token at a time is quadratic
in spaCy 3.8, which is why this does not loop over tokens):

* every line starts a new sentence;
* ``.``, ``!``, ``?`` or ``…`` (and any closing quotes or brackets) followed by
  white space end a sentence when the next word starts with a capital, a digit,
  a quote, a bracket or a bullet, unless the word before is a known
  abbreviation ("et al.", "Fig.", "vs.", "e.g.").

pySBD (scispaCy's ``pysbd_sentencizer``) is more careful but about ten times
slower than tokenisation; see the README.
"""
from __future__ import annotations

import re

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from evx.nlp.extensions import doc_text

# words that end with a full stop without ending the sentence
ABBREVIATIONS = frozenset({
    "al", "fig", "figs", "vs", "approx", "ref", "refs", "dr", "st", "no", "nos", "eq", "ca", "cf",
    "etc", "e.g", "i.e", "mr", "mrs", "ms", "prof", "inc", "vol", "pp", "sp", "spp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "univ", "dept",
})
# the first non-space character after a line break
LINE_START = re.compile(r"\n[ \t\r\f\v\u00a0]*(?=\S)")
# end punctuation, closing quotes/brackets, white space, then a sentence-like start
PUNCT_END = re.compile(r"[.!?…][\"'”’)\]]*[ \t\u00a0]+(?=[\"'“‘(\[•*–\-]?[A-Z0-9])")
WORD_BEFORE = re.compile(r"(\S+?)[.!?…]*$")


def sentence_start_offsets(text: str) -> list[int]:
    """Character offsets where sentences start (0 first), in order."""
    starts = [0]
    starts.extend(m.end() for m in LINE_START.finditer(text))
    for m in PUNCT_END.finditer(text):
        before = text[max(0, m.start() - 12):m.start() + 1].rsplit(None, 1)[-1]
        word = before.rstrip(".!?…").lower()
        if word not in ABBREVIATIONS:
            starts.append(m.end())
    return sorted(set(starts))


def set_sentence_starts(doc: Doc) -> Doc:
    if len(doc) == 0:
        return doc
    token_starts = doc.to_array("IDX").astype(np.int64)
    offsets = np.asarray(sentence_start_offsets(doc_text(doc)), dtype=np.int64)
    positions = np.searchsorted(token_starts, offsets, side="left")
    positions = positions[positions < len(doc)]
    flags = np.full(len(doc), -1, dtype=np.int64)
    flags[positions] = 1
    flags[0] = 1
    doc.from_array(["SENT_START"], flags.astype(np.uint64).reshape(-1, 1))
    return doc


@Language.factory("evx_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    return set_sentence_starts

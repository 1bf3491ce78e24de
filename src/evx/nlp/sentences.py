"""``evx_sentences``: a fast rule-based sentence splitter for health writing.

spaCy's ``sentencizer`` splits on end punctuation only; health articles also
break sentences at line ends (headings, bullet items, citation markers after a
bullet). The rules run over the raw text with two compiled regular expressions
and are mapped onto tokens with numpy, so the component costs a few percent of
tokenisation (setting ``token.is_sent_start`` one token at a time is quadratic
in spaCy 3.8, which is why this does not loop over tokens):

* a blank line, a bullet or a numbered item starts a new sentence, and so
  does a line after a line that ends a sentence or is short (a heading, a
  list item); a long line that stops mid-sentence is a hard wrap, and the
  next line carries on the same sentence;
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
# a line this long that stops without end punctuation was wrapped, not ended
WRAPPED_LINE_CHARS = 60
LINE_END_PUNCT = ".!?:;…)]\"'”’"
# the next line opens a list item or a new paragraph, whatever the line before it
ITEM_START = re.compile(r"[•\-*–·▪◦●]|\d{1,2}[.)]\s|[A-Z]\s*[.)]\s")
# end punctuation, closing quotes/brackets, white space, then a sentence-like start
PUNCT_END = re.compile(r"[.!?…][\"'”’)\]]*[ \t\u00a0]+(?=[\"'“‘(\[•*–\-]?[A-Z0-9])")
WORD_BEFORE = re.compile(r"(\S+?)[.!?…]*$")


def sentence_start_offsets(text: str) -> list[int]:
    """Character offsets where sentences start (0 first), in order."""
    starts = [0]
    for m in LINE_START.finditer(text):
        if _line_breaks_sentence(text, m):
            starts.append(m.end())
    for m in PUNCT_END.finditer(text):
        before = text[max(0, m.start() - 12):m.start() + 1].rsplit(None, 1)[-1]
        word = before.rstrip(".!?…").lower()
        if word not in ABBREVIATIONS:
            starts.append(m.end())
    return sorted(set(starts))


def _line_breaks_sentence(text: str, match: re.Match) -> bool:
    """Whether the line that ``match`` starts is a new sentence rather than a hard-wrapped one."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    previous = text[line_start:match.start()].rstrip()
    if not previous or len(previous) < WRAPPED_LINE_CHARS or previous.endswith(tuple(LINE_END_PUNCT)):
        return True
    if text[match.start() - 1:match.start()] == "\n":   # a blank line before this one
        return True
    next_upper = text[match.end():match.end() + 1].isupper()
    return bool(ITEM_START.match(text, match.end())) or (previous[-1].isdigit() and next_upper)


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


def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character offsets of the sentences of ``doc`` (as ``Span.start_char/end_char``:
    the end is that of the sentence's last token).

    Read from token arrays with numpy rather than by iterating ``doc.sents``, which builds a
    Token object per token.
    """
    if len(doc) == 0:
        return [0], [0]
    arrays = doc.to_array(["SENT_START", "IDX", "LENGTH"]).astype(np.int64)
    flags, idx, length = arrays[:, 0], arrays[:, 1], arrays[:, 2]
    first = np.flatnonzero(flags == 1)
    if len(first) == 0 or first[0] != 0:
        first = np.concatenate(([0], first[first != 0]))
    last = np.concatenate((first[1:] - 1, [len(doc) - 1]))
    return (idx[first]).tolist(), (idx[last] + length[last]).tolist()


@Language.factory("evx_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    return set_sentence_starts

"""``evx_sentences``: the sentences of :mod:`evx.text.sentences`, set as spaCy sentence starts.

The rules run over the raw text and are mapped onto tokens with numpy, so the component costs a
few percent of tokenisation (setting ``token.is_sent_start`` one token at a time is quadratic in
spaCy 3.8, which is why this does not loop over tokens). pySBD (scispaCy's
``pysbd_sentencizer``) is more careful but about ten times slower than tokenisation; see the
README.
"""
from __future__ import annotations

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from evx.nlp.extensions import doc_text
from evx.text.sentences import sentence_start_offsets


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

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
from evx.text.sentences import Sentences, sentence_start_offsets


SENTENCES_KEY = "evx_sentences"


def set_sentence_starts(doc: Doc) -> Doc:
    """Sentence starts on the tokens, and the document's :class:`~evx.text.sentences.Sentences`
    table (each start moved to the token it falls in) in ``doc.user_data``."""
    text = doc_text(doc)
    if len(doc) == 0:
        doc.user_data[SENTENCES_KEY] = Sentences.of(text, [0])
        return doc
    token_starts = doc.to_array("IDX").astype(np.int64)
    offsets = np.asarray(sentence_start_offsets(text), dtype=np.int64)
    positions = np.searchsorted(token_starts, offsets, side="left")
    positions = positions[positions < len(doc)]
    flags = np.full(len(doc), -1, dtype=np.int64)
    flags[positions] = 1
    flags[0] = 1
    doc.from_array(["SENT_START"], flags.astype(np.uint64).reshape(-1, 1))
    doc.user_data[SENTENCES_KEY] = Sentences.of(text, token_starts[np.flatnonzero(flags == 1)].tolist())
    return doc


def sentence_table(doc: Doc) -> Sentences:
    """The document's sentences: the table ``evx_sentences`` made, or one read from the sentence
    starts another component set (``doc.sents``), made once."""
    table = doc.user_data.get(SENTENCES_KEY)
    if table is None:
        text = doc_text(doc)
        if len(doc) == 0 or not doc.has_annotation("SENT_START"):
            table = Sentences.of(text, [0])
        else:
            arrays = doc.to_array(["SENT_START", "IDX"]).astype(np.int64)
            first = np.flatnonzero(arrays[:, 0] == 1)
            starts = sorted({0, *arrays[first, 1].tolist()})
            table = Sentences.of(text, starts)
        doc.user_data[SENTENCES_KEY] = table
    return table


def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character offsets of the sentences of ``doc`` (see :func:`sentence_table`)."""
    table = sentence_table(doc)
    return list(table.starts), list(table.ends)


@Language.factory("evx_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    return set_sentence_starts

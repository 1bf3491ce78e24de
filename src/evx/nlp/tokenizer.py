"""A guard around spaCy's tokenizer for text that is not prose.

spaCy's tokenizer strips prefixes and suffixes from a white-space-free chunk one
at a time, which is quadratic in the chunk's length: forty thousand brackets in
a row take minutes. No word of real text is anywhere near
:data:`MAX_CHUNK_CHARS` long, so longer chunks (base64 blobs, broken
conversions, text built to attack the pipeline) are cut into pieces of that
length, each one token; everything else is tokenised by spaCy as usual. The
document's text, and so every offset, stays exactly the same.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

MAX_CHUNK_CHARS = 200
LONG_CHUNK = re.compile(r"\S+")


class GuardedTokenizer:
    def __init__(self, tokenizer, max_chunk_chars: int = MAX_CHUNK_CHARS):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        self.max_chunk_chars = max_chunk_chars

    def __call__(self, text: str) -> Doc:
        if not text or max(map(len, text.split()), default=0) <= self.max_chunk_chars:
            return self.tokenizer(text)
        return self._guarded(text)

    def _guarded(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for match in LONG_CHUNK.finditer(text):
            if match.end() - match.start() <= self.max_chunk_chars:
                continue
            self._append(self.tokenizer(text[position:match.start()]), words, spaces)
            chunk = match.group(0)
            for i in range(0, len(chunk), self.max_chunk_chars):
                words.append(chunk[i:i + self.max_chunk_chars])
                spaces.append(False)
            position = match.end()
        self._append(self.tokenizer(text[position:]), words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    @staticmethod
    def _append(doc: Doc, words: list[str], spaces: list[bool]) -> None:
        """Tokens of a piece, merging its leading white space into the token before."""
        for token in doc:
            if token.is_space and token.i == 0 and words and not spaces[-1]:
                # white space right after a cut chunk: spaCy would attach one space to it
                if token.text.startswith(" "):
                    spaces[-1] = True
                    rest = token.text[1:]
                    if rest:
                        words.append(rest)
                        spaces.append(False)
                    continue
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    def __reduce__(self):
        return (GuardedTokenizer, (self.tokenizer, self.max_chunk_chars))

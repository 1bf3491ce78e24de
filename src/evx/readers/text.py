"""Plain text and Markdown: decoded text, BOM dropped, ``\\r\\n`` read as ``\\n``.

Encodings are tried in a fixed order, so the same bytes always give the same text:

1. a byte-order mark says UTF-8, UTF-16 or UTF-32: decode with it (the mark dropped);
2. strict UTF-8: almost never succeeds by accident on text in another encoding
   (multi-byte sequences must be well formed), so a success is trusted;
3. strict cp1252 (Windows Western: curly quotes, dashes and "·" in 0x80-0x9F);
4. latin-1, which decodes any byte; used only when cp1252 meets one of its five
   undefined bytes.

A statistical detector (charset-normalizer) is deliberately not the first step: on
short health texts it often names a wrong single-byte code page, and cp1252/latin-1
cover what Western health writing uses. Binary files with a text suffix are refused:
NUL bytes (outside UTF-16/32) or control characters in more than 1% of the decoded
sample (and more than three) mean the bytes are not text.

The text is otherwise left exactly as decoded (no whitespace or dash clean-up), since
offsets of plain-text inputs index the file's own text (``shared/spec/records.md``).
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Iterator

from evx.errors import DocumentError
from evx.readers import Document, ReadOptions, register

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return; DEL; C1 controls
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
SAMPLE_CHARS = 65536
MAX_CONTROL_SHARE = 0.01
MIN_CONTROLS = 3            # a stray control character or three does not make a file binary


def detect_and_decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) for the bytes; raises UnicodeDecodeError only for a broken BOM-marked file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding).lstrip("\ufeff"), encoding.replace("-sig", "")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes (see the module docstring); DocumentError for binary data."""
    return decode_with_encoding(data, name)[0]


def decode_with_encoding(data: bytes, name: str) -> tuple[str, str]:
    has_bom = any(data.startswith(bom) for bom, _ in _BOMS)
    if not has_bom and b"\x00" in data[:SAMPLE_CHARS]:
        raise DocumentError(f"{name}: looks like a binary file (NUL bytes), not text; "
                            "convert it to text or remove it from the input")
    try:
        text, encoding = detect_and_decode(data)
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{name}: starts with a {exc.encoding} byte-order mark but is not valid "
                            f"{exc.encoding} ({exc.reason} at byte {exc.start}); save it as UTF-8") from exc
    sample = text[:SAMPLE_CHARS]
    controls = len(_CONTROL.findall(sample))
    if controls > MIN_CONTROLS and controls > MAX_CONTROL_SHARE * len(sample):
        raise DocumentError(f"{name}: looks like a binary file (control characters), not text; "
                            "convert it to text or remove it from the input")
    return normalise_newlines(text), encoding


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@register(".txt", ".md", ".text", ".markdown")
def read_text(path: Path, doc_id: str, options: ReadOptions) -> Iterator[Document]:
    text, encoding = decode_with_encoding(path.read_bytes(), str(path))
    yield Document(doc_id=doc_id, source=str(path), text=text, format="text",
                   meta={"encoding": encoding})

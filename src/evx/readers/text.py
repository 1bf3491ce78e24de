"""Plain text and Markdown: decoded text, BOM dropped, ``\\r\\n`` read as ``\\n``."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from evx.errors import DocumentError
from evx.readers import Document, ReadOptions, register


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first; other encodings are the input-formats issue's."""
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: looks like a binary file (NUL bytes), not text; "
                            "convert it to text or remove it from the input")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{name}: not valid UTF-8 ({exc.reason} at byte {exc.start}); "
                            "save it as UTF-8") from exc
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@register(".txt", ".md", ".text", ".markdown")
def read_text(path: Path, doc_id: str, options: ReadOptions) -> Iterator[Document]:
    yield Document(doc_id=doc_id, source=str(path), text=decode(path.read_bytes(), str(path)),
                   format="text")

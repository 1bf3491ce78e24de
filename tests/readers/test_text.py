"""The plain-text reader: encodings, BOMs, line ends, and binary files refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from evx.errors import DocumentError
from evx.readers import ReadOptions
from evx.readers.text import decode, read_text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "formats"


def read(path: Path):
    return next(read_text(path, path.name, ReadOptions()))


def test_cp1252_file_with_curly_quotes_and_middle_dots():
    doc = read(FIXTURES / "note_cp1252.txt")
    assert doc.meta["encoding"] == "cp1252"
    assert "\u201cbrisk walking\u201d" in doc.text          # curly quotes, not mojibake
    assert "HR = 0\u00b772, 95% CI: 0\u00b761-0\u00b785" in doc.text
    assert "Walkers\u2019 hip" in doc.text and "\u2013" in doc.text and "\u2026" in doc.text
    assert "\r" not in doc.text and doc.text.startswith("Walkers")


@pytest.mark.parametrize("data, text, encoding", [
    ("Caf\u00e9 \u2265 2\r\nline".encode("utf-8"), "Caf\u00e9 \u2265 2\nline", "utf-8"),
    (b"\xef\xbb\xbfHR = 1.2\r\n", "HR = 1.2\n", "utf-8"),
    ("\ufeffRisk \u2264 0.05\r\n".encode("utf-16-le"), "Risk \u2264 0.05\n", "utf-16"),
    ("Risk \u2264 0.05".encode("utf-16"), "Risk \u2264 0.05", "utf-16"),
    (b"Caf\xe9 au lait, na\xefve \x8d reader", "Caf\u00e9 au lait, na\u00efve \x8d reader", "latin-1"),
    (b"old\rmac\rfile", "old\nmac\nfile", "utf-8"),
])
def test_encodings(tmp_path, data, text, encoding):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    doc = read(path)
    assert doc.text == text
    assert doc.meta["encoding"] == encoding


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01",             # NUL bytes
    bytes(range(1, 32)) * 40 + b"some words",                        # control characters
])
def test_binary_file_with_text_suffix_is_an_error(tmp_path, data):
    path = tmp_path / "picture.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match="binary") as caught:
        read(path)
    assert str(path) in str(caught.value)


def test_decode_is_what_row_readers_use():
    assert decode("Ma\u00f1ana".encode("cp1252"), "row.csv") == "Ma\u00f1ana"

"""One document per row: JSON Lines and CSV files (``--id-field``, ``--text-field``)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterator

from evx.errors import DocumentError
from evx.readers import Document, Failed, ReadOptions, register
from evx.readers.text import decode, normalise_newlines

csv.field_size_limit(1 << 30)


def _row_document(row: dict, where: str, path: Path, options: ReadOptions) -> Document | Failed:
    doc_id = row.get(options.id_field)
    text = row.get(options.text_field)
    if doc_id in (None, ""):
        return Failed(where, str(path), f"{where}: no '{options.id_field}' field; "
                      f"name the id column with --id-field")
    if not isinstance(text, str):
        return Failed(str(doc_id), str(path), f"{where}: no text in field '{options.text_field}'; "
                      f"name the text column with --text-field")
    return Document(doc_id=str(doc_id), source=str(path), text=normalise_newlines(text.lstrip("\ufeff")),
                    format="row")


@register(".jsonl", ".ndjson")
def read_jsonl(path: Path, doc_id: str, options: ReadOptions) -> Iterator[Document | Failed]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield Failed(where, str(path), f"{where}: not a JSON object ({exc}); fix or drop the line")
                continue
            if not isinstance(row, dict):
                yield Failed(where, str(path), f"{where}: a JSON {type(row).__name__}, not an object")
                continue
            yield _row_document(row, where, path, options)


@register(".csv")
def read_csv(path: Path, doc_id: str, options: ReadOptions) -> Iterator[Document | Failed]:
    text = decode(path.read_bytes(), str(path))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None:
        raise DocumentError(f"{path}: empty CSV file (no header row)")
    for column in (options.id_field, options.text_field):
        if column not in reader.fieldnames:
            raise DocumentError(f"{path}: no column '{column}' (columns: {', '.join(reader.fieldnames)}); "
                                "name the columns with --id-field/--text-field")
    for number, row in enumerate(reader, start=2):
        yield _row_document(row, f"{path}:{number}", path, options)

"""Parquet copies of the record files (``--format parquet``), for big runs.

The Arrow schema is derived from the record dataclasses (:func:`evx.records.column_types`,
one place for field names and types); list and dict fields are stored as JSON
strings. Files are converted in chunks, so memory stays flat.
"""
from __future__ import annotations

import json
from pathlib import Path

from evx.output import record_path
from evx.records import RECORD_FILES, column_types

CHUNK_ROWS = 50_000


def schema_for(kind: str):
    import pyarrow as pa
    arrow = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "list": pa.string(), "dict": pa.string()}
    return pa.schema([pa.field(name, arrow[kind_of]) for name, kind_of in column_types(kind).items()])


def _convert(row: dict, schema) -> dict:
    import pyarrow as pa
    out = {}
    for column in schema:
        value = row.get(column.name)
        if column.type == pa.string() and isinstance(value, (list, dict)):
            value = json.dumps(value, ensure_ascii=False)
        out[column.name] = value
    return out


def write_parquet_copies(out_dir: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq
    written = []
    for kind in RECORD_FILES:
        source = record_path(out_dir, kind)
        target = source.with_suffix(".parquet")
        tmp = target.with_name(f".{target.name}.tmp")
        schema = schema_for(kind)
        with pq.ParquetWriter(tmp, schema) as writer, source.open(encoding="utf-8") as handle:
            chunk: list[dict] = []
            for line in handle:
                chunk.append(_convert(json.loads(line), schema))
                if len(chunk) == CHUNK_ROWS:
                    writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                    chunk = []
            if chunk:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
        tmp.replace(target)
        written.append(target)
    return written

"""Record files as pandas DataFrames: ``evx.load(DIR)``.

One DataFrame per record file of a run, keyed by kind (``"documents"``, ``"effects"``,
``"sample_sizes"``, ``"designs"``, ``"hedges"``, ``"claims"``), with the columns of the output
contract in their order even when a file is empty or missing. List fields (``flags``,
``reasons``, ``also``) hold Python lists and dict fields dicts; integer columns that may be null
(``year``, ``evidence_level``) are pandas' nullable ``Int64``, flags ``boolean``, so nothing is
turned into floats or strings on the way in::

    >>> import evx
    >>> frames = evx.load("out/")
    >>> frames["effects"].groupby("measure").value.median()
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from evx.errors import InputError
from evx.output import read_jsonl, record_path
from evx.records import RECORD_FILES, column_types

_DTYPES = {"int": "Int64", "float": "float64", "bool": "boolean", "str": "object", "list": "object", "dict": "object"}


def frame(kind: str, rows: list[dict]) -> pd.DataFrame:
    """The rows of one record file as a DataFrame with the file's columns and types."""
    columns = column_types(kind)
    table = pd.DataFrame.from_records(rows, columns=list(columns)) if rows else pd.DataFrame(columns=list(columns))
    return table.astype({name: _DTYPES[kind_of] for name, kind_of in columns.items()})


def load(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every record file of the run in ``out_dir`` as a DataFrame (a missing file reads as empty)."""
    folder = Path(out_dir)
    if not folder.is_dir():
        raise InputError(f"{out_dir}: no such folder; give the --out folder of an evx run")
    if not record_path(folder, "documents").exists():
        raise InputError(f"{out_dir}: holds no documents.jsonl; give the --out folder of an evx run")
    frames = {}
    for kind in RECORD_FILES:
        path = record_path(folder, kind)
        frames[kind] = frame(kind, read_jsonl(path) if path.exists() else [])
    return frames

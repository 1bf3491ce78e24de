"""The scorer's tables as pandas DataFrames: one row per label, ``p r f tp fp fn``.

:func:`prf_frame` turns accumulated :class:`~evx.scoring.prf.PRFScore` counts into a
frame (precision, recall and F1 computed column-wise with the same float operations
as ``PRFScore``, so the figures are identical); :func:`prf_dict` gives the nested
dictionary that ``scores.json`` holds under ``<kind>_per_type``, and
:func:`per_type_frame` reads such an entry back into a frame.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from evx.scoring.prf import PRFScore

PRF_COLUMNS = ("p", "r", "f", "tp", "fp", "fn")


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` element-wise, 0.0 where ``den`` is 0 (as ``PRFScore`` does)."""
    out = np.zeros(len(num), dtype="float64")
    np.divide(num, den, out=out, where=den != 0)
    return out


def prf_frame(counts: Mapping[str, PRFScore]) -> pd.DataFrame:
    """One row per label (sorted), columns :data:`PRF_COLUMNS`."""
    labels = sorted(counts)
    frame = pd.DataFrame(
        {name: np.array([getattr(counts[label], name) for label in labels], dtype="int64")
         for name in ("tp", "fp", "fn")},
        index=pd.Index(labels, dtype=object, name="label"))
    tp, fp, fn = (frame[name].to_numpy() for name in ("tp", "fp", "fn"))
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    frame["p"], frame["r"], frame["f"] = p, r, _ratio(2 * p * r, p + r)
    return frame[list(PRF_COLUMNS)]


def prf_dict(frame: pd.DataFrame) -> dict[str, dict]:
    """``{label: {"p": .., "r": .., "f": .., "tp": .., "fp": .., "fn": ..}}`` with plain
    Python numbers, as ``scores.json`` holds it."""
    return frame[list(PRF_COLUMNS)].to_dict(orient="index")


def per_type_frame(table: Mapping[str, Mapping]) -> pd.DataFrame:
    """A ``<kind>_per_type`` entry of the scores back as a frame, labels in their order."""
    frame = pd.DataFrame.from_records(list(table.values()), columns=list(PRF_COLUMNS))
    frame.index = pd.Index(list(table), dtype=object, name="label")
    return frame

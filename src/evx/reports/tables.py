"""The evaluation report's tables as pandas DataFrames, and Markdown from them.

Each builder reads the scores dictionary (what ``scores.json`` holds) or the list
of errors and returns a DataFrame of numbers: its index holds the row labels
(``index.name`` is the header of the label column), its columns the figures, as
fractions or counts. :func:`formatted` turns such a frame into the strings shown
(fractions as percentages with one decimal, missing figures as an en dash,
counts as integers); the HTML templates and :func:`markdown_table` both render
the formatted frame, so the two reports show the same cells.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from evx.scoring.tables import per_type_frame

#: (label in the tables, key prefix in scores.json)
SUMMARY_ROWS = (
    ("effects (measure + numbers)", "effects"),
    ("sample sizes (n)", "sample_sizes"),
    ("designs (label)", "designs"),
    ("hedge cues", "hedges"),
    ("hedged sentences", "hedges_sent"),
    ("hedge cues on a claim", "hedges_on_claim"),
    ("claim sentences", "claims"),
    ("claim strength (labelled)", "claims_strength"),
    ("overclaims", "overclaim"),
    ("documents with an overclaim", "overclaim_doc"),
)
#: summary columns: (header, key suffix in scores.json)
SUMMARY_COLUMNS = (("P", "p"), ("R", "r"), ("F", "f"), ("strict F", "strict_f"),
                   ("span-only F", "span_f"), ("doc-macro F", "doc_macro_f"))
PER_TYPE = (
    ("Effects by measure", "effects_per_type"),
    ("Designs by label", "designs_per_type"),
    ("Claim strength by label", "claims_strength_per_type"),
    ("Overclaims by reason", "overclaim_per_type"),
)
FIELD_KINDS = ("effects", "sample_sizes", "designs", "hedges", "claims")
KIND_ORDER = ("effects", "sample_sizes", "designs", "hedges", "claims", "overclaims")
ERROR_COLUMNS = ("kind", "doc_id", "type", "start", "end", "text", "left", "right", "detail")


def _frame(data: dict, labels: list, label_header: str) -> pd.DataFrame:
    return pd.DataFrame(data, index=pd.Index(labels, dtype=object, name=label_header))


def summary_frame(scores: dict) -> pd.DataFrame:
    """P, R, F, strict F, span-only F and doc-macro F per record kind (NaN: not scored)."""
    rows = [(label, key) for label, key in SUMMARY_ROWS if f"{key}_f" in scores]
    data = {header: np.array([scores.get(f"{key}_{suffix}") for _, key in rows], dtype="float64")
            for header, suffix in SUMMARY_COLUMNS}
    return _frame(data, [label for label, _ in rows], "")


def per_type_frames(scores: dict) -> list[tuple[str, pd.DataFrame]]:
    """(title, frame) for each non-empty per-label breakdown: P, R, F, gold and found counts."""
    tables = []
    for title, key in PER_TYPE:
        if not scores.get(key):
            continue
        prf = per_type_frame(scores[key])
        frame = pd.DataFrame({"P": prf["p"], "R": prf["r"], "F": prf["f"],
                              "gold": prf["tp"] + prf["fn"], "found": prf["tp"] + prf["fp"]})
        tables.append((title, frame))
    return tables


def accuracy_frame(scores: dict) -> pd.DataFrame:
    """Agreement on document-level labels, claim strength and attributes of matched pairs."""
    rows = [("document main design", scores.get("main_design_acc")),
            ("document main population", scores.get("main_population_acc")),
            ("claim strength (on matched claims)", scores.get("claims_strength_acc"))]
    for kind in FIELD_KINDS:
        for name, value in (scores.get(f"{kind}_field_acc") or {}).items():
            rows.append((f"{kind.replace('_', ' ')}: {name} (on span-matched pairs)", value))
    return _frame({"%": np.array([v for _, v in rows], dtype="float64")}, [label for label, _ in rows],
                  "agreement")


def confusion_frame(matrix) -> pd.DataFrame:
    """Claim-strength counts, rows gold and columns found, in the order the matrix gives them.
    ``matrix`` is a DataFrame (returned as it is) or ``matrix[gold][found] = count``."""
    if isinstance(matrix, pd.DataFrame):
        return matrix
    matrix = matrix or {}
    cols = list(next(iter(matrix.values()), {}))
    data = {c: np.array([int(matrix[g].get(c, 0)) for g in matrix], dtype="int64") for c in cols}
    return _frame(data, list(matrix), "gold \\ found")


def errors_frame(errors: list[dict]) -> pd.DataFrame:
    """Every miss and false hit, ordered by kind (:data:`KIND_ORDER`), document and offset;
    errors at the same place keep the order the scorer found them in."""
    frame = pd.DataFrame.from_records(list(errors), columns=list(ERROR_COLUMNS))
    frame = frame.astype({name: object for name in ("kind", "doc_id", "type", "text", "left",
                                                    "right", "detail")})
    for name in ("text", "left", "right", "detail"):
        frame[name] = frame[name].where(frame[name].notna(), "")
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    frame["_kind_rank"] = [rank.get(kind, 99) for kind in frame["kind"]]
    frame["_seen"] = np.arange(len(frame))
    frame = frame.sort_values(["_kind_rank", "kind", "doc_id", "start", "_seen"], kind="stable")
    return frame.drop(columns=["_kind_rank", "_seen"]).reset_index(drop=True)


def error_groups(frame: pd.DataFrame) -> list[tuple[str, int, list[tuple[str, pd.DataFrame]]]]:
    """``[(kind, count, [(doc_id, errors of that document), ...]), ...]`` in the frame's order."""
    return [(kind, len(by_kind), list(by_kind.groupby("doc_id", sort=False)))
            for kind, by_kind in frame.groupby("kind", sort=False)]


# --- formatting -----------------------------------------------------------------------

def pct(value) -> str:
    """A fraction as a percentage with one decimal, or an en dash when missing."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    return f"{100 * value:.1f}"


def formatted(frame: pd.DataFrame) -> pd.DataFrame:
    """The cells as shown: float columns as percentages (:func:`pct`), others as text."""
    shown = pd.DataFrame(
        {name: [pct(v) if pd.api.types.is_float_dtype(column) else str(v) for v in column.tolist()]
         for name, column in frame.items()},
        index=pd.Index([str(label) for label in frame.index], dtype=object, name=frame.index.name),
        columns=frame.columns, dtype=object)
    return shown


def _md_cell(value) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(frame: pd.DataFrame) -> str:
    """A formatted frame as a Markdown table: the index is the first column, headed by
    ``index.name``; ``|`` in a cell is escaped."""
    header = [frame.index.name or "", *frame.columns]
    lines = ["| " + " | ".join(_md_cell(h) for h in header) + " |",
             "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in (label, *row)) + " |"
              for label, row in zip(frame.index, frame.itertuples(index=False, name=None))]
    return "\n".join(lines) + "\n"


def rows(frame: pd.DataFrame) -> list[tuple[str, tuple]]:
    """(label, cells) per row of a formatted frame, for the templates."""
    return list(zip(frame.index, frame.itertuples(index=False, name=None)))


"""The evaluation report: score tables, plots and every miss and false hit.

``scores.json`` holds the figures as the scorer returned them; ``scores.md`` the
tables; ``evaluation.md`` adds the list of errors; ``evaluation.html`` is the same
with inline SVG plots (per-kind F1 bars and the claim-strength confusion matrix)
and the errors shown in context, grouped by kind and document. All of it is built
from a :class:`evx.scoring.ScoreResult` and written by :func:`write_evaluation`:
the scorer returns data, this module renders it.

The tables are pandas DataFrames (:mod:`evx.reports.tables`), formatted once and
rendered by the template ``templates/evaluation.html`` and, for Markdown, by
:func:`evx.reports.tables.markdown_table`, so both reports show the same cells.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from evx.reports.html import render
from evx.reports.svg import bar_chart, confusion_matrix
from evx.reports.tables import (
    accuracy_frame, confusion_frame, error_groups, errors_frame, formatted,
    markdown_table, per_type_frames, summary_frame,
)

SCORE_FILES = ("scores.json", "scores.md", "evaluation.md", "evaluation.html")


def _matching(scores: dict) -> str:
    tol = scores.get("tolerance")
    return "exact to the reported digits" if tol is None else f"relative tolerance {tol}"


# --- Markdown -------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text) -> str:
    """Text for Markdown: CommonMark backslash escapes, so markup in an article
    (``<script>``, ``**``, ``[link]``) is shown as written, never rendered."""
    return _MD_SPECIAL.sub(r"\\\1", str(text or "")).replace("\n", " ")


def render_scores_md(scores: dict) -> str:
    """The score tables as Markdown (``scores.md``)."""
    parts = [
        "# evx scores\n",
        f"{scores.get('n_docs', 0)} documents with gold. Figures are percentages; spans match by "
        f"overlap (strict: same offsets), effects also on measure, value and limits ({_matching(scores)}).\n",
        markdown_table(formatted(summary_frame(scores))),
    ]
    if scores.get("docs_missing"):
        parts.append(f"Documents with gold but no records (scored as misses): "
                     f"{md_escape(', '.join(scores['docs_missing']))}\n")
    if scores.get("docs_not_in_gold"):
        parts.append(f"{len(scores['docs_not_in_gold'])} documents without gold were not scored.\n")
    for title, frame in per_type_frames(scores):
        parts += [f"\n## {title}\n", markdown_table(formatted(frame))]
    parts += ["\n## Agreement\n", markdown_table(formatted(accuracy_frame(scores)))]
    parts += ["\n## Claim strength confusion (rows gold, columns found)\n",
              markdown_table(formatted(confusion_frame(scores.get("claims_strength_confusion"))))]
    return "\n".join(parts)


def render_evaluation_md(result) -> str:
    parts = [render_scores_md(result.scores), "\n## Misses and false hits\n"]
    groups = error_groups(errors_frame(result.errors))
    if not groups:
        parts.append("None.\n")
    for kind, _, docs in groups:
        parts.append(f"\n### {kind.replace('_', ' ')}\n")
        for doc_id, errors in docs:
            parts.append(f"\n**{md_escape(doc_id)}**\n")
            for e in errors.itertuples(index=False):
                parts.append(f"- {e.type} at {e.start}-{e.end}: {md_escape(e.left)}"
                             f"**{md_escape(e.text)}**{md_escape(e.right)} — {md_escape(e.detail)}")
    return "\n".join(parts) + "\n"


# --- HTML ------------------------------------------------------------------------

def f1_chart(summary):
    """Overlap and strict F1 per kind, from :func:`~evx.reports.tables.summary_frame`."""
    rows = [(label.split(" (")[0], [None if pd.isna(v) else float(v) for v in (row["F"], row["strict F"])])
            for label, row in summary.iterrows()]
    return bar_chart(rows, ["overlap F1", "strict F1"], "F1 by kind (%)")


def render_evaluation_html(result) -> str:
    scores = result.scores
    summary = summary_frame(scores)
    return render(
        "evaluation.html",
        n_docs=scores.get("n_docs", 0),
        matching=_matching(scores),
        missing=scores.get("docs_missing") or [],
        summary=formatted(summary),
        chart=f1_chart(summary),
        confusion=confusion_matrix(confusion_frame(scores.get("claims_strength_confusion")),
                                   "Claim strength: gold (rows) by found (columns)"),
        per_type=[(title, formatted(frame)) for title, frame in per_type_frames(scores)],
        accuracy=formatted(accuracy_frame(scores)),
        n_errors=len(result.errors),
        errors=error_groups(errors_frame(result.errors)),
    )


# --- files -----------------------------------------------------------------------

def write_evaluation(out_dir: Path, result) -> list[Path]:
    """Write ``scores.json``, ``scores.md``, ``evaluation.md`` and ``evaluation.html``
    for ``result`` (a :class:`evx.scoring.ScoreResult`) in ``out_dir``; returns their paths."""
    from evx.output import atomic_write_text

    out_dir = Path(out_dir)
    contents = {
        "scores.json": json.dumps(result.scores, indent=2, ensure_ascii=False) + "\n",
        "scores.md": render_scores_md(result.scores),
        "evaluation.md": render_evaluation_md(result),
        "evaluation.html": render_evaluation_html(result),
    }
    for name in SCORE_FILES:
        atomic_write_text(out_dir / name, contents[name])
    return [out_dir / name for name in SCORE_FILES]

"""The evaluation report: score tables, plots and every miss and false hit.

``scores.md`` holds the tables; ``evaluation.md`` adds the list of errors;
``evaluation.html`` is the same with inline SVG plots (per-kind F1 bars and the
claim-strength confusion matrix) and the errors shown in context, grouped by
kind and document. Built from a :class:`evx.scoring.ScoreResult`.
"""
from __future__ import annotations

import re
from itertools import groupby

from evx.reports.html import esc, pct, render, template
from evx.reports.svg import bar_chart, confusion_matrix

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
COLUMNS = ("P", "R", "F", "strict F", "span-only F", "doc-macro F")
PER_TYPE = (
    ("Effects by measure", "effects_per_type"),
    ("Designs by label", "designs_per_type"),
    ("Claim strength by label", "claims_strength_per_type"),
    ("Overclaims by reason", "overclaim_per_type"),
)
KIND_ORDER = ("effects", "sample_sizes", "designs", "hedges", "claims", "overclaims")


def summary_table(scores: dict) -> tuple[list[str], list[list[str]]]:
    rows = []
    for label, key in SUMMARY_ROWS:
        if f"{key}_f" not in scores:
            continue
        rows.append([label, pct(scores.get(f"{key}_p")), pct(scores.get(f"{key}_r")),
                     pct(scores.get(f"{key}_f")), pct(scores.get(f"{key}_strict_f")),
                     pct(scores.get(f"{key}_span_f")), pct(scores.get(f"{key}_doc_macro_f"))])
    return ["", *COLUMNS], rows


def per_type_tables(scores: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    tables = []
    for title, key in PER_TYPE:
        table = scores.get(key) or {}
        if not table:
            continue
        rows = [[label, pct(s["p"]), pct(s["r"]), pct(s["f"]), str(s["tp"] + s["fn"]),
                 str(s["tp"] + s["fp"])] for label, s in table.items()]
        tables.append((title, ["label", "P", "R", "F", "gold", "found"], rows))
    return tables


def accuracy_table(scores: dict) -> tuple[list[str], list[list[str]]]:
    rows = [["document main design", pct(scores.get("main_design_acc"))],
            ["document main population", pct(scores.get("main_population_acc"))],
            ["claim strength (on matched claims)", pct(scores.get("claims_strength_acc"))]]
    for kind in ("effects", "sample_sizes", "designs", "hedges", "claims"):
        for name, value in (scores.get(f"{kind}_field_acc") or {}).items():
            rows.append([f"{kind.replace('_', ' ')}: {name} (on span-matched pairs)", pct(value)])
    return ["agreement", "%"], rows


def confusion_rows(scores: dict) -> tuple[list[str], list[list[str]]]:
    matrix = scores.get("claims_strength_confusion") or {}
    cols = list(next(iter(matrix.values()), {}))
    return (["gold \\ found", *cols],
            [[gold, *(str(matrix[gold][c]) for c in cols)] for gold in matrix])


# --- Markdown -------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text) -> str:
    """Text for Markdown: CommonMark backslash escapes, so markup in an article
    (``<script>``, ``**``, ``[link]``) is shown as written, never rendered."""
    return _MD_SPECIAL.sub(r"\\\1", str(text or "")).replace("\n", " ")


def _md_cell(value: str) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_md_cell(h) for h in header) + " |",
             "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render_scores_md(scores: dict) -> str:
    """The score tables as Markdown (``scores.md``)."""
    tol = scores.get("tolerance")
    parts = [
        "# evx scores\n",
        f"{scores.get('n_docs', 0)} documents with gold. Figures are percentages; spans match by "
        "overlap (strict: same offsets), effects also on measure, value and limits "
        f"({'exact to the reported digits' if tol is None else f'relative tolerance {tol}'}).\n",
        md_table(*summary_table(scores)),
    ]
    if scores.get("docs_missing"):
        parts.append(f"Documents with gold but no records (scored as misses): "
                     f"{md_escape(', '.join(scores['docs_missing']))}\n")
    if scores.get("docs_not_in_gold"):
        parts.append(f"{len(scores['docs_not_in_gold'])} documents without gold were not scored.\n")
    for title, header, rows in per_type_tables(scores):
        parts += [f"\n## {title}\n", md_table(header, rows)]
    parts += ["\n## Agreement\n", md_table(*accuracy_table(scores))]
    parts += ["\n## Claim strength confusion (rows gold, columns found)\n", md_table(*confusion_rows(scores))]
    return "\n".join(parts)


def _grouped(errors: list[dict]):
    key = lambda e: (KIND_ORDER.index(e["kind"]) if e["kind"] in KIND_ORDER else 99, e["kind"])  # noqa: E731
    for (_, kind), by_kind in groupby(sorted(errors, key=lambda e: (key(e), e["doc_id"], e["start"])), key):
        yield kind, groupby(list(by_kind), lambda e: e["doc_id"])


def render_evaluation_md(result) -> str:
    parts = [render_scores_md(result.scores), "\n## Misses and false hits\n"]
    if not result.errors:
        parts.append("None.\n")
    for kind, docs in _grouped(result.errors):
        parts.append(f"\n### {kind.replace('_', ' ')}\n")
        for doc_id, errors in docs:
            parts.append(f"\n**{md_escape(doc_id)}**\n")
            for e in errors:
                parts.append(f"- {e['type']} at {e['start']}-{e['end']}: {md_escape(e['left'])}"
                             f"**{md_escape(e['text'])}**{md_escape(e['right'])} — {md_escape(e['detail'])}")
    return "\n".join(parts) + "\n"


# --- HTML ------------------------------------------------------------------------

def html_table(header: list[str], rows: list[list[str]], cls: str = "scores") -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def f1_chart(scores: dict) -> str:
    rows = [(label.split(" (")[0], [scores.get(f"{key}_f"), scores.get(f"{key}_strict_f")])
            for label, key in SUMMARY_ROWS if f"{key}_f" in scores]
    return bar_chart(rows, ["overlap F1", "strict F1"], "F1 by kind (%)")


def render_errors_html(result) -> str:
    if not result.errors:
        return "<p>No misses and no false hits.</p>"
    out = []
    for kind, docs in _grouped(result.errors):
        items = []
        total = 0
        for doc_id, errors in docs:
            errors = list(errors)
            total += len(errors)
            lis = "".join(
                f'<li class="err {esc(e["type"].replace(" ", "-"))}"><span class="etype">{esc(e["type"])}</span> '
                f'<span class="ctx">{esc(e["left"])}<mark>{esc(e["text"])}</mark>{esc(e["right"])}</span>'
                f'<span class="detail">{esc(e["detail"])} · {e["start"]}–{e["end"]}</span></li>'
                for e in errors)
            items.append(f"<h4>{esc(doc_id)} <small>({len(errors)})</small></h4><ul>{lis}</ul>")
        out.append(f'<details open><summary><h3>{esc(kind.replace("_", " "))} '
                   f'<small>({total})</small></h3></summary>{"".join(items)}</details>')
    return "".join(out)


def render_evaluation_html(result) -> str:
    scores = result.scores
    tol = scores.get("tolerance")
    per_type = "".join(f"<h3>{esc(title)}</h3>{html_table(header, rows)}"
                       for title, header, rows in per_type_tables(scores))
    missing = ""
    if scores.get("docs_missing"):
        missing = (f'<p class="warn">Documents with gold but no records (scored as misses): '
                   f'{esc(", ".join(scores["docs_missing"]))}</p>')
    return render(
        "evaluation.html",
        css=template("report.css"),
        n_docs=esc(scores.get("n_docs", 0)),
        matching=esc("exact to the reported digits" if tol is None else f"relative tolerance {tol}"),
        missing=missing,
        summary=html_table(*summary_table(scores)),
        chart=f1_chart(scores),
        confusion=confusion_matrix(scores.get("claims_strength_confusion") or {},
                                   "Claim strength: gold (rows) by found (columns)"),
        per_type=per_type,
        accuracy=html_table(*accuracy_table(scores)),
        n_errors=esc(len(result.errors)),
        errors=render_errors_html(result),
    )

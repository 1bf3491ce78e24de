"""Inline SVG plots for the evaluation report: no plotting library, no network.

* :func:`bar_chart`: horizontal bars, one group per row (e.g. F1 per record kind,
  overlap and strict side by side), on a 0–100 axis.
* :func:`confusion_matrix`: a heat map of counts with the numbers written in the
  cells (rows: gold, columns: predicted), as in scikit-learn's
  ``ConfusionMatrixDisplay``.

All labels pass through :func:`evx.reports.html.esc`.
"""
from __future__ import annotations

from evx.reports.html import esc

PALETTE = ("#2b6cb0", "#9ac1e6", "#c05621", "#2f855a")


def bar_chart(rows: list[tuple[str, list[float | None]]], series: list[str],
              title: str = "", width: int = 700) -> str:
    """``rows`` is ``[(label, [value per series, 0..1 or None]), ...]``."""
    label_w, bar_h, gap, top = 200, 14, 10, 34 if title else 12
    group_h = bar_h * len(series) + gap
    height = top + group_h * len(rows) + 40
    plot_w = width - label_w - 60
    out = [f'<svg class="chart" role="img" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}">']
    if title:
        out.append(f'<title>{esc(title)}</title><text x="4" y="18" class="chart-title">{esc(title)}</text>')
    for tick in range(0, 101, 20):
        x = label_w + plot_w * tick / 100
        out.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + group_h * len(rows)}" '
                   f'class="grid"/><text x="{x:.1f}" y="{top + group_h * len(rows) + 14}" '
                   f'text-anchor="middle" class="tick">{tick}</text>')
    for r, (label, values) in enumerate(rows):
        y0 = top + r * group_h
        out.append(f'<text x="{label_w - 8}" y="{y0 + bar_h * len(series) / 2 + 4:.1f}" '
                   f'text-anchor="end" class="label">{esc(label)}</text>')
        for s, value in enumerate(values):
            y = y0 + s * bar_h
            if value is None:
                continue
            w = plot_w * max(0.0, min(1.0, value))
            out.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" '
                       f'fill="{PALETTE[s % len(PALETTE)]}"><title>{esc(label)} {esc(series[s])}: '
                       f'{100 * value:.1f}</title></rect>')
            out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 4}" class="value">'
                       f'{100 * value:.1f}</text>')
    ly = top + group_h * len(rows) + 30
    x = label_w
    for s, name in enumerate(series):
        out.append(f'<rect x="{x}" y="{ly - 9}" width="10" height="10" fill="{PALETTE[s % len(PALETTE)]}"/>'
                   f'<text x="{x + 14}" y="{ly}" class="legend">{esc(name)}</text>')
        x += 14 + 8 * len(name) + 20
    out.append("</svg>")
    return "".join(out)


def confusion_matrix(matrix: dict[str, dict[str, int]], title: str = "",
                     row_title: str = "gold", col_title: str = "found") -> str:
    """``matrix[gold][pred] = count``; darker cells hold more."""
    rows = list(matrix)
    cols = list(next(iter(matrix.values()), {}))
    cell, left, top = 58, 150, 96 if title else 76
    width, height = left + cell * len(cols) + 40, top + cell * len(rows) + 34
    peak = max((v for r in matrix.values() for v in r.values()), default=0) or 1
    out = [f'<svg class="chart" role="img" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}">']
    if title:
        out.append(f'<title>{esc(title)}</title><text x="4" y="18" class="chart-title">{esc(title)}</text>')
    out.append(f'<text x="{left + cell * len(cols) / 2:.0f}" y="{top - 58}" text-anchor="middle" '
               f'class="axis">{esc(col_title)} →</text>')
    for c, name in enumerate(cols):
        x = left + c * cell + cell / 2
        out.append(f'<text x="{x:.0f}" y="{top - 8}" text-anchor="start" class="label" '
                   f'transform="rotate(-35 {x:.0f} {top - 8})">{esc(name.replace("_", " "))}</text>')
    out.append(f'<text x="6" y="{top + cell * len(rows) + 24}" class="axis">↑ {esc(row_title)}</text>')
    for r, gold in enumerate(rows):
        y = top + r * cell
        out.append(f'<text x="{left - 8}" y="{y + cell / 2 + 4:.0f}" text-anchor="end" class="label">'
                   f'{esc(gold.replace("_", " "))}</text>')
        for c, pred in enumerate(cols):
            value = matrix[gold].get(pred, 0)
            share = value / peak
            diagonal = gold == pred
            hue = "43,108,176" if diagonal else "192,86,33"
            fill = f"rgba({hue},{0.08 + 0.85 * share:.2f})" if value else "#f7f7f7"
            ink = "#fff" if share > 0.55 else "#222"
            out.append(f'<rect x="{left + c * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                       f'fill="{fill}"><title>gold {esc(gold)}, found {esc(pred)}: {value}</title></rect>'
                       f'<text x="{left + c * cell + cell / 2 - 1:.0f}" y="{y + cell / 2 + 5:.0f}" '
                       f'text-anchor="middle" class="cell" fill="{ink}">{value}</text>')
    out.append("</svg>")
    return "".join(out)

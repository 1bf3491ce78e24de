"""Inline SVG plots for the evaluation report: no plotting library, no network.

* :func:`bar_chart`: horizontal bars, one group per row (e.g. F1 per record kind,
  overlap and strict side by side), on a 0–100 axis.
* :func:`confusion_matrix`: a heat map of counts with the numbers written in the
  cells (rows: gold, columns: predicted), as in scikit-learn's
  ``ConfusionMatrixDisplay``.

Both return :class:`markupsafe.Markup` assembled from :class:`~markupsafe.Markup`
format strings: every value put into one (labels, titles, numbers) is escaped by
``Markup.format`` itself, so no label can add markup and a template prints the
chart as it is. ``confusion_matrix`` takes the matrix as a DataFrame (rows gold,
columns found) or as ``matrix[gold][found]``.
"""
from __future__ import annotations

from markupsafe import Markup

from evx.reports.tables import confusion_frame

PALETTE = ("#2b6cb0", "#9ac1e6", "#c05621", "#2f855a")


def _open(width: int, height: int, title: str) -> list[Markup]:
    """The ``<svg>`` element's start, with its title when there is one."""
    out = [Markup('<svg class="chart" role="img" width="{w}" height="{h}" viewBox="0 0 {w} {h}">')
           .format(w=width, h=height)]
    if title:
        out.append(Markup('<title>{0}</title><text x="4" y="18" class="chart-title">{0}</text>')
                   .format(title))
    return out


def bar_chart(rows: list[tuple[str, list[float | None]]], series: list[str],
              title: str = "", width: int = 700) -> Markup:
    """``rows`` is ``[(label, [value per series, 0..1 or None]), ...]``."""
    label_w, bar_h, gap, top = 200, 14, 10, 34 if title else 12
    group_h = bar_h * len(series) + gap
    height = top + group_h * len(rows) + 40
    plot_w = width - label_w - 60
    bottom = top + group_h * len(rows)
    out = _open(width, height, title)
    grid = Markup('<line x1="{x:.1f}" y1="{y1}" x2="{x:.1f}" y2="{y2}" class="grid"/>'
                  '<text x="{x:.1f}" y="{ty}" text-anchor="middle" class="tick">{tick}</text>')
    for tick in range(0, 101, 20):
        out.append(grid.format(x=label_w + plot_w * tick / 100, y1=top - 4, y2=bottom, ty=bottom + 14,
                               tick=tick))
    bar = Markup('<rect x="{x}" y="{y}" width="{w:.1f}" height="{h}" fill="{fill}">'
                 '<title>{label} {series}: {pct:.1f}</title></rect>'
                 '<text x="{tx:.1f}" y="{ty}" class="value">{pct:.1f}</text>')
    for r, (label, values) in enumerate(rows):
        y0 = top + r * group_h
        out.append(Markup('<text x="{x}" y="{y:.1f}" text-anchor="end" class="label">{label}</text>')
                   .format(x=label_w - 8, y=y0 + bar_h * len(series) / 2 + 4, label=label))
        for s, value in enumerate(values):
            if value is None:
                continue
            y = y0 + s * bar_h
            w = plot_w * max(0.0, min(1.0, value))
            out.append(bar.format(x=label_w, y=y, w=w, h=bar_h - 2, fill=PALETTE[s % len(PALETTE)],
                                  label=label, series=series[s], pct=100 * value,
                                  tx=label_w + w + 4, ty=y + bar_h - 4))
    ly, x = bottom + 30, label_w
    for s, name in enumerate(series):
        out.append(Markup('<rect x="{x}" y="{y}" width="10" height="10" fill="{fill}"/>'
                          '<text x="{tx}" y="{ty}" class="legend">{name}</text>')
                   .format(x=x, y=ly - 9, fill=PALETTE[s % len(PALETTE)], tx=x + 14, ty=ly, name=name))
        x += 14 + 8 * len(name) + 20
    return Markup("").join([*out, Markup("</svg>")])


def confusion_matrix(matrix, title: str = "",
                     row_title: str = "gold", col_title: str = "found") -> Markup:
    """Counts of gold (rows) by found (columns); darker cells hold more."""
    frame = confusion_frame(matrix)
    rows, cols = [str(r) for r in frame.index], [str(c) for c in frame.columns]
    cell, left, top = 58, 150, 96 if title else 76
    width, height = left + cell * len(cols) + 40, top + cell * len(rows) + 34
    peak = int(frame.to_numpy().max(initial=0)) or 1
    out = _open(width, height, title)
    out.append(Markup('<text x="{x:.0f}" y="{y}" text-anchor="middle" class="axis">{text} →</text>')
               .format(x=left + cell * len(cols) / 2, y=top - 58, text=col_title))
    for c, name in enumerate(cols):
        out.append(Markup('<text x="{x:.0f}" y="{y}" text-anchor="start" class="label" '
                          'transform="rotate(-35 {x:.0f} {y})">{label}</text>')
                   .format(x=left + c * cell + cell / 2, y=top - 8, label=name.replace("_", " ")))
    out.append(Markup('<text x="6" y="{y}" class="axis">↑ {text}</text>')
               .format(y=top + cell * len(rows) + 24, text=row_title))
    cell_markup = Markup(
        '<rect x="{x}" y="{y}" width="{w}" height="{w}" fill="{fill}">'
        '<title>gold {gold}, found {pred}: {value}</title></rect>'
        '<text x="{tx:.0f}" y="{ty:.0f}" text-anchor="middle" class="cell" fill="{ink}">{value}</text>')
    for r, gold in enumerate(rows):
        y = top + r * cell
        out.append(Markup('<text x="{x}" y="{y:.0f}" text-anchor="end" class="label">{label}</text>')
                   .format(x=left - 8, y=y + cell / 2 + 4, label=gold.replace("_", " ")))
        for c, pred in enumerate(cols):
            value = int(frame.iat[r, c])
            share = value / peak
            hue = "43,108,176" if gold == pred else "192,86,33"
            out.append(cell_markup.format(
                x=left + c * cell, y=y, w=cell - 2,
                fill=f"rgba({hue},{0.08 + 0.85 * share:.2f})" if value else "#f7f7f7",
                gold=gold, pred=pred, value=value, tx=left + c * cell + cell / 2 - 1,
                ty=y + cell / 2 + 5, ink="#fff" if share > 0.55 else "#222"))
    return Markup("").join([*out, Markup("</svg>")])

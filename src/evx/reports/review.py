"""The review page (``evx report DIR`` → ``DIR/report.html``): one offline HTML file.

Articles are ranked by ``overclaim_score`` (then overclaim count, flagged
effects, doc_id). Each shows its overclaims first, with their reasons,
explanations and the evidence behind them (the design the claim rests on, the
design mentions and effect sizes inside the claim), then its effect sizes as a
table with their flags, then the article text with every found span
highlighted by kind.

Highlighting follows displaCy's span renderer in spirit (``spacy/displacy/render.py``,
``SpanRenderer``: overlapping spans drawn as layers), with plain nested
``<mark>`` elements: spans are opened longest first, and a span that crosses
the end of an enclosing one is closed and reopened, so the markup stays well
nested while a hedge inside a claim shows both (claim: background, hedge: wavy
underline, effect: box, design: thick underline, sample size: dashed outline).

Safety: every piece of article or record text is escaped with
:func:`evx.reports.html.esc`; no input reaches a ``<script>`` element or an
attribute unescaped, so markup in an article is shown, never run.
"""
from __future__ import annotations

from pathlib import Path

from evx.errors import InputError
from evx.reports.html import esc, render, template

KINDS = ("claims", "designs", "sample_sizes", "effects", "hedges")   # outermost first when nested
KIND_NAMES = {"claims": "claims", "designs": "designs", "sample_sizes": "sample sizes",
              "effects": "effect sizes", "hedges": "hedges"}
INDEX_OPEN_UP_TO = 10         # the article table starts folded for longer lists
MAX_TEXT_CHARS = 200_000      # longer articles are shown up to here (spans beyond are listed only)


# --- ranking ------------------------------------------------------------------------

def rank_documents(documents: list[dict], records: dict[str, list[dict]]) -> list[dict]:
    """Documents in review order: highest overclaim score first; failed documents last."""
    flagged: dict[str, int] = {}
    for effect in records.get("effects", []):
        if effect.get("flags"):
            flagged[effect["doc_id"]] = flagged.get(effect["doc_id"], 0) + 1

    def key(doc: dict):
        return (doc.get("status") != "ok", -(doc.get("overclaim_score") or 0.0),
                -(doc.get("overclaim_count") or 0), -flagged.get(doc["doc_id"], 0), doc["doc_id"])

    return sorted(documents, key=key)


# --- highlighting ----------------------------------------------------------------------

def _mark_attrs(kind: str, record: dict) -> tuple[str, str, str]:
    """(classes, short label, tooltip) for one record."""
    classes = [kind]
    label, tip = "", ""
    if kind == "claims":
        tip = f"claim: {record.get('strength')}" + (" · hedged" if record.get("hedged") else "")
        if record.get("overclaim"):
            classes.append("overclaim")
            tip += " · OVERCLAIM: " + ", ".join(record.get("reasons") or [])
    elif kind == "effects":
        label = str(record.get("measure") or "")
        tip = f"effect: {_effect_summary(record)}"
        if record.get("flags"):
            classes.append("flagged")
            tip += " · flags: " + ", ".join(record["flags"])
    elif kind == "designs":
        label = str(record.get("design") or "").replace("_", " ")
        bits = [label, record.get("population") or "", str(record.get("year") or "")]
        tip = "design: " + " · ".join(b for b in bits if b)
    elif kind == "hedges":
        tip = f"hedge: {record.get('cue')} ({record.get('category')})" + (
            " · on a claim" if record.get("on_claim") else " · not on a claim")
    elif kind == "sample_sizes":
        tip = f"sample size: {record.get('n')} {record.get('group') or ''}".strip()
    if record.get("produced_by"):
        tip += f" · {record['produced_by']}"
    return " ".join(classes), label, tip


def highlight(text: str, spans: list[tuple[int, int, str, dict]]) -> str:
    """``text`` as escaped HTML with ``spans`` (start, end, kind, record) as nested marks."""
    n = len(text)
    items = []
    for start, end, kind, record in spans:
        start, end = max(0, int(start)), min(n, int(end))
        if end > start:
            items.append((start, end, KINDS.index(kind) if kind in KINDS else len(KINDS), kind, record))
    items.sort(key=lambda s: (s[0], -s[1], s[2]))
    opens: dict[int, list] = {}
    for item in items:
        opens.setdefault(item[0], []).append(item)
    boundaries = sorted({0, n} | {s[0] for s in items} | {s[1] for s in items})
    out: list[str] = []
    stack: list[tuple] = []
    pos = 0

    def open_tag(item, first: bool) -> str:
        classes, label, tip = _mark_attrs(item[3], item[4])
        # a piece carries the label only if it will close at the span's real end,
        # i.e. no span below it in the stack ends earlier
        last = all(below[1] >= item[1] for below in stack)
        attrs = f' class="hl {esc(classes)}{"" if first else " cont"}" title="{esc(tip)}"'
        if label and last:
            attrs += f' data-label="{esc(label)}"'
        return f"<mark{attrs}>"

    for point in boundaries:
        if point > pos:
            out.append(esc(text[pos:point]))
            pos = point
        if any(s[1] == point for s in stack):
            # close from the top down to the lowest span that ends here, then reopen the rest
            lowest = min(i for i, s in enumerate(stack) if s[1] == point)
            above = stack[lowest:]
            out.append("</mark>" * len(above))
            del stack[lowest:]
            for item in above:
                if item[1] != point:
                    out.append(open_tag(item, first=False))
                    stack.append(item)
        for item in opens.get(point, []):
            out.append(open_tag(item, first=True))
            stack.append(item)
    out.append("</mark>" * len(stack))
    return "".join(out)


# --- article sections ------------------------------------------------------------------------

def display_title(doc: dict) -> str:
    """The reader's title, else the first line of the text (cut), else the doc_id."""
    if doc.get("title"):
        return str(doc["title"])
    text = doc.get("text") or ""
    first = text[:400].strip().split("\n", 1)[0].strip().lstrip("#").strip()
    if first:
        return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + " …"
    return doc["doc_id"]


def _num(value) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _effect_summary(e: dict) -> str:
    s = f"{e.get('measure')} {_num(e.get('value'))}"
    if e.get("ci_low") is not None or e.get("ci_high") is not None:
        level = f"{_num(e.get('ci_level'))}% CI " if e.get("ci_level") is not None else "CI "
        s += f" ({level}{_num(e.get('ci_low'))}–{_num(e.get('ci_high'))})"
    if e.get("p_value") is not None:
        s += f", p {e.get('p_relation') or '='} {_num(e.get('p_value'))}"
    return s


def _within(record: dict, claim: dict) -> bool:
    return record.get("start", -1) >= claim.get("start", 0) and record.get("end", 0) <= claim.get("end", -1)


def _unique(texts) -> list[str]:
    """Texts in first-seen order, without repeats (ignoring case and spacing)."""
    seen, out = set(), []
    for text in texts:
        key = " ".join(str(text or "").lower().split())
        if key and key not in seen:
            seen.add(key)
            out.append(str(text))
    return out


def render_overclaims(claims: list[dict], designs: list[dict], effects: list[dict]) -> str:
    over = [c for c in claims if c.get("overclaim")]
    if not over:
        return ""
    items = []
    for claim in over:
        reasons = claim.get("reasons") or []
        explanations = claim.get("explanations") or {}
        reason_html = "".join(
            f'<li class="reason"><code>{esc(r)}</code> {esc(explanations.get(r, ""))}</li>' for r in reasons)
        evidence = []
        if claim.get("evidence"):
            evidence.append(f"rests on: <b>{esc(str(claim['evidence']).replace('_', ' '))}</b>")
            names = _unique(d.get("text") for d in designs if d.get("design") == claim.get("evidence"))
            if names:
                evidence.append("named as " + "; ".join(f"“{esc(n)}”" for n in names[:4]))
        named = [d for d in designs if _within(d, claim) and d.get("design") != claim.get("evidence")]
        if named:
            evidence.append("study named in the claim: " + "; ".join(
                f"“{esc(d.get('text'))}” ({esc(str(d.get('design')).replace('_', ' '))})" for d in named))
        inside = [e for e in effects if _within(e, claim)]
        if inside:
            evidence.append("numbers: " + "; ".join(esc(_effect_summary(e)) for e in inside))
        if claim.get("hypothesis"):
            evidence.append("framed as a hypothesis")
        evidence_html = f'<div class="muted">{" · ".join(evidence)}</div>' if evidence else ""
        items.append(f"<li><blockquote>{esc(claim.get('text'))}</blockquote>"
                     f"<div class='muted'>strength: {esc(claim.get('strength'))}"
                     f"{' · hedged' if claim.get('hedged') else ''} · {esc(claim.get('produced_by'))}</div>"
                     f"<ul>{reason_html}</ul>{evidence_html}</li>")
    return (f'<section class="overclaims"><h3>Overclaims ({len(over)})</h3>'
            f'<ol>{"".join(items)}</ol></section>')


def render_effects(effects: list[dict]) -> str:
    if not effects:
        return ""
    rows = []
    for e in effects:
        flags = "".join(
            f'<span class="flag" title="{esc((e.get("flag_details") or {}).get(f, ""))}">{esc(f)}</span>'
            for f in e.get("flags") or [])
        details = "".join(f"<div class='muted'>{esc(v)}</div>" for v in (e.get("flag_details") or {}).values())
        ci = ""
        if e.get("ci_low") is not None or e.get("ci_high") is not None:
            ci = f"{_num(e.get('ci_low'))}–{_num(e.get('ci_high'))}"
        p = f"{e.get('p_relation') or '='} {_num(e.get('p_value'))}" if e.get("p_value") is not None else ""
        extra = ", ".join(name for name in ("adjusted", "pooled", "crude") if e.get(name))
        rows.append(
            f'<tr class="{"flagged" if e.get("flags") else "ok"}"><td>“{esc(e.get("text"))}”</td>'
            f'<td>{esc(e.get("measure"))}</td><td class="num">{esc(_num(e.get("value")))}</td>'
            f'<td class="num">{esc(ci)}</td><td class="num">{esc(_num(e.get("ci_level")))}</td>'
            f'<td class="num">{esc(p)}</td><td>{esc(extra)}</td><td>{flags}{details}</td>'
            f'<td class="muted">{esc(e.get("produced_by"))}</td></tr>')
    return ('<h3>Effect sizes</h3><table class="effects"><thead><tr><th>text</th><th>measure</th>'
            '<th>value</th><th>interval</th><th>level %</th><th>p</th><th>kind</th><th>flags</th>'
            f'<th>found by</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def render_document(rank: int, doc: dict, records: dict[str, list[dict]]) -> str:
    doc_id = doc["doc_id"]
    if doc.get("status") != "ok":
        return (f'<article class="doc error" id="doc-{rank}"><h2>{esc(doc_id)}</h2>'
                f'<p class="warn">Not processed: {esc(doc.get("error"))}</p></article>')
    text = doc.get("text") or ""
    shown = text[:MAX_TEXT_CHARS]
    spans = [(r["start"], r["end"], kind, r) for kind in KINDS for r in records.get(kind, [])
             if isinstance(r.get("start"), int) and r["start"] < len(shown)]
    effects = records.get("effects", [])
    has_over = any(c.get("overclaim") for c in records.get("claims", []))
    has_flags = any(e.get("flags") for e in effects)
    classes = "doc" + (" has-over" if has_over else "") + (" has-flags" if has_flags else "")
    tags = esc(" ".join(document_tags(records)))
    badges = [f"<span>{esc(doc_id)}</span>"]
    if doc.get("overclaim_count"):
        badges.append(f'<span class="score">overclaims: {esc(doc.get("overclaim_count"))} · score '
                      f'{esc(_num(doc.get("overclaim_score")))}</span>')
    if doc.get("main_design"):
        badges.append(f"<span>main design: {esc(str(doc['main_design']).replace('_', ' '))}"
                      f"{' (' + esc(doc['main_population']) + ')' if doc.get('main_population') else ''}</span>")
    if doc.get("evidence_level_name") or doc.get("evidence_level"):
        badges.append(f"<span>evidence level {esc(doc.get('evidence_level'))}: "
                      f"{esc(doc.get('evidence_level_name') or '')}</span>")
    if doc.get("strongest_claim"):
        badges.append(f"<span>strongest claim: {esc(doc['strongest_claim'])}</span>")
    counts = ", ".join(f"{len(records.get(k, []))} {KIND_NAMES[k]}" for k in KINDS)
    badges.append(f"<span>{esc(counts)}</span>")
    note = ""
    if len(text) > MAX_TEXT_CHARS:
        note = (f'<p class="truncated">The first {MAX_TEXT_CHARS:,} of {len(text):,} characters are shown; '
                "the records files hold every span.</p>")
    title = display_title(doc)
    return (f'<article class="{classes}" id="doc-{rank}" data-tags="{tags}">'
            f'<h2>{rank}. {esc(title)}</h2><div class="badges">{"".join(badges)}</div>'
            f'{render_overclaims(records.get("claims", []), records.get("designs", []), effects)}'
            f'{render_effects(effects)}'
            f'<h3>Text</h3><div class="text">{highlight(shown, spans)}</div>{note}</article>')


def render_index(ranked: list[dict], by_doc: dict[str, dict[str, list[dict]]]) -> str:
    rows = []
    for rank, doc in enumerate(ranked, 1):
        recs = by_doc.get(doc["doc_id"], {})
        flagged = sum(1 for e in recs.get("effects", []) if e.get("flags"))
        rows.append(
            f'<tr data-tags="{esc(" ".join(document_tags(recs)))}"><td>{rank}</td><td><a href="#doc-{rank}">{esc(display_title(doc))}</a>'
            f'<div class="muted">{esc(doc["doc_id"])}</div></td>'
            f'<td>{esc(doc.get("overclaim_count") or 0)}</td><td>{esc(_num(doc.get("overclaim_score") or 0))}</td>'
            f'<td>{esc(str(doc.get("main_design") or "").replace("_", " "))}</td>'
            f'<td>{len(recs.get("effects", []))}</td><td>{flagged}</td>'
            f'<td>{esc(doc.get("status"))}</td></tr>')
    table = ('<table class="index"><thead><tr><th>#</th><th>article</th><th>overclaims</th><th>score</th>'
            '<th>main design</th><th>effects</th><th>flagged</th><th>status</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')
    opened = " open" if len(ranked) <= INDEX_OPEN_UP_TO else ""
    return (f'<details class="index"{opened}><summary>All {len(ranked)} articles in review order '
            f'(table)</summary>{table}</details>')


def document_tags(records: dict[str, list[dict]]) -> list[str]:
    """What the "only" filters select on: ``over``, ``flagged``, ``reason:<code>``, ``flag:<code>``."""
    claims = [c for c in records.get("claims", []) if c.get("overclaim")]
    flagged = [e for e in records.get("effects", []) if e.get("flags")]
    tags = (["over"] if claims else []) + (["flagged"] if flagged else [])
    tags += sorted({f"reason:{r}" for c in claims for r in c.get("reasons") or []})
    tags += sorted({f"flag:{f}" for e in flagged for f in e.get("flags") or []})
    return [t.replace(" ", "_") for t in tags]


def render_toolbar(records: dict[str, list[dict]]) -> str:
    kinds = "".join(
        f'<label><input type="checkbox" data-hide="{k}" checked> '
        f'<mark class="hl {k}">{esc(KIND_NAMES[k])}</mark></label>' for k in KINDS)
    present = document_tags(records)
    only = ['<label><input type="checkbox" data-tag="over"> '
            '<mark class="hl claims overclaim">articles with overclaims</mark></label>',
            '<label><input type="checkbox" data-tag="flagged"> '
            '<mark class="hl effects flagged">flagged effect sizes</mark></label>']
    only += [f'<label><input type="checkbox" data-tag="{esc(t)}"> {esc(t.replace(":", ": "))}</label>'
             for t in present if ":" in t]
    return (f'<div class="group"><b>show</b>{kinds}</div>'
            f'<div class="group"><b>only</b>{"".join(only)}</div>'
            '<div class="group muted" id="shown-count"></div>')


def render_review(documents: list[dict], records: dict[str, list[dict]],
                  max_docs: int | None = None) -> str:
    """The whole page as a string; with ``max_docs``, only the highest-ranked articles
    are shown in full (the index still lists every article)."""
    by_doc: dict[str, dict[str, list[dict]]] = {}
    for kind in KINDS:
        for row in records.get(kind, []):
            by_doc.setdefault(row["doc_id"], {}).setdefault(kind, []).append(row)
    ranked = rank_documents(documents, records)
    shown = ranked if max_docs is None else ranked[:max_docs]
    articles = "".join(render_document(rank, doc, by_doc.get(doc["doc_id"], {}))
                       for rank, doc in enumerate(shown, 1))
    if len(shown) < len(ranked):
        articles += (f'<p class="truncated">{len(ranked) - len(shown)} lower-ranked articles are '
                     "listed in the table above but not shown (evx report --max-docs).</p>")
    n_over = sum(1 for d in documents if d.get("overclaim_count"))
    summary = (f"{len(documents)} articles · {n_over} with overclaims · "
               f"{len(records.get('effects', []))} effect sizes, "
               f"{sum(1 for e in records.get('effects', []) if e.get('flags'))} flagged · "
               "ranked by overclaim score")
    return render("review.html", css=template("report.css"), js=template("review.js"),
                  summary=esc(summary), toolbar=render_toolbar(records), index=render_index(ranked, by_doc),
                  articles=articles)


def write_review(out_dir: Path, max_docs: int | None = None) -> Path:
    """Read ``documents.jsonl`` and the record files in ``out_dir``; write ``report.html``."""
    from evx.output import atomic_write_text, load_records
    out_dir = Path(out_dir)
    if not (out_dir / "documents.jsonl").exists():
        raise InputError(f"{out_dir}: no documents.jsonl; run `evx extract INPUT --out {out_dir}` first")
    records = load_records(out_dir)
    path = out_dir / "report.html"
    atomic_write_text(path, render_review(records.pop("documents"), records, max_docs))
    return path

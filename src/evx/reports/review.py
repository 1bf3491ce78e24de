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

Safety: the page is a Jinja2 template (``templates/review.html`` and
``review_parts.html``) with autoescaping, fed with plain values: the views built
here hold text, never markup, so every piece of article or record text is escaped
by the template. The one exception is the highlighted article text, which
:func:`highlight` returns as :class:`markupsafe.Markup` assembled from escaped
pieces. No input reaches a ``<script>`` element or an attribute unescaped, so
markup in an article is shown, never run.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from evx.errors import InputError
from evx.reports.html import render

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


_OPEN = Markup('<mark class="hl {classes}{cont}" title="{tip}"{label}>')
_LABEL = Markup(' data-label="{}"')
_CLOSE = Markup("</mark>")


def highlight(text: str, spans: list[tuple[int, int, str, dict]]) -> Markup:
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
    out: list[Markup] = []
    stack: list[tuple] = []
    pos = 0

    def open_tag(item, first: bool) -> Markup:
        classes, label, tip = _mark_attrs(item[3], item[4])
        # a piece carries the label only if it will close at the span's real end,
        # i.e. no span below it in the stack ends earlier
        last = all(below[1] >= item[1] for below in stack)
        return _OPEN.format(classes=classes, cont="" if first else " cont", tip=tip,
                            label=_LABEL.format(label) if label and last else "")

    for point in boundaries:
        if point > pos:
            out.append(escape(text[pos:point]))
            pos = point
        if any(s[1] == point for s in stack):
            # close from the top down to the lowest span that ends here, then reopen the rest
            lowest = min(i for i, s in enumerate(stack) if s[1] == point)
            above = stack[lowest:]
            out.append(_CLOSE * len(above))
            del stack[lowest:]
            for item in above:
                if item[1] != point:
                    out.append(open_tag(item, first=False))
                    stack.append(item)
        for item in opens.get(point, []):
            out.append(open_tag(item, first=True))
            stack.append(item)
    out.append(_CLOSE * len(stack))
    return Markup("").join(out)


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


def _text(value) -> str:
    """A value as the page shows it: ``None`` as nothing."""
    return "" if value is None else str(value)


def overclaim_views(claims: list[dict], designs: list[dict], effects: list[dict]) -> list[dict]:
    """The overclaims of one article with their reasons and the evidence behind them.

    ``evidence`` is a list of ``(what, value)``: ``rests_on`` (the design the claim
    rests on), ``named_as`` (how the article names that design), ``in_claim``
    (``(text, design)`` of studies named inside the claim), ``numbers`` (effect sizes
    inside the claim) and ``hypothesis``."""
    views = []
    for claim in (c for c in claims if c.get("overclaim")):
        explanations = claim.get("explanations") or {}
        evidence: list[tuple[str, object]] = []
        if claim.get("evidence"):
            evidence.append(("rests_on", str(claim["evidence"]).replace("_", " ")))
            names = _unique(d.get("text") for d in designs if d.get("design") == claim.get("evidence"))
            if names:
                evidence.append(("named_as", names[:4]))
        named = [d for d in designs if _within(d, claim) and d.get("design") != claim.get("evidence")]
        if named:
            evidence.append(("in_claim", [(_text(d.get("text")), str(d.get("design")).replace("_", " "))
                                          for d in named]))
        inside = [e for e in effects if _within(e, claim)]
        if inside:
            evidence.append(("numbers", [_effect_summary(e) for e in inside]))
        if claim.get("hypothesis"):
            evidence.append(("hypothesis", None))
        views.append({"text": _text(claim.get("text")), "strength": _text(claim.get("strength")),
                      "hedged": bool(claim.get("hedged")), "produced_by": _text(claim.get("produced_by")),
                      "reasons": [(r, _text(explanations.get(r, ""))) for r in claim.get("reasons") or []],
                      "evidence": evidence})
    return views


def effect_rows(effects: list[dict]) -> list[dict]:
    """One row per effect size for the article's table, with its flags and their details."""
    rows = []
    for e in effects:
        details = e.get("flag_details") or {}
        interval = p = ""
        if e.get("ci_low") is not None or e.get("ci_high") is not None:
            interval = f"{_num(e.get('ci_low'))}–{_num(e.get('ci_high'))}"
        if e.get("p_value") is not None:
            p = f"{e.get('p_relation') or '='} {_num(e.get('p_value'))}"
        rows.append({
            "text": _text(e.get("text")), "measure": _text(e.get("measure")), "value": _num(e.get("value")),
            "interval": interval, "level": _num(e.get("ci_level")), "p": p,
            "kind": ", ".join(name for name in ("adjusted", "pooled", "crude") if e.get(name)),
            "flags": [(_text(f), _text(details.get(f, ""))) for f in e.get("flags") or []],
            "details": [_text(v) for v in details.values()],
            "produced_by": _text(e.get("produced_by")),
        })
    return rows


def _badges(doc: dict, records: dict[str, list[dict]]) -> list[tuple[str, str]]:
    """(class, text) of the badges under an article's title."""
    badges = [("", doc["doc_id"])]
    if doc.get("overclaim_count"):
        badges.append(("score", f"overclaims: {doc['overclaim_count']} · score "
                                f"{_num(doc.get('overclaim_score'))}"))
    if doc.get("main_design"):
        population = f" ({doc['main_population']})" if doc.get("main_population") else ""
        badges.append(("", f"main design: {str(doc['main_design']).replace('_', ' ')}{population}"))
    if doc.get("evidence_level_name") or doc.get("evidence_level"):
        badges.append(("", f"evidence level {_text(doc.get('evidence_level'))}: "
                           f"{doc.get('evidence_level_name') or ''}"))
    if doc.get("strongest_claim"):
        badges.append(("", f"strongest claim: {doc['strongest_claim']}"))
    badges.append(("", ", ".join(f"{len(records.get(k, []))} {KIND_NAMES[k]}" for k in KINDS)))
    return badges


def article_view(rank: int, doc: dict, records: dict[str, list[dict]]) -> dict:
    """What the page shows of one article (``failed``: not processed, only its error)."""
    doc_id = doc["doc_id"]
    if doc.get("status") != "ok":
        return {"failed": True, "rank": rank, "doc_id": doc_id, "error": _text(doc.get("error"))}
    text = doc.get("text") or ""
    shown = text[:MAX_TEXT_CHARS]
    spans = [(r["start"], r["end"], kind, r) for kind in KINDS for r in records.get(kind, [])
             if isinstance(r.get("start"), int) and r["start"] < len(shown)]
    effects = records.get("effects", [])
    has_over = any(c.get("overclaim") for c in records.get("claims", []))
    has_flags = any(e.get("flags") for e in effects)
    return {
        "failed": False, "rank": rank, "doc_id": doc_id, "title": display_title(doc),
        "classes": "doc" + (" has-over" if has_over else "") + (" has-flags" if has_flags else ""),
        "tags": " ".join(document_tags(records)),
        "badges": _badges(doc, records),
        "overclaims": overclaim_views(records.get("claims", []), records.get("designs", []), effects),
        "effects": effect_rows(effects),
        "text": highlight(shown, spans),
        "truncated": (f"{MAX_TEXT_CHARS:,}", f"{len(text):,}") if len(text) > MAX_TEXT_CHARS else None,
    }


def index_rows(ranked: list[dict], by_doc: dict[str, dict[str, list[dict]]]) -> list[dict]:
    """One row per article, in review order, for the table at the top of the page."""
    rows = []
    for rank, doc in enumerate(ranked, 1):
        recs = by_doc.get(doc["doc_id"], {})
        rows.append({
            "rank": rank, "tags": " ".join(document_tags(recs)), "title": display_title(doc),
            "doc_id": doc["doc_id"], "overclaims": _text(doc.get("overclaim_count") or 0),
            "score": _num(doc.get("overclaim_score") or 0),
            "design": str(doc.get("main_design") or "").replace("_", " "),
            "effects": len(recs.get("effects", [])),
            "flagged": sum(1 for e in recs.get("effects", []) if e.get("flags")),
            "status": _text(doc.get("status")),
        })
    return rows


def document_tags(records: dict[str, list[dict]]) -> list[str]:
    """What the "only" filters select on: ``over``, ``flagged``, ``reason:<code>``, ``flag:<code>``."""
    claims = [c for c in records.get("claims", []) if c.get("overclaim")]
    flagged = [e for e in records.get("effects", []) if e.get("flags")]
    tags = (["over"] if claims else []) + (["flagged"] if flagged else [])
    tags += sorted({f"reason:{r}" for c in claims for r in c.get("reasons") or []})
    tags += sorted({f"flag:{f}" for e in flagged for f in e.get("flags") or []})
    return [t.replace(" ", "_") for t in tags]


def tag_filters(records: dict[str, list[dict]]) -> list[tuple[str, str]]:
    """(tag, label) of the "only" filters beyond ``over`` and ``flagged``: one per reason and flag."""
    return [(t, t.replace(":", ": ")) for t in document_tags(records) if ":" in t]


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
    n_over = sum(1 for d in documents if d.get("overclaim_count"))
    summary = (f"{len(documents)} articles · {n_over} with overclaims · "
               f"{len(records.get('effects', []))} effect sizes, "
               f"{sum(1 for e in records.get('effects', []) if e.get('flags'))} flagged · "
               "ranked by overclaim score")
    return render(
        "review.html", summary=summary,
        kinds=[(k, KIND_NAMES[k]) for k in KINDS], tag_filters=tag_filters(records),
        index_rows=index_rows(ranked, by_doc), index_open=len(ranked) <= INDEX_OPEN_UP_TO,
        articles=[article_view(rank, doc, by_doc.get(doc["doc_id"], {}))
                  for rank, doc in enumerate(shown, 1)],
        not_shown=len(ranked) - len(shown),
    )


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

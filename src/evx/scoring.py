"""Scoring records against gold files: precision, recall and F1 per record kind.

The scheme follows spaCy's ``Scorer`` (``spacy/scorer.py``): spans are compared
as sets of ``(label, start, end)`` through a :class:`PRFScore`, and the result is
a flat dictionary with keys such as ``effects_p``, ``effects_r``, ``effects_f``
and ``effects_per_type`` (values are fractions; reports print them ×100).

Matching rules (documented in ``docs/gold-format.md``):

* **overlap** (the headline figures): a prediction matches a gold span when
  they share at least one character; pairs are made one-to-one, largest overlap
  first, so one long prediction cannot match two gold spans.
* **strict**: the same offsets, after trimming whitespace and sentence-final
  punctuation from both ends of both spans.
* effects must also agree on ``measure``, ``value``, ``ci_low`` and ``ci_high``:
  by default exact to the digits the gold reports (a prediction rounded to the
  gold's decimals equals it); ``tolerance`` sets a relative tolerance instead.
* **micro** figures pool counts over the corpus; ``*_doc_macro_*`` average the
  per-document figures over documents where gold or prediction has that kind.

Only documents that have a gold file are scored.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from evx.errors import GoldError
from evx.records import OVERCLAIM_REASONS, SPAN_KINDS, STRENGTHS

CONTEXT_CHARS = 60          # characters of context either side of a miss or false hit
_TRIM = " \t\n\r.!?;:"
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[A-Z0-9])|\n\s*")
MISSED, SPURIOUS = "(missed)", "(spurious)"


class PRFScore:
    """True and false positives and negatives, as in spaCy's ``PRFScore``."""

    def __init__(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp, self.fp, self.fn = tp, fp, fn

    def __iadd__(self, other: "PRFScore") -> "PRFScore":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def score_set(self, cand: set, gold: set) -> None:
        self.tp += len(cand & gold)
        self.fp += len(cand - gold)
        self.fn += len(gold - cand)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def fscore(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty(self) -> bool:
        return self.tp + self.fp + self.fn == 0

    def to_dict(self) -> dict:
        return {"p": self.precision, "r": self.recall, "f": self.fscore,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


# --- spans and matching -----------------------------------------------------------

@dataclass
class Item:
    """One span record (gold or predicted), reduced to what scoring needs."""

    start: int
    end: int
    record: dict
    index: int

    @property
    def text(self) -> str:
        return self.record.get("quote", self.record.get("text", "")) or ""

    def trimmed(self, text: str | None) -> tuple[int, int]:
        """Offsets without surrounding whitespace or sentence-final punctuation."""
        span = text[self.start:self.end] if text is not None else self.text
        if len(span) != self.end - self.start:
            return self.start, self.end
        left = len(span) - len(span.lstrip(_TRIM))
        right = len(span.rstrip(_TRIM))
        return (self.start + left, self.start + right) if right > left else (self.start, self.end)


def _items(records: list[dict]) -> list[Item]:
    items = []
    for index, r in enumerate(records):
        start, end = r.get("start"), r.get("end")
        if isinstance(start, int) and isinstance(end, int) and end > start:
            items.append(Item(start, end, r, index))
    return items


def match_spans(gold: list[Item], pred: list[Item], text: str | None, strict: bool = False,
                compatible=None) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold position, pred position)``.

    ``strict``: same trimmed offsets; otherwise any overlap, largest overlap first
    (ties: nearer boundaries, then document order). ``compatible(g, p)`` can veto a pair.
    """
    order = sorted(range(len(pred)), key=lambda j: pred[j].start)
    starts = [pred[j].start for j in order]
    longest = max((p.end - p.start for p in pred), default=0)
    candidates = []
    for i, g in enumerate(gold):
        g_trim = g.trimmed(text) if strict else None
        lo = bisect.bisect_left(starts, g.start - longest)
        hi = bisect.bisect_left(starts, g.end)
        for k in range(lo, hi):
            j = order[k]
            p = pred[j]
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap <= 0:
                continue
            if strict and p.trimmed(text) != g_trim:
                continue
            if compatible is not None and not compatible(g.record, p.record):
                continue
            distance = abs(g.start - p.start) + abs(g.end - p.end)
            candidates.append((-overlap, distance, i, j))
    candidates.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _prf(n_gold: int, n_pred: int, n_match: int) -> PRFScore:
    return PRFScore(tp=n_match, fp=n_pred - n_match, fn=n_gold - n_match)


# --- numbers ----------------------------------------------------------------------

def _decimals(value: float) -> int:
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def numbers_agree(gold, pred, tolerance: float | None = None) -> bool:
    """Whether a predicted number matches the gold one.

    ``tolerance`` None: exact to the digits the gold reports (the prediction,
    rounded to the gold's number of decimals, equals the gold). Otherwise a
    relative tolerance: ``|pred - gold| <= tolerance * |gold|``.
    """
    if gold is None or pred is None:
        return gold is None and pred is None
    try:
        gold, pred = float(gold), float(pred)
    except (TypeError, ValueError):
        return False
    if tolerance is None:
        return round(pred, _decimals(gold)) == round(gold, _decimals(gold))
    return abs(pred - gold) <= tolerance * abs(gold) + 1e-12


def effect_agrees(gold: dict, pred: dict, tolerance: float | None = None) -> bool:
    return (gold.get("measure") == pred.get("measure")
            and all(numbers_agree(gold.get(k), pred.get(k), tolerance)
                    for k in ("value", "ci_low", "ci_high")))


# --- what is compared, per kind --------------------------------------------------------

@dataclass
class KindSpec:
    """How one record kind is scored: its label field and what a full match requires."""

    kind: str
    label: str | None                       # field for ``<kind>_per_type``
    agrees: object = None                   # (gold, pred) -> bool, on top of the span
    fields: tuple[str, ...] = ()            # attribute accuracies on span-matched pairs


def kind_specs(tolerance: float | None) -> dict[str, KindSpec]:
    return {
        "effects": KindSpec("effects", "measure", lambda g, p: effect_agrees(g, p, tolerance),
                            ("measure", "value", "ci_low", "ci_high", "ci_level", "p_value",
                             "adjusted", "pooled")),
        "sample_sizes": KindSpec("sample_sizes", None, lambda g, p: g.get("n") == p.get("n"),
                                 ("n", "group", "bound")),
        "designs": KindSpec("designs", "design", lambda g, p: g.get("design") == p.get("design"),
                            ("design", "population", "year", "generic", "section")),
        "hedges": KindSpec("hedges", None, None, ("on_claim", "category")),
        "claims": KindSpec("claims", None, None, ("strength", "hedged", "overclaim")),
    }


def _field_equal(name: str, gold, pred, tolerance: float | None) -> bool:
    if name in ("value", "ci_low", "ci_high", "ci_level", "p_value"):
        return numbers_agree(gold, pred, tolerance)
    if name == "group":
        return (gold or "").strip().lower() == (pred or "").strip().lower()
    return gold == pred


# --- the scorer -----------------------------------------------------------------------

@dataclass
class ScoreResult:
    """``scores`` is what ``scores.json`` holds; ``errors`` every miss and false hit."""

    scores: dict
    errors: list[dict] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


def split_sentences(text: str) -> list[int]:
    """Start offsets of sentences: a simple, fixed splitter so that sentence-level
    hedge scores do not move when evx's own splitter changes."""
    return [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]


def _sentence_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def context(text: str | None, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(left, span, right): a few words either side, cut at word boundaries, one line."""
    if not text:
        return "", "", ""
    left = text[max(0, start - chars):start]
    right = text[end:end + chars]
    if start - chars > 0 and " " in left:
        left = "…" + left[left.index(" ") + 1:]
    if end + chars < len(text) and " " in right:
        right = right[:right.rindex(" ")] + "…"
    flat = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    return flat(left), flat(text[start:end]), flat(right)


class Scorer:
    """Accumulates counts document by document; :meth:`result` gives the dictionary."""

    def __init__(self, tolerance: float | None = None) -> None:
        self.tolerance = tolerance
        self.specs = kind_specs(tolerance)
        self.errors: list[dict] = []
        self.counts: dict[str, PRFScore] = {}
        self.doc_scores: dict[str, list[PRFScore]] = {}
        self.per_type: dict[str, dict[str, PRFScore]] = {}
        self.field_hits: dict[str, dict[str, list[int]]] = {}
        self.confusion = {g: {p: 0 for p in STRENGTHS + (MISSED,)} for g in STRENGTHS + (SPURIOUS,)}
        self.doc_level = {"main_design": [0, 0], "main_population": [0, 0]}
        self.n_docs = 0
        self.n_gold: dict[str, int] = {k: 0 for k in SPAN_KINDS}
        self.n_pred: dict[str, int] = {k: 0 for k in SPAN_KINDS}

    # helpers
    def _add(self, key: str, score: PRFScore) -> None:
        self.counts.setdefault(key, PRFScore())
        self.counts[key] += score

    def _add_doc(self, key: str, score: PRFScore) -> None:
        if not score.empty:
            self.doc_scores.setdefault(key, []).append(score)

    def _add_type(self, key: str, label, score: PRFScore) -> None:
        table = self.per_type.setdefault(key, {})
        table.setdefault(str(label), PRFScore())
        table[str(label)] += score

    def _error(self, kind: str, doc_id: str, what: str, item: Item, text: str | None,
               detail: str = "") -> None:
        left, span, right = context(text, item.start, item.end)
        self.errors.append({
            "kind": kind, "doc_id": doc_id, "type": what, "start": item.start, "end": item.end,
            "text": span or item.text, "left": left, "right": right, "detail": detail,
        })

    def score_document(self, doc_id: str, gold: dict, pred: dict[str, list[dict]],
                       pred_doc: dict | None, text: str | None) -> None:
        """Add one document: ``gold`` is the gold file's data, ``pred`` its records by kind."""
        self.n_docs += 1
        for kind in SPAN_KINDS:
            g_items = _items(gold.get(kind) or [])
            p_items = _items(pred.get(kind) or [])
            self.n_gold[kind] += len(g_items)
            self.n_pred[kind] += len(p_items)
            self._score_kind(kind, doc_id, g_items, p_items, text)
        self._score_hedge_sentences(gold, pred, text)
        self._score_claims(doc_id, _items(gold.get("claims") or []),
                           _items(pred.get("claims") or []), text)
        for name in self.doc_level:
            if gold.get(name) is not None:
                self.doc_level[name][1] += 1
                self.doc_level[name][0] += int(bool(pred_doc) and pred_doc.get(name) == gold.get(name))

    def _score_kind(self, kind: str, doc_id: str, g: list[Item], p: list[Item], text) -> None:
        spec = self.specs[kind]
        span_pairs = match_spans(g, p, text)
        self._add(f"{kind}_span", _prf(len(g), len(p), len(span_pairs)))
        self._add(f"{kind}_span_strict", _prf(len(g), len(p), len(match_spans(g, p, text, True))))
        if spec.agrees is not None:
            full = match_spans(g, p, text, compatible=spec.agrees)
            strict = match_spans(g, p, text, True, compatible=spec.agrees)
        else:
            full, strict = span_pairs, match_spans(g, p, text, True)
        score = _prf(len(g), len(p), len(full))
        self._add(kind, score)
        self._add(f"{kind}_strict", _prf(len(g), len(p), len(strict)))
        self._add_doc(kind, score)
        if spec.label:
            matched_g = {i for i, _ in full}
            matched_p = {j for _, j in full}
            for i, item in enumerate(g):
                self._add_type(kind, item.record.get(spec.label),
                               PRFScore(tp=int(i in matched_g), fn=int(i not in matched_g)))
            for j, item in enumerate(p):
                if j not in matched_p:
                    self._add_type(kind, item.record.get(spec.label), PRFScore(fp=1))
        hits = self.field_hits.setdefault(kind, {})
        for i, j in span_pairs:
            for name in spec.fields:
                if name in g[i].record:
                    ok = _field_equal(name, g[i].record.get(name), p[j].record.get(name),
                                      self.tolerance)
                    tally = hits.setdefault(name, [0, 0])
                    tally[0] += int(ok)
                    tally[1] += 1
        # every miss and false hit of the headline criterion, with what came closest
        matched_g = {i for i, _ in full}
        matched_p = {j for _, j in full}
        near = {i: j for i, j in span_pairs}
        for i, item in enumerate(g):
            if i not in matched_g:
                detail = ""
                if spec.agrees is not None and i in near:
                    detail = "found with other values: " + _describe(kind, p[near[i]].record)
                self._error(kind, doc_id, "miss", item, text,
                            (detail + "; gold: " if detail else "gold: ") + _describe(kind, item.record))
        for j, item in enumerate(p):
            if j not in matched_p:
                self._error(kind, doc_id, "false hit", item, text, _describe(kind, item.record))

    def _score_hedge_sentences(self, gold: dict, pred: dict, text: str | None) -> None:
        if text is None:
            return
        starts = split_sentences(text)
        for key, only_on_claim in (("hedges_sent", False), ("hedges_on_claim_sent", True)):
            sets = []
            for records in (gold.get("hedges") or [], pred.get("hedges") or []):
                sets.append({_sentence_of(starts, r["start"]) for r in records
                             if isinstance(r.get("start"), int)
                             and (not only_on_claim or r.get("on_claim") is True)})
            score = PRFScore()
            score.score_set(sets[1], sets[0])
            self._add(key, score)
        g_on = [h for h in _items(gold.get("hedges") or []) if h.record.get("on_claim") is True]
        p_on = [h for h in _items(pred.get("hedges") or []) if h.record.get("on_claim") is True]
        self._add("hedges_on_claim", _prf(len(g_on), len(p_on), len(match_spans(g_on, p_on, text))))

    def _score_claims(self, doc_id: str, g: list[Item], p: list[Item], text) -> None:
        pairs = match_spans(g, p, text)
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        strength = PRFScore()
        for i, j in pairs:
            gs, ps = g[i].record.get("strength"), p[j].record.get("strength")
            if gs in self.confusion and ps in self.confusion[gs]:
                self.confusion[gs][ps] += 1
            ok = gs == ps
            strength += PRFScore(tp=int(ok), fp=int(not ok), fn=int(not ok))
            self._add_type("claims_strength", gs, PRFScore(tp=int(ok), fn=int(not ok)))
            if not ok:
                self._add_type("claims_strength", ps, PRFScore(fp=1))
                self._error("claims", doc_id, "wrong strength", p[j], text,
                            f"gold {gs}, found {ps}")
        for i, item in enumerate(g):
            if i not in matched_g:
                gs = item.record.get("strength")
                if gs in self.confusion:
                    self.confusion[gs][MISSED] += 1
                strength += PRFScore(fn=1)
                self._add_type("claims_strength", gs, PRFScore(fn=1))
        for j, item in enumerate(p):
            if j not in matched_p:
                ps = item.record.get("strength")
                if ps in self.confusion[SPURIOUS]:
                    self.confusion[SPURIOUS][ps] += 1
                strength += PRFScore(fp=1)
                self._add_type("claims_strength", ps, PRFScore(fp=1))
        self._add("claims_strength", strength)
        # overclaims: flagged claims against flagged claims, overall and per reason
        g_over = [c for c in g if c.record.get("overclaim") is True]
        p_over = [c for c in p if c.record.get("overclaim") is True]
        over_pairs = match_spans(g_over, p_over, text)
        score = _prf(len(g_over), len(p_over), len(over_pairs))
        self._add("overclaim", score)
        self._add_doc("overclaim", score)
        doc = PRFScore()
        doc.score_set({doc_id} if p_over else set(), {doc_id} if g_over else set())
        self._add("overclaim_doc", doc)
        for reason in OVERCLAIM_REASONS:
            g_r = [c for c in g_over if reason in (c.record.get("reasons") or [])]
            p_r = [c for c in p_over if reason in (c.record.get("reasons") or [])]
            if g_r or p_r:
                self._add_type("overclaim", reason, _prf(len(g_r), len(p_r),
                                                         len(match_spans(g_r, p_r, text))))
        over_g = {i for i, _ in over_pairs}
        over_p = {j for _, j in over_pairs}
        for i, item in enumerate(g_over):
            if i not in over_g:
                self._error("overclaims", doc_id, "miss", item, text,
                            "gold reasons: " + ", ".join(item.record.get("reasons") or []))
        for j, item in enumerate(p_over):
            if j not in over_p:
                self._error("overclaims", doc_id, "false hit", item, text,
                            "reasons: " + ", ".join(item.record.get("reasons") or []))

    def result(self) -> dict:
        scores: dict = {"n_docs": self.n_docs, "tolerance": self.tolerance,
                        "n_gold": dict(self.n_gold), "n_pred": dict(self.n_pred)}
        for key, score in self.counts.items():
            scores[f"{key}_p"] = score.precision
            scores[f"{key}_r"] = score.recall
            scores[f"{key}_f"] = score.fscore
        for key, docs in self.doc_scores.items():
            for part, attr in (("p", "precision"), ("r", "recall"), ("f", "fscore")):
                scores[f"{key}_doc_macro_{part}"] = sum(getattr(d, attr) for d in docs) / len(docs)
        for key, table in self.per_type.items():
            scores[f"{key}_per_type"] = {label: {k: v for k, v in s.to_dict().items()}
                                         for label, s in sorted(table.items())}
        for kind, hits in self.field_hits.items():
            scores[f"{kind}_field_acc"] = {name: ok / n for name, (ok, n) in hits.items() if n}
        labels = [s for s in STRENGTHS if s in self.per_type.get("claims_strength", {})]
        per = self.per_type.get("claims_strength", {})
        scores["claims_strength_macro_f"] = (sum(per[s].fscore for s in labels) / len(labels)
                                             if labels else 0.0)
        matched = sum(self.confusion[g][p] for g in STRENGTHS for p in STRENGTHS)
        correct = sum(self.confusion[s][s] for s in STRENGTHS)
        scores["claims_strength_acc"] = correct / matched if matched else 0.0
        scores["claims_strength_confusion"] = self.confusion
        for name, (ok, n) in self.doc_level.items():
            scores[f"{name}_acc"] = ok / n if n else 0.0
        return scores


def _describe(kind: str, record: dict) -> str:
    if kind == "effects":
        ci = ""
        if record.get("ci_low") is not None or record.get("ci_high") is not None:
            ci = f" [{record.get('ci_low')}, {record.get('ci_high')}]"
        return f"{record.get('measure')} {record.get('value')}{ci}"
    if kind == "sample_sizes":
        return f"n={record.get('n')} {record.get('group') or ''}".strip()
    if kind == "designs":
        bits = [str(record.get("design")), str(record.get("population") or "")]
        if record.get("year"):
            bits.append(str(record["year"]))
        return " ".join(b for b in bits if b)
    if kind == "hedges":
        return f"cue {record.get('cue') or record.get('quote') or record.get('text')!r}" + (
            ", on claim" if record.get("on_claim") else "")
    if kind == "claims":
        flag = " (overclaim)" if record.get("overclaim") else ""
        return f"{record.get('strength')}{flag}"
    return ""


# --- folders ------------------------------------------------------------------------

def score_folder(out_dir: Path, gold_folder: Path, tolerance: float | None = None) -> ScoreResult:
    """Score the records in ``out_dir`` against every gold file in ``gold_folder``."""
    from evx.gold import load_gold
    from evx.output import load_records

    out_dir = Path(out_dir)
    if not (out_dir / "documents.jsonl").exists():
        raise GoldError(f"{out_dir}: no documents.jsonl; run `evx extract INPUT --out {out_dir}` first")
    gold = load_gold(gold_folder)
    loaded = load_records(out_dir)
    documents = {row["doc_id"]: row for row in loaded["documents"]}
    by_doc: dict[str, dict[str, list[dict]]] = {}
    for kind in SPAN_KINDS:
        for row in loaded[kind]:
            by_doc.setdefault(row["doc_id"], {}).setdefault(kind, []).append(row)
    scorer = Scorer(tolerance)
    missing, texts = [], {}
    for doc_id in sorted(gold):
        doc_row = documents.get(doc_id)
        if doc_row is None:
            missing.append(doc_id)
        text = doc_row.get("text") if doc_row else None
        if text is not None:
            texts[doc_id] = text
        scorer.score_document(doc_id, gold[doc_id].data, by_doc.get(doc_id, {}), doc_row, text)
    scores = scorer.result()
    scores["docs_missing"] = missing
    scores["docs_not_in_gold"] = sorted(set(documents) - set(gold))
    return ScoreResult(scores=scores, errors=scorer.errors, texts=texts)


HEADLINE = ("effects", "sample_sizes", "designs", "hedges", "claims", "claims_strength", "overclaim")


def headline(scores: dict) -> str:
    """One line of F1 scores ×100, for the end of ``evx run``."""
    parts = [f"{key} F {100 * scores[key + '_f']:.1f}" for key in HEADLINE if key + "_f" in scores]
    return "; ".join(parts)


def write_scores(out_dir: Path, result: ScoreResult) -> list[Path]:
    """``scores.json``, ``scores.md``, ``evaluation.md`` and ``evaluation.html`` in ``out_dir``."""
    import json

    from evx.output import atomic_write_text
    from evx.reports.evaluation import render_evaluation_html, render_evaluation_md, render_scores_md

    out_dir = Path(out_dir)
    paths = {
        "scores.json": json.dumps(result.scores, indent=2, ensure_ascii=False) + "\n",
        "scores.md": render_scores_md(result.scores),
        "evaluation.md": render_evaluation_md(result),
        "evaluation.html": render_evaluation_html(result),
    }
    for name, content in paths.items():
        atomic_write_text(out_dir / name, content)
    return [out_dir / name for name in paths]

"""The scorer: counts document by document, then one flat dictionary of figures.

:class:`Scorer` only counts and returns data; :func:`score_folder` reads a run's
records and the gold files and returns a :class:`ScoreResult`. Nothing here writes
a file or renders a report: that is :mod:`evx.reports.evaluation`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from evx.errors import GoldError
from evx.records import OVERCLAIM_REASONS, SPAN_KINDS, STRENGTHS
from evx.scoring.kinds import describe, field_equal, kind_specs
from evx.scoring.matching import Item, context, items, match_spans, sentence_of, split_sentences
from evx.scoring.prf import PRFScore, prf
from evx.scoring.tables import prf_dict, prf_frame

MISSED, SPURIOUS = "(missed)", "(spurious)"
HEADLINE = ("effects", "sample_sizes", "designs", "hedges", "claims", "claims_strength", "overclaim")


@dataclass
class ScoreResult:
    """``scores`` is what ``scores.json`` holds; ``errors`` every miss and false hit
    (dicts with ``kind doc_id type start end text left right detail``); ``texts`` the
    scored documents' text by doc_id."""

    scores: dict
    errors: list[dict] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


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
            g_items = items(gold.get(kind) or [])
            p_items = items(pred.get(kind) or [])
            self.n_gold[kind] += len(g_items)
            self.n_pred[kind] += len(p_items)
            self._score_kind(kind, doc_id, g_items, p_items, text)
        self._score_hedge_sentences(gold, pred, text)
        self._score_claims(doc_id, items(gold.get("claims") or []),
                           items(pred.get("claims") or []), text)
        for name in self.doc_level:
            if gold.get(name) is not None:
                self.doc_level[name][1] += 1
                self.doc_level[name][0] += int(bool(pred_doc) and pred_doc.get(name) == gold.get(name))

    def _score_kind(self, kind: str, doc_id: str, g: list[Item], p: list[Item], text) -> None:
        spec = self.specs[kind]
        span_pairs = match_spans(g, p, text)
        self._add(f"{kind}_span", prf(len(g), len(p), len(span_pairs)))
        self._add(f"{kind}_span_strict", prf(len(g), len(p), len(match_spans(g, p, text, True))))
        if spec.agrees is not None:
            full = match_spans(g, p, text, compatible=spec.agrees)
            strict = match_spans(g, p, text, True, compatible=spec.agrees)
        else:
            full, strict = span_pairs, match_spans(g, p, text, True)
        score = prf(len(g), len(p), len(full))
        self._add(kind, score)
        self._add(f"{kind}_strict", prf(len(g), len(p), len(strict)))
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
                    ok = field_equal(name, g[i].record.get(name), p[j].record.get(name),
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
                    detail = "found with other values: " + describe(kind, p[near[i]].record)
                self._error(kind, doc_id, "miss", item, text,
                            (detail + "; gold: " if detail else "gold: ") + describe(kind, item.record))
        for j, item in enumerate(p):
            if j not in matched_p:
                self._error(kind, doc_id, "false hit", item, text, describe(kind, item.record))

    def _score_hedge_sentences(self, gold: dict, pred: dict, text: str | None) -> None:
        if text is None:
            return
        starts = split_sentences(text)
        for key, only_on_claim in (("hedges_sent", False), ("hedges_on_claim_sent", True)):
            sets = []
            for records in (gold.get("hedges") or [], pred.get("hedges") or []):
                sets.append({sentence_of(starts, r["start"]) for r in records
                             if isinstance(r.get("start"), int)
                             and (not only_on_claim or r.get("on_claim") is True)})
            score = PRFScore()
            score.score_set(sets[1], sets[0])
            self._add(key, score)
        g_on = [h for h in items(gold.get("hedges") or []) if h.record.get("on_claim") is True]
        p_on = [h for h in items(pred.get("hedges") or []) if h.record.get("on_claim") is True]
        self._add("hedges_on_claim", prf(len(g_on), len(p_on), len(match_spans(g_on, p_on, text))))

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
        score = prf(len(g_over), len(p_over), len(over_pairs))
        self._add("overclaim", score)
        self._add_doc("overclaim", score)
        doc = PRFScore()
        doc.score_set({doc_id} if p_over else set(), {doc_id} if g_over else set())
        self._add("overclaim_doc", doc)
        for reason in OVERCLAIM_REASONS:
            g_r = [c for c in g_over if reason in (c.record.get("reasons") or [])]
            p_r = [c for c in p_over if reason in (c.record.get("reasons") or [])]
            if g_r or p_r:
                self._add_type("overclaim", reason, prf(len(g_r), len(p_r),
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

    def per_type_frames(self):
        """The per-label counts as DataFrames (``p r f tp fp fn``), keyed like the scores."""
        return {key: prf_frame(table) for key, table in self.per_type.items()}

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
        for key, frame in self.per_type_frames().items():
            scores[f"{key}_per_type"] = prf_dict(frame)
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


# --- folders ------------------------------------------------------------------------

def score_folder(out_dir: Path, gold_folder: Path, tolerance: float | None = None) -> ScoreResult:
    """Score the records in ``out_dir`` against every gold file in ``gold_folder``.

    Returns the figures and the errors; writes nothing (see
    :func:`evx.reports.evaluation.write_evaluation`)."""
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


def headline(scores: dict) -> str:
    """One line of F1 scores ×100, for the end of ``evx run``."""
    parts = [f"{key} F {100 * scores[key + '_f']:.1f}" for key in HEADLINE if key + "_f" in scores]
    return "; ".join(parts)

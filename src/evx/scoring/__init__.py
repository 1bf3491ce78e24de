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

Only documents that have a gold file are scored. Scoring returns data (a
:class:`ScoreResult`) and writes nothing; ``scores.json``, ``scores.md`` and the
evaluation report are written by :func:`evx.reports.evaluation.write_evaluation`.

Modules: :mod:`~evx.scoring.prf` (counts), :mod:`~evx.scoring.matching` (spans,
numbers, context), :mod:`~evx.scoring.kinds` (what each kind compares),
:mod:`~evx.scoring.tables` (per-label DataFrames), :mod:`~evx.scoring.scorer`.
"""
from __future__ import annotations

from evx.scoring.kinds import KindSpec, describe, field_equal, kind_specs
from evx.scoring.matching import (
    CONTEXT_CHARS, Item, context, effect_agrees, items, match_spans, numbers_agree, sentence_of,
    split_sentences,
)
from evx.scoring.prf import PRFScore, prf
from evx.scoring.scorer import HEADLINE, MISSED, SPURIOUS, Scorer, ScoreResult, headline, score_folder
from evx.scoring.tables import PRF_COLUMNS, per_type_frame, prf_dict, prf_frame

__all__ = [
    "CONTEXT_CHARS", "HEADLINE", "MISSED", "PRF_COLUMNS", "SPURIOUS", "Item", "KindSpec", "PRFScore",
    "ScoreResult", "Scorer", "context", "describe", "effect_agrees", "field_equal", "headline", "items",
    "kind_specs", "match_spans", "numbers_agree", "per_type_frame", "prf", "prf_dict", "prf_frame",
    "score_folder", "sentence_of", "split_sentences",
]

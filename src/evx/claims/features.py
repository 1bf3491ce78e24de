"""Features of a sentence for the claim-strength classifier (pure Python, no scikit-learn).

Three blocks, each L2-normalised on its own and then scaled, as in the
feature-union baselines of Yu et al. (2019, EMNLP) with added cue features:

* ``w:`` word 1-2-grams of the lower-cased sentence (digits folded to ``0``);
* ``c:`` character 2-5-grams inside word boundaries (scikit-learn's ``char_wb``), off by
  default (see ``BLOCK_SCALE``);
* ``q:`` linguistic cues from ``resources/claim_cues.json`` (correlational
  wording, causal verbs, modals, negation, "no difference", calls for research...)
  and their interactions (modal + causal verb, negated causal verb, a modal
  shortly before a causal verb...), which carry the distinctions the scale
  turns on.

The same function serves training (``scripts/train_claims.py``) and run time,
so the features cannot drift apart.
"""
from __future__ import annotations

import bisect
import math
import operator
import re
from collections import Counter
from functools import lru_cache

from evx.claims import cues as claim_cues

MAX_CHARS = 600          # a claim is one sentence: longer "sentences" are cut here and are no candidates
_TOKEN = re.compile(r"[a-z0]+(?:['\-][a-z0]+)*|[^\sa-z0]")
_DIGITS = re.compile(r"\d+")
WORD_NGRAMS = 2          # word 1-2-grams (trigrams: no better in cross-validation, 40% slower)
WINDOW = 6               # tokens between a modal/negation and the verb it governs
# char n-grams add about 1.5 points of macro-F1 in cross-validation but make a sentence
# about eight times slower to score, which breaks the pipeline's speed budget: off by default
BLOCK_SCALE = {"w": 1.0, "c": 0.0, "q": 1.0}


def _lowered(text: str) -> str:
    """The text the features read: cut at MAX_CHARS, lower-cased, digits folded to ``0``."""
    return _DIGITS.sub("0", text[:MAX_CHARS].lower())


def _ngrams(toks: list[str], n_max: int, prefix: str, out: dict[str, float]) -> None:
    for n in range(1, n_max + 1):
        for i in range(len(toks) - n + 1):
            key = prefix + " ".join(toks[i:i + n])
            out[key] = out.get(key, 0.0) + 1.0


def _word_counts(toks: list[str]) -> Counter:
    """The ``w:`` 1-2-gram counts, keys in order of first occurrence (unigrams, then bigrams),
    as :func:`_ngrams` makes them; counted in C by :class:`collections.Counter`."""
    if WORD_NGRAMS != 2:
        counts: dict[str, float] = {}
        _ngrams(toks, WORD_NGRAMS, "w:", counts)
        return Counter(counts)
    keys = ["w:" + t for t in toks]
    keys += [f"w:{a} {b}" for a, b in zip(toks, toks[1:])]
    return Counter(keys)


@lru_cache(maxsize=65536)
def _token_char_ngrams(tok: str) -> tuple[str, ...]:
    """The ``c:`` keys of one token (cached: most words recur across sentences)."""
    padded = f" {tok} "
    return tuple("c:" + padded[i:i + n] for n in range(2, 6) for i in range(len(padded) - n + 1))


def _char_ngrams(toks: list[str], out: dict[str, float]) -> None:
    for tok in toks:
        for key in _token_char_ngrams(tok):
            out[key] = out.get(key, 0.0) + 1.0


_PAIRS = (("cue_modal", "cue_causal_verb"), ("cue_can", "cue_causal_verb"),
          ("cue_negation", "cue_causal_verb"), ("cue_suggest", "cue_causal_verb"),
          ("cue_modal", "cue_correlational"), ("cue_negation", "cue_correlational"),
          ("cue_suggest", "cue_correlational"), ("cue_future", "cue_causal_verb"),
          ("cue_future", "cue_correlational"))


def _cue_block(low: str) -> dict[str, float]:
    """The ``q:`` block of the lowered text: every cue group found in one regex pass
    (:func:`evx.claims.cues.group_hits`), token positions only where cues are."""
    out: dict[str, float] = {}
    hits = claim_cues.group_hits(low)
    token_starts = [m.start() for m in _TOKEN.finditer(low)]
    positions: dict[str, list[int]] = {}
    for group, found in hits.items():   # in feature_groups() order
        out["q:" + group] = 1.0
        out[f"q:{group}#{min(len(found), 3)}"] = 1.0
        for _, matched in found:
            out[f"q:{group}={matched}"] = 1.0
        positions[group] = [bisect.bisect_left(token_starts, start) for start, _ in found]
    has = positions.__contains__

    def near(a: str, b: str) -> bool:
        """A cue of group ``a`` at most WINDOW tokens before one of group ``b``."""
        return any(0 <= pb - pa <= WINDOW for pa in positions.get(a, ()) for pb in positions.get(b, ()))

    for a, b in _PAIRS:
        if has(a) and has(b):
            out[f"q:{a}&{b}"] = 1.0
            if near(a, b):
                out[f"q:{a}>{b}"] = 1.0
    relation = has("cue_causal_verb") or has("cue_correlational")
    if not relation:
        out["q:no_relation"] = 1.0
    if has("cue_causal_verb") and not (has("cue_modal") or has("cue_suggest") or has("cue_can")):
        out["q:bare_causal"] = 1.0
    if has("cue_correlational") and not has("cue_causal_verb"):
        out["q:corr_only"] = 1.0
    if has("cue_causal_verb") and not has("cue_correlational"):
        out["q:causal_only"] = 1.0
    first = positions and min(min(v) for v in positions.values())
    for group, pos in positions.items():
        if min(pos) == first:
            out["q:first=" + group] = 1.0
    n_tok = len(token_starts)
    out["q:len=" + ("short" if n_tok < 12 else "mid" if n_tok < 30 else "long")] = 1.0
    return out


def _normalise(block: dict[str, float], scale: float, out: dict[str, float]) -> None:
    # sum() adds left to right as the plain loop did: the same floats, bit for bit
    values = block.values()
    norm = math.sqrt(sum(map(operator.mul, values, values))) or 1.0
    out.update({key: scale * value / norm for key, value in block.items()})


def features(text: str, block_scale: dict[str, float] | None = None) -> dict[str, float]:
    """All features of a sentence: each block sublinear-tf weighted, L2-normalised and scaled.

    The lowered text is made once and read by every block (speed, issue 9)."""
    scale = block_scale or BLOCK_SCALE
    low = _lowered(text)
    toks = _TOKEN.findall(low)
    log = math.log
    words = {key: (1.0 if count == 1 else 1.0 + log(count)) for key, count in _word_counts(toks).items()}
    chars: dict[str, float] = {}
    if scale.get("c"):
        _char_ngrams(toks, chars)
        for key, value in chars.items():
            chars[key] = 1.0 + log(value)
    out: dict[str, float] = {}
    _normalise(words, scale["w"], out)
    if chars:
        _normalise(chars, scale["c"], out)
    _normalise(_cue_block(low), scale["q"], out)
    return out

"""The per-article claim summary: strongest claim, overclaim count and score.

``overclaim_score`` ranks articles for review (higher = more in need of it). The
reviewer's question behind it is the HealthNewsReview criterion "Does the news
release seem to grasp the quality of the evidence?", and Sumner et al. (2014,
BMJ) on exaggerated claims. It adds points for what makes a reader likely to
overrate the evidence and takes points off for what lets them judge it:

* ``+ REASON_POINTS[code]`` for each overclaim flag (causal wording from
  observational or animal evidence, unhedged certainty, inconsistent numbers,
  relative risk only);
* ``+ UNHEDGED_CAUSAL_POINTS`` for each causal claim that is not hedged and not a
  hypothesis (capped);
* ``+ EVIDENCE_LEVEL_POINTS * level`` for the evidence level of the main study
  (1 strongest ... 9 weakest; no study named at all counts as
  :data:`UNSTATED_LEVEL`: the reader cannot judge the evidence);
* ``- RCT_POINTS`` when a randomised trial is named;
* ``- DETAIL_POINTS * log(1 + n)`` for the numbers that let a reader judge size
  and precision: sample sizes and percentages (each term separately);
* ``- CAVEAT_POINTS`` per stated limitation (``caveat_phrases`` in
  ``resources/claim_cues.json``: "does not prove", "in mice", "more research is
  needed"), capped.

The points go through a logistic function, ``1 / (1 + exp(-(points - CENTRE)))``:
a score in (0, 1) with the same order. The weights were set by hand and checked
on ``press_releases/dev`` only (``benchmarks/bench_claims.py`` prints the ROC AUC
on dev and test); they are deliberately round numbers.
"""
from __future__ import annotations

import math

from evx.claims import cues as claim_cues
from evx.records import CAUSAL_STRENGTHS, STRENGTH_RANK, STRENGTHS, Claim

REASON_POINTS = {
    "causal_from_observational": 0.4,
    "animal_to_human": 0.4,
    "unhedged_certainty": 0.4,
    "numbers_inconsistent": 0.2,
    "relative_risk_only": 0.2,
}
UNHEDGED_CAUSAL_POINTS = 0.1
UNHEDGED_CAUSAL_CAP = 5
EVIDENCE_LEVEL_POINTS = 0.3
UNSTATED_LEVEL = 10
RCT_POINTS = 0.8
DETAIL_POINTS = 0.5
CAVEAT_POINTS = 0.3
CAVEAT_CAP = 3
CENTRE = 2.0
MAX_SCAN = 2_000_000   # characters scanned for percentages and caveats (the score needs counts, not all)


def strongest(claims: list[Claim]) -> str:
    """The strongest strength among claims not framed as hypotheses ("none" if there are none)."""
    ranks = [STRENGTH_RANK[c.strength] for c in claims if not c.hypothesis]
    return STRENGTHS[max(ranks)] if ranks else "none"


def score_points(claims: list[Claim], text: str, evidence_level: int | None = None,
                 rct_named: bool = False, sample_sizes: int = 0) -> float:
    points = sum(REASON_POINTS.get(code, 0.2) for c in claims for code in c.reasons)
    unhedged = [c for c in claims if not c.hypothesis and not c.hedged and c.strength in
                CAUSAL_STRENGTHS]
    points += UNHEDGED_CAUSAL_POINTS * min(len(unhedged), UNHEDGED_CAUSAL_CAP)
    points += EVIDENCE_LEVEL_POINTS * (evidence_level or UNSTATED_LEVEL)
    points -= RCT_POINTS if rct_named else 0.0
    scan = text[:MAX_SCAN]
    percentages = scan.count("%") + scan.count("percent") + scan.count("per cent")   # str.count: C speed
    points -= DETAIL_POINTS * math.log1p(percentages)
    points -= DETAIL_POINTS * math.log1p(sample_sizes)
    low = scan.lower()
    caveats = min(CAVEAT_CAP, sum(low.count(phrase) for phrase in claim_cues.caveat_phrases()))
    return points - CAVEAT_POINTS * caveats


def summarise(claims: list[Claim], text: str, evidence_level: int | None = None,
              rct_named: bool = False, sample_sizes: int = 0) -> dict:
    points = score_points(claims, text, evidence_level, rct_named, sample_sizes)
    return {
        "strongest_claim": strongest(claims),
        "overclaim_count": sum(1 for c in claims if c.overclaim),
        "overclaim_score": round(1.0 / (1.0 + math.exp(-(points - CENTRE))), 4),
    }

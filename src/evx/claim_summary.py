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
* ``- CAVEAT_POINTS`` per stated limitation ("association does not prove
  causation", "in mice", "more research is needed"), capped.

The points go through a logistic function, ``1 / (1 + exp(-(points - CENTRE)))``:
a score in (0, 1) with the same order. The weights were set by hand and checked
on ``press_releases/dev`` only (``benchmarks/bench_claims.py`` prints the ROC AUC
on dev and test); they are deliberately round numbers.
"""
from __future__ import annotations

import math
import re

from evx.records import STRENGTH_RANK, STRENGTHS, Claim

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
PERCENT = re.compile(r"\d(?:%| ?per ?cent\b| ?percent\b)", re.IGNORECASE)
CAVEAT = re.compile(
    r"\b(?:does not (?:prove|show|mean|establish)|not (?:prove|establish)\w* (?:a )?caus|cannot (?:prove|establish|"
    r"determine)|(?:more|further|additional) (?:research|studies|work) (?:is|are|will be) needed|limitations?|"
    r"observational|causal (?:relationship|link|effect)s? (?:has|have|was|were|is|are) not|in mice|in rats|"
    r"in animals|small (?:study|sample|trial)|preliminary)\b", re.IGNORECASE)
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
                ("conditional_causal", "direct_causal")]
    points += UNHEDGED_CAUSAL_POINTS * min(len(unhedged), UNHEDGED_CAUSAL_CAP)
    points += EVIDENCE_LEVEL_POINTS * (evidence_level or UNSTATED_LEVEL)
    points -= RCT_POINTS if rct_named else 0.0
    scan = text[:MAX_SCAN]
    points -= DETAIL_POINTS * math.log1p(sum(1 for _ in PERCENT.finditer(scan)))
    points -= DETAIL_POINTS * math.log1p(sample_sizes)
    caveats = sum(1 for _ in zip(range(CAVEAT_CAP), CAVEAT.finditer(scan)))
    return points - CAVEAT_POINTS * caveats


def summarise(claims: list[Claim], text: str, evidence_level: int | None = None,
              rct_named: bool = False, sample_sizes: int = 0) -> dict:
    points = score_points(claims, text, evidence_level, rct_named, sample_sizes)
    return {
        "strongest_claim": strongest(claims),
        "overclaim_count": sum(1 for c in claims if c.overclaim),
        "overclaim_score": round(1.0 / (1.0 + math.exp(-(points - CENTRE))), 4),
    }

"""The per-article claim summary: strongest claim, overclaim count and score.

``overclaim_score`` ranks articles for review (higher = more in need of it). It
is a sum of points, each for something a reviewer checks (Sumner et al. 2014,
BMJ; the HealthNewsReview criterion "Does the news release seem to grasp the
quality of the evidence?"):

* each overclaim flag, weighted by reason (:data:`REASON_POINTS`): causal
  wording from observational or animal evidence and unhedged certainty weigh
  most;
* :data:`UNHEDGED_CAUSAL_POINTS` for each causal claim (direct, or conditional
  but not hedged by any on-claim cue) that is not framed as a hypothesis, capped
  at :data:`UNHEDGED_CAUSAL_CAP` claims;
* :data:`STRONGEST_POINTS` for the strongest claim of the article;
* minus :data:`CAVEAT_POINTS` when the article states a limitation of its
  evidence ("association does not prove causation", "in mice", "more research
  is needed"), capped.

The sum is squashed to [0, 1) with ``1 - exp(-points / SCALE)``, which keeps the
order and makes scores of different articles comparable. The weights were set by
hand and checked on ``press_releases/dev`` only (``benchmarks/bench_claims.py``).
"""
from __future__ import annotations

import math
import re

from evx.records import STRENGTH_RANK, STRENGTHS, Claim

REASON_POINTS = {
    "causal_from_observational": 1.0,
    "animal_to_human": 1.0,
    "unhedged_certainty": 1.0,
    "numbers_inconsistent": 0.5,
    "relative_risk_only": 0.5,
}
UNHEDGED_CAUSAL_POINTS = 0.3
UNHEDGED_CAUSAL_CAP = 5
STRONGEST_POINTS = {"none": 0.0, "correlational": 0.0, "conditional_causal": 0.3, "direct_causal": 0.6}
CAVEAT = re.compile(
    r"\b(?:does not (?:prove|show|mean|establish)|not (?:prove|establish)\w* (?:a )?caus|cannot (?:prove|establish|"
    r"determine)|(?:more|further|additional) (?:research|studies|work) (?:is|are|will be) needed|limitations?|"
    r"observational|causal (?:relationship|link|effect)s? (?:has|have|was|were|is|are) not|in mice|in rats|"
    r"in animals|small (?:study|sample|trial)|preliminary)\b", re.IGNORECASE)
CAVEAT_POINTS = 0.3
CAVEAT_CAP = 3
SCALE = 3.0


def strongest(claims: list[Claim]) -> str:
    """The strongest strength among claims not framed as hypotheses ("none" if there are none)."""
    ranks = [STRENGTH_RANK[c.strength] for c in claims if not c.hypothesis]
    return STRENGTHS[max(ranks)] if ranks else "none"


def score_points(claims: list[Claim], text: str) -> float:
    points = sum(REASON_POINTS.get(code, 0.5) for c in claims for code in c.reasons)
    unhedged = [c for c in claims if not c.hypothesis and (
        c.strength == "direct_causal" or (c.strength == "conditional_causal" and not c.hedged))]
    points += UNHEDGED_CAUSAL_POINTS * min(len(unhedged), UNHEDGED_CAUSAL_CAP)
    points += STRONGEST_POINTS[strongest(claims)]
    caveats = sum(1 for _ in zip(range(CAVEAT_CAP), CAVEAT.finditer(text)))
    return max(0.0, points - CAVEAT_POINTS * caveats)


def summarise(claims: list[Claim], text: str) -> dict:
    points = score_points(claims, text)
    return {
        "strongest_claim": strongest(claims),
        "overclaim_count": sum(1 for c in claims if c.overclaim),
        "overclaim_score": round(1.0 - math.exp(-points / SCALE), 4),
    }

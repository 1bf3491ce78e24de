"""Which trial label a document's trial mentions get when their allocation is not stated where
they are named ("a clinical trial", "participants were given ..."): the plainest statement of
allocation anywhere in the body decides.
"""
from __future__ import annotations

from evx.designs.context import MAX_CONTEXT_MENTIONS, set_aside
from evx.designs.rules import DesignResource
from evx.records import TRIAL_DESIGNS
from evx.text.sections import section_at
from evx.text.sentences import Sentences


# rules naming a trial phase, not its allocation: "a phase II trial" is randomised when the text
# states random allocation or a placebo control
RANDOMISABLE_RULES = {"early_phase_trial"}
PLACEBO_RULES = {"placebo_controlled", "placebo_comparison"}   # a placebo control implies a controlled trial


STATED_RANDOM, PLACEBO_ONLY, STATED_NOWHERE = 0, 1, 4   # tiers of trial_label


def _trial_tier(mention) -> int:
    """How plainly a trial mention states its allocation (lower wins; see :func:`trial_label`)."""
    if mention.design == "rct":
        if mention.rule.strength == 3:
            return 0                       # "randomised", "randomly assigned", "RCT"
        return 1 if mention.rule.name in PLACEBO_RULES else 3
    return 2                               # "phase II trial", "single-arm", "no control group"


def trial_label(text: str, sentences: Sentences, sections, mentions, resource: DesignResource) -> tuple[str, bool, int]:
    """The label of a trial whose allocation is not stated where it is named.

    Among the trial mentions outside background sentences, references, generic and planned
    statements, the plainest decides: stated random allocation, then a placebo or sham control
    ('rct'); then a named non-randomised design ("this phase II trial", "single-arm", "no control
    group": 'non_randomized_trial'); then "phase III trial" ('rct'); with none,
    'non_randomized_trial'. The flag says whether random allocation or a placebo control is stated
    (then "a phase II trial" is a randomised one too); last, the tier of the plainest statement
    (:data:`STATED_RANDOM`, :data:`PLACEBO_ONLY`, ..., :data:`STATED_NOWHERE`).
    """
    best = 4
    for mention in mentions[:MAX_CONTEXT_MENTIONS]:
        if mention.design not in TRIAL_DESIGNS or mention.rule.strength < 2:
            continue
        tier = _trial_tier(mention)
        if tier >= best or section_at(sections, mention.start) == "references":
            continue
        if not set_aside(text, sentences, mention.start, mention.end, resource):
            best = tier
            if tier == 0:
                break
    return ("rct" if best in (0, 1, 3) else "non_randomized_trial"), best in (0, 1), best

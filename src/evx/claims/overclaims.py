"""The overclaim verdict on one claim: the article context the checks read, and every check of
:mod:`evx.claims.rules`, reported in the order of :data:`evx.records.OVERCLAIM_REASONS`."""
from __future__ import annotations

from evx.claims import rules as claim_rules
from evx.records import NONHUMAN_POPULATIONS, OVERCLAIM_REASONS, PRECLINICAL_DESIGNS, Claim, Design, Effect
from evx.text.lines import as_one_line, paragraph_around
from evx.text.sentences import Sentences


def article_context(text: str, designs: list[Design], effects: list[Effect], main_design: str | None,
                    sentences: Sentences) -> claim_rules.Context:
    """What the checks need to know about the article beyond the sentence (``designs``: the body's)."""
    ctx = claim_rules.Context(text=text, main_design=main_design, designs=designs, effects=effects)
    named = [d for d in designs if not d.generic]
    animal = [d for d in named if d.design in PRECLINICAL_DESIGNS or d.population in NONHUMAN_POPULATIONS]
    ctx.only_animal_evidence = bool(animal) and len(animal) == len(named)
    for design in animal:
        start, end = sentences.around(design.start)
        ctx.animal_topics.append(claim_rules.content_words(text[start:end]))
    return ctx


def _paragraph(text: str, start: int, end: int) -> str:
    p_start, p_end = paragraph_around(text, start, end)
    return text[p_start:p_end]


def judge(claim: Claim, named: Design | None, ctx: claim_rules.Context, effects: list[Effect]) -> None:
    """Fill ``reasons`` / ``explanations`` / ``overclaim`` (nothing for a hypothesis)."""
    if claim.hypothesis:
        return
    wording = as_one_line(claim.text)
    checks = {
        "causal_from_observational": claim_rules.causal_from_observational(
            claim.strength, wording, claim.evidence, ctx),
        "animal_to_human": claim_rules.animal_to_human(claim.strength, wording, claim.start,
                                                       claim.evidence, named, ctx),
        "unhedged_certainty": claim_rules.unhedged_certainty(wording, claim.hedged),
        "numbers_inconsistent": claim_rules.numbers_inconsistent(effects),
        "relative_risk_only": claim_rules.relative_risk_only(
            wording, lambda: _paragraph(ctx.text, claim.start, claim.end)),
    }
    for code in OVERCLAIM_REASONS:
        explanation = checks[code]
        if explanation:
            claim.reasons.append(code)
            claim.explanations[code] = explanation
    claim.overclaim = bool(claim.reasons)

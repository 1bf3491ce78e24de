"""Overclaim checks on one claim sentence: pure functions over text and records.

Each check returns an explanation (one sentence naming the evidence) or None.
The reason codes are those of :data:`evx.records.OVERCLAIM_REASONS`; the
categories follow Sumner et al. (2014, BMJ, "The association between
exaggeration in health related science news and academic press releases"):
causal claims from correlational evidence, inference to humans from animal
research, and advice or certainty the study cannot support; plus two
reviewer's checks: numbers that fail the effect-size consistency checks, and a
relative change reported without any absolute figure (Gigerenzer et al. 2007,
"Helping doctors and patients make sense of health statistics").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from evx.claims import cues as claim_cues
from evx.records import (CAUSAL_STRENGTHS, NONHUMAN_POPULATIONS, OBSERVATIONAL_DESIGNS, POOLED_DESIGNS,
                         PRECLINICAL_DESIGNS, Design, Effect)
DESIGN_WORDS = {
    "cohort": "a cohort study", "case_control": "a case-control study",
    "cross_sectional": "a cross-sectional study", "meta_analysis": "a meta-analysis",
    "systematic_review": "a systematic review", "animal": "an animal study",
    "in_vitro": "a laboratory (cell) study",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{2,}")
# words that name studies or reporting, not the exposure or outcome of a claim
_STOP = frozenset("""
the and that this with from for was were has have had are can may might could found find finds
study studies animal animals research researchers year years new show shows showed suggest
suggests between onset risk into their they them which also about than more less after before
cause causes caused causing trigger triggers lead leads develop developing increase increases reduce
people person human patient condition disease effect effects link connection process
""".split())


@dataclass
class Context:
    """What the checks need to know about the article beyond the sentence."""

    text: str
    main_design: str | None
    designs: list[Design] = field(default_factory=list)   # body mentions, not references
    effects: list[Effect] = field(default_factory=list)
    animal_topics: list[set[str]] = field(default_factory=list)  # content words of animal-evidence sentences
    only_animal_evidence: bool = False


def content_words(text: str) -> set[str]:
    """Lower-case content words, crudely singularised ("injuries" -> "injury")."""
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        out.add(word)
    return out


def in_span(start: int, end: int, items) -> list:
    return [item for item in items if start <= item.start < end]


def evidence_for(start: int, end: int, ctx: Context) -> tuple[str | None, Design | None]:
    """The design behind a claim: a study named in the sentence, else the article's main design."""
    named = [d for d in in_span(start, end, ctx.designs) if not d.generic]
    if named:
        return named[0].design, named[0]
    return ctx.main_design, None


def _observational_pool(ctx: Context) -> bool:
    """A meta-analysis counts as observational when the article names observational
    studies and no randomised trial, or reports its pooled estimates as odds ratios."""
    designs = {d.design for d in ctx.designs}
    if "rct" in designs:
        return False
    return bool(designs & set(OBSERVATIONAL_DESIGNS)) or any(e.measure == "OR" for e in ctx.effects)


def causal_wording(sentence: str) -> bool:
    """A causal verb used as a verb, in a sentence that does not state the relation as absent."""
    return bool(causal_statements(sentence)) and not negated(sentence)


def causal_from_observational(strength: str, sentence: str, evidence: str | None, ctx: Context) -> str | None:
    if strength != "direct_causal" or evidence is None or not causal_wording(sentence):
        return None
    if evidence in OBSERVATIONAL_DESIGNS:
        return (f"States cause and effect, but the evidence behind it is {DESIGN_WORDS[evidence]}, "
                "which shows an association, not causation.")
    if evidence in POOLED_DESIGNS and _observational_pool(ctx):
        return (f"States cause and effect, but the evidence behind it is {DESIGN_WORDS[evidence]} "
                "of observational studies, which shows an association, not causation.")
    return None


def _restricted_to_animals(sentence: str, start: int, named: Design | None) -> bool:
    """The sentence says the finding is in animals or cells (outside the words naming the study)."""
    if named is not None:
        a, b = named.start - start, named.end - start
        sentence = sentence[:max(a, 0)] + " " + sentence[max(b, 0):]
    return bool(claim_cues.pattern("animal").search(sentence))


def animal_to_human(strength: str, sentence: str, start: int, evidence: str | None,
                    named: Design | None, ctx: Context) -> str | None:
    if strength not in CAUSAL_STRENGTHS or not causal_wording(sentence) or _restricted_to_animals(sentence, start, named):
        return None
    animal_named = named is not None and (named.design in PRECLINICAL_DESIGNS or named.population in NONHUMAN_POPULATIONS)
    if animal_named:
        return (f"Reports a causal finding of {DESIGN_WORDS.get(named.design, 'an animal study')} "
                f"(\"{named.text}\") without saying it was found in animals or cells.")
    if ctx.only_animal_evidence:
        words = content_words(sentence)
        if any(len(words & topic) >= 2 for topic in ctx.animal_topics):
            return ("States a causal effect in people, but the only studies the article cites "
                    "for it are animal or cell studies.")
    return None


def unhedged_certainty(sentence: str, hedged: bool) -> str | None:
    hit = claim_cues.pattern("certainty").search(sentence)
    if hit is None or hedged:
        return None
    negated = claim_cues.pattern("certainty_negated")
    if any(n.start() <= hit.start() < n.end() for n in negated.finditer(sentence)):
        return None
    return f"Uses the language of certainty (\"{hit.group(0)}\") that a single study cannot support."


def numbers_inconsistent(effects: list[Effect]) -> str | None:
    for effect in effects:
        if effect.flags:
            codes = ", ".join(effect.flags)
            return f"The estimate \"{effect.text}\" fails the consistency checks ({codes})."
    return None


def relative_risk_only(sentence: str, paragraph) -> str | None:
    """``paragraph``: the text around the sentence, or a function that returns it (called only
    when the sentence reports a relative change)."""
    hit = claim_cues.pattern("relative_change").search(sentence)
    if hit is None:
        return None
    if callable(paragraph):
        paragraph = paragraph()
    if claim_cues.pattern("absolute_figure").search(paragraph):
        return None
    return (f"Reports a relative change (\"{hit.group(0)}\") without the absolute risks "
            "it changes, which overstates its size.")


def framed_as_hypothesis(sentence: str) -> bool:
    """The sentence frames its claim as a hypothesis or theory ("one possible explanation is...")."""
    return bool(claim_cues.pattern("hypothesis").search(sentence))


# words before an -ed form that make it an adjective ("with increased risk"), not a verb
_ADJECTIVE_CONTEXT = frozenset(
    "with an a of and or to in for the from by had have has having showed show shows showing at "
    "was were is are be been being than more less most significantly".split())
_PREVIOUS_WORD = re.compile(r"([A-Za-z']+)\W*$")
# words before a bare form that make it a noun ("the cause", "an increase", "a cut")
_NOUN_CONTEXT = frozenset(
    "the a an this that these those its their his her our your any no each every main major common leading "
    "root possible likely probable underlying of for in on with and or by as what".split())
# a bare form followed by a copula or "of" is a noun ("the risk increase is modest")
_NOUN_AFTER = re.compile(r"\s+(?:is|was|are|were|of|in|seen|observed|remains?)\b", re.IGNORECASE)
_BARE = frozenset("cause trigger prevent reduce increase improve raise lower protect boost worsen damage cure "
                  "halve double triple precipitate induce lead result".split())


@lru_cache(maxsize=4096)
def causal_statements(sentence: str) -> tuple[re.Match, ...]:
    """Causal verbs used as verbs ("X increased the risk", "may trigger"), not as nouns or
    adjectives ("an increase", "associated with increased risk")."""
    out = []
    for hit in claim_cues.pattern("causal_statement").finditer(sentence):
        word = hit.group(0)
        first = word.split()[0].lower()
        before = _PREVIOUS_WORD.search(sentence[max(0, hit.start() - 40):hit.start()])
        previous = before.group(1).lower() if before else ""
        if word.endswith("d") and " " not in word and previous in _ADJECTIVE_CONTEXT:
            continue
        if first in _BARE and (not previous or previous in _NOUN_CONTEXT or previous in _ADJECTIVE_CONTEXT
                               or _NOUN_AFTER.match(sentence, hit.end())):
            continue
        out.append(hit)
    return tuple(out)


@lru_cache(maxsize=4096)
def negated(sentence: str) -> bool:
    return bool(claim_cues.pattern("negated_relation").search(sentence))


def risk_change_statement(sentence: str, verb_only: bool = False) -> re.Match | None:
    """"X increased the risk of Y by 51%": a verb of change applied to a risk, unhedged and
    without association wording. Sumner et al. (2014) read it as a direct causal statement,
    whatever the classifier trained on conclusion sentences says. ``verb_only`` (the accurate
    pipeline) leaves out the bare comparison "23 percent lower in women", which readers of the
    dev releases labelled correlational."""
    hit = claim_cues.pattern("relative_change").search(sentence)
    if hit is None or not causal_statements(hit.group(0)) or negated(sentence):
        return None
    if verb_only and hit.group(0)[0].isdigit():
        return None
    for group in ("cue_correlational", "cue_modal", "cue_suggest"):
        if claim_cues.pattern(group).search(sentence):
            return None
    return hit

"""The article's main study, its evidence level, and which study each effect comes from.

Main study. News text names many studies: the one it reports on and the ones
it cites as background; reference titles name designs too. Every body mention
that is neither generic nor a planned study is scored, in the spirit of the
"primary study" heuristics of Sumner et al. 2014 (BMJ 349:g7015, coding the
study a press release reports on) and the scoring rules of Kilicoglu et al.
2019 (study-design classification of PubMed abstracts):

* how plainly the mention names a design (rule strength 1-3);
* +3 when its sentence presents the reported study ("a new study", "the
  researchers followed", "in this trial", "the 2021 meta-analysis");
* -4 when it presents background ("previous studies have shown", "earlier
  research", "in 2013, ...");
* +2 in the title, +1 in the first fifth of the body;
* +0.5 for each further mention of the same design (at most +2);
* -1 when it carries a year older than another dated mention.

The best-scoring mention (earliest on ties) gives ``main_design`` and
``main_population``; ``evidence_level`` comes from ``resources/evidence_levels.json``.
References-list mentions never compete.

Effects. An effect takes the design of the study it comes from when the text
makes it clear: a design mention in the same sentence; else a design mention
sharing its citation marker ("... research ... 2:" then bullets ending in " 2");
else the nearest preceding mention in the same paragraph.
"""
from __future__ import annotations

import bisect
import re
import re
from dataclasses import dataclass
from functools import lru_cache

from evx.designs.context import MAX_CONTEXT_MENTIONS, sentence_around
from evx.records import DESIGN_OF_POPULATION, Design, Effect
from evx.resource import read_json
from evx.text.lines import paragraph_around
from evx.text.sentences import Sentences

LEVELS_RESOURCE = "evidence_levels.json"
# a reference number (or list) after the last word of a sentence: "controls 1.", "(OR = 5.3) 2"
_CITATION = re.compile(r"(?<=[A-Za-z).%\]])[ \t]+(\d{1,3}(?:[ \t]*[,–-][ \t]*\d{1,3}){0,5})[ \t]*[.:]?\Z")


@dataclass
class Candidate:
    design: Design
    strength: int
    main_cue: bool
    background_cue: bool
    title: bool
    position: float        # 0 = start of body, 1 = end


@lru_cache(maxsize=1)
def evidence_levels() -> dict[str, tuple[int, str]]:
    """design label -> (level, level name)."""
    data = read_json("resources", LEVELS_RESOURCE)
    table = {}
    for entry in data["levels"]:
        for design in entry["designs"]:
            table[design] = (int(entry["level"]), entry["name"])
    return table


def level_rank(design: str) -> int:
    """Sort key: lower is stronger evidence; unranked designs last."""
    return evidence_levels().get(design, (99, ""))[0]


def score(candidate: Candidate, same_design_count: int, newest_year: int | None) -> float:
    value = float(candidate.strength)
    if candidate.main_cue:
        value += 3
    if candidate.background_cue:
        value -= 4
    if candidate.title:
        value += 2
    elif candidate.position < 0.2:
        value += 1
    value += min(2.0, 0.5 * (same_design_count - 1))
    year = candidate.design.year
    if year is not None and newest_year is not None and year < newest_year:
        value -= 1
    return value


def choose_main(candidates: list[Candidate]) -> tuple[Candidate | None, str]:
    """The main study's mention and a one-sentence reason."""
    if not candidates:
        return None, "No study design is named outside the references list and generic statements."
    counts: dict[str, int] = {}
    for c in candidates:
        if not c.background_cue:
            counts[c.design.design] = counts.get(c.design.design, 0) + 1
    years = [c.design.year for c in candidates if c.design.year is not None]
    newest = max(years) if years else None
    scored = [(score(c, max(1, counts.get(c.design.design, 0)), newest), -c.design.start, c) for c in candidates]
    best_score, _, best = max(scored, key=lambda item: (item[0], item[1]))
    reasons = []
    if best.title:
        reasons.append("it is named in the title")
    if best.main_cue:
        reasons.append("its sentence presents the study the article reports on")
    if counts.get(best.design.design, 0) > 1:
        reasons.append(f"the design is mentioned {counts[best.design.design]} times")
    if not best.title and best.position < 0.2:
        reasons.append("it comes early in the text")
    if best.background_cue:
        reasons.append("only background studies are named")
    reasons.append(f"the wording names the design {('weakly', 'clearly', 'explicitly')[best.strength - 1]}")
    text = " ".join(best.design.text.split())
    reason = f"Chose \u201c{text}\u201d ({best.design.design}, {best.design.produced_by}) because " + \
        ", ".join(reasons) + f" (score {best_score:g} of {len(candidates)} candidate mentions)."
    return best, reason


def evidence_of(design: str, population: str | None) -> tuple[int | None, str]:
    """(evidence level, its name) of a main study: a trial or cohort of animals or cells ranks as
    animal or in vitro evidence, never above its own design."""
    ranked_as = DESIGN_OF_POPULATION.get(population, design) if design != "other" else design
    if level_rank(ranked_as) < level_rank(design):
        ranked_as = design
    return evidence_levels().get(ranked_as, (None, "unranked"))


_RANDOM = re.compile(r"\brandom", re.I)


def allocation_not_told(text: str, body: tuple[int, int], best: Candidate, allocation: int, resource) -> bool:
    """Whether the main mention is a trial whose allocation the text never tells, though it
    compares groups: the guideline leaves such a design null rather than guess
    (docs/annotation/main-study.md; ``allocation`` is the tier of :func:`evx.designs.trials.trial_label`).

    - an ``rct`` read from a placebo or sham control alone, the word "random" nowhere in the body
      (on the 299 dev releases, 11 such releases: 10 null in the reading, none randomised);
    - a ``non_randomized_trial`` by default ("a clinical trial", "patients received ...", no
      allocation or trial design stated anywhere) in a text with a comparison group (a control
      group, sham, "half of the patients", usual care); a single group stays a non-randomised trial.
    """
    from evx.designs.trials import PLACEBO_ONLY, STATED_NOWHERE
    design = best.design.design
    if design == "rct":
        return allocation == PLACEBO_ONLY and not _RANDOM.search(text, body[0], body[1])
    if design != "non_randomized_trial" or allocation != STATED_NOWHERE:
        return False
    name = best.design.produced_by.removeprefix("pattern:")
    if not any(rule.name == name and rule.design == "trial" for rule in resource.rules):
        return False
    return bool(resource.cues["comparison_group"].search(text, body[0], body[1]))


APPROVAL_OPENING = 800   # characters: a regulator's approval announced in the headline or lead


def approval_announced(text: str, body: tuple[int, int], best: Candidate, candidates: list[Candidate],
                       resource) -> bool:
    """Whether the release announces a regulator's approval or clearance in its opening ("The Food
    and Drug Administration has cleared a new pump ...") and its main mention does not name a design
    explicitly: such a release reports the approval, the trials behind it are cited as its basis,
    and the guideline leaves the main design null (docs/annotation/main-study.md), unless some
    mention names that design explicitly ("tested in a randomised trial of 400 adults"). The
    adjective "FDA-approved" announces nothing."""
    if not resource.cues["approval_announcement"].search(text, body[0], min(body[1], body[0] + APPROVAL_OPENING)):
        return False
    return not any(c.strength >= 3 and c.design.design == best.design.design for c in candidates)


def design_withheld(text: str, body: tuple[int, int], best: Candidate, candidates: list[Candidate],
                    allocation: int, resource) -> str | None:
    """Why the main mention's design is not given as the main design (the rule that withholds it,
    as the end of the reason), or None when it stands."""
    if allocation_not_told(text, body, best, allocation, resource):
        return ("the text compares groups without ever saying how they were formed, so the design is "
                "not guessed (rule:allocation_unstated)")
    if approval_announced(text, body, best, candidates, resource):
        return ("the release announces a regulator's approval, which the trials it names are cited for, "
                "so no study is reported (rule:approval_announcement)")
    return None


def summary_fields(best: Candidate | None, reason: str, fallback_population: str | None,
                   fallback_design: str | None = None) -> dict:
    """Document fields of the main study; ``fallback_design`` is used when no mention was chosen."""
    if best is None and fallback_design is None:
        return {"main_design": None, "main_population": fallback_population, "evidence_level": None,
                "evidence_level_name": None, "main_design_reason": reason}
    design = best.design.design if best is not None else fallback_design
    population = (best.design.population if best is not None else None) or fallback_population
    level, name = evidence_of(design, population)
    return {
        "main_design": design,
        "main_population": population,
        "evidence_level": level,
        "evidence_level_name": name,
        "main_design_reason": reason,
    }


def model_fields(design: str | None, population: str | None, rule_reason: str, produced_by: str, p: float) -> dict:
    """Document fields when the main-design classifier overrules the rules: its design, the
    population the design implies (animal, cells) or else the rules' one, the evidence level
    of that design, and a reason naming both."""
    population = {"animal": "animal", "in_vitro": "cells"}.get(design or "", population)
    level, name = (None, None) if design is None else evidence_of(design, population)
    said = design or "no main design (no study reported, or not enough said to tell)"
    return {"main_design": design, "main_population": population, "evidence_level": level,
            "evidence_level_name": name,
            "main_design_reason": f"{produced_by} read the article as {said} (p = {p:.2f}); "
                                  f"the rules had: {rule_reason}"}


def _citation_marker(text: str, s_start: int, s_end: int) -> set[str]:
    """Reference numbers closing a sentence or bullet (" 2", " 1, 3"), e.g. "... patterns 2:"."""
    match = _CITATION.search(text[s_start:s_end].rstrip())
    if not match:
        return set()
    return set(re.findall(r"\d{1,3}", match.group(1)))


def link_effects(text: str, effects: list[Effect], designs: list[Design], sentences: Sentences | None = None) -> None:
    """Set ``effect.design`` where the study behind an estimate is clear (``sentences``: the
    text's, made here when not given)."""
    body = sorted((d for d in designs if d.section != "references" and not d.generic), key=lambda d: d.start)
    if not body or not effects:
        return
    sentences = sentences or Sentences.of(text)
    starts = [d.start for d in body]
    markers: dict[str, Design] = {}
    for d in body[:MAX_CONTEXT_MENTIONS]:
        for number in _citation_marker(text, *sentence_around(sentences, d.start, d.end)):
            markers.setdefault(number, d)   # the first design sentence citing a reference
    for effect in effects:
        if effect.section == "references":
            continue
        s_start, s_end = sentence_around(sentences, effect.start, effect.end)
        same = body[bisect.bisect_left(starts, s_start):bisect.bisect_left(starts, s_end)]
        if same:
            effect.design = min(same, key=lambda d: abs(d.start - effect.start)).design
            continue
        cited = [markers[n] for n in sorted(_citation_marker(text, s_start, s_end)) if n in markers]
        if len({d.design for d in cited}) == 1:
            effect.design = cited[0].design
            continue
        p_start, _ = paragraph_around(text, effect.start)
        before = bisect.bisect_left(starts, effect.start)
        if before and body[before - 1].start >= p_start:
            effect.design = body[before - 1].design

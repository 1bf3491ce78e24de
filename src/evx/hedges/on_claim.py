"""Does a hedge cue weaken a claim, or does it hedge description?

Health writing is full of "may" that hedges nothing about evidence: variation
between people ("people may experience cramps"), what symptoms are like
("symptoms may vary", "these may include"), advice ("you should see a
doctor"). Hyland (1998, *Hedging in Scientific Research Articles*) separates
content-oriented hedges, which qualify a proposition about the world or the
evidence, from these; Sumner et al. (2014, BMJ) count only the former when
they grade claims. The rules here are a light approximation of that split,
read from the clause around the cue:

* certainty about evidence ("more research is needed", "remains unclear",
  "cannot be excluded", "not definitively causal") always bears on a claim;
* entries that are not claim hedges by default ("should", "can", "if") stay so;
* "whether" hedges a claim only after words of doubt ("it is unclear whether");
  after "we tested" or "doctors will check" it states an aim or a plan;
* "possible to" is ability ("it is possible to lower your risk"), not doubt;
* otherwise a modal, adjective or adverb is description when the subject of its
  clause is a person or a symptom, unless an effect word follows ("people who
  smoke may have a higher risk"); any cue is description when the verb after a modal is one of variation or advice
  ("experience", "vary", "include", "consult"), or when a causal verb after it
  has a symptom as object ("a condition that may cause the symptoms").

The word lists live in ``resources/hedge_lexicon.json`` (``claim_context``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evx.hedges.lexicon import Entry, load_lexicon
from evx.resource import check_keys

ALWAYS_ON_CLAIM = {"more_research", "unclear", "negated_certainty"}
# cues whose clause subject tells variation ("people may", "symptoms are likely to"); an epistemic
# verb or "whether" with a person subject ("doctors believe", "nobody knows whether") still hedges
SUBJECT_CATEGORIES = {"modal", "adjective_adverb", "conditional", "other"}
SUBJECT_WORDS = 6      # how far back the subject of the cue's clause is looked for
OBJECT_WORDS = 5       # how far after the verb a symptom object is looked for
# clause boundaries: punctuation, and words that open a new clause
_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]\u2013\u2014]|\s-\s|\b(?:that|which|who|whereas|because|although|though|but|while|when|as|so)\b",
    re.I)
_WORD = re.compile(r"[a-z][a-z'-]*")
_TO_NEXT = re.compile(r"\s+to\s", re.I)


@dataclass(frozen=True)
class ClaimContext:
    person_subjects: frozenset
    symptom_words: frozenset
    description_verbs: frozenset
    skip_words: frozenset
    causal_verbs: frozenset
    effect_words: frozenset
    open_question_words: frozenset

    @classmethod
    def from_dict(cls, data: dict) -> "ClaimContext":
        names = set(cls.__dataclass_fields__)
        check_keys("hedge_lexicon.json: claim_context", data, names, {"about"})
        return cls(**{name: frozenset(w.lower() for w in data[name]) for name in names})


def clause_before(text: str, sent_start: int, cue_start: int) -> list[str]:
    """The last few lower-case words of the cue's clause before the cue."""
    chunk = text[max(sent_start, cue_start - 200):cue_start]
    last = None
    for last in _CLAUSE_BREAK.finditer(chunk):
        pass
    if last is not None:
        chunk = chunk[last.end():]
    return _WORD.findall(chunk.lower())[-SUBJECT_WORDS:]


def words_after(text: str, cue_end: int, sent_end: int, ctx: ClaimContext) -> tuple[str, list[str]]:
    """The first content word after the cue (skipping "also", "be able to"...) and the words after it."""
    chunk = text[cue_end:min(sent_end, cue_end + 160)].lower()
    stop = _CLAUSE_BREAK.search(chunk)
    if stop is not None and stop.start() > 0:
        chunk = chunk[:stop.start()]
    words = _WORD.findall(chunk)
    i = 0
    while i < len(words) and words[i] in ctx.skip_words:
        i += 1
    if i == len(words):
        return "", []
    return words[i], words[i + 1:i + 1 + OBJECT_WORDS]


def weakens_claim(text: str, start: int, end: int, entry: Entry, sent_start: int, sent_end: int,
                  ctx: ClaimContext) -> bool:
    """Whether the cue ``text[start:end]`` hedges a claim about a finding, effect, cause or evidence."""
    if entry.category in ALWAYS_ON_CLAIM:
        return True
    if not entry.claim:
        return False
    if entry.category == "speculative_question":
        # "it is unclear whether X causes Y" questions a claim; "we tested whether", "doctors
        # will check whether" state an aim or a plan
        return any(w in ctx.open_question_words for w in clause_before(text, sent_start, start))
    if entry.cue == "possible" and _TO_NEXT.match(text, end):
        return False  # "it is possible to lower your risk": ability, not doubt about a finding
    verb, after = words_after(text, end, sent_end, ctx)
    if entry.category in SUBJECT_CATEGORIES:
        subject = clause_before(text, sent_start, start)
        describes = any(w in ctx.person_subjects or w in ctx.symptom_words for w in subject)
        # "people who smoke may have a higher risk": a claim about an effect all the same
        if describes and not (verb in ctx.effect_words or any(w in ctx.effect_words for w in after)):
            return False
    if entry.category == "modal" and verb in ctx.description_verbs:
        return False
    if verb in ctx.causal_verbs and any(w in ctx.symptom_words for w in after):
        return False
    return True


@lru_cache(maxsize=1)
def claim_context() -> ClaimContext:
    """The word lists of the packaged lexicon's ``claim_context``."""
    return ClaimContext.from_dict(load_lexicon().claim_context)

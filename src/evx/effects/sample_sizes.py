"""Sample sizes stated next to a study: "18,390 ALS cases", "over 6.5 million controls", "n = 338".

Never a denominator ("16 of 130 patients"). The patterns are in :mod:`evx.effects.patterns`, the
group words in ``resources/measures.json``.
"""
from __future__ import annotations

import re

from evx.effects import patterns as pat
from evx.records import SampleSize


SAMPLE_BOUNDS = {"over": "lower", "more than": "lower", "at least": "lower", "exceeding": "lower",
                 ">": "lower", "≥": "lower", "nearly": "upper", "almost": "upper", "under": "upper",
                 "fewer than": "upper", "less than": "upper", "up to": "upper", "<": "upper", "≤": "upper"}


MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}

# Words that may not stand between a number and its group word: a preposition, article, verb
# or unit means the number counts something else ("a 2019 study on animals", "10 years of women").
GAP_BREAKERS = frozenset({"of", "on", "in", "with", "from", "for", "to", "and", "or", "the", "a", "an", "at",
                          "by", "per", "than", "who", "were", "was", "had", "have", "years", "year", "months", "weeks",
                          "among", "between", "during", "after", "before", "over", "most", "more", "less", "least",
                          "days", "hours", "times", "percent", "million", "thousand"})


_YEAR = re.compile(r"(?:19|20)\d\d")
_LABELLED = re.compile(pat.LABELLED_KIND)


def _broken_by(gap: str, number: str) -> bool:
    """Whether the words between a number and its group word show it counts something else: a
    breaker word (also as the last part of a hyphenated word, "person-years"), a comma after a
    study noun, or a year before any word at all ("a 2010 study, mice")."""
    words = _LABELLED.sub(" ", gap).split()      # "stage 3 and 4": one word of a group's description
    if words and _YEAR.fullmatch(number):
        return True
    return any(word.lower().strip(",;:").rsplit("-", 1)[-1] in GAP_BREAKERS for word in words)


def read_sample_sizes(text: str) -> list[SampleSize]:
    """ "18,390 ALS cases", "over 6.5 million controls", "n = 338"; not denominators ("16 of 130 patients")
    nor labels ("type 2 diabetic patients")."""
    sizes = []
    for group in pat.measures_data()["sample_groups"]:
        at = text.find(group)
        while at >= 0:
            after = text[at + len(group):at + len(group) + 1]
            m = not after.isalnum() and pat.SAMPLE_BEFORE_GROUP.search(text, max(0, at - 60), at)
            if (m and not pat.SAMPLE_DENOMINATOR_BEFORE.search(text, max(0, m.start() - 12), m.start())
                    and not pat.SAMPLE_LABEL_BEFORE.search(text, max(0, m.start() - 24), m.start())
                    and not _broken_by(text[m.end("mult") if m.group("mult") else m.end("n"):at], m.group("n"))):
                sizes.append(_sample_size(text, m, m.start(), at + len(group), group))
            at = text.find(group, at + len(group))
    for key in ("n=", "n =", "N=", "N ="):
        at = text.find(key)
        while at >= 0:
            m = pat.SAMPLE_N_EQUALS.match(text, at)
            if m:
                sizes.append(_sample_size(text, m, at, m.end(), None))
            at = text.find(key, at + 1)
    return sorted((s for s in sizes if s and s.n > 0), key=lambda s: (s.start, s.end))


def _sample_size(text: str, m: re.Match, start: int, end: int, group: str | None) -> SampleSize | None:
    raw, mult = m.group("n"), (m.groupdict().get("mult") or "").lower()
    if "." in raw and not mult:
        return None
    word = pat.number_word_value(raw)
    if word is not None:
        raw = str(word)
    bound = (m.groupdict().get("bound") or "").lower()
    return SampleSize(start=start, end=end, text=text[start:end], n=round(float(raw.replace(",", "")) *
                      MULTIPLIERS.get(mult, 1)), group=group, bound=SAMPLE_BOUNDS.get(bound),
                      produced_by="pattern:sample_size_n_equals" if group is None else "pattern:sample_size")

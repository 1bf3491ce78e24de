"""Reading ratio estimates: measure mentions, their values, intervals and p-values.

Pattern-based, on the raw text, in the manner of statcheck (Nuijten et al. 2016,
Behav Res Methods 48:1205): every pattern lives in :mod:`evx.effects.patterns`;
:class:`EstimateReader` finds measure mentions, reads the estimate after each, then any
estimates later in the same sentence whose measure was named earlier ("odds
ratios were 1.2 (1.0–1.4) and 1.5 (1.1–2.0)"). Abbreviations are resolved from
the article's own definitions with the Schwartz & Hearst (2003, PSB 8:451)
long-form search of scispaCy, so "adjusted relative risk (ARR)" is a ratio and "absolute risk
reduction (ARR)" is not. Each estimate is checked by :mod:`evx.effects.checks`.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from scispacy.abbreviation import find_abbreviation
from spacy.tokens import Doc
from spacy.vocab import Vocab

from evx.effects import patterns as pat
from evx.effects.checks import Reported, check_effect
from evx.records import Effect
from evx.text.numbers import number
from evx.text.sentences import Sentences

# characters of an estimate's sentence read either side of it for adjustment wording
SENTENCE_REACH = 400


P_RELATIONS = {"<=": "≤", "=<": "≤", ">=": "≥", "=>": "≥", "&lt;": "<", "&gt;": ">",
               "less than": "<", "greater than": ">"}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict, dict, set, dict]:
    """(full name -> measure, abbreviation -> measure, ambiguous, prefix letter -> variant)."""
    data = pat.measures_data()
    names = {_key(n): m for m, d in data["measures"].items() for n in d["names"]}
    abbrs = {a: m for m, d in data["measures"].items() for a in d["abbreviations"]}
    prefixes = {c: kind for kind, cs in data["prefixes"].items() for c in cs}
    return names, abbrs, set(data["ambiguous"]), prefixes


def _key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.lower()).strip()


def measure_of_name(name: str) -> str | None:
    names = _tables()[0]
    key = _key(name)
    return names.get(key) or names.get(key[:-1] if key.endswith("s") else key)


def schwartz_hearst_long_form(short: str, before: str) -> str | None:
    """The long form ending ``before`` that ``short`` abbreviates, found by scispaCy's
    implementation of Schwartz & Hearst (2003, fig. 2; :func:`scispacy.abbreviation.find_abbreviation`):
    the short form's characters in order, right to left, the first at the start of a word. A long
    form of more than ``min(letters + 5, 2 * letters)`` words is refused, as the paper does.

    Called only for abbreviations the article puts in brackets after a name ("(ARR)"), once per
    abbreviation and document, on the few words before the bracket.
    """
    words = before.split()
    if not words:
        return None
    doc = Doc(_VOCAB, words=[*words, short])
    _, long_form = find_abbreviation(doc[:len(words)], doc[len(words):])
    if long_form is None:
        return None
    letters = sum(ch.isalnum() for ch in short)
    return long_form.text if len(long_form) <= min(letters + 5, 2 * letters) else None


# words only, no pipeline: the long-form search reads the text of the words before a definition
_VOCAB = Vocab()


class EstimateReader:
    """Reads every ratio estimate in one text; definitions are looked up once per abbreviation."""

    def __init__(self, text: str, sentences: Sentences | None = None):
        self.text = text
        self.sentences = sentences or Sentences.of(text)
        self._defined: dict[str, tuple | None] = {}
        self._sentence_cues: dict[int, bool] = {}
        self.keys: list[int] = []               # where the literal keys of mentions are (set by mentions())

    # -- measures --------------------------------------------------------------------
    def definition(self, abbr: str) -> tuple | None:
        """``(measure, variant)`` if the article defines ``abbr`` as a ratio, ``()`` if as
        something else, None if it does not define it."""
        if abbr not in self._defined:
            found, marks = None, pat.abbreviation_definition(abbr)
            for m in (marks.match(self.text, at) for at in _find_all(self.text, abbr) if at >= 0):
                if not m:
                    continue
                before = re.split(r"[(\[;\n]|\.\s", self.text[max(0, m.start() - 120):m.start()])[-1]
                long_form = schwartz_hearst_long_form(abbr, before.rstrip(" ,"))
                if not long_form:
                    continue
                name = pat.LONG_NAME_AT_END.search(long_form)
                if name:
                    variant = "crude" if re.search(r"(?i)crude|unadjusted", long_form) else \
                        "adjusted" if re.search(r"(?i)adjusted", long_form) else None
                    found = (measure_of_name(name.group(0).strip()), variant)
                    break
                if m.group(0)[0] != ",":   # ", LPR =" defines only when a ratio's name precedes it
                    found = ()
            self._defined[abbr] = found
        return self._defined[abbr]

    def measure(self, mention: re.Match) -> tuple | None:
        """``(measure, variant)`` for a mention, or None when it is not a ratio here."""
        if mention.group("long"):
            return measure_of_name(mention.group("long")), None
        abbr = mention.group("abbr")
        defined = self.definition(abbr)
        if defined is not None:
            return defined or None
        _, abbrs, ambiguous, prefixes = _tables()
        if abbr in ambiguous:
            return None
        if abbr in abbrs:
            return abbrs[abbr], None
        if abbr[0] in prefixes and abbr[1:] in abbrs and abbr[1:] not in ambiguous:
            return abbrs[abbr[1:]], prefixes[abbr[0]]
        return None

    # -- estimates ---------------------------------------------------------------------
    def mentions(self):
        """Measure mentions, in order: MEASURE_MENTION tried at the word starts just before each literal key."""
        text, keys, seen = self.text, set(), -1
        for key in pat.MENTION_KEYS:
            keys.update(m.start() for m in key.finditer(text))
        self.keys = sorted(keys)
        for k in self.keys:
            if k < seen:
                continue
            starts = [w.start() for w in pat.WORD_START.finditer(text, max(0, k - pat.MENTION_BEFORE_KEY), k + 1)]
            best, misses = None, 0
            for tried, start in enumerate(reversed(starts)):    # nearest first; modifiers extend leftwards
                m = pat.MEASURE_MENTION.match(text, start, k + pat.MENTION_AFTER_KEY)
                if m and m.end() > k:
                    best, misses = m, 0
                elif best or tried >= 4:
                    misses += 1
                if misses >= 3:         # three words that start nothing: the mention is complete
                    break
            if best:
                seen = best.end()
                yield best

    def read(self) -> list[dict]:
        text, found, last_end = self.text, [], 0
        for mention in self.mentions():
            if mention.start() < last_end or pat.LOG_BEFORE.search(text, max(0, mention.start() - 14),
                                                                    mention.start()):
                continue
            if mention.group("long") and pat.BREAKING_AFTER.match(text, mention.end()):
                continue
            near = pat.DIGIT.search(text, mention.end(), mention.end() + pat.VALUE_REACH)
            tail = near and pat.ESTIMATE_TAIL.match(text, mention.end(), mention.end() + pat.TAIL_WINDOW)
            estimate = tail and self._labelled(mention, tail)
            if not estimate:    # a name without its own value: "odds ratios for men: 0.61 (0.48, 0.78)"
                if not pat.DIGIT.search(text, mention.end(), mention.end() + pat.BARE_GAP):
                    continue
                estimate = dict(end=mention.end(), named_only=True)
            resolved = self.measure(mention)
            if not resolved or not resolved[0]:
                continue
            estimate.update(measure=resolved[0], start=mention.start())
            self._variant(estimate, mention, resolved[1], tail.group("qualifier") if tail else "")
            if not estimate.pop("named_only", False):
                found.append(estimate)
            last_end = self._bare_after(estimate, found)
        return found

    def _labelled(self, mention: re.Match, t: re.Match) -> dict | None:
        text, qualifier = self.text, (t.group("qualifier") or "").strip()
        if pat.RANGE_WORDS.search(qualifier) or self._not_a_ratio(t.group("value"), t.end("value")) \
                or text[t.start("value") - 1] in "−-":     # "HR, −1.20": a difference, not a ratio
            return None
        estimate = dict(value_text=t.group("value"), end=t.end("value"), level=None, kind=None,
                        produced_by="pattern:estimate_value")
        if t.group("low") is not None and self._interval(t, "i", estimate, t.group("gap") or ""):
            estimate["produced_by"] = "pattern:estimate_interval"
        elif t.group("low") is not None and text[t.end("high"):t.end("high") + 1] == "%":
            return None     # "OR: 41.7; 95% CL, 29.1–55.1%": a percentage mislabelled
        else:
            whole = t.group("value").isdigit()
            tight = not qualifier and (pat.TIGHT_CONNECTOR.search(t.group("connector")) or not whole)
            if not tight or (whole and int(t.group("value")) >= 20) \
                    or pat.RANGE_AFTER.match(text, t.end("value")):
                return None
        label = t.group("ci_h")
        if label and estimate["level"] is None:
            estimate.update(level=self._level(t, "h"), kind=_kind(label))
        return self._p_after(estimate)

    def _interval(self, m: re.Match, tag: str, estimate: dict, gap: str = "") -> bool:
        """Validate and store the interval matched with group names ``low``/``high`` (or b/c-prefixed)."""
        low_g, high_g = ("low", "high") if tag == "i" else (tag + "low", tag + "high")
        label, text = m.group("ci_" + tag), self.text
        bracketed = text[max(0, m.start(low_g) - 4):m.start(low_g)].rstrip()[-1:] in ("(", "[")
        sep = text[m.end(low_g):m.start(high_g)].strip()
        if not label and (gap.strip() or not (bracketed or sep in ("-", "–", "—", "‐", "‑", "−", "to"))):
            return False
        if self._not_a_ratio(m.group(high_g), m.end(high_g), after_interval=True):
            return False
        low, high = number(m.group(low_g)), number(m.group(high_g))
        close = m.end(high_g)
        tail_close = pat.CLOSE_BRACKET.match(text, close, close + 4)
        if tail_close and (bracketed or tag != "i" or m.group("open")):   # its own bracket, not an outer one
            close = tail_close.end()
        estimate.update(low_text=m.group(low_g), high_text=m.group(high_g), reversed=low > high,
                        low=min(low, high), high=max(low, high), end=close,
                        level=self._level(m, tag), kind=_kind(label))
        return True

    def _not_a_ratio(self, value_text: str, end: int, after_interval: bool = False) -> bool:
        """Traps: a percentage, a unit ("72 bpm", "... days"), a year or a count."""
        after = end
        if after_interval:
            close = pat.CLOSE_BRACKET.match(self.text, end, end + 4)
            after = close.end() if close else end
        if pat.UNIT_AFTER.match(self.text, end, end + 12) or \
                (after != end and pat.UNIT_AFTER.match(self.text, after, after + 12)):
            return True
        return value_text.isdigit() and int(value_text) >= 1000

    @staticmethod
    def _level(m: re.Match, tag: str) -> float | None:
        level = m.group("lv1_" + tag) or m.group("lv2_" + tag)
        value = number(level) if level else None
        return value if value is not None and 50 <= value < 100 else None

    def _p_after(self, estimate: dict) -> dict:
        p = pat.P_AFTER.match(self.text, estimate["end"], estimate["end"] + 60)
        estimate.update(p_value=None, p_relation=None)
        if p and (p.group("p_rel") or p.group("p_word")):
            value = number(p.group("p"))
            if 0 <= value <= 1:
                relation = p.group("p_rel") or "="
                estimate.update(p_value=value, p_relation=P_RELATIONS.get(relation.lower(), relation),
                                end=p.end())
        return estimate

    def _variant(self, estimate: dict, mention: re.Match, variant: str | None, qualifier: str | None) -> None:
        words = f"{mention.group('mods') or ''} {qualifier or ''}".lower()
        crude = variant == "crude" or any(w in words for w in ("crude", "unadjusted", "univaria"))
        adjusted = not crude and (variant == "adjusted" or "adjust" in words or "multivaria" in words or
                                  self._adjusted_sentence(mention.start()))
        pooled = any(w in words for w in pat.measures_data()["modifiers"]["pooled"])
        estimate.update(adjusted=adjusted, crude=crude, pooled=pooled)

    def _adjusted_sentence(self, pos: int) -> bool:
        """Whether the sentence around ``pos`` says its estimates are adjusted ("after controlling for")."""
        index = self.sentences.index(pos)
        if index not in self._sentence_cues:      # one answer per sentence
            start, end = self.sentences.starts[index], self.sentences.ends[index]
            start, end = max(start, pos - SENTENCE_REACH), min(end, pos + SENTENCE_REACH)
            sentence = self.text[start:end].lower().replace("unadjusted", "")
            self._sentence_cues[index] = any(c in sentence for c in pat.measures_data()["adjustment_cues"])
        return self._sentence_cues[index]

    def _bare_after(self, first: dict, found: list) -> int:
        """Estimates later in the sentence that carry no name: they take the first one's measure."""
        text, pos = self.text, first["end"]
        following = bisect.bisect_right(self.keys, pos)
        limit = min(self.keys[following] if following < len(self.keys) else len(text), pos + 4000,
                    self.sentences.ends[self.sentences.index(max(0, pos - 1))])
        while True:
            b = pat.BARE_ESTIMATE.search(text, pos, min(limit, pos + pat.BARE_GAP))
            if not b:
                return pos
            before = text[b.start() - 1:b.start()] if b.start() else " "
            if before in (".", "·", ",") or before.isalnum():     # inside a longer number or word
                pos = b.start() + 1
                continue
            tag = "b" if b.group("bvalue") else "c"
            estimate = dict(value_text=b.group(tag + "value"), start=b.start(), measure=first["measure"],
                            produced_by=f"pattern:bare_estimate_after_{first['measure']}",
                            adjusted=first["adjusted"], crude=first["crude"], pooled=first["pooled"])
            high_end = b.end(tag + "high")
            ok = self._interval(b, tag, estimate) and not self._not_a_ratio(estimate["value_text"], b.end(tag + "value"))
            if ok and (b.group("ci_" + tag) or tag == "c" or pat.CLOSE_BRACKET.match(text, high_end, high_end + 4)):
                value = number(estimate["value_text"])
                if 0 < estimate["low"] <= value <= estimate["high"]:
                    found.append(self._p_after(estimate))
                    pos = estimate["end"]
                    continue
            pos = b.start() + 1


def _find_all(text: str, word: str):
    """Positions just before each occurrence of ``word`` (where its definition mark would start)."""
    at = text.find(word)
    while at >= 0:
        yield at - 1 if at and text[at - 1] in "([" else text.rfind(",", max(0, at - 3), at)
        at = text.find(word, at + len(word))


def _kind(label: str | None) -> str | None:
    if not label:
        return None
    return "credible" if re.search(r"(?i)cred|CrI|CrL", label) else "confidence"


def to_effect(text: str, e: dict, section: str) -> Effect:
    value = number(e["value_text"])
    reported = Reported(value=value, low=e.get("low"), high=e.get("high"), value_text=e["value_text"],
                        low_text=e.get("low_text", ""), high_text=e.get("high_text", ""), level=e["level"],
                        p_value=e["p_value"], p_relation=e["p_relation"], reversed_limits=e.get("reversed", False))
    checked = check_effect(reported)
    return Effect(start=e["start"], end=e["end"], text=text[e["start"]:e["end"]], measure=e["measure"],
                  value=value, ci_low=e.get("low"), ci_high=e.get("high"), ci_level=e["level"],
                  p_value=e["p_value"], p_relation=e["p_relation"], adjusted=e["adjusted"], pooled=e["pooled"],
                  flags=checked.flags, flag_details=checked.details, crude=e["crude"],
                  interval_kind=e.get("kind"), p_from_ci=checked.p_from_ci, section=section,
                  produced_by=e["produced_by"])

"""Every regular expression evx uses to read ratio effect sizes, named and composed.

Built the way statcheck keeps its patterns (Nuijten et al., ``R/regex.R``): small
named parts, each commented with the surface form it exists for, composed into
the few patterns the component uses:

``MEASURE_MENTION``  where a ratio is named: "adjusted odds ratio", "aOR", "HRs"
``ESTIMATE_TAIL``    what follows a named measure: its value, interval and p
``BARE_ESTIMATE``    "1·21 (0·97–1·50)": an estimate whose measure was named earlier
``P_AFTER``          a p-value right after an estimate: "; p=0·02", "P < .001", "p-value 0.03"
``SAMPLE_BEFORE_GROUP`` "18,390 ALS cases", "over 6.5 million controls"; ``SAMPLE_N_EQUALS`` "n = 338"

Measure names and abbreviations are data (``resources/measures.json``).

Speed and linear time: the whole text is only scanned for literal keys ("ratio",
"relative", an R ending a word, the group words of sample sizes), which runs at
memory speed; every other pattern is matched inside a bounded window around a key
(``TAIL_WINDOW`` characters and the like), so even a 20 MB line costs a constant
per candidate, and no pattern nests unbounded repetitions. Adjacent repetitions never share
characters (``\\s*(?:,\\s*)?`` rather than ``\\s*,?\\s*``), so that a run of spaces cannot
be split in many ways.
"""
from __future__ import annotations

import re
from functools import lru_cache

from evx.resource import read_json
from evx.text.alternation import alternation

TAIL_WINDOW = 320          # characters after a measure mention that its estimate may use
VALUE_REACH = 110          # its value starts within this many (qualifier, brackets, connector)
DIGIT = re.compile(r"\d")  # checked first: without a digit in reach there is no estimate
BARE_GAP = 260             # how far after one estimate the next bare one may start


@lru_cache(maxsize=1)
def measures_data() -> dict:
    """``resources/measures.json``: names, abbreviations and word lists."""
    return read_json("resources", "measures.json")


def _words(phrases) -> str:
    """Alternation of phrases (longest wins); spaces match any run of spaces or a hyphen."""
    return alternation(sorted(set(phrases)), separator=r"[\s-]+")


# --- numbers -------------------------------------------------------------------

# Not inside another number: no digit or decimal mark before, and not "18,|390".
_NOT_AFTER_NUMBER = r"(?<![\d.·])(?<!\d,)"
# 1.51 or 1·18 (the Lancet's middle dot); a comma may follow ("1.51,95% CI").
_NUM_POINT = r"\d+[.·]\d+(?![.·]?\d)"
# 0,93: a decimal comma; not "18,390", where exactly three digits mark thousands.
_NUM_COMMA = r"\d+,(?!\d{3}(?!\d))\d+(?![.,·]?\d)"
# .76: APA style drops the leading zero (and no letter before: not "v.76").
_NUM_LEADING = r"[.·](?<!\w[.·])\d+(?![.,·]?\d)"
# 2, 13: whole numbers, not the start of "18,390" or "1.5".
_NUM_INTEGER = r"\d+(?![.,·]?\d)"
_NUMBER_BODY = rf"(?:{_NUM_POINT}|{_NUM_COMMA}|{_NUM_LEADING}|{_NUM_INTEGER})"
NUMBER = rf"{_NOT_AFTER_NUMBER}{_NUMBER_BODY}"
# A limit may be negative (flagged later): "−0.68" with a Unicode minus or a hyphen.
SIGNED = rf"(?:[−-]\s?)?{NUMBER}"
# p-values may carry a power of ten: "1.2 × 10−5", "3e-6".
P_NUMBER = rf"{NUMBER}(?:\s*[×x*]\s*10\s*\^?\s*[−-]\s*\d+|[eE][−-]\d+)?"

# --- intervals -------------------------------------------------------------------

# Between the two limits: a dash of any kind, "to", a comma ("0.52, 1.29") or a
# semicolon ("0.25;0.77").
RANGE_SEP = r"(?:\s*[-–—‐‑−;,]\s*|\s+to\s+)"
# Only a dash or "to": for unbracketed intervals, where a comma would read a list.
DASH_SEP = r"(?:\s*[-–—‐‑−]\s*|\s+to\s+)"
# 95, 90, 99.9: the level before or after the interval's name ("95% CI", "CI 95%").
_LEVEL = r"(?<![\d.])\d{2}(?:[.·]\d{1,2})?"
# The interval's name: "CI", "C.I.", "CL", "confidence interval(s)", "confidence limits",
# "credible interval", "CrI", "uncertainty interval"; "CI95%" has no space.
_CI_NAME = (
    r"(?:(?i:confidence|credible|credibility|uncertainty|compatibility)\s+(?i:intervals?|limits?)"
    r"|C\.\s?I\.?|C\.L\.|CrI|CrL|CI(?![A-Za-z])|CL(?![A-Za-z])|UI(?![A-Za-z]))"
)
# "95% confidence interval (CI)", "credible interval [CI]", "95% CI (ci)": the name repeated.
_CI_ABBREVIATION = r"(?:\s*[(\[]\s*(?i:CI|CL|CrI|UI)\s*[)\]])"


def ci_label(tag: str) -> str:
    """An interval label with its level; group names carry ``tag`` so the label can recur."""
    return (rf"(?:(?P<lv1_{tag}>{_LEVEL})\s*%\s*)?(?P<ci_{tag}>{_CI_NAME}){_CI_ABBREVIATION}?"
            rf"(?:\s*(?P<lv2_{tag}>{_LEVEL})\s*%)?")


# After a label: "95% CI: 1.2", "CI = 1.2", "CI, 1.2", "CI; 1.2", "CI (1.2", "CI: (1.49, 5.06)".
_AFTER_LABEL = r"\s*(?:[:=,;]\s*)?(?:[(\[]\s*)?"

# The interval after an estimate's value: "(95% CI 1.01–2.08)", ", 95% CI: 0.85, 2.30",
# "[0,67–1,30]", "; 95% confidence interval [CI], 0.58–0.95", "CI 95%: 0.43 to 1.03",
# "95%CI [0.30–20.29]", ", 0·68–0·93" (bare: dash only, checked in code).
INTERVAL = (
    rf"\s*(?:[,;:]\s*)?(?P<open>[(\[]\s*)?"
    rf"(?:{ci_label('i')}{_AFTER_LABEL})?"
    rf"(?P<low>{SIGNED})(?P<sep>{RANGE_SEP})(?P<high>{SIGNED})(?P<close>\s*[)\]])?"
)

# --- p-values ----------------------------------------------------------------------

# "p=0·02", "P < .001", "p-value 0.03", "P= 0·044", "p &lt; 0.001" (escaped HTML); not
# "p for interaction = 0.08", which is another test's p.
P_VALUE = (
    r"(?<![\w])[Pp](?P<p_word>[\s-]{0,2}values?)?\s*"
    r"(?P<p_rel><=|>=|=<|=>|[=<>≤≥]|&lt;|&gt;|(?i:less than|greater than))?\s*"
    rf"(?P<p>{P_NUMBER})"
)
# A p-value right after an estimate: "]; p=0·02", ", P = 0.01", " p = 0.023]".
P_AFTER = re.compile(rf"\s*(?:[)\]]\s*)?(?:[,;:]\s*)?(?:[(\[]\s*)?{P_VALUE}")

# --- measures ------------------------------------------------------------------------


def _modifier_words() -> str:
    mods = measures_data()["modifiers"]
    return _words(mods["adjusted"] + mods["crude"] + mods["pooled"])


def _long_names() -> str:
    names = [n for m in measures_data()["measures"].values() for n in m["names"]]
    # the last word may be plural: "odds ratios", "relative risks"
    return rf"(?:{_words(names)})s?"


# "adjusted", "multivariable adjusted", "pooled", "crude" in front of the name (up to three).
MODIFIERS = rf"(?P<mods>(?:(?i:{_modifier_words()})[\s-]+){{1,3}})?"
# A full name, any case: "odds ratio", "Hazard Ratio", "incidence rate ratios".
LONG_NAME = rf"(?i:{_long_names()})(?![\w-])"
# An abbreviation, case-sensitive so "or" is never one: OR, ORs, aOR, AHR, IRR, LPR, SMR.
# "MH-OR" (Mantel-Haenszel) counts; "ER/PR" does not. Any short capitalised word ending in R is a candidate; unknown ones count only when the
# article defines them as a ratio.
ABBREVIATION = r"(?<![\w/])(?P<abbr>[a-z]{0,2}[A-Z]{0,4}R)(?P<plural>s)?(?![\w-])"
MEASURE_MENTION = re.compile(
    rf"(?<!\w){MODIFIERS}(?:(?P<long>{LONG_NAME})|{ABBREVIATION})"
)
# Literal keys every mention contains, found at memory-scan speed; ``MEASURE_MENTION`` is then
# matched only in a small window around each key (full names all hold "ratio" or "relative";
# abbreviations end in R).
MENTION_KEYS = tuple(re.compile(k) for k in (
    "ratio", "Ratio", "RATIO", "elative", "ELATIVE", r"R(?=s?(?![\w-]))"))
# Where a word starts: the places a mention may begin before its key.
WORD_START = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]")
MENTION_BEFORE_KEY = 72     # the longest modifiers + name before its key
MENTION_AFTER_KEY = 24      # "relative hazards" after the key "elative"

# A definition's long form that ends in a ratio's name: "adjusted hazard ratio" (for "AHR").
LONG_NAME_AT_END = re.compile(rf"{LONG_NAME}\s*$")

# --- what follows a measure mention ----------------------------------------------------

# "odds ratio (OR)", "relative risk [RR]", "hazard ratio (hr)", "odds ratios [ORs]", and what is
# compared: "odds ratio [MHC/WHC vs WHC] =3.05".
ABBREVIATION_IN_BRACKETS = r"(?:\s*[(\[](?P<bracketed>[A-Za-z][^()\[\]\d\n]{0,39})[)\]])?"
# "Hazard Ratio[95%CI] = 2.171 [1.545–3.051]", "IRR (95% CI) 0.07 (0.01–0.57)".
LABEL_IN_BRACKETS = rf"(?:\s*[(\[]\s*{ci_label('h')}\s*[)\]])?"
# Words between the name and its value: "for OS was", "of clearance in chloroquine group",
# "versus CQ", "aOR", "for myocardial infarction/coronary death with estrogen plus progestin",
# "for death vs. placebo", "drug A:drug B" (bounded; no digits, brackets, relation signs, or full
# stops other than in "vs.").
QUALIFIER = r"(?P<qualifier>(?:[^\d\n;()\[\]=<>%.]|(?<=vs)\.){0,80}?)"
# How the value is introduced: "=", ":", ",", ";", "of", "was", "being", or a bracket "OR (0.52, ...".
CONNECTOR = (
    r"(?P<connector>\s*(?:[:=,;]\s*)?"
    r"(?:(?i:of|was|were|is|are|being|at|equal to|equals|estimated at)\s+)?(?:[(\[]\s*)?)"
)
# A value without an interval counts only after "=", ":", "of", "was" ... ("OR = 5.3").
TIGHT_CONNECTOR = re.compile(r"[=:]|\b(?:of|was|were|is|being)\b")
# A bracket closing right after a limit.
CLOSE_BRACKET = re.compile(r"\s*[)\]]")
# Words between the value and its interval: "OR 1.02 per unit increase, 95% CI ...",
# "HR = 0.53 Early versus Deferred ART [95%CI ...]" (a label is then required, in code).
VALUE_GAP = r"(?P<gap>[^\d\n;:()\[\]=<>%]{0,60}?)"
ESTIMATE_TAIL = re.compile(
    rf"{ABBREVIATION_IN_BRACKETS}{LABEL_IN_BRACKETS}{QUALIFIER}{CONNECTOR}"
    rf"(?P<value>{NUMBER})(?:{VALUE_GAP}{INTERVAL})?"
)

# An estimate whose measure was named earlier in the sentence:
# value first, "1·21 (0·97–1·50)", "0.88 (95% CI 0.53–1.5)", "0.94 [CI: 0.60, 1.49";
# (no lookbehind at the start, so that the search skips letters fast: the character before
# the value is checked in code).
_BARE_VALUE_FIRST = (
    rf"(?P<bvalue>{_NUMBER_BODY})\s*(?P<bopen>[(\[])\s*(?:{ci_label('b')}{_AFTER_LABEL})?"
    rf"(?P<blow>{SIGNED}){RANGE_SEP}(?P<bhigh>{SIGNED})(?P<bclose>\s*[)\]])?"
)
# or all in one bracket, "(1.78, 1.29–2.47)", "(0·66, 0·54–0·80, p<0·0001)".
_BARE_IN_BRACKETS = (
    rf"[(\[]\s*(?P<cvalue>{NUMBER})\s*[,;]\s*(?:{ci_label('c')}{_AFTER_LABEL})?"
    rf"(?P<clow>{SIGNED}){DASH_SEP}(?P<chigh>{SIGNED})"
)
BARE_ESTIMATE = re.compile(rf"{_BARE_VALUE_FIRST}|{_BARE_IN_BRACKETS}")

# --- traps ---------------------------------------------------------------------------------


def _units() -> str:
    return "|".join(re.escape(u) for u in sorted(measures_data()["units"], key=len, reverse=True))


# A quantity, not a ratio: "72 bpm", "811 (707–912) days", "41.7%", "2:1", "0.3/100".
UNIT_AFTER = re.compile(rf"\s*(?:%|(?:{_units()})(?![\w]))|[:/]\d")
# "ORs ranged from 1.2 to 3.4", "HRs between 1.1 and 1.9": a range of several estimates
# (but "the rate ratio between the groups was 0.90" is one estimate).
RANGE_WORDS = re.compile(r"(?i:\b(?:rang(?:e|ed|es|ing)|varied|varying)\b|\b(?:from|between)\s*$)")
# "OR 1.2–3.4": a value followed directly by a dash and another number is a range.
RANGE_AFTER = re.compile(rf"{DASH_SEP}{NUMBER}")
# "log OR", "ln(HR)": estimates on the log scale are not ratios.
LOG_BEFORE = re.compile(r"(?i:\b(?:log|ln|logarithm(?:ic)?)[\s(-]*)$")
# "relative risk reduction": the name continues into another quantity.
BREAKING_AFTER = re.compile(rf"(?i:[\s-]+(?:{_words(measures_data()['breaking_words'])})\b)")


@lru_cache(maxsize=256)
def abbreviation_definition(abbreviation: str) -> re.Pattern:
    """Where an article defines an abbreviation: "(ARR)", "[HR]", or ", LPR =" after a name."""
    escaped = re.escape(abbreviation)
    return re.compile(rf"[(\[]\s*{escaped}s?\s*[)\]]|,\s*{escaped}\s*[=:]")


# --- sample sizes ----------------------------------------------------------------------------

# "over", "more than", "at least" give a lower bound; "up to", "fewer than" an upper one.
SAMPLE_BOUND = (
    r"(?P<bound>(?i:over|more than|at least|exceeding|nearly|almost|under|fewer than|less than|"
    r"up to|approximately|about|around|some)|[>≥<≤~])"
)
# "18,390", "6.5 million", "338", "two", "a dozen"; "2.5" alone (a decimal without a multiplier)
# is dropped in code. Number words are those of :data:`SAMPLE_NUMBER_WORDS`.
SAMPLE_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                       "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "thirteen": 13, "fourteen": 14,
                       "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                       "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                       "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
SAMPLE_NUMBER = (
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?i:(?:" + _TENS + r")-(?:" + _UNITS + r")|"
    + "|".join(sorted(SAMPLE_NUMBER_WORDS, key=len, reverse=True)) +
    r"))(?:[ \t]+(?P<mult>(?i:million|thousand|billion)))?"
)


def number_word_value(word: str) -> int | None:
    """12 for "twelve" and "a dozen", 87 for "eighty-seven"; None for anything else."""
    word = word.lower()
    if word in SAMPLE_NUMBER_WORDS:
        return SAMPLE_NUMBER_WORDS[word]
    tens, _, unit = word.partition("-")
    units = _UNITS.split("|")
    if tens in SAMPLE_NUMBER_WORDS and unit in units:
        return SAMPLE_NUMBER_WORDS[tens] + units.index(unit) + 1
    return None
# A kind named by a label and a number inside a group's description ("180 adults with type 2
# diabetes", "180 type 2 diabetic patients", "64 stage III patients"): one word of the gap.
LABELLED_KIND = r"(?i:type|stage|phase|grade|class)[ \t]+(?:\d{1,2}[a-c]?|[IVX]{1,4}[a-c]?)(?:[ \t]*(?:and|or|-|–)[ \t]*(?:\d{1,2}|[IVX]{1,4}))?"
# The number before a group word ("cases", "controls", "participants": measures.json), with up
# to three words between ("42 locally-advanced pancreatic cancer patients", "140,000 U.S. women"): "18,390 ALS cases", "over 6.5 million controls"; all on one line (not a
# citation marker at a line's end). Matched inside a window that ends at the group word.
SAMPLE_BEFORE_GROUP = re.compile(
    rf"(?<![\w.,/·-])(?:{SAMPLE_BOUND}[ \t]*)?{SAMPLE_NUMBER}[ \t]+(?:(?:[A-Z]\.){{2,}}[ \t]+|{LABELLED_KIND}[ \t]+|"
    rf"[A-Za-z][\w'-]*,?[ \t]+){{0,3}}$"
)
# "type 2 diabetic patients", "stage 3 and 4 laryngeal cancer patients", "phase II trial, 64
# patients": a number after a label word names a kind or a step, not a count.
SAMPLE_LABEL_BEFORE = re.compile(
    r"(?i:\b(?:type|stages?|phases?|grades?|class|levels?|tier|waves?|generation|version|figure|table|"
    r"days?|weeks?|months?|visits?|sessions?|rounds?|arms?|groups?|cohorts?)\s+"
    r"(?:[\dIVX]+[a-c]?\s*(?:and|or|to|-|–|,)\s*)?)$")
# "n = 338", "N=1,204".
SAMPLE_N_EQUALS = re.compile(r"(?<![\w])[nN]\s?=\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]\d)")
# "16 out of 130 patients", "16/130 patients", "half of 200 women", "8 in 100 people", "1 in 3
# adults": a denominator of a count or a frequency, not a study's size. "a trial of 25,871
# adults" and "A total of 1,024 women" are sizes: "of" counts only after a number or a share.
SAMPLE_DENOMINATOR_BEFORE = re.compile(
    r"(?i:(?:\d[\d,.]*\s*(?:%|per ?cent|percent)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"half|a third|a quarter|third|quarter|most|many|some|all|none|each|both|any|several|few))"
    r"\s+(?:of|out of|in)\s*|/\s*)$")

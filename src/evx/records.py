"""The output contract: record kinds, their fields and vocabularies (the one place).

Every record evx writes is one of the dataclasses below. Field names, file names
and vocabularies are defined here and nowhere else; code, tests and docs import
them. ``docs/schema.md`` documents each field; ``tests/test_records.py`` checks
that the two agree.

The contract itself is fixed by ``shared/spec/records.md``: fields may be added,
never renamed or dropped.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# --- vocabularies ----------------------------------------------------------

MEASURES = ("OR", "RR", "HR", "IRR", "PR", "SMR", "SIR", "ratio")
DESIGNS = (
    "meta_analysis", "systematic_review", "rct", "non_randomized_trial", "cohort",
    "case_control", "cross_sectional", "case_report", "animal", "in_vitro",
    "qualitative", "modelling", "guideline", "narrative_review", "other",
)
POPULATIONS = ("human", "animal", "cells")
STRENGTHS = ("none", "correlational", "conditional_causal", "direct_causal")
STRENGTH_RANK = {name: rank for rank, name in enumerate(STRENGTHS)}
P_RELATIONS = ("=", "<", ">", "≤", "≥")
STATUSES = ("ok", "error")
SECTIONS = ("title", "body", "references", "table")
EFFECT_FLAGS = (
    "estimate_outside_ci", "limits_reversed", "nonpositive_limit",
    "ci_log_asymmetric", "p_ci_mismatch",
)
OVERCLAIM_REASONS = (
    "causal_from_observational", "animal_to_human", "unhedged_certainty",
    "numbers_inconsistent", "relative_risk_only",
)
HEDGE_CATEGORIES = (
    "modal", "epistemic_verb", "adjective_adverb", "more_research",
    "unclear", "negated_certainty", "conditional", "speculative_question", "other",
)
SAMPLE_BOUNDS = ("lower", "upper")      # SampleSize.bound: "over 6.5 million" is a lower bound
INTERVAL_KINDS = ("confidence", "credible")

# --- groups derived from the vocabularies (used by the rules; defined here only) --------

#: designs that observe without allocating: they show associations, not causation
OBSERVATIONAL_DESIGNS = ("cohort", "case_control", "cross_sectional")
#: designs that pool other studies
POOLED_DESIGNS = ("meta_analysis", "systematic_review")
#: trial designs (an intervention given by the investigators)
TRIAL_DESIGNS = ("rct", "non_randomized_trial")
#: preclinical designs and the population each is about
PRECLINICAL_POPULATION = {"animal": "animal", "in_vitro": "cells"}
PRECLINICAL_DESIGNS = tuple(PRECLINICAL_POPULATION)
#: the preclinical design a study of a non-human population ranks as
DESIGN_OF_POPULATION = {population: design for design, population in PRECLINICAL_POPULATION.items()}
NONHUMAN_POPULATIONS = tuple(DESIGN_OF_POPULATION)
#: strengths that state cause and effect (Sumner et al. 2014 count "may cause" as causal too)
CAUSAL_STRENGTHS = ("conditional_causal", "direct_causal")


# --- record kinds ------------------------------------------------------------

@dataclass
class Span:
    """Fields every span record carries. ``end`` is exclusive; text == doc_text[start:end]."""

    start: int
    end: int
    text: str


@dataclass
class Effect(Span):
    measure: str                      # one of MEASURES
    value: float | None
    ci_low: float | None
    ci_high: float | None
    ci_level: float | None            # 95, 90, 99 ... or None when unstated
    p_value: float | None
    p_relation: str | None            # one of P_RELATIONS
    adjusted: bool
    pooled: bool
    flags: list[str] = field(default_factory=list)            # codes from EFFECT_FLAGS
    flag_details: dict[str, str] = field(default_factory=dict)  # code -> explanation
    crude: bool = False
    interval_kind: str | None = None  # "confidence" | "credible" | None
    p_from_ci: float | None = None    # p recomputed from the interval (Altman & Bland 2011)
    design: str | None = None         # design of the study the estimate comes from, if clear
    section: str = "body"             # one of SECTIONS
    produced_by: str = ""             # pattern name that matched


@dataclass
class SampleSize(Span):
    n: int
    group: str | None                 # "cases", "controls", "participants", ...
    bound: str | None = None          # "lower" ("over 6.5 million"), "upper", or None (exact)
    produced_by: str = ""


@dataclass
class Design(Span):
    design: str                       # one of DESIGNS
    population: str | None            # one of POPULATIONS or None
    year: int | None
    generic: bool = False             # a kind of study in general, not one study
    section: str = "body"             # one of SECTIONS
    also: list[str] = field(default_factory=list)  # further labels ("systematic review and meta-analysis")
    produced_by: str = ""


@dataclass
class Hedge(Span):
    cue: str                          # normalised cue (lexicon entry)
    category: str                     # one of HEDGE_CATEGORIES
    on_claim: bool                    # weakens a claim about a finding, effect, cause or the evidence
    sentence_start: int = 0
    sentence_end: int = 0
    produced_by: str = ""


@dataclass
class Claim(Span):
    strength: str                     # one of STRENGTHS
    hedged: bool
    overclaim: bool
    reasons: list[str] = field(default_factory=list)          # codes from OVERCLAIM_REASONS
    explanations: dict[str, str] = field(default_factory=dict)  # code -> human-readable explanation
    evidence: str | None = None       # design label of the evidence behind the claim
    hypothesis: bool = False          # framed as a hypothesis ("one possible explanation")
    section: str = "body"
    produced_by: str = ""


@dataclass
class DocumentRecord:
    doc_id: str
    source: str
    status: str                       # "ok" | "error"
    error: str | None
    text: str | None = None           # the text every offset indexes
    n_chars: int = 0
    title: str | None = None
    main_design: str | None = None
    main_population: str | None = None
    evidence_level: int | None = None          # 1 (strongest) ... 9, see EVIDENCE_LEVELS
    evidence_level_name: str | None = None
    main_design_reason: str | None = None
    main_design_untold: str | None = None      # what the wording suggests where main_design is null as untold
    main_sample_size: int | None = None        # participants, animals or samples of the main study
    main_sample_size_reason: str | None = None
    strongest_claim: str | None = None         # one of STRENGTHS
    overclaim_count: int = 0
    overclaim_score: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class DocumentSummary:
    """What the components conclude about a whole document (``doc._.evx_summary``): the designs
    component fills the main-study fields, the claims component the claim fields. Each field is
    also a field of :class:`DocumentRecord`, with the same name and type."""

    main_design: str | None = None
    main_population: str | None = None
    evidence_level: int | None = None
    evidence_level_name: str | None = None
    main_design_reason: str | None = None
    main_design_untold: str | None = None
    main_sample_size: int | None = None
    main_sample_size_reason: str | None = None
    strongest_claim: str | None = None
    overclaim_count: int = 0
    overclaim_score: float = 0.0

    def update(self, fields: dict) -> None:
        """Set the named fields (an unknown name is an error: the class has slots)."""
        for name, value in fields.items():
            setattr(self, name, value)


# file name -> record class; the order is the order files are written and documented
RECORD_FILES: dict[str, type] = {
    "documents": DocumentRecord,
    "effects": Effect,
    "sample_sizes": SampleSize,
    "designs": Design,
    "hedges": Hedge,
    "claims": Claim,
}
SPAN_KINDS = tuple(kind for kind in RECORD_FILES if kind != "documents")
#: span kind -> its record class
SPAN_RECORDS: dict[str, type] = {kind: RECORD_FILES[kind] for kind in SPAN_KINDS}

#: field name -> the vocabulary its values come from (None is allowed where the record allows it)
FIELD_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "measure": MEASURES, "design": DESIGNS, "population": POPULATIONS, "strength": STRENGTHS,
    "category": HEDGE_CATEGORIES, "p_relation": P_RELATIONS, "section": SECTIONS,
    "main_design": DESIGNS, "main_design_untold": DESIGNS, "main_population": POPULATIONS, "strongest_claim": STRENGTHS,
    "bound": SAMPLE_BOUNDS, "status": STATUSES, "interval_kind": INTERVAL_KINDS, "evidence": DESIGNS,
}
#: list field name -> the vocabulary of its items
LIST_FIELD_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "reasons": OVERCLAIM_REASONS, "flags": EFFECT_FLAGS, "also": DESIGNS,
}


def extension_name(kind: str) -> str:
    """The Doc extension a span kind's records live on: ``evx_effects`` for ``effects``."""
    return f"evx_{kind}"


def fields_of_type(record_class: type, *types: type) -> tuple[str, ...]:
    """Names of the fields whose annotation is one of ``types`` (``float`` matches ``float | None``)."""
    names = {t.__name__ for t in types}
    out = []
    for f in fields(record_class):
        annotation = str(f.type).replace(" ", "")
        if set(annotation.split("|")) - {"None"} <= names and set(annotation.split("|")) & names:
            out.append(f.name)
    return tuple(out)


def column_types(kind: str) -> dict[str, str]:
    """The columns of a record file, in order, each with its kind of value: ``str``, ``int``,
    ``float``, ``bool``, ``list`` or ``dict`` (span files start with ``doc_id``). Parquet copies
    and :func:`evx.load` derive their column types from this."""
    import typing
    record_class = RECORD_FILES[kind]
    hints = typing.get_type_hints(record_class)
    columns = {} if "doc_id" in {f.name for f in fields(record_class)} else {"doc_id": "str"}
    for f in fields(record_class):
        origin = typing.get_origin(hints[f.name])
        args = [a for a in typing.get_args(hints[f.name]) if a is not type(None)] or [hints[f.name]]
        base = origin if origin in (list, dict) else args[0]
        base = typing.get_origin(base) or base
        columns[f.name] = base.__name__ if base in (str, int, float, bool, list, dict) else "str"
    return columns


def field_names(record_class: type) -> list[str]:
    return [f.name for f in fields(record_class)]


def to_row(record: Any, doc_id: str | None = None) -> dict:
    """A record as a JSON-ready dict; span records get ``doc_id`` first."""
    row = asdict(record)
    if doc_id is not None and "doc_id" not in row:
        row = {"doc_id": doc_id, **row}
    return row

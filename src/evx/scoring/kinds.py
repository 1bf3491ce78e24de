"""What is compared, per record kind: the label field, what a full match requires,
which attributes are tallied, and how a record is described in the list of errors."""
from __future__ import annotations

from dataclasses import dataclass

from evx.scoring.matching import effect_agrees, numbers_agree


@dataclass
class KindSpec:
    """How one record kind is scored: its label field and what a full match requires."""

    kind: str
    label: str | None                       # field for ``<kind>_per_type``
    agrees: object = None                   # (gold, pred) -> bool, on top of the span
    fields: tuple[str, ...] = ()            # attribute accuracies on span-matched pairs


def kind_specs(tolerance: float | None) -> dict[str, KindSpec]:
    return {
        "effects": KindSpec("effects", "measure", lambda g, p: effect_agrees(g, p, tolerance),
                            ("measure", "value", "ci_low", "ci_high", "ci_level", "p_value",
                             "adjusted", "pooled")),
        "sample_sizes": KindSpec("sample_sizes", None, lambda g, p: g.get("n") == p.get("n"),
                                 ("n", "group", "bound")),
        "designs": KindSpec("designs", "design", lambda g, p: g.get("design") == p.get("design"),
                            ("design", "population", "year", "generic", "section")),
        "hedges": KindSpec("hedges", None, None, ("on_claim", "category")),
        "claims": KindSpec("claims", None, None, ("strength", "hedged", "overclaim")),
    }


def field_equal(name: str, gold, pred, tolerance: float | None) -> bool:
    if name in ("value", "ci_low", "ci_high", "ci_level", "p_value"):
        return numbers_agree(gold, pred, tolerance)
    if name == "group":
        return (gold or "").strip().lower() == (pred or "").strip().lower()
    return gold == pred


def describe(kind: str, record: dict) -> str:
    """A record in a few words, for the detail of a miss or a false hit."""
    if kind == "effects":
        ci = ""
        if record.get("ci_low") is not None or record.get("ci_high") is not None:
            ci = f" [{record.get('ci_low')}, {record.get('ci_high')}]"
        return f"{record.get('measure')} {record.get('value')}{ci}"
    if kind == "sample_sizes":
        return f"n={record.get('n')} {record.get('group') or ''}".strip()
    if kind == "designs":
        bits = [str(record.get("design")), str(record.get("population") or "")]
        if record.get("year"):
            bits.append(str(record["year"]))
        return " ".join(b for b in bits if b)
    if kind == "hedges":
        return f"cue {record.get('cue') or record.get('quote') or record.get('text')!r}" + (
            ", on claim" if record.get("on_claim") else "")
    if kind == "claims":
        flag = " (overclaim)" if record.get("overclaim") else ""
        return f"{record.get('strength')}{flag}"
    return ""

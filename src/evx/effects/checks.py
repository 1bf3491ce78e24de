"""Consistency checks on a ratio estimate, its interval and its p-value (pure functions).

In the spirit of statcheck (Nuijten et al. 2016), which recomputes p from reported
test statistics: a ratio estimate, its confidence interval and its p-value
constrain each other, so a reviewer can be told when they disagree. Each check
returns ``None`` (consistent, or cannot be judged) or a one-line explanation;
:func:`check_effect` collects the flags (codes from ``records.EFFECT_FLAGS``).

Rounding: a number reported as ``1.30`` may be anything in [1.295, 1.305]; every
check gives the reported digits that benefit of the doubt (:func:`half_unit`).
``ci_log_asymmetric`` also tolerates a centre 5% of the half-width off (exact intervals).

``p_ci_mismatch`` is judged only for 95% intervals, and for intervals whose level
is unstated (assumed 95%, the near-universal convention in health research);
90% or 99% intervals say nothing direct about p < 0.05.

``p_from_ci`` follows Altman & Bland, "How to obtain the P value from a confidence
interval", BMJ 2011;343:d2304: on the log scale, SE = (log u − log l) / (2 × 1.96),
z = log(estimate) / SE, P = exp(−0.717 z − 0.416 z²).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import NormalDist

ALPHA = 0.05
# How far (as a fraction of the interval's half-width on the log scale) the interval's centre may
# sit from the estimate before it is called asymmetric, on top of rounding: exact and profile
# likelihood intervals are a little off-centre (on the dev sentences 8% of intervals were
# off-centre beyond rounding alone, most by under 1% of the half-width).
LOG_CENTRE_TOLERANCE = 0.05


@dataclass
class Reported:
    """An estimate as written: numbers plus the text of each (for its rounding)."""

    value: float | None
    low: float | None = None
    high: float | None = None
    value_text: str = ""
    low_text: str = ""
    high_text: str = ""
    level: float | None = None
    p_value: float | None = None
    p_relation: str | None = None
    reversed_limits: bool = False


@dataclass
class CheckResult:
    flags: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)
    p_from_ci: float | None = None


def half_unit(number_text: str) -> float:
    """Half a unit in the last reported digit: "1.30" -> 0.005, "2" -> 0.5, ".76" -> 0.005."""
    text = number_text.strip().replace("·", ".").replace(",", ".")
    decimals = len(text) - text.index(".") - 1 if "." in text else 0
    return 0.5 * 10 ** (-decimals)


def fmt(x: float) -> str:
    return f"{x:.4g}"


def estimate_outside_ci(r: Reported) -> str | None:
    if r.value is None or r.low is None or r.high is None:
        return None
    if r.low <= r.value <= r.high:
        return None
    return f"the estimate {fmt(r.value)} lies outside its own interval {fmt(r.low)}–{fmt(r.high)}"


def limits_reversed(r: Reported) -> str | None:
    if not r.reversed_limits:
        return None
    return (f"the interval was written upper limit first ({fmt(r.high)}–{fmt(r.low)}); "
            f"it is reported here as {fmt(r.low)}–{fmt(r.high)}")


def nonpositive_limit(r: Reported) -> str | None:
    bad = [x for x in (r.value, r.low, r.high) if x is not None and x <= 0]
    if not bad:
        return None
    return f"a ratio cannot be zero or negative, but {fmt(min(bad))} is reported (a typo, or not a ratio)"


def ci_log_asymmetric(r: Reported) -> str | None:
    """A ratio's Wald interval is symmetric about the estimate on the log scale: v² = l × u.

    With rounding, symmetry is possible iff [v_min², v_max²] meets [l_min u_min, l_max u_max].
    Exact and profile-likelihood intervals are slightly off-centre by construction, so the
    centre may also sit ``LOG_CENTRE_TOLERANCE`` of the log half-width away from the estimate.
    """
    if r.value is None or r.low is None or r.high is None or min(r.value, r.low, r.high) <= 0 \
            or r.high <= r.low:
        return None
    dv, dl, du = half_unit(r.value_text or fmt(r.value)), half_unit(r.low_text or fmt(r.low)), \
        half_unit(r.high_text or fmt(r.high))
    v_min, v_max = max(r.value - dv, 0.0), r.value + dv
    slack = math.exp(LOG_CENTRE_TOLERANCE * math.log(r.high / r.low))   # e^(2 × tolerance × half-width)
    product_min = max(r.low - dl, 0.0) * max(r.high - du, 0.0) / slack
    product_max = (r.low + dl) * (r.high + du) * slack
    if v_max ** 2 >= product_min and v_min ** 2 <= product_max:
        return None
    below, above = math.log(r.value / r.low), math.log(r.high / r.value)
    return (f"on the log scale the interval is not centred on the estimate ({below:.3f} below, "
            f"{above:.3f} above), more than rounding of the reported digits allows")


def _ci_side(r: Reported) -> bool | None:
    """True when the interval excludes 1, False when it includes 1, None when rounding decides."""
    if r.low is None or r.high is None:
        return None
    dl, du = half_unit(r.low_text or fmt(r.low)), half_unit(r.high_text or fmt(r.high))
    if r.low - dl > 1 or r.high + du < 1:
        return True
    if r.low + dl < 1 < r.high - du:
        return False
    return None


def _p_side(p: float | None, relation: str | None) -> bool | None:
    """True when the reported p is below 0.05, False when above, None when it does not say."""
    if p is None:
        return None
    relation = relation or "="
    if relation == "=":
        return True if p < ALPHA else False if p > ALPHA else None
    if relation in ("<", "≤"):
        return True if p <= ALPHA else None
    if relation in (">", "≥"):
        return False if p >= ALPHA else None
    return None


def p_ci_mismatch(r: Reported) -> str | None:
    if r.level not in (None, 95) or r.p_value is None:
        return None
    ci_significant, p_significant = _ci_side(r), _p_side(r.p_value, r.p_relation)
    if ci_significant is None or p_significant is None or ci_significant == p_significant:
        return None
    level = "95%" if r.level else "the (assumed 95%)"
    interval = f"{level} interval {fmt(r.low)}–{fmt(r.high)}"
    p = f"p {r.p_relation or '='} {fmt(r.p_value)}"
    if ci_significant:
        return f"{interval} excludes 1 (significant at 5%), but the reported {p} is not below 0.05"
    return f"{interval} includes 1 (not significant at 5%), but the reported {p} is below 0.05"


def p_from_ci(r: Reported) -> float | None:
    """Altman & Bland (BMJ 2011): the two-sided p implied by a ratio's interval."""
    if r.value is None or r.low is None or r.high is None or min(r.value, r.low, r.high) <= 0 \
            or r.high <= r.low:
        return None
    z_level = NormalDist().inv_cdf(0.5 + (r.level or 95) / 200)
    se = (math.log(r.high) - math.log(r.low)) / (2 * z_level)
    z = abs(math.log(r.value)) / se
    return float(f"{math.exp(-0.717 * z - 0.416 * z * z):.4g}")


CHECKS = {
    "estimate_outside_ci": estimate_outside_ci,
    "limits_reversed": limits_reversed,
    "nonpositive_limit": nonpositive_limit,
    "ci_log_asymmetric": ci_log_asymmetric,
    "p_ci_mismatch": p_ci_mismatch,
}


def check_effect(r: Reported) -> CheckResult:
    """Every check on one estimate: flag codes in ``EFFECT_FLAGS`` order, with explanations."""
    result = CheckResult(p_from_ci=p_from_ci(r))
    for code, check in CHECKS.items():
        explanation = check(r)
        if explanation:
            result.flags.append(code)
            result.details[code] = explanation
    return result

"""Consistency checks on ratio estimates (pure functions): each flag raised when it should be,
and only then, with the reported rounding given the benefit of the doubt."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evx.effects.checks import (CHECKS, Reported, check_effect, ci_log_asymmetric, estimate_outside_ci,
                               half_unit, limits_reversed, nonpositive_limit, p_ci_mismatch, p_from_ci)
from evx.records import EFFECT_FLAGS


def reported(value, low, high, p=None, relation=None, level=95, reversed_limits=False) -> Reported:
    """Numbers with their text as a paper would print them (texts keep the reported digits)."""
    texts = [x if isinstance(x, str) else None for x in (value, low, high)]
    nums = [None if x is None else float(x) for x in (value, low, high)]
    return Reported(value=nums[0], low=nums[1], high=nums[2], value_text=texts[0] or "",
                    low_text=texts[1] or "", high_text=texts[2] or "", level=level,
                    p_value=p, p_relation=relation, reversed_limits=reversed_limits)


def test_every_flag_code_is_in_the_record_vocabulary_in_order():
    assert list(CHECKS) == list(EFFECT_FLAGS)


@pytest.mark.parametrize("text, half", [("1.30", 0.005), ("2", 0.5), (".76", 0.005), ("0·044", 0.0005),
                                        ("1,5", 0.05)])
def test_half_unit_of_the_last_digit(text, half):
    assert half_unit(text) == pytest.approx(half)


@pytest.mark.parametrize("args, flagged", [
    (("0.31", "0.67", "1.11"), True),
    (("1.00", "1.00", "1.12"), False),
    (("2.2", "1.3", "3.6"), False),
    (("1.5", None, None), False),
])
def test_estimate_outside_ci(args, flagged):
    assert bool(estimate_outside_ci(reported(*args))) is flagged


def test_limits_reversed_explains_the_normalisation():
    note = limits_reversed(reported("2.69", "1.00", "7.24", reversed_limits=True))
    assert note and "upper limit first" in note and "1–7.24" in note
    assert limits_reversed(reported("2.69", "1.00", "7.24")) is None


@pytest.mark.parametrize("args, flagged", [
    (("0.09", "0", "0.8"), True),
    (("0.5", "-0.2", "1.3"), True),
    (("0.5", "0.2", "1.3"), False),
])
def test_nonpositive_limit(args, flagged):
    assert bool(nonpositive_limit(reported(*args))) is flagged


@pytest.mark.parametrize("args, flagged", [
    (("2.00", "1.00", "4.00"), False),          # exactly symmetric on the log scale
    (("0.86", "0.67", "1.1"), False),           # 1.1 may be 1.05..1.15: rounding allows symmetry
    (("1.51", "1.32", "1.73"), False),
    (("1.324", "0.705", "2.50"), False),        # 0.4% of the half-width off-centre: an exact interval
    (("2.00", "1.50", "4.00"), True),           # 0.29 below, 0.69 above
    (("0.78", "0.67", "2.64"), True),           # an upper limit copied from elsewhere
    (("13.28", "0.91", "379"), True),
    (("1.2", "0", "2.0"), False),               # a zero limit is another flag's business
])
def test_ci_log_asymmetric(args, flagged):
    assert bool(ci_log_asymmetric(reported(*args))) is flagged


@pytest.mark.parametrize("args, kwargs, flagged", [
    (("1.24", "0.97", "1.59"), dict(p=0.01, relation="="), True),     # CI includes 1, p < 0.05
    (("4.4", "1.4", "19.2"), dict(p=0.31, relation="="), True),       # CI excludes 1, p > 0.05
    (("1.24", "0.97", "1.59"), dict(p=0.08, relation="="), False),
    (("0.5", "0.2", "1.0"), dict(p=0.0495, relation="="), False),     # a limit that rounds to 1 decides nothing
    (("2.1", "1.5", "2.9"), dict(p=0.001, relation="<"), False),
    (("1.1", "0.9", "1.3"), dict(p=0.1, relation="<"), False),        # "p < 0.1" says nothing about 0.05
    (("1.1", "0.9", "1.3"), dict(p=0.05, relation="<"), True),
    (("4.4", "1.4", "19.2"), dict(p=0.31, relation="=", level=90), False),  # only 95% (or unstated) intervals
    (("4.4", "1.4", "19.2"), dict(p=0.31, relation="=", level=None), True),
    (("4.4", "1.4", "19.2"), dict(), False),
])
def test_p_ci_mismatch(args, kwargs, flagged):
    assert bool(p_ci_mismatch(reported(*args, **kwargs))) is flagged


def test_p_from_ci_matches_altman_and_bland_worked_example():
    # BMJ 2011;343:d2304: RR 0.81 (95% CI 0.70 to 0.94) gives P = 0.005
    assert p_from_ci(reported("0.81", "0.70", "0.94")) == pytest.approx(0.005, abs=0.0006)


def test_p_from_ci_uses_the_interval_level():
    p95 = p_from_ci(reported("1.5", "1.1", "2.0", level=95))
    p90 = p_from_ci(reported("1.5", "1.1", "2.0", level=90))
    assert p90 > p95        # the same width read as a 90% interval means a larger standard error


@pytest.mark.parametrize("args", [("1.5", None, None), ("0.09", "0", "0.8"), ("1.2", "1.4", "1.3")])
def test_p_from_ci_needs_a_usable_interval(args):
    assert p_from_ci(reported(*args)) is None


@settings(max_examples=60, deadline=None)
@given(st.floats(0.05, 20), st.floats(0.05, 2.0))
def test_p_from_ci_is_within_one_and_a_half_points_of_exact(ratio, half_width):
    """Altman & Bland's approximation against the exact normal p, for any 95% interval."""
    from statistics import NormalDist
    low, high = ratio * math.exp(-half_width), ratio * math.exp(half_width)
    z = abs(math.log(ratio)) / (half_width / 1.959964)
    exact = 2 * (1 - NormalDist().cdf(z))
    assert p_from_ci(Reported(value=ratio, low=low, high=high)) == pytest.approx(exact, abs=0.015)


def test_check_effect_collects_flags_with_explanations():
    result = check_effect(reported("0.31", "0.67", "1.11", p=0.01, relation="="))
    assert result.flags == ["estimate_outside_ci", "ci_log_asymmetric", "p_ci_mismatch"]
    assert set(result.details) == set(result.flags) and all(result.details.values())
    clean = check_effect(reported("1.51", "1.32", "1.73", p=0.001, relation="<"))
    assert clean.flags == [] and clean.details == {} and clean.p_from_ci < 0.001

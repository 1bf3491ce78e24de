"""Numbers as health writing prints them."""
from __future__ import annotations

import pytest

from evx.text.numbers import number


@pytest.mark.parametrize("text, value", [
    ("1·18", 1.18), ("0,93", 0.93), (".76", 0.76), ("−0.5", -0.5), ("1.2 × 10−5", 1.2e-5), ("3e-6", 3e-6), ("12", 12.0),
])
def test_number(text, value):
    assert number(text) == pytest.approx(value)

"""Lower-casing that keeps offsets, and the case-sensitive twins of case-insensitive patterns."""
from __future__ import annotations

import re

from hypothesis import given, strategies as st

from evx.claims import cues as claim_cues
from evx.text.casefold import finditer_fast, lower_for_matching, lower_keeping_offsets, lowercase_twin


@given(st.text(max_size=60))
def test_lowering_keeps_every_offset(text):
    low = lower_keeping_offsets(text)
    assert len(low) == len(text)
    assert all(len(a.lower()) != 1 or a.lower() == b for a, b in zip(text, low))


def test_lowering_leaves_lengthening_letters_alone():
    assert lower_keeping_offsets("İzmir RCT") == "İzmir rct"
    assert lower_keeping_offsets("Tea WAS Linked") == "tea was linked"


@given(st.text(alphabet=st.sampled_from("aAbBkKsS \u017f\u0131\u0130\u212a-.,"), max_size=40))
def test_twin_finds_what_the_original_finds(text):
    pattern = re.compile(r"(?<!\w)(?:ask|bak|ks)(?!\w)", re.IGNORECASE)
    assert [m.span() for m in finditer_fast(pattern, text)] == [m.span() for m in pattern.finditer(text)]


def test_lower_for_matching_refuses_case_traps_and_keeps_word_characters():
    assert lower_for_matching("Tea Was LINKED") == "tea was linked"
    assert lower_for_matching("café ‘linked’") == "café ‘linked’"
    for trap in ("a \u017fmall study", "d\u0131et", "\u0130stanbul"):
        assert lower_for_matching(trap) is None
    # lowering must not turn a word character into a non-word one or back (Basic Multilingual Plane)
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        low = ch.lower()
        if len(low) == 1:
            assert (ch.isalnum() or ch == "_") == (low.isalnum() or low == "_"), hex(cp)


def test_lowercase_twin_only_for_patterns_it_cannot_change():
    assert lowercase_twin(claim_cues.relation_pattern()) is not None
    assert lowercase_twin(claim_cues.feature_scanner()[0]) is not None
    for unsafe in (r"\Sab", "(?-i:ab)c", "caf\u00e9"):
        assert lowercase_twin(re.compile(unsafe, re.IGNORECASE)) is None



"""The name engine's fast paths compute exactly what the plain definitions compute.

Speed in the name engine comes from computing the same values more cheaply (reading wordfreq's
table directly, a flatter alignment loop...). Each fast path is checked here against the
straightforward definition it replaces, on real and generated inputs.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mtclean.names.common import zipf


def test_zipf_equals_wordfreq_on_a_sample_of_its_own_table():
    from wordfreq import get_frequency_dict, zipf_frequency

    words = sorted(w for w in get_frequency_dict("en", "best") if re.fullmatch("[a-z]+", w))
    sample = words[::97]  # about 3,000 known words, frequent and rare
    assert len(sample) > 1000
    assert [zipf(w) for w in sample] == [zipf_frequency(w, "en") for w in sample]
    hyphenated = [f"{a}-{b}" for a, b in zip(sample[::7], sample[3::7])]
    assert [zipf(w) for w in hyphenated] == [zipf_frequency(w, "en") for w in hyphenated]


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[a-z]{1,10}(-[a-z]{1,8}){0,2}", fullmatch=True))
def test_zipf_equals_wordfreq_on_generated_parts(word):
    from wordfreq import zipf_frequency

    assert zipf(word) == zipf_frequency(word, "en")


@settings(max_examples=400, deadline=None)
@given(
    st.from_regex(r"(al|bin|[a-z]{1,9})", fullmatch=True),
    st.from_regex(r"(al|ibn|[a-z]{1,9})", fullmatch=True),
)
def test_one_part_alignment_equals_the_table(a, b):
    from mtclean.names.score import _align_table, align

    assert align((a,), (b,)) == _align_table((a,), (b,))

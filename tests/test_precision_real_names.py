"""Precision on real names: thousands of people's names from an event-data actor dictionary
(PETRARCH/Phoenix, MIT, in the shared evaluation data), each in a plain sentence. These are
correct names of real people, most of them absent from the embedded gazetteers: every rewrite is
at best a normalisation and usually a false fix. The test bounds their rate."""

from __future__ import annotations

import random

import pytest
from conftest import shared_path

import mtclean
from mtclean import load_gazetteer


@pytest.fixture(scope="module")
def names():
    g = load_gazetteer(shared_path("data", "phoenix", "Phoenix.Countries.actors.txt"))
    people = sorted(e.canonical for e in g if e.type == "PER")
    random.Random(2026).shuffle(people)
    return people[:1500]


def test_real_names_are_rarely_rewritten(names):
    cleaner = mtclean.Cleaner(enable=["name"])
    rewritten = []
    for i in range(0, len(names), 30):
        text = "\n".join(f"Officials met {n} on Monday." for n in names[i : i + 30])
        rewritten += [(f.original, f.replacement) for f in cleaner.clean(text).fixes]
    # At most 0.5% of real names rewritten (measured: about 0.2%).
    assert len(rewritten) <= len(names) * 0.005, rewritten

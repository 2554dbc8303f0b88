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


def test_a_family_name_alone_after_the_full_name_is_rarely_rewritten(names):
    # News names a person in full, then by the family name alone. The lone word is that
    # person's: before, 0.8 % of these second mentions became a place or another person
    # ("Francis Babu ... Babu said" -> al-Bab). Measured now: about 0.2 %, mostly the full name
    # and its family name normalised together.
    cleaner = mtclean.Cleaner(enable=["name"])
    rewritten = []
    for n in names:
        if " " in n:
            text = f"{n} arrived in the capital on Monday. {n.split()[-1]} said the talks would resume."
            rewritten += [(f.original, f.replacement) for f in cleaner.clean(text).fixes]
    assert len(rewritten) <= len(names) * 0.005, rewritten


@pytest.mark.parametrize(
    "text",
    [
        "Francis Babu arrived in the capital on Monday. Babu said the talks would resume.",
        "Babu said the talks would resume. Francis Babu arrived in the capital on Monday.",
        "Charles Kennja arrived on Monday. Officials in Kennja said the roads were closed.",
    ],
)
def test_a_word_of_an_unknown_full_name_in_the_text_is_not_rewritten(text):
    assert not mtclean.Cleaner(enable=["name"]).clean(text).fixes


def test_a_word_of_a_full_name_repaired_to_the_same_entity_is_repaired_too():
    cleaner = mtclean.Cleaner(enable=["name"])
    for text in (
        "Russian Foreign Minister Sergei Rabrov arrived on Monday. Rabrov said the talks would resume.",
        "Rabrov said the talks would resume. Russian Foreign Minister Sergei Rabrov arrived on Monday.",
    ):
        r = cleaner.clean(text)
        assert ("Rabrov", "Lavrov") in [(f.original, f.replacement) for f in r.fixes], text

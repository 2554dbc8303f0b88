"""Result.entities: every gazetteer mention the engine recognised, with spans in both texts."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtclean import Cleaner, Entity, Entry, Gazetteer

GAZ = Gazetteer(
    [
        Entry(
            "per.kofi-annan",
            "PER",
            "Kofi Annan",
            mangled=("Cofi Anan",),
            country=("GH",),
            description="Secretary-General of the United Nations (1997–2006)",
        ),
        Entry(
            "per.angela-merkel",
            "PER",
            "Angela Merkel",
            aliases=("Merkel",),
            mangled=("Angela Merkl",),
            country=("DE",),
            description="Chancellor of Germany (2005–2021)",
        ),
        Entry("loc.ghana", "LOC", "Ghana", demonyms=("Ghanaian",), country=("GH",)),
        Entry("loc.germany", "LOC", "Germany", demonyms=("German",), country=("DE",)),
        Entry("org.united-nations", "ORG", "United Nations"),
    ],
    name="entities-test",
)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(GAZ, defaults=False)


def check_spans(r) -> None:
    for e in r.entities:
        assert r.original[e.start : e.end] == e.original
        assert r.text[e.cleaned_start : e.cleaned_end] == e.text
        assert e.entity in GAZ
        assert e.type == GAZ[e.entity].type
        assert e.canonical == GAZ[e.entity].canonical


def test_fixed_and_correct_mentions_with_spans_in_both_texts(cleaner: Cleaner) -> None:
    r = cleaner.clean("Angela Merkl met Kofi Annan at the United Nations in Ghana.")
    assert r.text == "Angela Merkel met Kofi Annan at the United Nations in Ghana."
    by_id = {e.entity: e for e in r.entities}
    assert set(by_id) == {"per.angela-merkel", "per.kofi-annan", "org.united-nations", "loc.ghana"}
    merkel = by_id["per.angela-merkel"]
    assert (merkel.original, merkel.text, merkel.fixed) == ("Angela Merkl", "Angela Merkel", True)
    assert (merkel.start, merkel.end, merkel.cleaned_start, merkel.cleaned_end) == (0, 12, 0, 13)
    annan = by_id["per.kofi-annan"]
    assert annan.fixed is False and annan.original == annan.text == "Kofi Annan"
    # Everything after the repair moved one character to the right in the cleaned text.
    assert (annan.start, annan.cleaned_start) == (17, 18)
    assert by_id["org.united-nations"].type == "ORG"
    assert [e.start for e in r.entities] == sorted(e.start for e in r.entities)
    check_spans(r)


def test_entities_keep_the_form_around_them(cleaner: Cleaner) -> None:
    r = cleaner.clean("Cofi Anan's speech was short.")
    (e,) = r.entities
    assert e.text == "Kofi Annan" and e.fixed
    assert r.text.startswith("Kofi Annan's speech")


def test_alias_mention_links_to_the_entry(cleaner: Cleaner) -> None:
    r = cleaner.clean("German officials said Merkel agreed.")
    assert r.text == r.original
    assert [(e.entity, e.original, e.fixed) for e in r.entities] == [
        ("loc.germany", "German", False),
        ("per.angela-merkel", "Merkel", False),
    ]


def test_no_entity_for_a_repair_that_was_not_applied() -> None:
    strict = Cleaner(GAZ, defaults=False, min_confidence={"name": 1.0})
    r = strict.clean("Angela Merkl met Kofi Annan.")
    assert r.text == r.original
    assert [e.entity for e in r.entities] == ["per.kofi-annan"]
    (finding,) = [f for f in r.findings if f.entity]
    assert finding.entity == "per.angela-merkel" and finding.replacement == "Angela Merkel"


def test_no_entity_for_a_mention_that_another_fix_deleted(cleaner: Cleaner) -> None:
    r = cleaner.clean("[Ghanaian] German officials said Merkel agreed.")
    if r.text != "German officials said Merkel agreed.":
        pytest.fail(f"the bracket insertion was expected to be removed: {r.text!r}")
    assert "loc.ghana" not in {e.entity for e in r.entities}
    assert {e.entity for e in r.entities} == {"loc.germany", "per.angela-merkel"}
    check_spans(r)


def test_unknown_names_are_not_entities(cleaner: Cleaner) -> None:
    r = cleaner.clean("Mary Robinson and Ban Ki-moon spoke in Accra.")
    assert r.entities == ()


def test_entities_in_to_dict_are_json(cleaner: Cleaner) -> None:
    r = cleaner.clean("Cofi Anan visited Ghana.")
    d = json.loads(json.dumps(r.to_dict()))
    assert [e["entity"] for e in d["entities"]] == ["per.kofi-annan", "loc.ghana"]
    assert d["entities"][0] == {
        "entity": "per.kofi-annan",
        "type": "PER",
        "canonical": "Kofi Annan",
        "original": "Cofi Anan",
        "start": 0,
        "end": 9,
        "text": "Kofi Annan",
        "cleaned_start": 0,
        "cleaned_end": 10,
        "fixed": True,
    }
    assert all(isinstance(e, Entity) for e in r.entities)


PIECES = [
    "Cofi Anan",
    "Kofi Annan",
    "Angela Merkl",
    "Angela Merkel",
    "Merkel",
    "Ghana",
    "German",
    "the United Nations",
    "said",
    "the the",
    "officials",
    "on Monday",
    "[Ghanaian]",
    "Accra",
    "’s",
    ",",
    ".",
    "\n",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_entity_spans_always_agree_with_both_texts(pieces: list[str]) -> None:
    cleaner = Cleaner(GAZ, defaults=False)
    r = cleaner.clean(" ".join(pieces))
    check_spans(r)
    spans = [(e.start, e.end) for e in r.entities]
    assert spans == sorted(spans)
    for e in r.entities:
        assert e.cleaned_end > e.cleaned_start
        assert e.fixed == any(f.start == e.start and f.end == e.end and f.entity == e.entity for f in r.fixes)
        if e.fixed:
            assert e.text != e.original

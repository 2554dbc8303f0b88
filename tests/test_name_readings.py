"""The matcher side of gazetteer `readings` (rule ``name.reading``).

Readings are written here by hand for made-up and real entries, so the tests do not depend on the
generated data; one test checks that the shipped gazetteer's generated readings are used.
"""

from __future__ import annotations

import pytest

from mtclean import Cleaner, Entry, Gazetteer

PEOPLE = Gazetteer(
    [
        Entry("per.hu", "PER", "Hu Jintao", native=("胡錦濤",), readings=("Ko Kinto", "Ko Kintou"),
              country=("CN",), description="President of China (2003–2013)"),
        Entry("per.dong", "PER", "Dong Jun", native=("董軍",), readings=("To Gun",), country=("CN",),
              description="Defence Minister of China (2023–)"),
        Entry("per.moon", "PER", "Moon Jae-in", aliases=("Moon Jae In",), native=("文在寅",),
              readings=("Bun Zaiin",), country=("KR",), description="President of South Korea (2017–2022)"),
    ],
    name="test",
)


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner(PEOPLE, defaults=False, enable=["name"])


def test_a_reading_is_rewritten_to_the_canonical_form(cleaner):
    r = cleaner.clean("Chinese President Ko Kinto arrived in Moscow on Monday.")
    assert r.text == "Chinese President Hu Jintao arrived in Moscow on Monday."
    (fix,) = r.fixes
    assert (fix.rule, fix.entity, fix.original) == ("name.reading", "per.hu", "Ko Kinto")
    assert "胡錦濤" in fix.reason and "Japanese reading" in fix.reason


def test_a_reading_keeps_the_form_around_it(cleaner):
    assert cleaner.clean("Bun Zaiin's aide spoke.").text == "Moon Jae-in's aide spoke."
    assert cleaner.clean("They met Kō Kintō.").text == "They met Hu Jintao."  # macron folded


def test_a_slightly_respelt_reading_goes_through_the_fuzzy_matcher(cleaner):
    r = cleaner.clean("Chinese President Ko Kindo arrived.")
    assert r.text == "Chinese President Hu Jintao arrived."
    (fix,) = r.fixes
    assert fix.rule == "name.fuzzy" and "Ko Kinto" in fix.reason


def test_a_reading_that_is_also_english_needs_a_title_that_fits(cleaner):
    for text in ["Police Plan To Gun Down Rules", "To Gun owners, the law is clear."]:
        r = cleaner.clean(text)
        assert r.text == text and not r.fixes
    r = cleaner.clean("Chinese Defence Minister To Gun met his counterpart.")
    assert r.text == "Chinese Defence Minister Dong Jun met his counterpart."
    assert r.fixes[0].rule == "name.reading" and "title" in r.fixes[0].reason


def test_a_piece_of_a_reading_is_never_a_partial_mention(cleaner):
    for text in ["Kinto arrived on Monday.", "Mr Kinto arrived on Monday.", "Bun said nothing."]:
        r = cleaner.clean(text)
        assert r.text == text and not r.fixes


def test_readings_are_not_accepted_forms():
    assert "Ko Kinto" not in PEOPLE["per.hu"].accepted


def test_the_embedded_gazetteer_uses_its_generated_readings():
    from mtclean.resources import default_gazetteer

    g = default_gazetteer()
    with_readings = [e for e in g if e.readings]
    assert len(with_readings) >= 100
    c = Cleaner(enable=["name"])
    hu = g["per.hu-jintao"]
    reading = hu.readings[0]
    r = c.clean(f"Former President {reading} met the delegation.")
    assert r.text == "Former President Hu Jintao met the delegation."
    assert r.fixes[0].entity == "per.hu-jintao"

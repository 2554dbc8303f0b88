"""The matcher side of gazetteer `readings` (rule ``name.reading``).

Readings are written here by hand for made-up and real entries, so the tests do not depend on the
generated data; one test checks that the shipped gazetteer's generated readings are used.
"""

from __future__ import annotations

import pytest

from mtclean import Cleaner, Entry, Gazetteer

PEOPLE = Gazetteer(
    [
        Entry("per.xi", "PER", "Xi Jinping", native=("習近平",), readings=("Shu Kinpei", "Shuu Kinpei"),
              country=("CN",), description="President of China (2013–)"),
        Entry("per.dong", "PER", "Dong Jun", native=("董軍",), readings=("To Gun",), country=("CN",),
              description="Defence Minister of China (2023–)"),
        Entry("per.kim", "PER", "Kim Jong Un", aliases=("Kim Jong-un",), native=("金正恩",),
              readings=("Kin Shoon", "Kin Shouon"), country=("KP",), description="Supreme Leader of North Korea"),
    ],
    name="test",
)


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner(PEOPLE, defaults=False, enable=["name"])


def test_a_reading_is_rewritten_to_the_canonical_form(cleaner):
    r = cleaner.clean("Chinese President Shu Kinpei arrived in Moscow on Monday.")
    assert r.text == "Chinese President Xi Jinping arrived in Moscow on Monday."
    (fix,) = r.fixes
    assert (fix.rule, fix.entity, fix.original) == ("name.reading", "per.xi", "Shu Kinpei")
    assert "習近平" in fix.reason and "Japanese reading" in fix.reason


def test_a_reading_keeps_the_form_around_it(cleaner):
    assert cleaner.clean("Kin Shoon's sister spoke.").text == "Kim Jong Un's sister spoke."
    assert cleaner.clean("They met Shū Kinpei.").text == "They met Xi Jinping."  # macron folded


def test_a_slightly_respelt_reading_goes_through_the_fuzzy_matcher(cleaner):
    r = cleaner.clean("Chinese President Shu Kimpei arrived.")
    assert r.text == "Chinese President Xi Jinping arrived."
    (fix,) = r.fixes
    assert fix.rule == "name.fuzzy" and "Shu Kinpei" in fix.reason


def test_a_reading_that_is_also_english_needs_a_title_that_fits(cleaner):
    for text in ["Police Plan To Gun Down Rules", "To Gun owners, the law is clear."]:
        r = cleaner.clean(text)
        assert r.text == text and not r.fixes
    r = cleaner.clean("Chinese Defence Minister To Gun met his counterpart.")
    assert r.text == "Chinese Defence Minister Dong Jun met his counterpart."
    assert r.fixes[0].rule == "name.reading" and "title" in r.fixes[0].reason


def test_a_piece_of_a_reading_is_never_a_partial_mention(cleaner):
    for text in ["Shu arrived on Monday.", "Mr Kinpei arrived on Monday.", "Kin said nothing."]:
        r = cleaner.clean(text)
        assert r.text == text and not r.fixes


def test_readings_are_not_accepted_forms():
    assert "Shu Kinpei" not in PEOPLE["per.xi"].accepted


def test_the_embedded_gazetteer_uses_its_generated_readings():
    from mtclean.resources import default_gazetteer

    g = default_gazetteer()
    with_readings = [e for e in g if e.readings]
    assert len(with_readings) >= 100
    c = Cleaner(enable=["name"])
    xi = g["per.xi-jinping"]
    reading = xi.readings[0]
    r = c.clean(f"President {reading} met the delegation.")
    assert r.text == "President Xi Jinping met the delegation."
    assert r.fixes[0].entity == "per.xi-jinping"

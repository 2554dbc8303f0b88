"""The open world: most people a news text names are in no gazetteer. A title that fits an entry
("Foreign Minister") fits every holder of that office in the world, so it must not turn a real
person's name into the name of an entry that shares a word with it. Each case here was rewritten
before the rule it names."""

from __future__ import annotations

import random

import pytest
from conftest import shared_path

import mtclean
from mtclean import load_gazetteer
from mtclean.names.context import Offices, TitleEvidence, _scope_words, title_evidence
from mtclean.resources import default_gazetteer


@pytest.fixture(scope="module")
def cleaner() -> mtclean.Cleaner:
    return mtclean.Cleaner(enable=["name"])


def _fixes(cleaner: mtclean.Cleaner, text: str) -> list[tuple[str, str]]:
    return [(f.original, f.replacement) for f in cleaner.clean(text).fixes]


@pytest.mark.parametrize(
    "text",
    [
        # a given name shared with an entry, a different family name: someone else
        "Foreign Minister Igor Stefanov arrived in the capital.",
        "Foreign Minister Jorge Carranza arrived in the capital.",
        "Foreign Minister Mamadou Tandja arrived in the capital.",
        # a family name shared with an entry, a different given name
        "Foreign Minister Hassan Saleh arrived in the capital.",
        # an acronym is matched exactly or not at all ("Allaf" is not al-LAF)
        "Officials met Allaf on Monday.",
        # a name beginning "An" is not the article an- ("Anjos" is not an-Jos, "Antulay" not Tula)
        "Officials met Anjos on Monday.",
        "Officials met Antulay on Monday.",
        # the entity named in full elsewhere does not make a far-off name its own; nor is the
        # title of the name before "met" the title of the name after it
        "Israeli Prime Minister Benjamin Netanyahu met Benjamin Natan on Monday.",
        # a father and son, both named in full: an attested name is not a misspelling of another
        "King Norodom Sihamoni, the son of the late King Norodom Sihanouk, opened the session.",
        # the text already spells the entity: another full name with other consonants is another person
        "Mykola Oleshchuk and Mykola Polishchuk attended the meeting.",
        # two words read as one against a longer name, loosely: it needs a title that identifies
        "Farouk al-Sharaa met Farouq Kasrawy.",
    ],
)
def test_a_title_that_only_fits_does_not_rename_someone_else(cleaner, text):
    assert _fixes(cleaner, text) == []


def test_the_text_still_confirms_a_respelling_of_the_name_it_spells(cleaner):
    # The same consonants in another spelling, after the name spelled right: a mangled repeat.
    text = "Ahmed al-Sharaa arrived in Paris on Monday. Later, Ahmed Arshara met the president."
    assert _fixes(cleaner, text) == [("Ahmed Arshara", "Ahmed al-Sharaa")]


def test_a_name_many_people_share_needs_evidence(cleaner):
    # Every word of "Mohamad Hasan" is one many people bear: a name spelled near it is a
    # suggestion only, unless the text identifies the person.
    r = cleaner.clean("Foreign Minister Muhammad Husayn arrived in the capital.")
    assert not r.fixes
    assert [(f.original, f.replacement) for f in r.findings] == [("Muhammad Husayn", "Mohamad Hasan")]
    assert "many people share" in r.findings[0].reason
    assert _fixes(cleaner, "Malaysian Foreign Minister Muhammad Husayn arrived.") == [
        ("Muhammad Husayn", "Mohamad Hasan")
    ]


@pytest.mark.parametrize(
    "text,original,canonical",
    [
        # the country in the title identifies the office
        ("Venezuelan Foreign Minister Jorge Arreazza arrived.", "Jorge Arreazza", "Jorge Arreaza"),
        # an office few countries have
        ("Supreme Leader Ari Hamenei warned against any attack.", "Ari Hamenei", "Ali Khamenei"),
        # the body the office belongs to
        ("Hezbollah Secretary-General Naeem Kassem spoke.", "Naeem Kassem", "Naim Qassem"),
        ("UN Secretary-General Antonio Gutierrez urged restraint.", "Antonio Gutierrez", "António Guterres"),
        # a respelling, not another name: a fitting title still confirms it
        ("Prime Minister Benjamin Netaniyafu told the cabinet.", "Benjamin Netaniyafu", "Benjamin Netanyahu"),
    ],
)
def test_a_title_that_identifies_the_office_confirms(cleaner, text, original, canonical):
    assert _fixes(cleaner, text) == [(original, canonical)]


def test_offices_count_the_countries_that_have_them():
    offices = Offices(default_gazetteer())
    assert offices.countries(["minister"], [], ["foreign"], set()) > Offices.FEW
    assert offices.countries(["president"], [], [], set()) > Offices.FEW
    assert offices.countries([], ["leader"], ["supreme"], set()) <= Offices.FEW
    # a lower rank is another office
    assert offices.countries(["minister"], [], ["deputy", "foreign"], {"deputy", "foreign", "minister"}) >= 1


def test_scope_words_and_initials():
    assert {"united", "nations", "un"} <= _scope_words("Secretary-General of the United Nations (2017–)")
    assert "hezbollah" in _scope_words("Secretary-General of Hezbollah (2024–)")
    assert _scope_words("President (1990–1995)") == frozenset()


def test_title_evidence_specific_only_with_country_scope_or_rare_office():
    g = default_gazetteer()
    from mtclean.names.context import CountryMap

    countries, offices = CountryMap(g), Offices(g)
    lavrov = next(e for e in g if e.canonical == "Sergey Lavrov")
    generic = title_evidence(["Foreign", "Minister"], lavrov, countries, offices)
    assert isinstance(generic, TitleEvidence) and generic.agrees and not generic.specific
    named = title_evidence(["Russian", "Foreign", "Minister"], lavrov, countries, offices)
    assert named.agrees and named.specific


def test_real_names_with_a_fitting_title_are_rarely_rewritten(cleaner):
    # Real people from an event-data actor dictionary (shared evaluation data), not accepted forms
    # of our entries, each in its own "Foreign Minister X" sentence. Before the open-world rules,
    # 22 of these 1,500 (1.5 %) were rewritten; now 8 (0.5 %), most of them the same person
    # spelled another way ("Manuchehr Motaki").
    path = shared_path("data", "phoenix", "Phoenix.Countries.actors.txt")
    g = load_gazetteer(path)
    index = next(d for d in cleaner.detectors if d.name == "names").index
    people = sorted({e.canonical for e in g if e.type == "PER" and not index.exact_forms(e.canonical)})
    random.Random(2026).shuffle(people)
    sample = people[:1500]
    rewritten = [f for n in sample for f in _fixes(cleaner, f"Foreign Minister {n} arrived in the capital.")]
    assert len(rewritten) <= len(sample) * 0.006, rewritten


@pytest.mark.parametrize(
    "text",
    [
        # a common surname with a syllable less than the entry's, the given name exact: someone
        # else (found in a contributors list: "Thomas Grainger" became Thomas Greminger)
        "- Thomas Grainger <tom@example.org>",
        "Officials met Thomas Grainger on Monday.",
        # the entry's given name with a syllable of its own added: another name (Lin Jian)
        "The typo was fixed by Jianru Lin.",
        # one word English knows, with nothing around it saying what it is (the Nahal brigade)
        "The new parser was taken from Narwhal.",
        # a former holder's name after a title with the country: another holder of the office
        "Afghan Foreign Minister Burhanuddin Rabbani arrived in the capital.",
        "French Foreign Minister Dominique Perben arrived in the capital.",
        # every part respelt into a name people bear, after the title of a former holder (Ann
        # Linde): another holder of the office
        "Swedish Foreign Minister Anna Lindh arrived in the capital.",
    ],
)
def test_a_close_common_name_is_someone_else(cleaner, text):
    assert _fixes(cleaner, text) == []


@pytest.mark.parametrize(
    "text,fixed",
    [
        # the same rule leaves respellings alone: a letter for another of its class, kh for h
        ("Officials met Mussa Dadis Kamara on Monday.", "Moussa Dadis Camara"),
        ("Officials met Hurram Dastgir Han on Monday.", "Khurram Dastgir Khan"),
        # a katakana ending (vowels, the last consonant doubled) is no syllable of its own
        ("Opposition leader Roman Abramovichoo said on Monday that the talks would resume.", "Roman Abramovich"),
    ],
)
def test_a_respelling_of_one_part_is_still_repaired(cleaner, text, fixed):
    assert [rep for _o, rep in _fixes(cleaner, text)] == [fixed]

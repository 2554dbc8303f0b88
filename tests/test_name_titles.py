"""Title words before a name: context, never part of the span (``names/spans.py``).

A capitalised title word the engine did not know ("Commissioner", "Chief Executive") stayed in the
run of name-like tokens and made the name next to it look wider than the matched span (a finding
at most); an abbreviation that is also a name word ("Sen" in "Hun Sen") cut the name in two.
"""

from __future__ import annotations

import pytest

import mtclean
from mtclean import Cleaner, Entry, Gazetteer
from mtclean.document import Document
from mtclean.names.spans import is_title_token, runs, split_run


@pytest.fixture(scope="module")
def cleaner() -> mtclean.Cleaner:
    return mtclean.Cleaner(enable=["name"])


@pytest.mark.parametrize(
    "text,original,canonical",
    [
        ("Swedish European Commissioner Ilva Dzhokhansson told reporters on Monday.", "Ilva Dzhokhansson", "Ylva Johansson"),
        ("Cambodian Prime Minister Khun Sen told reporters on Monday.", "Khun Sen", "Hun Sen"),
        # Titles from the roles of UN officials and party founders: without them the title word
        # was an unknown capitalised word next to the name, and the repair only a finding.
        (
            "UN Special Coordinator Jeanine Hennis-Purasschaert told reporters on Monday.",
            "Jeanine Hennis-Purasschaert",
            "Jeanine Hennis-Plasschaert",
        ),
        ("MQM Founder Artaf Hussain addressed supporters.", "Artaf Hussain", "Altaf Hussain"),
    ],
)
def test_names_after_titles_are_repaired(cleaner, text, original, canonical):
    r = cleaner.clean(text)
    assert [(f.original, f.replacement) for f in r.fixes] == [(original, canonical)]


@pytest.mark.parametrize(
    "text,titles",
    [
        ("Commissioner Ylva Johansson spoke.", ("commissioner",)),
        ("Chief Executive Herman Gref spoke.", ("chief", "executive")),
        ("Special Envoy Steve Witkoff spoke.", ("special", "envoy")),
        ("Sen. Chuck Schumer spoke.", ("sen",)),
        ("Commissioner-General Philippe Lazzarini spoke.", ("commissioner-general",)),
        ("Vice-President Kamala Harris spoke.", ("vice-president",)),
        ("Prof. Noam Chomsky spoke.", ("prof",)),
        ("Hun Sen spoke.", ()),
    ],
)
def test_split_run_takes_the_titles_off(text, titles):
    doc = Document(text)
    run = runs(doc)[0]
    rest, got, _initial = split_run(doc, run)
    assert got == titles
    assert all(not is_title_token(doc, doc.tokens[k]) for k in rest)


def test_abbreviated_titles_need_their_period():
    doc = Document("Sen. Schumer met Hun Sen and Rep. Omar.")
    sens = [is_title_token(doc, t) for t in doc.tokens if t.text == "Sen"]
    assert sens == [True, False]
    assert [is_title_token(doc, t) for t in doc.tokens if t.text == "Rep"] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Amartya Sen won the prize on Monday.",  # guard: a name word, not a title
        "Cambodian Prime Minister Hun Sen said on Monday.",  # guard: exact name
    ],
)
def test_names_with_title_like_words_stay(cleaner, text):
    assert cleaner.clean(text).fixes == ()


def test_a_person_title_outweighs_a_place_spelled_nearly_like_the_name(cleaner):
    # "Eldogan" is also close to a small district the gazetteer protects (a veto): the title
    # says it is a person. Without a title, or with a place's context, the veto stands.
    r = cleaner.clean("Turkish President Eldogan spoke by phone.")
    assert [(f.original, f.replacement, f.entity) for f in r.fixes] == [
        ("Eldogan", "Erdoğan", "per.recep-tayyip-erdogan")
    ]
    assert not cleaner.clean("Eldogan spoke by phone.").fixes
    assert not cleaner.clean("Officials in Eldogan said the road was closed.").fixes


def test_an_iranian_foreign_minister_spelt_with_an_english_word_is_repaired(cleaner):
    r = cleaner.clean("Iranian Foreign Minister Zaleaf said the talks were useful.")
    assert [(f.original, f.replacement) for f in r.fixes] == [("Zaleaf", "Zarif")]
    assert "English spelling of the sound" in r.fixes[0].reason
    # The same word after a title that fits every foreign minister in the world: left alone.
    assert not cleaner.clean("Foreign Minister Zaleaf said the talks were useful.").fixes


@pytest.mark.parametrize(
    "text,original,canonical",
    [
        # Katakana round trips (Japanese news through machine translation).
        ("Turkish President Erdoan met the delegation.", "Erdoan", "Erdoğan"),  # ğ is silent
        ("Hezbollah leader Nasrara said the group would respond.", "Nasrara", "Nasrallah"),
        ("Iranian President Raishi visited the province.", "Raishi", "Raisi"),  # シ is "shi" and "si"
    ],
)
def test_katakana_renderings_after_an_identifying_title_are_repaired(cleaner, text, original, canonical):
    r = cleaner.clean(text)
    assert [(f.original, f.replacement) for f in r.fixes] == [(original, canonical)]


def test_a_lone_family_name_after_a_title_that_fits_is_suggested_not_rewritten(cleaner):
    # "President" fits Donald Trump but also every other president: a finding with the
    # suggestion, never a fix. With no title there is nothing to go by, not even a suggestion.
    r = cleaner.clean("President Torump said he would meet Putin.")
    assert not r.fixes
    assert [(f.original, f.replacement, f.entity) for f in r.findings] == [("Torump", "Trump", "per.donald-trump")]
    assert r.findings[0].confidence < 0.8
    assert not cleaner.clean("Torump said he would meet Putin.").findings


def test_a_lone_family_name_read_from_katakana_after_a_title_that_fits_is_repaired(cleaner):
    # The katakana reading lands on the name ("netaniyafu" -> "netaniyahu"): the English spelling
    # is Netanyahu whoever bears it, and nobody writes "Netaniyafu" in English.
    r = cleaner.clean("Prime Minister Netaniyafu's office said the talks had ended without agreement.")
    assert [(f.original, f.replacement) for f in r.fixes] == [("Netaniyafu", "Netanyahu")]
    # A near spelling as written is not enough: Borisov's wife or daughter is "Borissova", and
    # without a title nothing says it is him.
    assert not cleaner.clean("Prime Minister Borissova's office said the talks had ended.").fixes
    assert not cleaner.clean("Netaniyafu's office said the talks had ended.").fixes


def test_a_lone_given_name_is_no_mention_of_a_person(cleaner):
    # "Michell" is near Michelle O'Neill's given name, and "British Minister" fits her office:
    # news does not call a minister by a given name alone.
    r = cleaner.clean("On Tuesday, British Minister Michell said the talks would resume next week.")
    assert not r.fixes


def test_the_arabic_article_in_romanised_katakana_is_the_article(cleaner):
    # アル ("aru") is "al": it aligns with the name's article and is rewritten; "El-" is an
    # accepted rendering of the article and stays.
    r = cleaner.clean("Libyan Prime Minister Aru-Tani told reporters.")
    assert [(f.original, f.replacement) for f in r.fixes] == [("Aru-Tani", "al-Thani")]
    r = cleaner.clean("Syrian President Ahmed Aru-Sharaa said on Monday.")
    assert [(f.original, f.replacement) for f in r.fixes] == [("Ahmed Aru-Sharaa", "Ahmed al-Sharaa")]
    assert not cleaner.clean("Syrian President Ahmed El-Sharaa said on Monday.").fixes


def _norway_pm(description: str) -> Cleaner:
    entry = Entry("per.kh", "PER", "Keir Hardwick", country=("NO",), description=description)
    return Cleaner(Gazetteer([entry]), defaults=False)


@pytest.mark.parametrize("since", ["(2024–)", "(2024-)", ""])  # no dates: not known to be a former holder
def test_title_with_country_repairs_a_current_holders_respelt_given_name(since):
    # A title with the country names the office's current holder far more often than anyone else:
    # a given name far from his ("Kia", an English word) is a respelling of it.
    r = _norway_pm(f"Prime Minister of Norway {since}".strip()).clean("Norwegian Prime Minister Kia Hardwick said the talks would resume.")
    assert r.text == "Norwegian Prime Minister Keir Hardwick said the talks would resume."


def test_title_with_country_does_not_give_a_former_holders_name_to_another_name():
    # The office had many holders, most in no gazetteer: an exact family name and a given name far
    # from the former holder's is more likely another holder (a suggestion at most).
    c = _norway_pm("Prime Minister of Norway (2001–2005)")
    text = "Norwegian Prime Minister Kia Hardwick said the talks would resume."
    r = c.clean(text)
    assert r.text == text
    assert [(f.replacement, f.confidence) for f in r.findings] == [("Keir Hardwick", 0.7)]
    # A respelling close to the name still goes by the title.
    assert "Keir Hardwick" in c.clean("Norwegian Prime Minister Keer Hardwick said the talks would resume.").text


def test_capital_names_the_country(default_cleaner):
    # A capital in the text names its country like a demonym does: the title then fits the
    # entity of that country only.
    text = "Foreign Minister Aragutchi said in Tehran that the talks would resume."
    assert "Araghchi" in default_cleaner.clean(text).text
    bare = default_cleaner.clean("Foreign Minister Aragutchi said that the talks would resume.")
    assert "Aragutchi" in bare.text and [f.replacement for f in bare.findings] == ["Araghchi"]

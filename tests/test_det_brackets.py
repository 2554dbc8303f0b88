"""Bracketed MT insertions: removed next to a contradicting/duplicated modifier, flagged otherwise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtclean import Cleaner

RULES = ["artifact.bracket-insertion", "artifact.bracket-aside"]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(enable=RULES)


def test_insertion_after_closed_quote_is_removed(cleaner):
    r = cleaner.clean("“We will not give up,” [Turkish] Greek Prime Minister Nikos said.")
    assert r.text == "“We will not give up,” Greek Prime Minister Nikos said."
    (fix,) = r.fixes
    assert fix.original == "[Turkish] " and fix.replacement == "" and fix.rule == "artifact.bracket-insertion"
    assert fix.confidence >= 0.8


def test_unclosed_quote_does_not_protect_the_next_sentence(cleaner):
    # The opening quote is never closed: it reaches only to the end of its own sentence.
    text = "“This is a warning to the rebels. They will pay for it. [Libyan] Egyptian officials said on Monday."
    r = cleaner.clean(text)
    assert r.text == "“This is a warning to the rebels. They will pay for it. Egyptian officials said on Monday."


def test_unclosed_quote_protects_its_own_sentence(cleaner):
    text = "“We will not let [Libyan] Egyptian forces pass, he said. Talks resumed."
    assert cleaner.clean(text).text == text


def test_paragraph_spanning_quote_protects_the_paragraph(cleaner):
    text = "“The first part ends here. We saw [Iraqi] Kurdish forces move.\n“And the rest,” she said."
    r = cleaner.clean(text)
    assert r.text == text
    assert not r.findings


@pytest.mark.parametrize(
    "text",
    [
        "She said they would “continue [their] work” in the region.",
        "He described the decision as “a mistake [that] hurts everyone.”",
        "The plan aims to help the aim[ing] groups.",
        "The figure was disputed.[12] Officials denied it.",
        "The figure was disputed [citation needed] by officials.",
        "Dear [name], your request was received.",
        "See the [full report](https://example.org) for details.",
        "[ad_1]",
        "They quoted the law [sic] in full.",
    ],
)
def test_legitimate_brackets_untouched(cleaner, text):
    r = cleaner.clean(text)
    assert r.text == text
    assert not r.fixes
    assert not r.findings


def test_other_aside_flagged_not_fixed(cleaner):
    text = "The [eastern] Syrian city was shelled on Friday."
    r = cleaner.clean(text)
    assert r.text == text
    assert [f.original for f in r.findings] == ["[eastern]"]
    assert r.findings[0].rule == "artifact.bracket-aside"


def test_bracket_followed_by_non_nationality_is_only_flagged(cleaner):
    text = "[Syrian] forces entered the town."
    r = cleaner.clean(text)
    assert r.text == text
    assert [f.original for f in r.findings] == ["[Syrian]"]


def test_duplicate_two_words(cleaner):
    r = cleaner.clean("Officials said [Prime Minister] Prime Minister Lee spoke.")
    assert r.text == "Officials said Prime Minister Lee spoke."


def test_fullwidth_and_lenticular_brackets(cleaner):
    assert cleaner.clean("【Syrian】 Israeli officials spoke.").text == "Israeli officials spoke."
    assert cleaner.clean("［Syrian］ Israeli officials spoke.").text == "Israeli officials spoke."


def test_idempotent_after_cleaning(cleaner):
    text = "[Syrian] Israeli Prime Minister spoke. [Iranian] Iranian officials agreed."
    once = cleaner.clean(text)
    assert once.text == "Israeli Prime Minister spoke. Iranian officials agreed."
    assert not cleaner.clean(once.text).fixes


def test_gazetteer_demonyms_are_used():
    from mtclean import Entry, Gazetteer

    gaz = Gazetteer([Entry("loc-x", "LOC", "Freedonia", demonyms=("Freedonian",))], name="t")
    c = Cleaner(gaz, defaults=False, enable=RULES)
    assert c.clean("[Freedonian] Israeli officials spoke.").text == "Israeli officials spoke."
    assert c.clean("[Freedonian] Israeli officials spoke.").fixes


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('[]【】［］“”«»" Syrian Israeli aim ing.\n')), max_size=80))
def test_never_crashes_and_spans_match(text):
    c = Cleaner(enable=RULES)
    r = c.clean(text)
    for f in (*r.fixes, *r.findings):
        assert text[f.start : f.end] == f.original
    assert not c.clean(r.text).fixes


def test_large_text_is_fast(cleaner):
    import time

    text = ("He said [Syrian] Israeli “quoted [x] words” and [1] notes. " * 20000)[:1_000_000]
    t = time.perf_counter()
    r = cleaner.clean(text)
    assert time.perf_counter() - t < 10
    assert r.fixes


def test_nationality_before_the_bracket(cleaner):
    assert cleaner.clean("The Israeli [Syrian] Prime Minister spoke.").text == "The Israeli Prime Minister spoke."
    assert cleaner.clean("The Israeli [Israeli] army moved.").text == "The Israeli army moved."
    # Several insertions in a row all go at once (a second pass finds nothing left to do).
    r = cleaner.clean("The Israeli [Syrian] [Syrian] Prime Minister spoke.")
    assert r.text == "The Israeli Prime Minister spoke." and len(r.fixes) == 2
    assert not cleaner.clean(r.text).fixes
    # Not a nationality before it: only flagged.
    r = cleaner.clean("The new [Syrian] government met.")
    assert r.text == "The new [Syrian] government met." and [f.original for f in r.findings] == ["[Syrian]"]


def test_two_word_bracket_ending_in_a_nationality(cleaner):
    assert cleaner.clean("[Northern Syrian] Turkish troops moved.").text == "Turkish troops moved."
    # A name in brackets before a nationality is not a contradiction: only flagged.
    r = cleaner.clean("[Ahmed Hassan] Egyptian officials spoke.")
    assert r.text == "[Ahmed Hassan] Egyptian officials spoke." and r.findings


@pytest.mark.parametrize(
    "text", ["[Syrian] Druze fighters clashed.", "[Iraqi] Kurdish forces moved.", "[Syrian] Druzes met."]
)
def test_group_adjectives_are_not_contradictions(cleaner, text):
    # "Syrian Druze" and "Iraqi Kurdish" are fine together: the bracket is only flagged.
    r = cleaner.clean(text)
    assert r.text == text
    assert [f.rule for f in r.findings] == ["artifact.bracket-aside"]


def test_bracket_deep_inside_a_long_quotation_with_many_inner_quotes(cleaner):
    inner = " ".join(f"‘word{i}’" for i in range(60))
    text = f"“He listed {inner} and [Syrian] Israeli leaders,” she said."
    assert cleaner.clean(text).text == text


@pytest.mark.parametrize(
    "text,expected",
    [
        # What follows the removed bracket binds to the word before it: one pass, nothing left
        # for a second one (found by the hypothesis idempotence test).
        ("Israeli [Syrian] ’s plan failed.", "Israeli’s plan failed."),
        ("He called it Israeli [Syrian], not Syrian.", "He called it Israeli, not Syrian."),
        # A chain of insertions before the nationality goes in one pass too.
        ("[Syrian] [Syrian] Israeli officials spoke.", "Israeli officials spoke."),
        ("The [Syrian] [Japanese] Israeli Prime Minister spoke.", "The Israeli Prime Minister spoke."),
    ],
)
def test_removal_before_punctuation_or_possessive_is_idempotent(text, expected):
    c = Cleaner()
    r = c.clean(text)
    assert r.text == expected
    assert not c.clean(r.text).fixes

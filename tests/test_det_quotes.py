"""Quotation marks: unclosed quotes flagged at the mark; foreign or broken pairs normalised."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtclean import Cleaner
from mtclean.detectors.quotes import analyse_quotes, quote_regions
from mtclean.document import Document

RULES = ["artifact.unclosed-quote", "artifact.quote-style"]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(enable=RULES)


def _flags(r):
    return [(f.rule, f.original) for f in r.findings]


def test_unclosed_flag_covers_first_five_words(cleaner):
    r = cleaner.clean("The envoy said: “We have no choice but to respond firmly. Talks went on.")
    assert _flags(r) == [("artifact.unclosed-quote", "“We have no choice but")]
    assert r.text.startswith("The envoy said")
    assert not r.fixes


def test_unclosed_flag_stops_at_sentence_end(cleaner):
    r = cleaner.clean("He replied “No way. Then he left.")
    assert _flags(r) == [("artifact.unclosed-quote", "“No way.")]


def test_balanced_quotes_not_flagged(cleaner):
    text = "“It is over,” he said. She called it “a disaster” and “a shame.”\n“Next,” they said."
    r = cleaner.clean(text)
    assert r.text == text and not r.findings


def test_nested_double_quotes_are_paired(cleaner):
    text = "“He told me “never again” and left,” she said."
    assert not cleaner.clean(text).findings


def test_paragraph_spanning_quote_not_flagged(cleaner):
    text = "“The first paragraph of the statement.\n\n“The second paragraph closes it,” the statement said."
    assert not cleaner.clean(text).findings


def test_unclosed_quote_before_a_plain_paragraph_is_flagged(cleaner):
    text = "“The first paragraph of the statement.\n\nThe second paragraph is narration."
    assert [f.rule for f in cleaner.clean(text).findings] == ["artifact.unclosed-quote"]


def test_stray_markup_quote_not_flagged(cleaner):
    assert not cleaner.clean("link “> more text").findings


def test_guillemets_normalised_to_dominant_curly(cleaner):
    text = "“One,” he said. “Two,” she said. They called it «a farce» on Monday."
    r = cleaner.clean(text)
    assert r.text == "“One,” he said. “Two,” she said. They called it “a farce” on Monday."
    assert {f.rule for f in r.fixes} == {"artifact.quote-style"}
    assert not cleaner.clean(r.text).fixes


def test_guillemets_normalised_to_dominant_straight(cleaner):
    text = '"One," he said. "Two," she said. They called it «a farce» on Monday.'
    r = cleaner.clean(text)
    assert r.text == '"One," he said. "Two," she said. They called it "a farce" on Monday.'


def test_broken_pair_with_apostrophe_closer(cleaner):
    text = "“One,” he said. “Two,” she said. «We are ready.’ the statement said."
    r = cleaner.clean(text)
    assert r.text == "“One,” he said. “Two,” she said. “We are ready.” the statement said."


def test_no_dominant_style_leaves_text(cleaner):
    text = "“One,” he said. They called it «a farce» and «a sham»."
    r = cleaner.clean(text)
    assert r.text == text and not r.fixes


def test_curly_and_straight_mix_is_left_alone(cleaner):
    text = '“One,” he said. “Two,” she said. “Three,” they said. "Four," we said.'
    r = cleaner.clean(text)
    assert r.text == text and not r.fixes


def test_apostrophes_are_not_closers(cleaner):
    text = "“One,” he said. “Two,” she said. «The workers’ union agreed» they said."
    r = cleaner.clean(text)
    assert r.text == "“One,” he said. “Two,” she said. “The workers’ union agreed” they said."


def test_quote_regions_for_closed_and_unclosed_quotes():
    doc = Document("“A b.” C d. “E f. G h.")
    regions = quote_regions(doc)
    assert (0, 6) in regions
    # The unclosed quote reaches the end of its sentence only.
    s = doc.text.index("“E")
    assert (s, doc.text.index("G") - 1) in regions
    a = analyse_quotes(doc)
    assert [u[0] for u in a.unclosed] == [s]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("“”„«»‹›《》「」'\"’‘ ab.,\n")), max_size=60))
def test_never_crashes_spans_match_idempotent(text):
    c = Cleaner(enable=RULES)
    r = c.clean(text)
    for f in (*r.fixes, *r.findings):
        assert text[f.start : f.end] == f.original
    assert not c.clean(r.text).fixes


def test_a_lone_straight_opening_quote_is_flagged_only_when_it_can_only_open():
    c = Cleaner(enable=RULES)
    r = c.clean('The spokesman said "we will respond at the appropriate time.')
    assert [(f.rule, f.original) for f in r.findings] == [("artifact.unclosed-quote", '"we will respond at the')]
    assert r.text == 'The spokesman said "we will respond at the appropriate time.'  # a flag, never a fix
    # Inches, two straight marks (which pairs with which is unclear) or a closed quote: no flag.
    for text in (
        'The screen measures 55" across.',
        'He is 6\'2" tall and "very fast.',
        'He said "we will respond," and left.',
        'The frame adds "about an inch.\n"More," he said.',  # runs on into the next paragraph
    ):
        assert not [f for f in c.clean(text).findings if f.rule == "artifact.unclosed-quote"], text

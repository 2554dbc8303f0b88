"""Unicode and spacing: full-width punctuation, invisible characters, spacing, mojibake."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mtclean import Cleaner
from mtclean.detectors.unicode import UnicodeDetector

RULES = [r.id for r in UnicodeDetector.rules]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(enable=RULES)


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The sides agreed to talk，and the meeting ended at noon。",
            "The sides agreed to talk, and the meeting ended at noon.",
        ),
        ("Prices rose、officials said。Markets fell.", "Prices rose, officials said. Markets fell."),
        ("He asked：why now？Nobody answered！", "He asked: why now? Nobody answered!"),
        ("The envoy （a veteran） arrived.", "The envoy (a veteran) arrived."),
        ("Turnout was ８０％ in ２０２４.", "Turnout was 80% in 2024."),
        ("The total was 1，000 people.", "The total was 1,000 people."),
        ("The talks　resumed.", "The talks resumed."),
        ("The title 【Breaking】 appeared.", "The title [Breaking] appeared."),
        ("He praised the film 《Hero》 warmly.", "He praised the film “Hero” warmly."),
        ("Talks ended ，officials said.", "Talks ended, officials said."),
    ],
)
def test_fullwidth_in_latin_text(cleaner, text, expected):
    r = cleaner.clean(text)
    assert r.text == expected
    assert r.fixes and all(f.kind == "unicode" for f in r.fixes)
    assert not cleaner.clean(r.text).fixes


@pytest.mark.parametrize(
    "text",
    [
        "中国和美国的代表在北京会谈，讨论贸易。",
        "韓国と日本は、会談を再開した。",
        "The slogan “团结，奋斗” was everywhere.",
    ],
)
def test_fullwidth_between_cjk_left_alone(cleaner, text):
    r = cleaner.clean(text)
    assert r.text == text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A zero\u200bwidth space.", "A zerowidth space."),
        ("\ufeffThe text had a byte-order mark.", "The text had a byte-order mark."),
        ("The soft\u00ad\u00adhyphens went.", "The softhyphens went."),
        ("Left\u200eto right.", "Leftto right."),
    ],
)
def test_invisible_removed(cleaner, text, expected):
    assert cleaner.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thumbs 👍🏽 and a family 👩\u200d👩\u200d👦 emoji.",
        "The word می\u200cروم is Persian.",
        "ภาษา\u200bไทย text.",
        "שלום\u200f, he said.",
    ],
)
def test_invisible_kept_where_meaningful(cleaner, text):
    assert cleaner.clean(text).text == text


def test_nbsp_inside_word(cleaner):
    assert cleaner.clean("The govern\u00a0ment fell.").text == "The government fell."
    kept = "Page\u00a012 of the report, 5\u00a0km away, said Mr.\u00a0Lee in\u00a0to the night."
    assert cleaner.clean(kept).text == kept


@pytest.mark.parametrize(
    "text,expected",
    [
        ("He said , however , it was over.", "He said, however, it was over."),
        ("Really ? Yes !", "Really? Yes!"),
        ("The goal : peace ; the means : talks.", "The goal: peace; the means: talks."),
        ("It ended .", "It ended."),
        ("Iran ’s envoy and Israel 's envoy met.", "Iran’s envoy and Israel's envoy met."),
        ("A 20 -year-old man and a six -point plan.", "A 20-year-old man and a six-point plan."),
        ("Former President Park Geun- hye spoke.", "Former President Park Geun-hye spoke."),
    ],
)
def test_spacing_fixed(cleaner, text, expected):
    r = cleaner.clean(text)
    assert r.text == expected
    assert not cleaner.clean(r.text).fixes


@pytest.mark.parametrize(
    "text",
    [
        "He paused ... and then . . . spoke.",
        "The ratio was 3 : 1 at 10:30.",
        "Emoticons :) and smileys :-) stay.",
        "The pre- and post-election periods.",
        "The 2019 - 2020 season and the score 3 - 1.",
        "He was -as usual- late.",
        "Both mid- to long-term goals.",
        "The U.S. and U.K. envoys, e.g. Mr. Lee, met at 3.5 p.m.",
        "See aljazeera.com, bbc.co.uk and www.Reuters.Com for more.",
        "Visit https://example.org/News.Html today.",
        "Email press@example.org.Thanks.",
        "Curly “quotes”, apostrophes’ and dashes — and – stay.",
        "The café’s ﬁne naïve décor stays.",
        # command lines and code quoted in a text: options and names, not broken words or sentences
        "Run tar -xvf file.tar or curl -L to follow redirects, git format-patch -o out.",
        "The `stream.Writable` class and print(gc.get_cities) are documented.",
        "The fs.ReadStream API reads files.",
    ],
)
def test_correct_text_untouched(cleaner, text):
    r = cleaner.clean(text)
    assert r.text == text, r.fixes
    assert not r.fixes


def test_missing_space_after_sentence(cleaner):
    r = cleaner.clean("Talks ended this week.With no deal, they left.Why?Nobody knows.")
    assert r.text == "Talks ended this week. With no deal, they left. Why? Nobody knows."


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Donâ€™t say it.", "Don’t say it."),
        ("The cafÃ© near the Ã‰cole.", "The café near the École."),
        ("He said â€œnoâ€\x9d twice.", "He said “no” twice."),
    ],
)
def test_mojibake_repaired(cleaner, text, expected):
    r = cleaner.clean(text)
    assert r.text == expected
    assert {f.rule for f in r.fixes} == {"unicode.mojibake"}
    assert not cleaner.clean(r.text).fixes


def test_rules_do_not_fight():
    """Spacing and full-width rules together: one pass gives a stable, sensible text."""
    c = Cleaner(enable=RULES)
    text = "Talks ended ，officials said 。Then Iran ’s envoy left.Next week ,more talks\u200b."
    once = c.clean(text)
    assert once.text == "Talks ended, officials said. Then Iran’s envoy left. Next week, more talks."
    assert not c.clean(once.text).fixes


_ALPHABET = list("，。、：；！？（）【】《》「」　０９ＡＺａ\u200b\u00ad\u00a0\ufeff\u200d .,;:!?'’-ab中文Ãâ€™©\n")


@settings(max_examples=250, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40))
def test_never_crashes_spans_match_idempotent(text):
    c = Cleaner(enable=RULES)
    r = c.clean(text)
    for f in (*r.fixes, *r.findings):
        assert text[f.start : f.end] == f.original
    assert not c.clean(r.text).fixes


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=50))
def test_arbitrary_unicode_never_crashes(text):
    r = Cleaner(enable=RULES).clean(text)
    for f in r.fixes:
        assert text[f.start : f.end] == f.original


def test_large_text_is_fast(cleaner):
    import time

    text = ("Talks ended，officials said。Iran ’s envoy left.Next week , the cafÃ© opened. " * 12000)[:900_000]
    t = time.perf_counter()
    r = cleaner.clean(text)
    assert time.perf_counter() - t < 15
    assert r.fixes


def test_quoted_letter_s_is_not_a_possessive(cleaner):
    text = "The letter 's' and the letter ’s’ are silent."
    assert cleaner.clean(text).text == text


def test_soft_hyphen_inside_mojibake_is_repaired_not_removed(cleaner):
    # "í" in UTF-8 read as Latin-1 is "Ã" + U+00AD: removing the soft hyphen would lose the letter.
    assert cleaner.clean("MarÃ\u00ada said so.").text == "María said so."


# --- the gates --------------------------------------------------------------------------------

_GATES = ("_FW_GATE", "_SPACE_PUNCT_GATE", "_APOS_S_GATE", "_SPACE_HYPHEN_GATE", "_HYPHEN_SPACE_GATE")
_GATE_ALPHABET = [*_ALPHABET, "\t", "s", "S", "A", "x", "1", ")", "”", "%", "\u3000", "。", "\ufe50", "\U0001f600"]


def _proposals(text: str, *, ungated: bool = False) -> list[object]:
    import re

    import mtclean.detectors.unicode as U
    from mtclean.document import Document

    with pytest.MonkeyPatch.context() as m:
        if ungated:
            for name in _GATES:
                m.setattr(U, name, re.compile(""))  # matches at 0: every pattern runs over the whole text
        return list(UnicodeDetector(None).find(Document(text)))  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=st.sampled_from(_GATE_ALPHABET), max_size=40),
        st.lists(
            st.sampled_from(["Iran", " ’s", " 's", " -led", "long- awaited", "said ,", "x :", "，"]), max_size=8
        ).map("".join),
        st.text(max_size=40),
    )
)
@example("中\u3000, 文")
@example("Iran\t’s envoy")
@example("Iran\t's")
@example("a six\t-point plan")
@example("long-\tawaited talks")
@example("talks，and")
@example("said\t.")
@example("won\t;then")
def test_gates_never_change_proposals(text):
    """Each spacing pattern (and the full-width scan) is skipped when its gate finds nothing;
    running every pattern over the whole text proposes exactly the same."""
    assert _proposals(text) == _proposals(text, ungated=True)


def test_gates_over_the_rule_examples():
    found = 0
    for rule in UnicodeDetector.rules:
        for text in (*(e[0] for e in rule.examples), *rule.counter_examples):
            gated = _proposals(text)
            assert gated == _proposals(text, ungated=True), text
            found += len(gated)
    assert found >= 10


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The spokesman said: “ We will not accept it. ”", "The spokesman said: “We will not accept it.”"),
        ("He said “ yes ” and “no”.", "He said “yes” and “no”."),
        ("He said the talks were over.. Both sides left.", "He said the talks were over. Both sides left."),
        ("The talks were over..", "The talks were over."),
    ],
)
def test_space_in_quotes_and_doubled_period(text, expected):
    r = Cleaner(enable=["unicode"]).clean(text)
    assert r.text == expected
    assert Cleaner(enable=["unicode"]).clean(r.text).text == r.text  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "He paused... then spoke.",
        "Counting 1..5 is easy.",
        "See ../docs for details.",
        "He said “yes” and “no” to them.",
        "The words ” and “ were swapped.",  # no quotation between them: left alone
        "She wrote “ \n” on the form.",  # a line break between the marks
    ],
)
def test_space_in_quotes_and_doubled_period_leave_alone(text):
    assert Cleaner(enable=["unicode"]).clean(text).text == text

"""Repetition: doubled function words, immediately repeated sentences, same-stem redundancy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtclean import Cleaner

RULES = ["artifact.doubled-word", "artifact.repeated-sentence", "artifact.same-stem"]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(enable=RULES)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Officials said the the ceasefire held.", "Officials said the ceasefire held."),
        ("It is a a major step.", "It is a major step."),
        ("They plan to to return.", "They plan to return."),
        ("Troops and and police arrived.", "Troops and police arrived."),
        ("The the the vote passed.", "The vote passed."),
        ("He said that that they would leave.", "He said that they would leave."),
        ("The deal is is not final.", "The deal is not final."),
        ("A report said the the talks\nwould resume.", "A report said the talks\nwould resume."),
        ("The military said it it had detected two launches.", "The military said it had detected two launches."),
        ("Officials said they they would not attend.", "Officials said they would not attend."),
    ],
)
def test_doubled_words_fixed(cleaner, text, expected):
    r = cleaner.clean(text)
    assert r.text == expected
    assert all(f.rule == "artifact.doubled-word" and f.confidence >= 0.8 for f in r.fixes)


@pytest.mark.parametrize(
    "text",
    [
        "By then they had had two meetings.",
        "She knew that that plan was doomed.",
        "I think that that is wrong.",
        "What the problem is is the money.",
        "They went to Bora Bora and Baden-Baden.",
        "Walla Walla is in Washington.",
        "The score was 2 2 at half time.",
        "Do do what you must.",
        "He hoped the\nthe text was wrapped.",
        "THE THE",
        "I told you you were wrong.",
        "She gave her her passport back.",
    ],
)
def test_grammatical_or_name_doubling_untouched(cleaner, text):
    r = cleaner.clean(text)
    assert r.text == text
    assert not r.fixes


def test_phrasal_particles_only_flagged(cleaner):
    text = "The strike went on on Monday."
    r = cleaner.clean(text)
    assert r.text == text
    assert [(f.rule, f.original, f.replacement) for f in r.findings] == [("artifact.doubled-word", "on on", "on")]


def test_repeated_sentence_removed(cleaner):
    text = "Rain fell across the north. Rain fell across the north. Roads were closed."
    assert cleaner.clean(text).text == "Rain fell across the north. Roads were closed."


def test_repeated_sentence_thrice_removed_in_one_go(cleaner):
    s = "Rain fell across the north."
    r = cleaner.clean(f"{s} {s} {s} Roads were closed.")
    assert r.text == f"{s} Roads were closed."
    assert not cleaner.clean(r.text).fixes


def test_repeated_paragraph_line_removed(cleaner):
    text = "Rain fell across the north today.\nRain fell across the north today.\nRoads were closed."
    assert cleaner.clean(text).text == "Rain fell across the north today.\nRoads were closed."


@pytest.mark.parametrize("text", ["No. No. No.", "Rain fell. Rain fell heavily.", "It rained today. it rained today."])
def test_short_or_different_sentences_kept(cleaner, text):
    assert cleaner.clean(text).text == text


def test_same_stem_flagged_with_suggestion(cleaner):
    r = cleaner.clean("They warned of the continued continuity of attacks.")
    assert r.text == "They warned of the continued continuity of attacks."
    (f,) = r.findings
    assert f.rule == "artifact.same-stem" and f.original == "continued continuity" and f.replacement == "continuity"


@pytest.mark.parametrize(
    "text",
    [
        "The national nationalism debate.",
        "Several severe storms hit.",
        "Protesters protested.",
        "The increasing increase.",
    ],
)
def test_same_stem_not_flagged(cleaner, text):
    assert not cleaner.clean(text).findings


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "that", "had", "is", "on", "Bora", "x.", "a", "\n", "  "]), max_size=14))
def test_never_crashes_and_idempotent(words):
    text = " ".join(words)
    c = Cleaner(enable=RULES)
    r = c.clean(text)
    for f in (*r.fixes, *r.findings):
        assert text[f.start : f.end] == f.original
    assert not c.clean(r.text).fixes


# --- the pair gate ----------------------------------------------------------------------------

PAIR_VOCAB = (
    "the", "The", "THE", "that", "is", "had", "at", "least", "on", "who", "have", "what", "it",
    "continued", "continuity", "repeated", "repetition", "protective", "protection", "Bora",
    "ß", "SS", "ss", "ﬁ", "fi", "Σ", "σ", "ς", "İ", "i̇", "10", "al-", "’s",
)  # fmt: skip
PAIR_WORDS = st.sampled_from(PAIR_VOCAB)
PAIR_SEPS = st.sampled_from([" ", "  ", "\t", "\u00a0", "\n", ", ", ". ", "     ", "-", ""])


def _gated_and_everywhere(text: str) -> tuple[list[object], list[object]]:
    from mtclean.detectors.repetition import RepetitionDetector
    from mtclean.document import Document

    det = RepetitionDetector(None)  # type: ignore[arg-type]
    doc = Document(text)
    folds = [t.text.casefold() for t in doc.tokens]
    return list(det._doubled(doc)), list(det._pairs(doc, range(len(folds) - 1), folds))


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(st.lists(st.tuples(PAIR_WORDS, PAIR_SEPS).map("".join), max_size=30).map("".join), st.text(max_size=60))
)
def test_pair_gate_never_changes_proposals(text):
    """Only adjacent pairs with equal folds or adjective/noun endings are looked at; looking at
    every pair, with each token folded on its own, proposes exactly the same."""
    gated, everywhere = _gated_and_everywhere(text)
    assert gated == everywhere


def test_pair_gate_over_every_pair_of_words():
    rules = set()
    for a in PAIR_VOCAB:
        for b in PAIR_VOCAB:
            for sep in (" ", "\u00a0 ", "\n"):
                gated, everywhere = _gated_and_everywhere(f"He said {a}{sep}{b} {b} that")
                assert gated == everywhere, (a, sep, b)
                rules.update(p.rule for p in everywhere)  # type: ignore[attr-defined]
    assert rules == {"artifact.doubled-word", "artifact.same-stem"}

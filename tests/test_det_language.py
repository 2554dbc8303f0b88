"""Untranslated fragments: non-Latin script runs and non-English sentences (findings only)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtclean import Cleaner

RULES = ["language.non-latin-script", "language.non-english-sentence"]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(enable=RULES)


@pytest.mark.parametrize(
    "text,run,script",
    [
        ("The spokesman said 我们反对 at the press conference.", "我们反对", "Chinese"),
        ("The poster read ありがとう in large letters.", "ありがとう", "Japanese"),
        ("The crowd shouted 대한민국 만세 all night.", "대한민국 만세", "Hangul"),
        ("The sign said لا للحرب outside.", "لا للحرب", "Arabic"),
        ("He wrote שלום עליכם on the wall.", "שלום עליכם", "Hebrew"),
        ("The report, titled Новости дня, was long.", "Новости дня", "Cyrillic"),
        ("The banner said สวัสดี in red.", "สวัสดี", "Thai"),
        ("The placard read नमस्ते दुनिया in Delhi.", "नमस्ते दुनिया", "Devanagari"),
    ],
)
def test_non_latin_runs_flagged_with_script(cleaner, text, run, script):
    r = cleaner.clean(text)
    assert r.text == text and not r.fixes
    flagged = [f for f in r.findings if f.rule == "language.non-latin-script"]
    assert [f.original for f in flagged] == [run]
    assert script in flagged[0].reason
    assert flagged[0].kind == "language"


@pytest.mark.parametrize(
    "text",
    [
        "Syrian President Ahmed al-Sharaa (أحمد الشرع) visited Riyadh.",
        "Chinese Foreign Minister Wang Yi（王毅）met the envoy.",
        "The word Ρutin had a Greek capital rho.",
        "The alpha particle α was measured.",
        "莫斯科和北京的官员周一举行了会谈，讨论了贸易问题。",
    ],
)
def test_glosses_homoglyphs_and_foreign_texts_not_flagged(cleaner, text):
    assert not cleaner.clean(text).findings


def test_non_english_sentence_flagged(cleaner):
    bad = "Der Minister sagte, dass die Gespräche nächste Woche fortgesetzt werden."
    text = f"The talks ended on Friday. {bad} Both delegations left Geneva."
    r = cleaner.clean(text)
    flagged = [f for f in r.findings if f.rule == "language.non-english-sentence"]
    assert [f.original for f in flagged] == [bad]
    assert "'de'" in flagged[0].reason


@pytest.mark.parametrize(
    "text",
    [
        "The negotiations between the delegations continued throughout the weekend in Geneva.",
        "Officials from Ouagadougou and Niamey met Mahamadou Issoufou and Abdourahamane Tchiani.",
        "The sectarian militias were accused of extrajudicial executions and forced disappearances.",
        "Palestinian President Mahmoud Abbas met Egyptian President Abdel Fattah el-Sisi in Cairo.",
        "Ukraine's president Volodymyr Zelenskyy met Keir Starmer in London.",
        "Oleksandr Syrskyi, Valerii Zaluzhnyi and Kyrylo Budanov spoke in Kharkiv, Zaporizhzhia and Dnipro.",
    ],
)
def test_english_sentences_not_flagged(cleaner, text):
    assert not cleaner.clean(text).findings


def test_langdetect_only_loaded_when_needed(monkeypatch, cleaner):
    import mtclean.detectors.language as lang

    calls = []
    monkeypatch.setattr(lang, "_detect", lambda s: calls.append(s) or [("en", 0.99)])
    cleaner.clean("The minister met the ambassador on Monday and discussed the border.")
    assert calls == []
    cleaner.clean("La ministra dijo que el gobierno seguirá negociando con los sindicatos.")
    assert len(calls) == 1


def test_deterministic(cleaner):
    text = "Intro here. Le gouvernement a annoncé des mesures nouvelles pour les agriculteurs. End."
    first = [f.to_dict() for f in cleaner.clean(text).findings]
    for _ in range(3):
        assert [f.to_dict() for f in cleaner.clean(text).findings] == first


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_never_crashes(text):
    r = Cleaner(enable=RULES).clean(text)
    assert r.text == text
    for f in r.findings:
        assert text[f.start : f.end] == f.original


# --- the non-Latin gate of Document.has_non_latin -------------------------------------------


def test_non_latin_gate_skips_only_characters_of_no_listed_script():
    from mtclean.document import _MAYBE_NON_LATIN_RE, _NON_LATIN_RE

    skipped = "".join(chr(c) for c in range(0x110000) if _MAYBE_NON_LATIN_RE.match(chr(c)) is None)
    assert "a" in skipped and "é" in skipped and "’" in skipped and "Ж" not in skipped
    assert _NON_LATIN_RE.search(skipped) is None


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()), max_size=40))
def test_has_non_latin_equals_a_full_search(text):
    from mtclean.document import _NON_LATIN_RE, Document

    assert Document(text).has_non_latin is (_NON_LATIN_RE.search(text) is not None)


def test_an_untranslated_sentence_outweighing_the_english_one_is_still_flagged_once(cleaner):
    # A short excerpt: more Cyrillic letters than Latin ones, but an English sentence of its own.
    text = "Он сказал, что переговоры продолжатся. The talks resumed on Monday."
    findings = cleaner.clean(text).findings
    assert [(f.rule, f.original) for f in findings] == [
        ("language.non-latin-script", "Он сказал, что переговоры продолжатся")
    ]
    # The same sentence after a longer English one: one finding, not one per rule.
    text = "The talks resumed on Monday and lasted all day long in the capital. Он сказал, что переговоры продолжатся."
    assert [f.rule for f in cleaner.clean(text).findings] == ["language.non-latin-script"]
    # A Russian text quoting an English name is no English text.
    assert not cleaner.clean("Он сказал, что Дональд Трамп приедет. Donald Trump").findings

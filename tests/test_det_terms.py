"""The calque detector (term.calque, term.calque-suspect) and its data table."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtclean import Cleaner
from mtclean.detectors.terms import (
    DataFileError,
    PhraseTrie,
    load_terms,
    nested_unbounded,
    phrase_key,
    phrase_path,
    transfer_case,
)
from mtclean.document import Document
from mtclean.resources import data_path

HEADER = "id\tphrase\treplacement\taction\tconfidence\tlangs\tcase\tbefore\tnot_before\tafter\tnot_after\tnear\tnot_near\tnote"


def _cleaner(**kw) -> Cleaner:
    return Cleaner(defaults=False, enable=["term.calque", "term.calque-suspect"], **kw)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return _cleaner()


@pytest.fixture(scope="module")
def table(cleaner):
    """The rows that decide a phrase: the embedded table, and the spun forms generated from
    spin_terms.tsv and spin_words.tsv whose phrase the table does not hold (a table row is tried
    first)."""
    det = next(d for d in cleaner.detectors if d.name == "terms")
    written = load_terms(data_path("terms.tsv"))
    keys = {t.key for t in written}
    return written + [t for t in det.terms if t.key not in keys and t.file.endswith("spin_terms.tsv")]


def test_embedded_table_loads_on_its_own():
    rows = load_terms(data_path("terms.tsv"))
    assert len(rows) >= 150 and len({t.id for t in rows}) == len(rows)


def _write(tmp_path: Path, name: str, rows: list[str], header: str = HEADER) -> Path:
    p = tmp_path / name
    p.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return p


# --- the table ------------------------------------------------------------------------------


def test_table_size_and_shape(table):
    assert len(table) >= 150
    assert len({t.id for t in table}) == len(table)
    assert all(t.langs for t in table), "every row names its source language(s) or 'spinner'"
    langs = {lang for t in table for lang in t.langs}
    for expected in ("ja", "zh", "ko", "ar", "fa", "ru", "fr", "tr", "spinner"):
        assert expected in langs, expected
    assert all(t.replacement for t in table if t.action == "fix")


def test_issue_examples_are_in_the_table(table):
    keys = {t.key: t for t in table}
    for phrase, repl in [
        ("denominational violence", "sectarian violence"),
        ("confessional violence", "sectarian violence"),
        ("safety cupboard", "security cabinet"),
        ("struggle cupboard", "war cabinet"),
        ("ethnic purification", "ethnic cleansing"),
        ("supreme guide", "Supreme Leader"),
        ("native time", "local time"),
        ("getty pictures", "Getty Images"),
        ("writes to x", "wrote on X"),
        ("wrote to x", "wrote on X"),
    ]:
        assert keys[phrase].replacement == repl


def test_replacements_never_contain_a_phrase(table):
    """Idempotence of the table itself: no replacement is matched again by any row (any context)."""
    trie = PhraseTrie()
    for t in table:
        trie.add(phrase_path(t.phrase), t.id)
    for t in table:
        if t.replacement:
            doc = Document(t.replacement)
            norms: list[str | None] = [None] * len(doc.tokens)
            hits = [trie.longest_at(doc.text, doc.tokens, i, norms) for i in range(len(doc.tokens))]
            assert not any(hits), (t.id, t.replacement, hits)


def test_context_free_fix_rows_apply_and_are_idempotent(cleaner, table):
    for t in table:
        if t.action != "fix" or not t.context.empty:
            continue
        text = f"On Monday, officials discussed {t.phrase} at length."
        r = cleaner.clean(text)
        if t.confidence >= 0.8:
            assert any(f.rule == "term.calque" for f in r.fixes), t.id
            assert t.replacement in r.text, (t.id, r.text)
        else:
            assert r.text == text and any(f.rule == "term.calque" for f in r.findings), t.id
        again = cleaner.clean(r.text)
        assert not again.fixes, (t.id, again.fixes)


# --- matching and case -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Denominational violence flared.", "Sectarian violence flared."),
        ("DENOMINATIONAL VIOLENCE FLARES", "SECTARIAN VIOLENCE FLARES"),
        ("A Wave Of Denominational Violence", "A Wave Of Sectarian Violence"),
        ("a wave of denominational  violence", "a wave of sectarian violence"),
        ("Iran's Supreme Guide spoke.", "Iran's Supreme Leader spoke."),
        ("He wrote to X on Sunday.", "He wrote on X on Sunday."),
        ("It began at 6 a.m. native time.", "It began at 6 a.m. local time."),
        ("It began at 06:30 native time.", "It began at 06:30 local time."),
        ("Women with breast most cancers were treated.", "Women with breast cancer were treated."),
        ("The struggle cupboard met.", "The war cabinet met."),
        ("President Ruto’s workplace stated the talks ended.", "President Ruto’s office stated the talks ended."),
    ],
)
def test_fixes(cleaner, text, expected):
    assert cleaner.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Most cancers are treatable when found early.",  # 'most cancers' without an organ before it
        "Native time zones were abolished.",  # no time of day before
        "Muslim Brotherhood Supreme Guide Mohamed Badie was sentenced.",  # the Brotherhood's title
        "He wrote to X’s owner about the ban.",  # X the company
        "She wrote to Xi Jinping.",
        "Lebanon's confessional system shares out posts.",
        "The kitchen cupboard was bare.",
        "His workplace stated no reason for the dismissal.",  # no title: could be an employer
        "A nationwide safety campaign started.",
        "We drove down a wall road near the farm.",
    ],
)
def test_no_change(cleaner, text):
    r = cleaner.clean(text)
    assert r.text == text
    assert not r.fixes


def test_fix_record(cleaner):
    text = "Officials condemned the ethnic purification."
    r = cleaner.clean(text)
    (f,) = r.fixes
    assert (f.start, f.end, f.original) == (24, 43, "ethnic purification")
    assert text[f.start : f.end] == f.original
    assert f.kind == "term" and f.rule == "term.calque" and f.replacement == "ethnic cleansing"
    assert "ethnic-purification" in f.reason and f.confidence >= 0.8


def test_flag_rows_are_findings_with_suggestion(cleaner):
    r = cleaner.clean("An explosive belt was found.")
    assert r.text == "An explosive belt was found."
    (f,) = [f for f in r.findings if f.rule == "term.calque-suspect"]
    assert f.original == "explosive belt" and f.replacement == "suicide vest"


def test_low_confidence_fix_row_becomes_finding(cleaner):
    text = "Public security organs detained him."
    r = cleaner.clean(text)
    assert r.text == text
    assert [f.original for f in r.findings if f.rule == "term.calque"] == ["Public security organs"]


def test_offsets_survive_length_changing_lowercase(cleaner):
    text = "İİİ denominational violence İ"
    r = cleaner.clean(text)
    (f,) = r.fixes
    assert text[f.start : f.end] == "denominational violence"
    assert r.text == "İİİ sectarian violence İ"


def test_does_not_match_inside_words(cleaner):
    text = "Xdenominational violences"
    assert cleaner.clean(text).text == text


@pytest.mark.parametrize(
    "original,phrase,replacement,expected",
    [
        ("ethnic purification", "ethnic purification", "ethnic cleansing", "ethnic cleansing"),
        ("Ethnic purification", "ethnic purification", "ethnic cleansing", "Ethnic cleansing"),
        ("ETHNIC PURIFICATION", "ethnic purification", "ethnic cleansing", "ETHNIC CLEANSING"),
        ("Ethnic Purification", "ethnic purification", "ethnic cleansing", "Ethnic Cleansing"),
        ("getty pictures", "Getty Pictures", "Getty Images", "Getty Images"),
        ("supreme guide", "Supreme Guide", "Supreme Leader", "Supreme Leader"),
        ("wrote to X", "wrote to X", "wrote on X", "wrote on X"),
    ],
)
def test_transfer_case(original, phrase, replacement, expected):
    assert transfer_case(original, phrase, replacement) == expected


def test_phrase_key_normalises():
    assert phrase_key("Prime  Minister’s\tworkplace") == "prime minister's workplace"


# --- user files ----------------------------------------------------------------------------------


def test_user_file_extends_and_overrides(tmp_path):
    p = _write(
        tmp_path,
        "mine.tsv",
        [
            "my.blue-helmets\tblue helmets force\tUN peacekeepers\tfix\t0.9\tfr\t\t\t\t\t\t\t\t",
            # Same id as an embedded row: replaces it (here: turns it into a flag).
            "ethnic-purification\tethnic purification\tethnic cleansing\tflag\t0.5\tfr\t\t\t\t\t\t\t\t",
        ],
    )
    c = _cleaner(data={"terms": str(p)})
    assert c.clean("The blue helmets force withdrew.").text == "The UN peacekeepers withdrew."
    r = c.clean("They denounced ethnic purification.")
    assert r.text == "They denounced ethnic purification."
    assert [f.rule for f in r.findings] == ["term.calque-suspect"]


@pytest.mark.parametrize(
    "rows,header,field,line",
    [
        (["a\tfoo bar\tbaz\tfix\thigh"], HEADER, "confidence", 2),
        (["a\tfoo bar\tbaz\tmaybe\t0.9"], HEADER, "action", 2),
        (["a\tfoo bar\t\tfix\t0.9"], HEADER, "replacement", 2),
        (["a\tfoo bar\tbaz\tfix\t1.5"], HEADER, "confidence", 2),
        (["a\tfoo bar\tbaz\tfix\t0.9\tfr\ti\t(unclosed"], HEADER, "before", 2),
        (["a\tfoo bar\tbaz\tfix\t0.9\tfr\tx"], HEADER, "case", 2),
        (["a\tfoo bar\tbaz\tfix\t0.9", "a\tqux\tquux\tfix\t0.9"], HEADER, "id", 3),
        (["A B\tfoo bar\tbaz\tfix\t0.9"], HEADER, "id", 2),
        (["a\t123\tbaz\tfix\t0.9"], HEADER, "phrase", 2),
        (["a\tfoo\tbaz\tfix\t0.9"], "id\tphrase\treplacement\taction\tconfidence\tbefor", "befor", 1),
        (["a\tfoo\tbaz\tfix"], "id\tphrase\treplacement\taction", "confidence", 1),
        (["a\tfoo\tbaz\tfix\t0.9\tfr\ti\t\t\t\t\t\t\t\textra"], HEADER, None, 2),
        (["a\tfoo\tbaz\tfix\t0.9\tfr\ti\t\t(\\w+\\s*)*x"], HEADER, "not_before", 2),
        (["a\tfoo ------- bar\tbaz\tfix\t0.9"], HEADER, "phrase", 2),
    ],
)
def test_malformed_user_file_names_file_line_field(tmp_path, rows, header, field, line):
    p = _write(tmp_path, "bad.tsv", rows, header)
    with pytest.raises(DataFileError) as exc:
        _cleaner(data={"terms": str(p)})
    assert exc.value.file == str(p)
    assert exc.value.line == line
    assert exc.value.field == field
    assert str(p) in str(exc.value) and f"line {line}" in str(exc.value)


def test_undecodable_user_file(tmp_path):
    p = tmp_path / "latin1.tsv"
    p.write_bytes((HEADER + "\n").encode() + "a\tcaf\xe9 bar\tx\tfix\t0.9\n".encode("latin-1"))
    with pytest.raises(DataFileError, match="UTF-8"):
        _cleaner(data={"terms": str(p)})


def test_catastrophic_user_context_pattern_does_not_hang(tmp_path):
    p = _write(tmp_path, "evil.tsv", ["evil\tblue moon\tfull moon\tfix\t0.9\ten\ti\t(a|aa)+$"])
    c = _cleaner(data={"terms": str(p)})
    text = "a" * 90 + "! blue moon " * 3
    t0 = time.perf_counter()
    r = c.clean(text)
    assert time.perf_counter() - t0 < 8.0
    assert r.text == text  # the condition did not hold (or timed out): abstain


# --- cost and robustness --------------------------------------------------------------------------


def test_cost_does_not_grow_with_entries(tmp_path):
    rows = [f"gen.{i}\tzq{i:05d} lorem{i}\tx{i}\tfix\t0.9\ten" for i in range(5000)]
    big = _cleaner(data={"terms": str(_write(tmp_path, "big.tsv", rows))})
    small = _cleaner()
    text = "The minister said the talks in the capital would resume next week after the holiday. " * 2000

    def best(c: Cleaner) -> float:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            c.clean(text)
            times.append(time.perf_counter() - t0)
        return min(times)

    t_small, t_big = best(small), best(big)
    assert t_big < 3 * t_small + 0.05, (t_small, t_big)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(
                [
                    "denominational violence",
                    "Native time",
                    " p.m. native time",
                    "wrote to X",
                    "struggle cupboard",
                    "İ",
                    "\n",
                    "’s workplace stated",
                    "Getty Pictures",
                ]
            ),
        ),
        max_size=12,
    )
)
def test_never_crashes_and_is_consistent(cleaner, parts):
    text = "".join(parts)
    r = cleaner.clean(text)
    for f in (*r.fixes, *r.findings):
        assert text[f.start : f.end] == f.original
    assert not cleaner.clean(r.text).fixes


@pytest.mark.parametrize(
    "pattern,nested",
    [
        (r"(a+)+", True),
        (r"(?:\w+\s*)*x", True),
        (r"((a)+)+", True),
        (r"a{2,}(b*){3,}", True),
        (r"(?:\w+\s+){0,2}$", False),
        (r"\b(?:first|second)\s+$", False),
        (r"[a+]+", False),
        (r"(\d{1,2}[:.]\d{2})+", False),
        (r"(?:x\+)+", False),
    ],
)
def test_nested_unbounded(pattern, nested):
    assert nested_unbounded(pattern) is nested


# --- the first-word gate ----------------------------------------------------------------------

GATE_WORDS = st.sampled_from(
    [
        "Denominational", "violence", "NATIVE", "time", "the", "Struggle", "cupboard", "writes", "to", "X",
        "Getty", "Pictures", "ethnic", "purification", "p.m.", "İ", "Σ", "ΣΑΣ", "ὈΔΥΣΣΕΎΣ", "ß", "K",
        "’s", "'", "-", "‐", "‑", "ʼ", "`", "\u0301", "ﬁ", "Minister’s", "workplace", "re-election", "U.N.",
    ]
)  # fmt: skip
GATE_SEPS = st.sampled_from([" ", "  ", "\t", "\n", ". ", ", ", "-", "’", "", "\u00a0"])
GATE_TEXT = st.one_of(
    st.lists(st.tuples(GATE_WORDS, GATE_SEPS).map("".join), max_size=30).map("".join),
    st.text(max_size=60),
)


@settings(max_examples=300, deadline=None)
@given(GATE_TEXT)
def test_token_keys_equal_phrase_key_of_each_token(text):
    from mtclean.detectors.terms import token_keys

    doc = Document(text)
    assert token_keys(doc.token_texts) == [phrase_key(t.text) for t in doc.tokens]


def test_token_keys_map_every_mark():
    from mtclean.detectors.terms import _MARK_TABLE, token_keys

    marks = [chr(c) for c in _MARK_TABLE]
    texts = [f"A{m}b" for m in marks] + ["".join(marks), "Σ", "ΑΣ", "İ"]
    assert token_keys(texts) == [phrase_key(t) for t in texts]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(GATE_TEXT)
def test_first_word_gate_never_changes_proposals(cleaner, text):
    """`find` walks the trie only from tokens that start a phrase; walking from every token, with
    each key computed on its own, proposes exactly the same."""
    det = next(d for d in cleaner.detectors if d.name == "terms")
    doc = Document(text)
    everywhere = list(det._scan(doc, range(len(doc.tokens)), [None] * len(doc.tokens)))
    assert list(det.find(doc)) == everywhere


def test_first_word_gate_over_every_row(cleaner, table):
    det = next(d for d in cleaner.detectors if d.name == "terms")
    found = 0
    for t in table:
        for text in (
            f"Officials said {t.phrase} on Monday.",
            f"{t.phrase.upper()} and {t.phrase.title()}, {t.phrase}",
            f"the the {t.phrase} {t.phrase}",
        ):
            doc = Document(text)
            everywhere = list(det._scan(doc, range(len(doc.tokens)), [None] * len(doc.tokens)))
            assert list(det.find(doc)) == everywhere, (t.id, text)
            found += bool(everywhere)
    assert found > len(table)  # most rows match their own phrase (those without context, at least)

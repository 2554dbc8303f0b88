"""Spun phrases generated from news terms and spinner substitutions (mtclean/detectors/spin.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtclean import Cleaner
from mtclean.detectors.spin import (
    MIN_CONFIDENCE,
    DataFileError,
    Substitution,
    load_generated,
    load_spin_terms,
    load_spin_words,
    variants,
)
from mtclean.detectors.terms import phrase_key
from mtclean.resources import data_path

WORDS_HEADER = "word\tspun\tconfidence\tnote"
TERMS_HEADER = "id\tterm\tconfidence\tsingle\tcase\tbefore\tnot_before\tafter\tnot_after\tnear\tnot_near\tnote"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(defaults=False, enable=["term.calque", "term.calque-suspect"])


@pytest.fixture(scope="module")
def generated():
    return load_generated([data_path("spin_terms.tsv")], [data_path("spin_words.tsv")])


def _write(tmp_path: Path, name: str, header: str, rows: list[str]) -> Path:
    p = tmp_path / name
    p.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return p


def _term(tmp_path: Path, row: str):
    return load_spin_terms(_write(tmp_path, "t.tsv", TERMS_HEADER, [row]))[0]


# --- what the embedded tables generate ----------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # two substitutions in one term add up
        ("The safety cupboard met on Sunday.", "The security cabinet met on Sunday."),
        ("The battle cupboard met on Sunday.", "The war cabinet met on Sunday."),
        ("The Nationwide Safety Council met.", "The National Security Council met."),
        ("He joined the Worldwide Felony Courtroom.", "He joined the International Criminal Court."),
        ("Photo: AFP through Getty Pictures", "Photo: AFP via Getty Images"),
        ("The loss of life toll rose to 40.", "The death toll rose to 40."),
        ("Prices fell on the inventory trade.", "Prices fell on the inventory trade."),  # lower case: a name row
        ("Shares rose on the New York Inventory Exchange.", "Shares rose on the New York Stock Exchange."),
        ("The Chilly Battle ended in 1991.", "The Cold War ended in 1991."),
        ("A federal decide blocked the order.", "A federal judge blocked the order."),
        ("Rocket hearth hit the town.", "Rocket fire hit the town."),
        ("The film topped the field workplace.", "The film topped the box office."),
        ("Trucks carrying humanitarian assist entered the city.", "Trucks carrying humanitarian aid entered the city."),
        ("The court docket listening to was adjourned.", "The court hearing was adjourned."),
        ("His overseas coverage drew criticism.", "His foreign policy drew criticism."),
        ("Prices rose by 4 percent final yr.", "Prices rose by 4 percent last year."),
        ("Global provide chains are strained.", "Global supply chains are strained."),
        ("The minister instructed reporters that talks had failed.", "The minister told reporters that talks had failed."),
        # a context makes any spun form as sure as the term allows
        ("It began at 9 p.m. native time.", "It began at 9 p.m. local time."),
        ("A message from the supreme chief, Ayatollah Khamenei.", "A message from the Supreme Leader, Ayatollah Khamenei."),
    ],
)
def test_spun_forms_are_fixed(cleaner, text, expected):
    assert cleaner.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "The National Safety Council published its figures.",  # a real body: one ordinary substitution
        "India's Power Minister opened the plant.",  # a real office ('energy' -> 'power' is too weak)
        "The National Soccer League folded in 2004.",  # a real league
        "Banks add interest charges to late payments.",
        "The Annual General Meeting is on Friday.",
        "Native time-keeping traditions vary across the islands.",
        "The kitchen cupboard was empty.",
        "The chief of the supreme court spoke.",  # lower case: 'Supreme Court' is a name row
        "The war cabinet met on Sunday.",
        "Cancer sufferers waited for months.",  # 'patients' -> 'sufferers' alone is too weak
        "She has personal knowledge of the case.",
        "The bank added an interest charge.",
        "The minister instructed reporters to leave the room.",  # an instruction, not 'told'
        "The software program update failed.",
        "The FBI field office opened an inquiry.",  # 'box' -> 'field' alone is too weak
        "The government cut its overseas aid budget.",  # British English, not a spun 'foreign aid'
        "Automobile sales rose in May.",
        "The paper expanded its foreign coverage.",  # news from abroad, not a spun 'foreign policy'
        "Economists warned of trade warfare.",
        "They provide chain restaurants with beef.",  # a verb, not a spun 'supply chain'
        "The firm will provide chain stores with stock.",
        "She is a student in her final year.",
    ],
)
def test_correct_english_is_left_alone(cleaner, text):
    r = cleaner.clean(text)
    assert r.text == text and not r.fixes
    assert not [f for f in r.findings if f.confidence >= 0.8]


def test_one_ordinary_substitution_is_only_a_finding(cleaner):
    r = cleaner.clean("The Nationwide Security Council met.")
    assert not r.fixes
    (f,) = r.findings
    assert f.replacement == "National Security Council" and f.confidence == pytest.approx(0.6)
    assert "national -> nationwide" in f.reason


def test_fix_record_names_the_substitutions(cleaner):
    r = cleaner.clean("The struggle cupboard met.")
    (fix,) = r.fixes
    assert (fix.original, fix.replacement, fix.kind, fix.rule) == ("struggle cupboard", "war cabinet", "term", "term.calque")
    assert "war -> struggle" in fix.reason and "cabinet -> cupboard" in fix.reason
    assert "[cabinet.war-cabinet.struggle-cupboard]" in fix.reason
    assert fix.confidence == pytest.approx(0.9)


def test_a_written_row_is_tried_before_a_generated_one(cleaner):
    # terms.tsv lists "Overseas Minister" (a documented spinner output) at 0.9; generated from
    # 'foreign' -> 'overseas' alone it would be 0.6, a finding.
    r = cleaner.clean("The Overseas Minister arrived.")
    assert r.text == "The Foreign Minister arrived."


def test_generated_rows_are_well_formed(generated):
    ids = [t.id for t in generated]
    assert len(ids) == len(set(ids))
    assert len(generated) > 300
    canonical = {phrase_key(t.replacement) for t in generated}
    for t in generated:
        assert phrase_key(t.phrase) not in canonical, t.id
        assert phrase_key(t.phrase) != phrase_key(t.replacement)
        assert MIN_CONFIDENCE <= t.confidence <= 1.0
        assert t.langs == ("spinner",) and t.action == "fix"


def test_generation_is_deterministic(generated):
    again = load_generated([data_path("spin_terms.tsv")], [data_path("spin_words.tsv")])
    assert [(t.id, t.phrase, t.replacement, t.confidence) for t in again] == [
        (t.id, t.phrase, t.replacement, t.confidence) for t in generated
    ]


# --- the confidence of a spun form --------------------------------------------------------------


def test_confidence_adds_up_over_substitutions(tmp_path):
    term = _term(tmp_path, "x.a\tred bank\t0.95\t\ts")
    words = {"red": [Substitution("pink", 0.6)], "bank": [Substitution("financial institution", 0.5)]}
    got = {p: c for p, c, _ in variants(term, words)}
    assert got["pink bank"] == 0.6
    assert "red financial institution" not in got  # 0.5 < MIN_CONFIDENCE
    assert got["pink financial institution"] == pytest.approx(1 - 0.4 * 0.5)


def test_confidence_is_capped_and_single_sets_a_floor(tmp_path):
    words = {"cabinet": [Substitution("cupboard", 0.9)], "war": [Substitution("struggle", 0.7)]}
    capped = {p: c for p, c, _ in variants(_term(tmp_path, "x.b\twar cabinet\t0.85\t\ti"), words)}
    assert capped == {"war cupboard": 0.85, "struggle cabinet": 0.7, "struggle cupboard": 0.85}
    single = {p: c for p, c, _ in variants(_term(tmp_path, "x.c\twar cabinet\t0.95\t0.8\ti"), words)}
    assert single["struggle cabinet"] == 0.8 and single["struggle cupboard"] == pytest.approx(0.95)


def test_a_positive_context_gives_the_terms_confidence(tmp_path):
    words = {"local": [Substitution("native", 0.5)]}
    with_context = _term(tmp_path, "x.d\tlocal time\t0.9\t\ti\t\\d\\s*$\t\t\t\t\t\t")
    assert variants(with_context, words) == [("native time", 0.9, (("local", "native"),))]
    only_negative = _term(tmp_path, "x.e\tlocal time\t0.9\t\ti\t\t\\d\\s*$\t\t\t\t\t")  # not_before
    assert variants(only_negative, words) == []  # 0.5 alone: below MIN_CONFIDENCE


def test_capitals_follow_the_term(tmp_path):
    words = {"health": [Substitution("well being", 0.9)], "department": [Substitution("division", 0.6)]}
    got = [p for p, _c, _ in variants(_term(tmp_path, "x.f\tDepartment of Health\t0.9\t\ts"), words)]
    assert got == ["Department of Well being", "Division of Health", "Division of Well being"]


def test_all_capital_words_are_not_substituted(tmp_path):
    words = {"un": [Substitution("united nations", 0.9)], "security": [Substitution("safety", 0.9)]}
    got = [p for p, _c, _ in variants(_term(tmp_path, "x.g\tUN Security Council\t0.9\t\ts"), words)]
    assert got == ["UN Safety Council"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=4), st.floats(0.0, 1.0))
def test_confidence_never_exceeds_the_cap_and_grows_with_evidence(tmp_path_factory, confs, cap):
    tmp_path = tmp_path_factory.mktemp("spin")
    words_list = ["alpha", "beta", "gamma", "delta"][: len(confs)]
    words = {w: [Substitution(w + "x", c)] for w, c in zip(words_list, confs, strict=True)}
    term = _term(tmp_path, f"x.h\t{' '.join(words_list)}\t{cap:.3f}\t\ti")
    got = {frozenset(w for w, _s in made): c for _p, c, made in variants(term, words)}
    for made, c in got.items():
        assert MIN_CONFIDENCE <= c <= round(cap, 3) + 1e-9
        for smaller, c2 in got.items():
            if smaller < made:
                assert c2 <= c + 1e-9  # one more substitution never lowers the confidence


# --- user files and errors ----------------------------------------------------------------------


def test_user_files_add_terms_and_words(tmp_path):
    words = _write(tmp_path, "w.tsv", WORDS_HEADER, ["parliament\tlegislature home\t0.9\t"])
    terms = _write(tmp_path, "t.tsv", TERMS_HEADER, ["my.parliament\tEuropean Parliament\t0.9\t\ts"])
    c = Cleaner(defaults=False, enable=["term"], data={"spin_words": words, "spin_terms": terms})
    r = c.clean("The European Legislature home voted.")
    assert r.text == "The European Parliament voted."
    assert "[my.parliament.european-legislature-home]" in r.fixes[0].reason


def test_a_later_word_file_changes_a_confidence(tmp_path):
    weaker = _write(tmp_path, "w.tsv", WORDS_HEADER, ["cabinet\tcupboard\t0.2\t"])
    c = Cleaner(defaults=False, enable=["term"], data={"spin_words": weaker})
    assert c.clean("The war cupboard met.").text == "The war cupboard met."


@pytest.mark.parametrize(
    "loader,header,row,field",
    [
        (load_spin_words, WORDS_HEADER, "cabinet\tcupboard\tmaybe\t", "confidence"),
        (load_spin_words, WORDS_HEADER, "cabinet\tcupboard\t1.5\t", "confidence"),
        (load_spin_words, WORDS_HEADER, "war cabinet\tcupboard\t0.9\t", "word"),
        (load_spin_words, WORDS_HEADER, "cabinet\tcupboard!\t0.9\t", "spun"),
        (load_spin_words, WORDS_HEADER, "cabinet\tcabinet\t0.9\t", "spun"),
        (load_spin_terms, TERMS_HEADER, "BAD ID\twar cabinet\t0.9\t\ti", "id"),
        (load_spin_terms, TERMS_HEADER, "x.a\twar  cabinet\t0.9\t\ti", "term"),
        (load_spin_terms, TERMS_HEADER, "x.a\twar cabinet\t0.9\t2\ti", "confidence"),
        (load_spin_terms, TERMS_HEADER, "x.a\twar cabinet\t0.9\t\tx", "case"),
        (load_spin_terms, TERMS_HEADER, "x.a\twar cabinet\t0.9\t\ti\t(a+)+", "before"),
    ],
)
def test_malformed_rows_name_file_line_field(tmp_path, loader, header, row, field):
    p = _write(tmp_path, "bad.tsv", header, ["# a comment", row])
    with pytest.raises(DataFileError) as e:
        loader(p)
    assert e.value.field == field and e.value.line == 3 and str(p) in str(e.value)


def test_duplicate_substitution_is_an_error(tmp_path):
    p = _write(tmp_path, "w.tsv", WORDS_HEADER, ["cabinet\tcupboard\t0.9\t", "Cabinet\tCupboard\t0.8\t"])
    with pytest.raises(DataFileError) as e:
        load_spin_words(p)
    assert e.value.line == 3 and "first on line 2" in str(e.value)


def test_too_many_variants_is_an_error(tmp_path):
    words = {w: [Substitution(w + s, 0.9) for s in ("a", "b", "c", "d")] for w in "one two three four five".split()}
    term = _term(tmp_path, "x.z\tone two three four five\t0.9\t\ti")
    with pytest.raises(DataFileError) as e:
        variants(term, words)
    assert e.value.field == "term"


def test_too_many_combinations_is_an_error_before_any_is_tried(tmp_path):
    # 6 ** 12 combinations: refused at once (this would otherwise run for minutes)
    words = {w: [Substitution(w + s, 0.1) for s in "abcde"] for w in "one two three four five six seven eight nine ten eleven twelve".split()}
    term = _term(tmp_path, "x.y\tone two three four five six seven eight nine ten eleven twelve\t0.9\t\ti")
    with pytest.raises(DataFileError) as e:
        variants(term, words)
    assert e.value.field == "term" and "combinations" in str(e.value)

"""The generators of scripts/roundtrip_eval.py (a dev tool; its recall figures are not asserted).

Skipped when the dev-only round-trip libraries (scripts/requirements-roundtrip.txt) are missing,
as in CI.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("e2k")
pytest.importorskip("pykakasi")
pytest.importorskip("iuliia")
pytest.importorskip("transliterate")
pytest.importorskip("unidecode")

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "roundtrip_eval.py"


@pytest.fixture(scope="module")
def rt():
    spec = importlib.util.spec_from_file_location("roundtrip_eval", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["roundtrip_eval"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gazetteer():
    from mtclean.resources import default_gazetteer

    return default_gazetteer()


def test_japanese_round_trip_of_macron(rt):
    assert rt.katakana("macron") == "マクロン"
    forms = dict(rt.japanese_variants("Emmanuel Macron"))
    assert forms["hepburn"].endswith("Makuron")
    for form in forms.values():
        assert form != "Emmanuel Macron"
        assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", form), form
        # katakana-style: every syllable but a final n ends in a vowel (or is a doubled consonant)
        assert not re.search(r"[bcdfghjklmpqrstvwxz]{3}", form.lower()), form


def test_japanese_variants_drop_long_vowel_and_final_u(rt):
    forms = dict(rt.japanese_variants("Olaf Scholz"))
    assert forms["hepburn"].startswith("Orafu ")
    assert forms["nofinal"].startswith("Oraf ")
    assert rt.drop_final_vowel("reseppu") == "resep"
    assert rt.drop_final_vowel("donarudo") == "donarud"
    assert rt.drop_final_vowel("makuron") == "makuron"


def test_cyrillic_round_trip(rt):
    assert rt.to_cyrillic("zelensky") == "зеленский"
    assert rt.to_cyrillic("khamenei") == "хаменеи"
    forms = {form for _, form in rt.russian_variants("Volodymyr Zelenskyy")}
    assert any(f.endswith(("Zelenskiy", "Zelenskii", "Zelenskij")) for f in forms), forms
    # particles stay lower case, the rest is capitalised
    sharaa = rt.russian_variants("Ahmed al-Sharaa")
    assert sharaa and all(f.split("-")[0].endswith(" al") for _, f in sharaa), sharaa


def test_mangled_forms_differ_from_accepted_forms(rt, gazetteer):
    taken = rt.accepted_index(gazetteer)
    entry = gazetteer.get("per.emmanuel-macron")
    mangled, _ = rt.mangle(entry, taken)
    assert mangled and {m.lang for m in mangled} == {"ja", "ru"}
    accepted = {rt.norm(a) for a in entry.accepted}
    for m in mangled:
        assert rt.norm(m.form) not in accepted and rt.norm(m.form) not in taken
        assert m.entry_id == entry.id


def test_negatives_are_the_accepted_forms(rt, gazetteer):
    entries = rt.sample_people(gazetteer, 5, seed=1)
    assert entries == rt.sample_people(gazetteer, 5, seed=1)  # deterministic
    cases = rt.build_negative_cases(entries, ["Jan Kowalski"], seed=1)
    by_entry = {}
    for c in cases:
        assert c.polarity == "neg" and c.text[c.start : c.end] == c.form
        by_entry.setdefault(c.entry_id, set()).add(c.form)
    for e in entries:
        assert by_entry[e.id] == set(e.accepted)
    assert by_entry[None] == {"Jan Kowalski"}
    contexts = {c.context for c in cases}
    assert {"bare", "initial", "possessive", "paragraph"} <= contexts


def test_positive_cases_place_the_mangled_span(rt, gazetteer):
    entries = rt.sample_people(gazetteer, 3, seed=2)
    cases, _ = rt.build_positive_cases(entries, rt.accepted_index(gazetteer), seed=2)
    assert cases
    for c in cases:
        assert c.polarity == "pos" and c.source in rt.LANGS
        assert c.text[c.start : c.end] == c.form
        if c.context == "paragraph":
            assert c.canonical in c.text[: c.start]
        if c.context == "possessive":
            assert c.text[c.end :].startswith("'s")
        if c.context == "initial":
            assert c.start == 0


def test_national_context_puts_the_country_before_the_title(rt, gazetteer):
    demonyms = rt.nationalities(gazetteer)
    assert demonyms["RU"] == "Russian" and demonyms["US"] == "American"  # countries, not "Chechen"
    lavrov = next(e for e in gazetteer if e.id == "per.sergey-lavrov")
    cases, _ = rt.build_positive_cases([lavrov], rt.accepted_index(gazetteer), seed=2, demonyms=demonyms)
    national = [c for c in cases if c.context == "national"]
    assert national and all(f"Russian {rt.title_of(lavrov.description)} {c.form}" in c.text for c in national)
    # The other contexts draw the same templates with or without the national one.
    plain, _ = rt.build_positive_cases([lavrov], rt.accepted_index(gazetteer), seed=2)
    national_only = ("national", "national-family")
    assert [c.text for c in plain] == [c.text for c in cases if c.context not in national_only]
    # The family name alone, with and without the nationality before the title.
    fam = [c for c in cases if c.context == "national-family"]
    assert fam and all(f"Russian {rt.title_of(lavrov.description)} {c.form}" in c.text and " " not in c.form for c in fam)
    assert {c.form for c in fam} <= {c.form for c in cases if c.context == "family"}
    negatives = rt.build_negative_cases([lavrov], [], seed=2, demonyms=demonyms)
    assert any(c.context == "national" and c.text[c.start : c.end] == c.form for c in negatives)

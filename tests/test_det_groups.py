"""The group detector (group.invariant-plural, group.variant-plural) and the curated groups file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtclean import Cleaner, Gazetteer, load_gazetteer
from mtclean.detectors.groups import build_wrong_forms
from mtclean.gazetteer.model import Entry

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "gazetteers" / "curated" / "groups.tsv"
HEADER = "id\ttype\tcanonical\taliases\tmangled\tcountry\tdescription\tsource\tflags\tsingular\tplural\tadjective"


@pytest.fixture(scope="module")
def groups() -> Gazetteer:
    return load_gazetteer(CURATED)


@pytest.fixture(scope="module")
def cleaner(groups) -> Cleaner:
    return Cleaner(groups, defaults=False, enable=["group"])


# --- the curated file --------------------------------------------------------------------------


def test_curated_file_shape(groups):
    lines = [ln for ln in CURATED.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    assert lines[0] == HEADER
    rows = list(csv.reader(io.StringIO("\n".join(lines[1:])), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(r) == 12 for r in rows)
    assert all(r[4] == "" for r in rows), "mangled stays empty: wrong forms are derived"
    assert len(groups) >= 150
    for e in groups:
        assert e.type == "GRP" and e.source == "curated"
        assert e.id.startswith("grp.") and e.id[4:].replace("-", "").isalnum() and e.id.isascii()
        assert e.singular and e.plural and e.adjective, e.id
        assert e.description


def test_issue_groups_present(groups):
    forms = {e.canonical: e for e in groups}
    assert forms["Druze"].plural[0] == "Druze"
    assert forms["Alawite"].plural == ("Alawites",)
    assert forms["Rohingya"].plural == ("Rohingya",)
    for name in [
        "Yazidi",
        "Kurd",
        "Uyghur",
        "Shia",
        "Sunni",
        "Houthi",
        "Pashtun",
        "Hazara",
        "Baloch",
        "Tuareg",
        "Fulani",
        "Amhara",
        "Tigrayan",
        "Oromo",
        "Copt",
        "Maronite",
        "Assyrian",
        "Circassian",
        "Bedouin",
    ]:
        assert name in forms, name
    assert "Shiite" in forms["Shia"].accepted


def test_derived_wrong_forms(groups):
    wrong = build_wrong_forms(groups)
    assert wrong["Druzes"].replacement == "Druze"
    assert wrong["Alawis"].replacement == "Alawites"
    assert wrong["Rohingyas"].replacement == "Rohingya"
    assert wrong["Chineses"].replacement == "Chinese"
    accepted = {f for e in groups for f in e.accepted}
    assert not set(wrong) & accepted
    # Common words and names are never derived targets; protect_only rows derive nothing.
    for word in ("Hans", "Laos", "Karens", "Furs", "Chins", "Mons", "Kurds", "Sunnis", "Bedouins"):
        assert word not in wrong, word


def test_accepted_form_of_another_entry_is_never_fixed(groups):
    person = Entry("per.test-druzes", "PER", "Ali Druzes")
    wrong = build_wrong_forms(groups.merged(Gazetteer([person])))
    assert "Druzes" not in wrong
    c = Cleaner([groups, Gazetteer([person])], defaults=False, enable=["group"])
    assert c.clean("Many Druzes attended.").text == "Many Druzes attended."


def test_conflicting_groups_abstain():
    a = Entry("grp.a", "GRP", "Zorb", singular=("Zorb",), plural=("Zorb",))
    b = Entry("grp.b", "GRP", "Zorbi", singular=("Zorb",), plural=("Zorben",))
    assert "Zorbs" not in build_wrong_forms([a, b])


# --- fixing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Many Druzes serve in the army.", "Many Druze serve in the army."),
        ("Druzes protested in Sweida.", "Druze protested in Sweida."),
        ("the Syrian Druzes and the Alawis", "the Syrian Druze and the Alawites"),
        ("Alawis is the same group.", "Alawites is the same group."),
        ("Thousands of Rohingyas crossed.", "Thousands of Rohingya crossed."),
        ("Two Swisses and three Japaneses were freed.", "Two Swiss and three Japanese were freed."),
        # Same decision whether or not a sentence boundary is seen (another rule may add the space).
        ("the week.With Druzes", "the week.With Druze"),
        ("the week. With Druzes", "the week. With Druze"),
    ],
)
def test_fixes(cleaner, text, expected):
    r = cleaner.clean(text)
    assert r.text == expected
    assert all(f.kind == "group" and f.entity and f.entity.startswith("grp.") for f in r.fixes)
    assert not cleaner.clean(r.text).fixes  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "The Druze community buried its dead.",
        "The Alawite heartland is on the coast.",
        "Alawites, Druze and Kurds met.",
        "The Druzes' demands were read out.",  # possessive: left alone
        "The ministry named Ahmed Alawis as envoy.",  # a surname
        "Mr. Alawis declined to comment.",
        "Dr Druzes spoke.",
        "DRUZES PROTEST",  # all capitals: headline, left alone
        "druzes",  # only capitalised group words are fixed
        "pro-Druzes groups",  # inside a hyphenated compound
        "Hans Blix and the Hmong elders",
        "Alawis Mohammed was arrested.",  # followed by a given name
    ],
)
def test_no_change(cleaner, text):
    r = cleaner.clean(text)
    assert r.text == text, r.fixes
    assert not r.fixes


def test_fix_record_and_entity(cleaner):
    text = "Many Druzes serve."
    r = cleaner.clean(text)
    (f,) = r.fixes
    assert (f.start, f.end, f.original, f.replacement) == (5, 11, "Druzes", "Druze")
    assert f.rule == "group.invariant-plural" and f.entity == "grp.druze" and f.confidence >= 0.8
    assert [e.entity for e in r.entities] == ["grp.druze"]


def test_variant_rule_id(cleaner):
    (f,) = cleaner.clean("Attacks on Alawis rose.").fixes
    assert f.rule == "group.variant-plural" and f.entity == "grp.alawite"


def test_disable(groups):
    c = Cleaner(groups, defaults=False, enable=["group"], disable=["group.variant-plural"])
    r = c.clean("Druzes and Alawis")
    assert r.text == "Druze and Alawis"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=20),
            st.sampled_from(["Druzes", "Alawis", " ", ". ", "’", "-", "Mr ", "Ahmed ", "\n", "İ"]),
        ),
        max_size=15,
    )
)
def test_never_crashes_and_is_consistent(cleaner, parts):
    text = "".join(parts)
    r = cleaner.clean(text)
    for f in r.fixes:
        assert text[f.start : f.end] == f.original
    assert not cleaner.clean(r.text).fixes

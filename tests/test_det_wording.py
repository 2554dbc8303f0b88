"""The suspicious-wording detector (term.wording, findings only)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtclean import Cleaner
from mtclean.detectors.terms import DataFileError
from mtclean.detectors.wording import inside_quotation, load_wording
from mtclean.resources import data_path

HEADER = (
    "id\tpattern\tsuggestion\tconfidence\treason\tlangs\tquotes\tbefore\tnot_before\tafter\tnot_after\tnear\tnot_near"
)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(defaults=False, enable=["term.wording"])


def _flags(cleaner: Cleaner, text: str) -> list[tuple[str, str | None]]:
    r = cleaner.clean(text)
    assert r.text == text, "wording rules never change the text"
    assert not r.fixes
    return [(f.original, f.replacement) for f in r.findings if f.rule == "term.wording"]


def test_table_loads():
    rows = load_wording(data_path("wording.tsv"))
    assert len(rows) >= 10
    assert len({r.id for r in rows}) == len(rows)
    assert all(r.reason and 0 < r.confidence < 0.8 for r in rows)


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Earlier on Friday, the attack is the second Israeli variety this week.",
            ("Israeli variety", "Israeli strike"),
        ),
        ("Police searched the said building twice.", ("the said building", "the building")),
        ("Rebels in Syria vowed to topple the lion in Damascus.", ("the lion", "al-Assad")),
        ("The group called it a martyrdom operation.", ("martyrdom operation", "suicide bombing")),
        ("Drones struck targets deep inside the Zionist entity overnight.", ("the Zionist entity", "Israel")),
        ("Two officers were martyred in the attack.", ("were martyred", "were killed")),
        ("Troops neutralised four PKK terrorists.", ("neutralised", "killed")),
        ("The rebels entered the palace of the fallen al-Assad.", ("the fallen", "the ousted")),
    ],
)
def test_flags(cleaner, text, expected):
    assert expected in _flags(cleaner, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Italian variety of the grape is hardy.",
        "A new Brazilian variety show aired.",  # no military context
        "He said the talks had failed.",
        "“The Zionist entity will pay,” the group said.",  # quoted: reporting, not news voice
        "Iran’s leader vowed that “the Zionist regime will be defeated”.",
        "A lion escaped from the zoo in Damascus.",
        "The lion is the king of the savannah.",
        "Russia launched what it calls a special military operation.",
        "Engineers neutralised the bomb.",
        "The fallen soldiers were honoured.",
    ],
)
def test_no_flag(cleaner, text):
    assert _flags(cleaner, text) == []


def test_quote_state():
    text = "He said “the entity” was weak, then the entity fell."
    first = text.index("the entity")
    second = text.index("the entity", first + 1)
    assert inside_quotation(text, 0, first)
    assert not inside_quotation(text, 0, second)
    assert inside_quotation('a "b c', 0, 4)
    assert not inside_quotation('a "b" c', 0, 6)


def test_user_file(tmp_path: Path):
    p = tmp_path / "w.tsv"
    p.write_text(
        HEADER + "\n" + "my.rocket-fire\t\\b(?P<flag>rocket fires)\\b\trocket fire\t0.5\tcount noun calque\tko\tany\n",
        encoding="utf-8",
    )
    c = Cleaner(defaults=False, enable=["term.wording"], data={"wording": str(p)})
    assert ("rocket fires", "rocket fire") in _flags(c, "Two rocket fires hit the town.")


@pytest.mark.parametrize(
    "row,field",
    [
        ("a\t(unclosed\t\t0.5\twhy", "pattern"),
        ("a\tx?\t\t0.5\twhy", "pattern"),  # matches the empty string
        ("a\tfoo\t\\2\t0.5\twhy", "suggestion"),
        ("a\t(?P<x>foo)\t\\g<y>\t0.5\twhy", "suggestion"),
        ("a\tfoo\t\t2\twhy", "confidence"),
        ("a\tfoo\t\t0.5\t", "reason"),
        ("a\tfoo\t\t0.5\twhy\t\tinside", "quotes"),
    ],
)
def test_malformed_user_file(tmp_path: Path, row, field):
    p = tmp_path / "bad.tsv"
    p.write_text(HEADER + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        Cleaner(defaults=False, enable=["term.wording"], data={"wording": str(p)})
    assert (exc.value.file, exc.value.line, exc.value.field) == (str(p), 2, field)


def test_catastrophic_pattern_is_bounded(tmp_path: Path):
    p = tmp_path / "evil.tsv"
    p.write_text(HEADER + "\n" + "evil\t(a|aa)+b\t\t0.5\tslow\n", encoding="utf-8")
    c = Cleaner(defaults=False, enable=["term.wording"], data={"wording": str(p)})
    text = "a" * 5000
    t0 = time.perf_counter()
    c.clean(text)
    assert time.perf_counter() - t0 < 5.0


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=20),
            st.sampled_from(["the said ", "Israeli variety", " strike ", "“", "”", '"', "the lion", "Syria", "\n"]),
        ),
        max_size=12,
    )
)
def test_never_crashes(cleaner, parts):
    text = "".join(parts)
    r = cleaner.clean(text)
    assert r.text == text
    for f in r.findings:
        assert text[f.start : f.end] == f.original


# --- the required-words gate ------------------------------------------------------------------


def test_gate_fold_keeps_every_case_insensitive_letter():
    """A letter matched case-insensitively folds to that letter: the gate's substring test holds
    wherever the pattern matches."""
    import string

    import regex

    from mtclean.detectors.wording import fold_for_gate

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in string.ascii_lowercase:
        hits = regex.compile(letter, regex.IGNORECASE | regex.V0).findall(every)
        assert len(hits) >= 2
        assert all(fold_for_gate(h) == letter for h in hits), (letter, hits)


@pytest.mark.parametrize(
    "pattern,words",
    [
        (r"\bthe\s+Zionist\s+entity\b", [{"the", "zionist", "entity"}]),
        (r"\bmartyrdom\s+operations?\b", [{"martyrdom", "operation"}]),
        (r"\bneutrali[sz]ed\b", [{"neutrali", "ed"}]),
        (r"\b(?:the|a)\s+lion\b", [{"lion"}]),
        (r"\bherds\s+of\s+settlers\b|\bsettler\s+herds\b", [{"herds", "of", "settlers"}, {"settler", "herds"}]),
        (r"(?P<flag>(?-i:\p{Lu}\p{Ll}+)\s+variety)\b(?!\s+of\b)", [{"variety"}]),
        (r"(?i)Foo(?=bar)", [{"foo"}]),
        (r"ab+c(?:de)*f{2}g", [{"a", "c", "g"}]),
        (r"\x41bc\u0042de\pLfg\N{DIGIT ONE}hi", [{"bc", "de", "fg", "hi"}]),
        (r"[the]+said[^]x]y", [{"said", "y"}]),
        (r"(?:the){e<=1}", None),  # fuzzy matching
        (r"the{", None),
        (r"(?x)the  # said", None),
        (r"(?f)strasse", None),
        (r"(?V1)[[a-z]--[aeiou]]the", None),
        (r"[[:alpha:]]the", None),
        (r"(the)\s+\1", None),
        (r"(?(1)the|a)", None),
        (r"the|\s+", None),  # an alternative without a word
        (r"\s+", None),
    ],
)
def test_required_words(pattern, words):
    from mtclean.detectors.wording import required_words

    got = required_words(pattern)
    assert (None if got is None else [set(a) for a in got]) == words


_PIECES = st.sampled_from(
    [
        "the", "said", "Foo", "ab", "s", "i", "İ", "K", r"\b", r"\s+", r"\w", r"\p{L}", r"\x41", ".", "[a-z]",
        "[^x]", " ", "-", r"\-", "{", "#", r"\1", "(?i)", "(?x)", "(?f)",
    ]
)  # fmt: skip
_QUANTIFIERS = st.sampled_from(["", "", "", "?", "*", "+", "{2}", "{0,2}", "{e<=1}", "??", "+?"])
_WRAPS = st.sampled_from(
    ["(?:{})", "({})", "(?P<g{n}>{})", "(?={})", "(?!{})", "(?<={})", "(?-i:{})", "(?>{})", "{}|{}"]
)


def _patterns() -> st.SearchStrategy[str]:
    atom = st.tuples(_PIECES, _QUANTIFIERS).map("".join)
    return st.recursive(
        st.lists(atom, min_size=1, max_size=4).map("".join),
        lambda inner: (
            st.tuples(_WRAPS, inner, inner, _QUANTIFIERS, st.integers(0, 9)).map(
                lambda t: t[0].replace("{n}", str(t[4])).format(t[1], t[2]) + t[3]
            )
            | st.lists(inner, min_size=1, max_size=3).map("".join)
        ),
        max_leaves=8,
    )


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_patterns(), st.lists(st.sampled_from(["the", "THE", "said", "foo", "Foo", "ab", "AB", "s", "ſ", "İ", "i", "K", "K", "x", "A", " ", "-", "{", "#", "1"]), max_size=12).map("".join))  # fmt: skip
def test_required_words_hold_in_every_match(pattern, text):
    """Soundness: whenever a pattern matches, its required words are in the folded text."""
    import regex

    from mtclean.detectors.wording import fold_for_gate, may_match, required_words

    try:
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.V0)
    except (regex.error, ValueError, OverflowError, RecursionError):
        return
    needs = required_words(pattern)
    if needs is not None and compiled.search(text, timeout=1) is not None:
        folded = fold_for_gate(text)
        present = frozenset(word for alt in needs for word in alt if word in folded)
        assert may_match(needs, present), (pattern, text, needs)


def _wording_proposals(text: str, *, ungated: bool = False) -> list[object]:
    from mtclean.detectors.wording import WordingDetector
    from mtclean.document import Document

    det = next(d for d in Cleaner(enable=["term.wording"]).detectors if isinstance(d, WordingDetector))
    if ungated:
        det._needs = tuple(None for _ in det.rows)
    return list(det.find(Document(text)))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["the", "The", "said", "suspect", "Zionist", "entity", "Israeli", "variety", "of", "martyrdom", "operations",
             "was", "martyred", "neutralised", "lion", "Kiev", "regime", "herds", "settlers", "“", "”", "İ", "\n"]
        ),
        max_size=14,
    ).map(" ".join)
)  # fmt: skip
def test_gate_never_changes_findings(text):
    assert _wording_proposals(text) == _wording_proposals(text, ungated=True)


def test_gate_over_the_rule_examples():
    from mtclean.detectors.wording import WordingDetector

    found = 0
    for rule in WordingDetector.rules:
        for text in (*(e[0] for e in rule.examples), *rule.counter_examples):
            gated = _wording_proposals(text)
            assert gated == _wording_proposals(text, ungated=True), text
            found += len(gated)
    assert found >= 3


@pytest.mark.parametrize(
    ("pattern", "text"), [("s(?i)?", ""), ("s(?i)*", ""), ("said(?i){0,1}", "sai"), ("s(?i){0}", "")]
)
def test_a_quantifier_after_inline_flags_stops_the_analysis(pattern, text):
    """In the regex module a quantifier after "(?i)" applies to the atom before the flags, so
    the letter there is not required ("s(?i)?" matches the empty text)."""
    import regex

    from mtclean.detectors.wording import required_words

    assert regex.compile(pattern, regex.IGNORECASE | regex.V0).search(text) is not None
    assert required_words(pattern) is None


def test_required_words_on_deeply_nested_pattern():
    from mtclean.detectors.wording import required_words

    assert required_words("(" * 2000 + "said" + ")" * 2000) in (None, (frozenset({"said"}),))
    assert required_words("(?:" * 50 + "said" + ")" * 50) == (frozenset({"said"}),)

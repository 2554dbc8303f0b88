"""Core invariants: fixes apply to the cleaned text, never overlap, offsets map both ways, the json
diff replays, cleaning is idempotent.  Property tests run over arbitrary text."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mtclean
from mtclean import Cleaner, Finding, Fix, apply
from mtclean.diff import replay
from mtclean.edits import OffsetMap
from mtclean.resolve import resolve, thresholds_for

# Text that looks like news with artifacts, and arbitrary Unicode.
NEWSY = st.lists(
    st.sampled_from(
        [
            "the", "the", "Israeli", "Foreign", "Minister", "Gidon", "Saar", "said", "，", "。", "[Syrian]",
            "“", "”", "\n", "Source link", "al-Assad", "Alsharaa", "Druzes", "  ", "week.With", "Kiev",
            "writes to X", "Denominational violence", "(", ")", "'", "’s", "-", "Hama", "Hamas", "Zelenskyy",
        ]
    ),
    max_size=40,
).map(" ".join)
ANY_TEXT = st.one_of(NEWSY, st.text(max_size=300))


def _fix(start, end, text, rep, conf=0.9, rule="artifact.test", kind="artifact"):
    return Fix(start, end, text[start:end], rep, kind, rule, conf, "test")


def test_fix_validates_its_fields():
    with pytest.raises(ValueError):
        Fix(0, 3, "ab", "x", "name", "r", 0.9, "span and text disagree")
    with pytest.raises(ValueError):
        Fix(0, 1, "a", "x", "nonsense", "r", 0.9, "bad kind")
    with pytest.raises(ValueError):
        Fix(0, 1, "a", "x", "name", "r", 1.5, "bad confidence")
    f = Fix(0, 1, "a", "b", "name", "r", 0.9, "ok", "per.x")
    assert json.loads(json.dumps(f.to_dict()))["entity"] == "per.x"
    with pytest.raises(AttributeError):
        f.start = 3  # frozen


def test_apply_and_offset_map():
    text = "Gideon Saa said it."
    fixes = [_fix(7, 10, text, "Sa'ar")]
    cleaned = apply(text, fixes)
    assert cleaned == "Gideon Sa'ar said it."
    m = OffsetMap(text, fixes)
    assert m.to_cleaned(11, 15) == (13, 17)
    assert m.to_original(13, 17) == (11, 15)
    assert m.to_cleaned(8, 9) == (7, 12)  # inside an edit: widened to the edit
    assert m.to_original(0, len(cleaned)) == (0, len(text))


def test_apply_rejects_overlaps():
    text = "abcdef"
    with pytest.raises(ValueError):
        apply(text, [_fix(0, 3, text, "x"), _fix(2, 4, text, "y")])
    with pytest.raises(ValueError):
        apply(text, [_fix(2, 2, text, "x"), _fix(2, 2, text, "y")])


def test_resolver_prefers_longest_then_most_confident_and_demotes_the_rest():
    text = "Sheikhmat Al Hijri"
    long = _fix(0, 18, text, "Sheikh Hikmat al-Hijri", 0.85, "name.fuzzy", "name")
    short = _fix(10, 12, text, "al", 0.99, "artifact.x")
    low = _fix(0, 1, text, "Z", 0.2, "artifact.y")
    res = resolve([short, low, long], [], thresholds_for(None))
    assert res.fixes == (long,)
    assert {f.rule for f in res.findings} == {"artifact.x", "artifact.y"}
    assert all(isinstance(f, Finding) for f in res.findings)
    # Deterministic whatever the input order.
    assert resolve([long, low, short], [], thresholds_for(None)) == res


def test_thresholds_option_validation():
    assert thresholds_for(0.5)["name"] == 0.5
    assert thresholds_for({"name": 0.9})["name"] == 0.9
    with pytest.raises(ValueError):
        thresholds_for({"nope": 0.9})
    with pytest.raises(ValueError):
        thresholds_for(2)
    with pytest.raises(TypeError):
        thresholds_for("high")  # type: ignore[arg-type]


def test_cleaner_options_are_validated():
    with pytest.raises(ValueError):
        Cleaner(mode="fix-everything")
    with pytest.raises(ValueError):
        Cleaner(disable=["no.such.rule"])
    with pytest.raises(TypeError):
        Cleaner(gazetteers=42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        mtclean.clean(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        mtclean.clean("x", colour="blue")
    with pytest.raises(ValueError, match="unknown data set"):
        Cleaner(data={"nonsense": __file__})
    with pytest.raises(FileNotFoundError):
        Cleaner(data={"terms": "/no/such/file.tsv"})


def test_enable_and_disable_by_kind_and_rule():
    text = "Officials said the the ceasefire would hold.\nSource link"
    only_names = Cleaner(enable=["name"]).clean(text)
    assert not only_names.fixes
    no_rep = Cleaner(disable=["artifact"]).clean(text)
    assert all(f.kind != "artifact" for f in no_rep.fixes)


def test_empty_and_whitespace_text():
    for t in ["", " ", "\n\n", "\t"]:
        r = mtclean.clean(t)
        assert r.text == t and not r.fixes


def test_diff_formats():
    r = mtclean.clean("Officials said the the ceasefire would hold.")
    if not r.fixes:
        pytest.skip("no repetition detector installed")
    assert "[-" in r.diff("inline") and "{+" in r.diff("inline")
    assert r.diff("unified").startswith("--- original")
    assert "<del" in r.diff("html") and "title=" in r.diff("html")
    assert replay(r.original, r.diff("json")) == r.text
    with pytest.raises(ValueError):
        r.diff("pdf")


def test_inline_diff_never_splits_words():
    from mtclean.result import Result

    text = "Gideon Saa spoke"
    fixes = (_fix(9, 10, text, "a'ar"),)
    r = Result(text, apply(text, fixes), fixes)
    assert r.diff("inline") == "Gideon [-Saa-]{+Saa'ar+} spoke"


def test_to_dict_is_json_serialisable(default_cleaner):
    r = default_cleaner.clean(open(_seed()).read())
    d = json.loads(json.dumps(r.to_dict()))
    assert d["text"] == r.text and len(d["fixes"]) == len(r.fixes)


def _seed():
    from conftest import ROOT

    return ROOT / "seeds" / "000_075f4dc80fa93445.txt"


def _check_invariants(cleaner: Cleaner, text: str) -> None:
    r = cleaner.clean(text)
    assert r.original == text
    assert apply(text, r.fixes) == r.text
    for a, b in zip(r.fixes, r.fixes[1:]):
        assert a.end <= b.start and (a.start, a.end) != (b.start, b.end)
    for f in r.fixes:
        assert text[f.start : f.end] == f.original
    for f in r.findings:
        assert text[f.start : f.end] == f.original
    assert replay(text, r.diff("json")) == r.text
    # Offsets map both ways and the round trip covers the span.
    n = len(r.text)
    for s, e in [(0, n), (0, n // 2), (n // 3, n), (n // 2, n // 2)]:
        a, b = r.to_original(s, e)
        c, d = r.to_cleaned(a, b)
        assert 0 <= a <= b <= len(text)
        assert c <= s and d >= e
    # Idempotence: cleaning the cleaned text applies nothing more.
    again = cleaner.clean(r.text)
    assert not again.fixes, [(f.rule, f.original, f.replacement) for f in again.fixes]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_invariants_hold_on_arbitrary_text(default_cleaner, text):
    _check_invariants(default_cleaner, text)


def test_invariants_hold_on_the_seed(default_cleaner):
    _check_invariants(default_cleaner, open(_seed()).read())


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.data())
def test_offset_map_round_trip_property(text, data):
    # Random non-overlapping edits.
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=6)))
    fixes = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        fixes.append(_fix(a, b, text, data.draw(st.text(max_size=4))))
    cleaned = apply(text, fixes)
    m = OffsetMap(text, fixes)
    for s in range(0, len(cleaned) + 1, max(1, len(cleaned) // 5)):
        e = min(len(cleaned), s + 3)
        a, b = m.to_original(s, e)
        c, d = m.to_cleaned(a, b)
        assert c <= s and d >= e


def test_pipe_keeps_order_and_matches_clean(default_cleaner):
    texts = ["Officials said the the talks ended.", "", "Hama and Homs."] * 3
    out = list(default_cleaner.pipe(iter(texts), batch_size=2))
    assert [r.text for r in out] == [default_cleaner.clean(t).text for t in texts]
    with pytest.raises(ValueError):
        list(default_cleaner.pipe(texts, batch_size=0))


def test_cleaner_pickles_without_its_index(default_cleaner):
    import pickle

    blob = pickle.dumps(default_cleaner)
    assert len(blob) < 10_000  # the configuration, not megabytes of index
    other = pickle.loads(blob)
    t = "Officials said the the talks ended."
    assert other.clean(t).text == default_cleaner.clean(t).text


def test_detect_applies_nothing(default_cleaner):
    text = "Officials said the the talks ended.\nSource link"
    found = default_cleaner.detect(text)
    assert all(isinstance(f, Finding) for f in found)
    assert len(found) >= len(default_cleaner.clean(text).fixes)

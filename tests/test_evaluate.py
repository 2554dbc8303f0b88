"""`mtclean.evaluate` and ``mtclean eval``: loading case files, scoring, output, exit codes.

The scorer is tested with a scripted cleaner (fixed edits per text) so that these tests do not
depend on what the detectors currently find; the command line is tested end to end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtclean.cli import EXIT_BAD_DATA, EXIT_OK, EXIT_UNDECODABLE, EXIT_UNREADABLE, main
from mtclean.edits import apply
from mtclean.evaluate import (
    Case,
    CaseFileError,
    ExpectedFix,
    ExpectedFlag,
    evaluate,
    format_report,
    load_cases,
    parse_cases,
    score_case,
)
from mtclean.model import Finding, Fix
from mtclean.result import Result


def edit(text: str, start: int, end: int, replacement: str, kind: str = "name", rule: str = "name.test") -> Fix:
    return Fix(start, end, text[start:end], replacement, kind, rule, 0.9, "scripted")


class ScriptedCleaner:
    """A stand-in for `Cleaner`: applies the fixes scripted for each text."""

    mode = "repair"

    def __init__(self, script: dict[str, list[Fix]], findings: dict[str, list[Finding]] | None = None) -> None:
        self.script = script
        self.findings = findings or {}

    def clean(self, text: str) -> Result:
        fixes = tuple(sorted(self.script.get(text, ()), key=lambda f: f.start))
        return Result(text, apply(text, fixes), fixes, tuple(self.findings.get(text, ())))


def case(text: str, fixes=(), keep=(), flags=(), lang: str = "ja", id: str = "c1") -> Case:
    return Case(
        id,
        text,
        lang,
        tuple(ExpectedFix(*f) for f in fixes),
        tuple(keep),
        tuple(ExpectedFlag(*fl) for fl in flags),
    )


# ------------------------------------------------------------------------------------ loading


def write(tmp_path: Path, lines: list[str], name: str = "cases.jsonl") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_load_cases_defaults_missing_fields(tmp_path):
    p = write(
        tmp_path,
        [
            json.dumps({"id": "a", "text": "Plain news text."}),
            "",
            json.dumps(
                {
                    "id": "b",
                    "lang": "ko",
                    "text": "Kim Jon Un spoke.",
                    "fixes": [{"original": "Kim Jon Un", "replacement": "Kim Jong Un", "kind": "name"}],
                    "keep": ["spoke"],
                    "flags": [{"original": "spoke", "why": "test"}],
                }
            ),
        ],
    )
    a, b = load_cases(p)
    assert (a.id, a.lang, a.fixes, a.keep, a.flags) == ("a", "?", (), (), ())
    assert b.fixes == (ExpectedFix("Kim Jon Un", "Kim Jong Un", "name"),)
    assert b.keep == ("spoke",) and b.flags == (ExpectedFlag("spoke", "test"),)
    assert (b.path, b.line) == (str(p), 3)


@pytest.mark.parametrize(
    "line,message",
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"id": "x"}), "missing field 'text'"),
        (json.dumps({"id": "x", "text": 5}), "field 'text' must be a string"),
        (json.dumps({"id": "x", "text": "abc", "fixes": {}}), "field 'fixes' must be a list"),
        (
            json.dumps({"id": "x", "text": "abc", "fixes": [{"original": "zz", "replacement": "y", "kind": "name"}]}),
            "does not occur",
        ),
        (
            json.dumps(
                {"id": "x", "text": "abc", "fixes": [{"original": "a", "replacement": "b", "kind": "spelling"}]}
            ),
            "unknown kind",
        ),
        (
            json.dumps({"id": "x", "text": "abc", "fixes": [{"original": "", "replacement": "b", "kind": "name"}]}),
            "empty 'original'",
        ),
        (
            json.dumps({"id": "x", "text": "abc", "fixes": [{"original": "a", "kind": "name"}]}),
            "missing field 'replacement'",
        ),
        (json.dumps({"id": "x", "text": "abc", "keep": ["zz"]}), "keep[0]"),
        (json.dumps({"id": "x", "text": "abc", "flags": [{"original": "q"}]}), "flags[0]"),
    ],
)
def test_malformed_case_names_file_and_line(tmp_path, line, message):
    p = write(tmp_path, [json.dumps({"id": "ok", "text": "fine"}), line])
    with pytest.raises(CaseFileError) as exc:
        load_cases(p)
    assert exc.value.line == 2
    assert str(exc.value).startswith(f"{p}, line 2: ")
    assert message in str(exc.value)


def test_duplicate_ids_are_an_error():
    lines = [json.dumps({"id": "same", "text": "a"}), json.dumps({"id": "same", "text": "b"})]
    with pytest.raises(CaseFileError, match="duplicate id 'same' \\(first on line 1\\)"):
        parse_cases(lines, "x.jsonl")


# ------------------------------------------------------------------------------------ scoring


def test_exact_fix_is_correct_and_good():
    text = "Foreign Minister Sergei Lavrof spoke."
    c = case(text, [("Sergei Lavrof", "Sergey Lavrov", "name")])
    s = text.index("Sergei Lavrof")
    fixes = [edit(text, s, s + len("Sergei Lavrof"), "Sergey Lavrov")]
    rep = evaluate([c], ScriptedCleaner({text: fixes}))
    ov = rep.overall
    assert (ov.expected, ov.correct, ov.changes, ov.good, ov.unexpected) == (1, 1, 1, 1, 0)
    assert ov.recall == ov.precision == ov.f1 == 1.0


def test_fix_cut_differently_still_counts():
    # Expected on "Gideon Saa", the engine only rewrote "Saa": the region still ends up right.
    text = "Minister Gideon Saa said so."
    c = case(text, [("Gideon Saa", "Gideon Sa'ar", "name")])
    s = text.index("Saa")
    o = score_case(c, ScriptedCleaner({text: [edit(text, s, s + 3, "Sa'ar")]}).clean(text))
    assert o.correct == [True] and o.fix_status == ["good"]


def test_wider_fix_with_unchanged_context_counts():
    text = "Minister Gideon Saa said so."
    c = case(text, [("Saa", "Sa'ar", "name")])
    s = text.index("Gideon Saa")
    o = score_case(c, ScriptedCleaner({text: [edit(text, s, s + 10, "Gideon Sa'ar")]}).clean(text))
    assert o.correct == [True]


def test_fix_split_into_two_edits_counts():
    text = "Leader Kin Jon Un arrived."
    c = case(text, [("Kin Jon Un", "Kim Jong Un", "name")])
    a = text.index("Kin")
    b = text.index("Jon")
    fixes = [edit(text, a, a + 3, "Kim"), edit(text, b, b + 3, "Jong")]
    rep = evaluate([c], ScriptedCleaner({text: fixes}))
    assert rep.overall.correct == 1 and rep.overall.good == 2 and rep.overall.precision == 1.0


def test_wrong_replacement_is_a_miss_and_a_wrong_change():
    text = "Minister Gideon Saa said so."
    c = case(text, [("Gideon Saa", "Gideon Sa'ar", "name")])
    s = text.index("Saa")
    rep = evaluate([c], ScriptedCleaner({text: [edit(text, s, s + 3, "Saab")]}))
    ov = rep.overall
    assert (ov.correct, ov.wrong, ov.unexpected, ov.good) == (0, 1, 0, 0)
    assert ov.precision == 0.0 and ov.recall == 0.0 and ov.f1 == 0.0
    (miss,) = rep.misses()
    assert miss["got"] == "Gideon Saab" and miss["applied"][0]["replacement"] == "Saab"


def test_unexpected_change_and_keep_violation():
    text = "Rebels took Hama while Hamas watched."
    c = case(text, [], keep=["Hama"])
    s = text.index("Hama")
    rep = evaluate([c], ScriptedCleaner({text: [edit(text, s, s + 4, "Hamas")]}))
    ov = rep.overall
    assert (ov.changes, ov.unexpected, ov.keep_violations) == (1, 1, 1)
    assert ov.precision == 0.0 and ov.recall is None and ov.f1 is None
    (kv,) = rep.keep_violations()
    assert kv["id"] == "c1" and kv["keep"] == "Hama" and kv["rule"] == "name.test"


def test_keep_checks_every_occurrence():
    text = "Hama and Hama again."
    c = case(text, [], keep=["Hama"])
    s = text.rindex("Hama")
    o = score_case(c, ScriptedCleaner({text: [edit(text, s, s + 4, "Homs")]}).clean(text))
    assert len(o.keep_violations) == 1


def test_insertion_beside_a_keep_string_is_no_violation():
    text = "Tokyo、Seoul"
    c = case(text, [("、", ", ", "artifact")], keep=["Seoul", "Tokyo"])
    i = text.index("、")
    fixes = [edit(text, i, i + 1, ",", "artifact"), Fix(i + 1, i + 1, "", " ", "artifact", "artifact.space", 0.9, "x")]
    o = score_case(c, ScriptedCleaner({text: fixes}).clean(text))
    assert o.keep_violations == [] and o.correct == [True]
    inside = [Fix(2, 2, "", "-", "artifact", "artifact.x", 0.9, "x")]
    assert len(score_case(c, ScriptedCleaner({text: inside}).clean(text)).keep_violations) == 1


def test_several_occurrences_use_the_one_a_fix_overlaps():
    text = "Saa met Gideon. Later Saa spoke."
    c = case(text, [("Saa", "Sa'ar", "name")])
    s = text.rindex("Saa")
    o = score_case(c, ScriptedCleaner({text: [edit(text, s, s + 3, "Sa'ar")]}).clean(text))
    assert o.regions == [(s, s + 3)] and o.correct == [True]


def test_repeated_expected_fixes_pair_with_their_occurrences():
    text = "ab then ab"
    c = case(text, [("ab", "Y", "artifact"), ("ab", "X", "artifact")])
    fixes = [edit(text, 0, 2, "X", "artifact"), edit(text, 8, 10, "Y", "artifact")]
    rep = evaluate([c], ScriptedCleaner({text: fixes}))
    assert rep.overall.correct == 2


def test_insertion_at_region_edge_overlaps():
    text = "Tokyo、Seoul"
    c = case(text, [("、", ", ", "artifact")])
    i = text.index("、")
    fixes = [edit(text, i, i + 1, ",", "artifact"), Fix(i + 1, i + 1, "", " ", "artifact", "artifact.space", 0.9, "x")]
    rep = evaluate([c], ScriptedCleaner({text: fixes}))
    assert rep.overall.correct == 1 and rep.overall.unexpected == 0


def test_per_kind_and_per_language_breakdown():
    t1 = "Minister Lavrof spoke."
    t2 = "He said the the talks ended."
    t3 = "Nothing to fix here."
    cases = [
        case(t1, [("Lavrof", "Lavrov", "name")], lang="ru", id="a"),
        case(t2, [("the the", "the", "artifact")], lang="zh", id="b"),
        case(t3, lang="zh", id="c"),
    ]
    i = t1.index("Lavrof")
    j = t3.index("fix")
    script = {t1: [edit(t1, i, i + 6, "Lavrov")], t3: [edit(t3, j, j + 3, "repair", "term", "term.x")]}
    rep = evaluate(cases, ScriptedCleaner(script))
    kinds = rep.by_kind()
    assert (kinds["name"].expected, kinds["name"].correct, kinds["name"].precision) == (1, 1, 1.0)
    assert (kinds["artifact"].expected, kinds["artifact"].correct, kinds["artifact"].recall) == (1, 0, 0.0)
    assert (kinds["term"].changes, kinds["term"].unexpected) == (1, 1)
    langs = rep.by_lang()
    assert set(langs) == {"ru", "zh"}
    assert (langs["zh"].cases, langs["zh"].expected, langs["zh"].unexpected) == (2, 1, 1)
    assert langs["ru"].f1 == 1.0
    assert rep.overall.words == 3 + 6 + 4


def test_flags_found_as_findings():
    text = "A man named Kim Jong spoke."
    c = case(text, flags=[("Kim Jong", "ambiguous")])
    s = text.index("Kim Jong")
    finding = Finding(s, s + 3, "Kim", None, "name", "name.ambiguous", 0.5, "ambiguous")
    rep = evaluate([c], ScriptedCleaner({}, {text: [finding]}))
    assert (rep.overall.flags, rep.overall.flags_found) == (1, 1)
    rep2 = evaluate([c], ScriptedCleaner({}))
    assert rep2.overall.flags_found == 0 and rep2.missed_flags()[0]["original"] == "Kim Jong"


def test_clean_mode_every_change_is_false():
    text = "Ten words are here in this short clean news sentence."
    c = case(text, [("Ten", "Eleven", "name")])  # ignored with clean=True
    rep = evaluate([c], ScriptedCleaner({text: [edit(text, 0, 3, "Eleven")]}), clean=True)
    ov = rep.overall
    assert (ov.expected, ov.changes, ov.unexpected) == (0, 1, 1)
    assert ov.changes_per_1k_words == pytest.approx(100.0)
    out = format_report(rep, show_errors=True)
    assert "per 1k words" in out and "cases changed: 1 of 1" in out and "name.test" in out


def test_report_text_and_json():
    text = "Minister Lavrof spoke near Hama."
    c = case(text, [("Lavrof", "Lavrov", "name")], keep=["Hama"])
    j = text.index("Hama")
    i = text.index("Lavrof")
    abstain = Finding(i, i + 6, "Lavrof", "Lavrov", "name", "name.fuzzy", 0.6, "below threshold, not applied")
    far = Finding(0, 8, "x" * 8, None, "term", "term.far", 0.5, "far away")
    script = {text: [edit(text, j, j + 4, "Hamas", rule="name.fuzzy")]}
    rep = evaluate([c], ScriptedCleaner(script, {text: [abstain]}), files=["f.jsonl"])
    out = format_report(rep, show_errors=True)
    assert "finding: name.fuzzy 'Lavrof' -> 'Lavrov' (0.60): below threshold, not applied" in out
    far_text = "x" * 60 + " " + text
    rep_far = evaluate([case(far_text, [("Lavrof", "Lavrov", "name")])], ScriptedCleaner({}, {far_text: [far]}))
    assert rep_far.misses()[0]["findings_near"] == []
    assert far.rule not in format_report(rep_far, show_errors=True)
    assert "By kind:" in out and "By source language:" in out
    assert "Misses:" in out and "'Lavrof' -> 'Lavrov'" in out
    assert "Unexpected changes:" in out and "name.fuzzy 'Hama' -> 'Hamas'" in out and "scripted" in out
    assert "keep violations: 1 (c1)" in out
    d = json.loads(json.dumps(rep.to_dict()))
    assert d["files"] == ["f.jsonl"]
    assert d["overall"]["expected"] == 1 and d["overall"]["recall"] == 0.0
    assert d["by_kind"]["name"]["unexpected"] == 1
    assert d["by_lang"]["ja"]["keep_violations"] == 1
    assert d["unexpected"][0]["reason"] == "scripted" and d["misses"][0]["id"] == "c1"


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_applying_exactly_the_expected_fixes_scores_perfectly(data):
    text = data.draw(st.text(alphabet="abc .’é\n", min_size=1, max_size=40))
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=6))))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    reps = [data.draw(st.text(alphabet="xyz", max_size=3)) for _ in spans]
    fixes = [edit(text, a, b, r, "artifact") for (a, b), r in zip(spans, reps) if text[a:b] != r]
    c = case(text, [(f.original, f.replacement, "artifact") for f in fixes])
    rep = evaluate([c], ScriptedCleaner({text: fixes}))
    assert rep.overall.correct == len(fixes)
    assert rep.overall.unexpected == 0 and rep.overall.wrong == 0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_no_change_on_any_text_scores_nothing(text):
    rep = evaluate([case(text)], ScriptedCleaner({}), clean=True)
    assert rep.overall.changes == 0
    format_report(rep, show_errors=True)


# ------------------------------------------------------------------------------------ CLI


def test_cli_table_json_and_show_errors(tmp_path, capsys):
    p = write(
        tmp_path,
        [
            json.dumps({"id": "n1", "lang": "en", "text": "Officials met in Geneva on Monday.", "keep": ["Geneva"]}),
            json.dumps({"id": "n2", "text": "The ministry said talks would continue."}),
        ],
    )
    assert main(["eval", str(p)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "mtclean eval: 2 cases" in out and "overall" in out and "keep violations: 0" in out
    assert main(["eval", "--json", str(p), str(p)]) == EXIT_OK
    d = json.loads(capsys.readouterr().out)
    assert d["overall"]["cases"] == 4 and set(d["by_lang"]) == {"en", "?"}
    assert main(["eval", "--clean", "--show-errors", str(p)]) == EXIT_OK
    assert "False fixes:" in capsys.readouterr().out


def test_cli_bad_file_exit_codes(tmp_path, capsys):
    bad = write(tmp_path, [json.dumps({"id": "a", "text": "x"}), "{oops"], "bad.jsonl")
    assert main(["eval", str(bad)]) == EXIT_BAD_DATA
    err = capsys.readouterr().err
    assert f"{bad}, line 2: invalid JSON" in err
    assert main(["eval", str(tmp_path / "missing.jsonl")]) == EXIT_UNREADABLE
    assert "cannot read" in capsys.readouterr().err
    raw = tmp_path / "latin1.jsonl"
    raw.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n')
    assert main(["eval", str(raw)]) == EXIT_UNDECODABLE
    assert "not UTF-8" in capsys.readouterr().err

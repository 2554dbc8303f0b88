"""``mtclean gazetteer check``: the checks, the report, the exit codes."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from mtclean.cli import main
from mtclean.gazetteer.check import check_paths, check_rows
from mtclean.gazetteer.model import Entry

HEADER = "id\ttype\tcanonical\taliases\tmangled\tcountry\tdescription\tsource\tflags\n"


def row(ident, typ, canonical, aliases="", mangled="", flags=""):
    return f"{ident}\t{typ}\t{canonical}\t{aliases}\t{mangled}\t\t\t\t{flags}\n"


def write(tmp_path: Path, name: str, *rows: str, header: str = HEADER) -> str:
    p = tmp_path / name
    p.write_text(header + "".join(rows), encoding="utf-8")
    return str(p)


def rows_of(*entries: Entry, file: str = "t.tsv"):
    return [(file, i + 2, e) for i, e in enumerate(entries)]


def checks(problems):
    return sorted((p.check, p.name) for p in problems)


CLEAN = (
    row("per.a", "PER", "Liesel Amundsen", "Liesl Amundsen"),
    row("per.b", "PER", "Oskar Vantongeren"),
    row("loc.c", "LOC", "Port Ombuvale"),
)


def test_clean_file_has_no_problems(tmp_path):
    report = check_paths([write(tmp_path, "g.tsv", *CLEAN)])
    assert report.problems == []
    assert report.entries == 3 and report.exit_code() == 0


def test_duplicate_ids_within_and_across_files(tmp_path):
    a = write(tmp_path, "a.tsv", *CLEAN, row("per.a", "PER", "Liesel Amundsen-Berg"))
    b = write(tmp_path, "b.tsv", row("loc.c", "LOC", "Port Ombuvale"))
    report = check_paths([a, b])
    dups = {p.name: p for p in report.problems if p.check == "duplicate-id"}
    assert set(dups) == {"per.a", "loc.c"}
    assert [(loc.file, loc.line) for loc in dups["per.a"].locations] == [(a, 2), (a, 5)]
    assert [(loc.file, loc.line) for loc in dups["loc.c"].locations] == [(a, 4), (b, 2)]
    assert report.exit_code() == 1


def test_shared_name_unless_both_ambiguous():
    a = Entry("per.x", "PER", "Rhett Calloway", aliases=("R. Calloway",))
    b = Entry("per.y", "PER", "Rosa Calloway", aliases=("R Calloway",))  # same name after folding
    assert checks(check_rows(rows_of(a, b))) == [("shared-name", "r calloway")]
    amb_a = Entry("per.x", "PER", "Rhett Calloway", aliases=("R. Calloway",), flags=frozenset({"ambiguous"}))
    amb_b = Entry("per.y", "PER", "Rosa Calloway", aliases=("R Calloway",), flags=frozenset({"ambiguous"}))
    assert check_rows(rows_of(amb_a, amb_b)) == []
    assert checks(check_rows(rows_of(amb_a, b))) == [("shared-name", "r calloway")]
    # a mangled form of one entry equal to the canonical form of another
    c = Entry("per.z", "PER", "Dana Whitcombe", mangled=("Rosa Calloway",))
    problems = check_rows(rows_of(b, c))
    assert checks(problems) == [("shared-name", "rosa calloway")]
    assert problems[0].severity == "warning"


def test_common_words_unless_needs_context():
    hope = Entry("loc.hope", "LOC", "Hope", aliases=("Port Hope",))
    assert checks(check_rows(rows_of(hope))) == [("common-word", "Hope")]
    flagged = Entry("loc.hope", "LOC", "Hope", flags=frozenset({"needs_context"}))
    assert check_rows(rows_of(flagged)) == []
    alias = Entry("per.j", "PER", "Jordan Kaviani", aliases=("Jordan",))
    assert checks(check_rows(rows_of(alias))) == [("common-word", "Jordan")]
    # several words are never a common word; a common mangled form is reported whatever the flags
    mangled = Entry("per.m", "PER", "Mirela Tasca", mangled=("Mirror",), flags=frozenset({"needs_context"}))
    assert checks(check_rows(rows_of(mangled))) == [("common-word", "Mirror")]
    # acronyms and forms with digits are no English words, whatever wordfreq says: the engine
    # matches an acronym only where the text writes the same capitals ("SHAPE" is not "shape")
    acronyms = Entry("org.b", "ORG", "Velarian Broadcasting Corporation", aliases=("BBC", "G-20", "SHAPE", "LeT"))
    assert checks(check_rows(rows_of(acronyms))) == []


def test_demonyms_are_not_shared_names():
    place = Entry("loc.v", "LOC", "Velaria", demonyms=("Velarian",))
    people = Entry("grp.v", "GRP", "Velarian", plural=("Velarians",))
    assert check_rows(rows_of(place, people)) == []


def test_unfindable_entries():
    separators = Entry("org.dash", "ORG", "-")  # keys to nothing: the exact dictionary cannot find it
    # One letter carries no key, but a form spelled exactly like the text always makes the
    # candidate short list (NameIndex.lookup), so it is found.
    letter = Entry("loc.q", "LOC", "Q", flags=frozenset({"needs_context"}))
    fine = Entry("per.a", "PER", "Liesel Amundsen")
    problems = check_rows(rows_of(separators, letter, fine))
    assert checks(problems) == [("unfindable", "-")]
    by_name = {p.name: p.message for p in problems}
    assert "(exact)" in by_name["-"]
    assert all(p.severity == "error" for p in problems)


def test_later_row_replaces_earlier_for_the_other_checks():
    old = Entry("per.a", "PER", "Hope")
    new = Entry("per.a", "PER", "Hopewell Chinamasa")
    assert checks(check_rows(rows_of(old, new))) == [("duplicate-id", "per.a")]


def test_cli_text_report_and_exit_codes(tmp_path, capsys):
    good = write(tmp_path, "good.tsv", *CLEAN)
    assert main(["gazetteer", "check", good]) == 0
    out = capsys.readouterr().out
    assert f"{good}: 3 entries" in out and "0 errors, 0 warnings" in out

    warn = write(tmp_path, "warn.tsv", *CLEAN, row("loc.h", "LOC", "Hope"))
    assert main(["gazetteer", "check", warn]) == 0  # warnings only
    out = capsys.readouterr().out
    assert "common-word (warning): 1" in out and "loc.h" in out

    dup = write(tmp_path, "dup.tsv", *CLEAN, row("per.b", "PER", "Oskar Vantongeren"))
    assert main(["gazetteer", "check", good, dup]) == 1
    out = capsys.readouterr().out
    assert "duplicate-id (error)" in out and f"{dup}:5" in out


def test_cli_limit(tmp_path, capsys):
    rows = [row(f"loc.w{i}", "LOC", w) for i, w in enumerate(["Hope", "Bridge", "Garden", "Window"])]
    p = write(tmp_path, "w.tsv", *rows)
    main(["gazetteer", "check", p, "--limit", "2"])
    out = capsys.readouterr().out
    assert "... and 2 more" in out


def test_cli_json(tmp_path, capsys):
    p = write(tmp_path, "g.tsv", *CLEAN, row("per.a", "PER", "Liesel Amundsen"))
    assert main(["gazetteer", "check", "--json", p]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 1 and report["exit_code"] == 1
    assert report["files"] == [{"path": p, "entries": 4, "error": None}]
    (dup,) = report["problems"]["duplicate-id"]
    assert dup["severity"] == "error"
    assert [loc["line"] for loc in dup["locations"]] == [2, 5]
    assert set(report["problems"]) == {"duplicate-id", "unfindable", "shared-name", "common-word"}


def test_cli_unreadable_undecodable_malformed(tmp_path, capsys):
    good = write(tmp_path, "good.tsv", *CLEAN)
    assert main(["gazetteer", "check", str(tmp_path / "missing.tsv")]) == 3
    latin1 = tmp_path / "latin1.tsv"
    latin1.write_bytes(HEADER.encode() + "per.j\tPER\tJosé Pardo\t\t\t\t\t\t\n".encode("latin-1"))
    assert main(["gazetteer", "check", good, str(latin1)]) == 4
    assert "line 2: not UTF-8 text" in capsys.readouterr().out
    bad = write(tmp_path, "bad.tsv", row("per.a", "PERSON", "Ana Lund"))
    assert main(["gazetteer", "check", good, bad]) == 5
    assert main(["gazetteer", "check", "--format", "yaml", good]) == 2  # argparse: bad usage


def test_cli_malformed_file_is_reported_with_line_and_column(tmp_path, capsys):
    good = write(tmp_path, "good.tsv", *CLEAN)
    bad = write(tmp_path, "bad.tsv", row("per.a", "PERSON", "Ana Lund"))
    assert main(["gazetteer", "check", "--json", good, bad]) == 5
    report = json.loads(capsys.readouterr().out)
    files = {f["path"]: f for f in report["files"]}
    assert files[good]["error"] is None and files[good]["entries"] == 3
    assert files[bad]["error"].startswith(f"{bad}, line 2, column 'type': unknown type")


def test_cli_formats_and_type(tmp_path, capsys):
    actors = tmp_path / "a.actors"
    actors.write_text("LIESEL_AMUNDSEN_ [VLRGOV 1-2]\n+LIESL_AMUNDSEN\n", encoding="utf-8")
    assert main(["gazetteer", "check", str(actors)]) == 0
    assert f"{actors}: 1 entries" in capsys.readouterr().out
    wd = tmp_path / "w.data"
    wd.write_text(json.dumps({"id": "Q9", "labels": {"en": {"value": "Oskar Vantongeren"}}}), encoding="utf-8")
    assert main(["gazetteer", "check", "--json", str(wd)]) == 5  # unknown extension
    capsys.readouterr()
    assert main(["gazetteer", "check", "--format", "json", "--type", "LOC", "--json", str(wd)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"] == [{"path": str(wd), "entries": 1, "error": None}]


def test_cli_needs_an_action(capsys):
    assert main(["gazetteer"]) == 2
    assert "check" in capsys.readouterr().err


def test_fast_enough_for_ten_thousand_entries(tmp_path):
    rnd = random.Random(7)
    syll = ["ka", "lo", "mi", "ren", "tas", "vo", "dri", "nel", "bu", "sha", "gor", "pii", "zu", "fen", "wal"]
    names: set[str] = set()
    while len(names) < 10_000:
        first = "".join(rnd.choice(syll) for _ in range(2)).capitalize()
        last = "".join(rnd.choice(syll) for _ in range(3)).capitalize()
        names.add(f"{first} {last}")
    p = write(tmp_path, "big.tsv", *(row(f"per.n{i}", "PER", n) for i, n in enumerate(sorted(names))))
    start = time.perf_counter()
    report = check_paths([p])
    elapsed = time.perf_counter() - start
    assert report.entries == 10_000
    assert not any(pr.check == "duplicate-id" for pr in report.problems)
    assert elapsed < 15, elapsed


def test_default_gazetteers_parse():
    from mtclean.gazetteer.formats import read_rows
    from mtclean.resources import DEFAULT_FILES, gazetteer_dir

    d = gazetteer_dir()
    paths = [d / f for f in DEFAULT_FILES if (d / f).is_file()]
    if not paths:
        pytest.skip("no default gazetteers in this checkout")
    for p in paths:  # the full check of the default data is `mtclean gazetteer check` (slow for a unit test)
        name, rows = read_rows(p)
        assert name == str(p) and rows

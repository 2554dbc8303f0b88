"""The command line end to end (subprocess): exit codes, messages on stderr, never a traceback;
the streaming batch mode for JSONL, CSV and Parquet with totals and worker processes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mtclean.cli import EXIT_BAD_DATA, EXIT_OK, EXIT_UNDECODABLE, EXIT_UNREADABLE, EXIT_USAGE


def run(*args: str, stdin: bytes | None = None, fast: bool = True) -> subprocess.CompletedProcess[str]:
    """``mtclean ARGS`` in a subprocess; ``fast`` adds --no-defaults (no gazetteer to load)."""
    argv = [sys.executable, "-m", "mtclean", *args]
    if fast and args and args[0] == "clean":
        argv.append("--no-defaults")
    p = subprocess.run(argv, input=stdin, capture_output=True, timeout=300)
    out = p.stdout.decode("utf-8")
    err = p.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return subprocess.CompletedProcess(argv, p.returncode, out, err)


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_clean_text_from_stdin():
    p = run("clean", "-", stdin=b"Officials said the the talks ended.\n")
    assert p.returncode == EXIT_OK
    assert p.stdout == "Officials said the talks ended.\n"


def test_undecodable_text_is_a_clear_error_unless_replaced(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Caf\xe9 talks the the end.".encode("latin-1"))
    p = run("clean", str(f))
    assert p.returncode == EXIT_UNDECODABLE
    assert "not UTF-8" in p.stderr and "--errors replace" in p.stderr
    p = run("clean", str(f), "--errors", "replace")
    assert p.returncode == EXIT_OK and p.stdout == "Caf\ufffd talks the end."


def test_jsonl_batch_writes_records_and_totals(tmp_path):
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": 1, "text": "Officials said the the talks ended."},
            {"id": 2, "text": "Rain fell.\nSource link"},
            {"id": 3, "text": None},
            {"id": 4, "text": "Nothing to do here."},
        ],
    )
    with src.open("a", encoding="utf-8") as fh:
        fh.write("\n")  # a blank line is skipped
    out = tmp_path / "out.jsonl"
    p = run("clean", "--jsonl", str(src), "-o", str(out))
    assert p.returncode == EXIT_OK, p.stderr
    recs = read_jsonl(out)
    assert [r["id"] for r in recs] == [1, 2, 3, 4]
    assert recs[0]["text_cleaned"] == "Officials said the talks ended."
    assert recs[0]["mtclean"]["fixes"][0]["kind"] == "artifact"
    assert recs[1]["text_cleaned"] == "Rain fell."
    assert recs[2]["text_cleaned"] is None and recs[2]["mtclean"] is None
    assert recs[3]["text_cleaned"] == "Nothing to do here." and recs[3]["mtclean"] == {"fixes": [], "findings": [], "entities": []}
    assert "4 articles" in p.stderr and "2 changed" in p.stderr and "2 fixes (artifact 1, boilerplate 1)" in p.stderr
    assert "1 without text" in p.stderr


def test_jsonl_with_two_processes_gives_the_same_bytes(tmp_path):
    texts = ["Officials said the the talks ended.", "Rain fell.\nSource link", "“Fine,” he said.", ""]
    src = write_jsonl(tmp_path / "in.jsonl", [{"n": i, "body": f"{texts[i % 4]} {i}"} for i in range(120)])
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    p1 = run("clean", "--jsonl", str(src), "--field", "body", "-o", str(one), fast=False)
    p2 = run(
        "clean", "--jsonl", str(src), "--field", "body", "-o", str(two), "--n-process", "2", "--batch-size", "7",
        fast=False,
    )  # fmt: skip
    assert p1.returncode == p2.returncode == EXIT_OK, p1.stderr + p2.stderr
    assert one.read_bytes() == two.read_bytes()
    assert [r["n"] for r in read_jsonl(two)] == list(range(120))
    assert p1.stderr == p2.stderr and "120 articles" in p2.stderr


def test_batches_from_standard_input():
    lines = "".join(json.dumps({"text": f"The the vote {i}."}) + "\n" for i in range(40)).encode()
    p = run("clean", "--jsonl", "-", "--n-process", "2", "--batch-size", "8", stdin=lines)
    assert p.returncode == EXIT_OK, p.stderr
    assert [json.loads(x)["text_cleaned"] for x in p.stdout.splitlines()] == [f"The vote {i}." for i in range(40)]
    p = run("clean", "--csv", "-", "--field", "body", "-q", stdin=b"body\r\nThe the end.\r\n")
    assert p.returncode == EXIT_OK and p.stderr == ""
    assert p.stdout.splitlines()[1].startswith("The the end.,The end.,")


def test_jsonl_bad_record_stops_after_writing_the_good_ones(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "One the the end."}\n{broken\n{"text": "Three."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = run("clean", "--jsonl", str(src), "-o", str(out))
    assert p.returncode == EXIT_BAD_DATA
    assert "bad.jsonl, line 2: invalid JSON" in p.stderr
    assert [r["text_cleaned"] for r in read_jsonl(out)] == ["One the end."]
    p = run("clean", "--jsonl", str(src), "-o", str(out), "--skip-bad-records")
    assert p.returncode == EXIT_OK
    assert "skipped: " in p.stderr and "line 2" in p.stderr and "1 bad record skipped" in p.stderr
    assert [r["text_cleaned"] for r in read_jsonl(out)] == ["One the end.", "Three."]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"body": "x"}', "no field 'text'"),
        ('{"text": 42}', "field 'text' is int"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_jsonl_unusable_records_name_the_line(tmp_path, line, message):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "ok"}\n' + line + "\n", encoding="utf-8")
    p = run("clean", "--jsonl", str(src))
    assert p.returncode == EXIT_BAD_DATA
    assert "in.jsonl, line 2" in p.stderr and message in p.stderr


def test_jsonl_undecodable_line_and_lone_surrogates(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "caf\xe9"}\n{"text": "Bad \\ud800 the the end."}\n')
    p = run("clean", "--jsonl", str(src))
    assert p.returncode == EXIT_UNDECODABLE and "line 1: not UTF-8" in p.stderr
    p = run("clean", "--jsonl", str(src), "--errors", "replace")
    assert p.returncode == EXIT_OK, p.stderr
    recs = [json.loads(line) for line in p.stdout.splitlines()]
    assert recs[0]["text_cleaned"] == "caf\ufffd"
    assert recs[1]["text_cleaned"] == "Bad \ud800 the end."  # escaped in the output, read back intact


def test_csv_batch_keeps_quoting_newlines_and_long_fields(tmp_path):
    src = tmp_path / "in.csv"
    long_text = "The the talks went on. " + "word " * 40_000  # over the csv module's default field limit
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "note"])
        w.writerow(["1", 'He said "yes", then\nleft the the room.', "a,b"])
        w.writerow(["2", long_text, ""])
        w.writerow(["3"])  # short row: the missing text is empty
    out = tmp_path / "out.csv"
    p = run("clean", "--csv", str(src), "-o", str(out), "--n-process", "0")  # 0: one per core
    assert p.returncode == EXIT_OK, p.stderr
    old_limit = csv.field_size_limit(10_000_000)
    try:
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    finally:
        csv.field_size_limit(old_limit)
    assert rows[0] == ["id", "text", "note", "text_cleaned", "mtclean"]
    assert rows[1][3] == 'He said "yes", then\nleft the room.' and rows[1][2] == "a,b"
    assert json.loads(rows[1][4])["fixes"][0]["rule"] == "artifact.doubled-word"
    assert rows[2][3].startswith("The talks went on.") and len(rows[2][3]) > 200_000
    assert rows[3][:2] == ["3", ""] and rows[3][3] == ""
    assert "3 articles" in p.stderr


def test_csv_errors(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,body\n1,hello\n", encoding="utf-8")
    p = run("clean", "--csv", str(src))
    assert p.returncode == EXIT_BAD_DATA and "no column 'text'" in p.stderr and "--field" in p.stderr
    src.write_bytes(b"id,text\n1,caf\xe9\n")
    p = run("clean", "--csv", str(src))
    assert p.returncode == EXIT_UNDECODABLE and "not UTF-8" in p.stderr
    src.write_text("id,text\n1,a,extra\n2,b\n", encoding="utf-8")
    p = run("clean", "--csv", str(src), "--skip-bad-records", "-q")
    assert p.returncode == EXIT_OK and "line 2: 3 fields but the header has 2" in p.stderr
    assert p.stdout.splitlines()[1:] == ['2,b,b,"{""fixes"": [], ""findings"": [], ""entities"": []}"']


def test_parquet_batch(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src, out = tmp_path / "in.parquet", tmp_path / "out.parquet"
    texts = ["Officials said the the talks ended.", None, "Fine."] * 700  # several record batches
    pq.write_table(pa.table({"id": list(range(len(texts))), "text": texts}), src)
    p = run("clean", "--parquet", str(src), "-o", str(out), "--batch-size", "50")
    assert p.returncode == EXIT_OK, p.stderr
    table = pq.read_table(out)
    assert table.column_names == ["id", "text", "text_cleaned", "mtclean"]
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == list(range(len(texts)))
    assert rows[0]["text_cleaned"] == "Officials said the talks ended."
    assert rows[1]["text_cleaned"] is None and rows[1]["mtclean"] is None
    assert json.loads(rows[2]["mtclean"]) == {"fixes": [], "findings": [], "entities": []}
    assert "2100 articles" in p.stderr and "700 without text" in p.stderr
    p = run("clean", "--parquet", str(src))
    assert p.returncode == EXIT_USAGE and "-o" in p.stderr
    p = run("clean", "--parquet", str(src), "-o", str(out), "--field", "body")
    assert p.returncode == EXIT_BAD_DATA and "no column 'body'" in p.stderr
    p = run("clean", "--parquet", str(tmp_path / "in.parquet.missing"), "-o", str(out))
    assert p.returncode == EXIT_UNREADABLE


def test_usage_errors(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("Hello.", encoding="utf-8")
    cases = [
        (["clean", str(f), "--colour", "blue"], "unrecognized arguments"),
        (["clean", str(f), "--enable", "artifact.no-such-rule"], "artifact.no-such-rule"),
        (["clean", str(f), "--n-process", "2"], "--n-process needs a batch"),
        (["clean", "--jsonl", str(f), "--n-process", "-1"], "--n-process must be 0 (one per core) or more"),
        (["clean", "--jsonl", str(f), "--diff", "inline"], "--diff works on one text"),
        (["clean", "--jsonl", str(f), "-o", str(f)], "is the input file"),
        (["clean", str(f), "--data", "boilerplate"], "NAME=PATH"),
        (["clean", str(f), "--data", f"boilerplates={f}"], "unknown data set 'boilerplates' (known: boilerplate,"),
        (["clean", "--jsonl", "--csv", str(f)], "not allowed with"),
    ]
    for argv, message in cases:
        p = run(*argv)
        assert p.returncode == EXIT_USAGE, (argv, p.stderr)
        assert message in p.stderr, (argv, p.stderr)
    assert f.read_text(encoding="utf-8") == "Hello."  # never truncated by -o


def test_unreadable_and_malformed_files(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("Hello.", encoding="utf-8")
    p = run("clean", str(tmp_path / "missing.txt"))
    assert p.returncode == EXIT_UNREADABLE and "missing.txt" in p.stderr
    p = run("clean", str(text), "--gazetteer", str(tmp_path / "nowhere.tsv"))
    assert p.returncode == EXIT_UNREADABLE and "nowhere.tsv" in p.stderr
    gaz = tmp_path / "g.tsv"
    gaz.write_text("id\ttype\tcanonical\taliases\nper.x\tPERSON\tX Y\t\n", encoding="utf-8")
    p = run("clean", str(text), "--gazetteer", str(gaz))
    assert p.returncode == EXIT_BAD_DATA
    assert "g.tsv" in p.stderr and "line 2" in p.stderr and "type" in p.stderr
    data = tmp_path / "bp.tsv"
    data.write_text("id\tpattern\twhere\nmine\t(unclosed\tend\n", encoding="utf-8")
    p = run("clean", str(text), "--data", f"boilerplate={data}")
    assert p.returncode == EXIT_BAD_DATA and "bp.tsv, line 2" in p.stderr and "pattern" in p.stderr
    p = run("clean", str(text), "--data", f"boilerplate={tmp_path / 'none.tsv'}")
    assert p.returncode == EXIT_UNREADABLE and "none.tsv" in p.stderr


def test_user_data_file_is_used(tmp_path):
    data = tmp_path / "bp.tsv"
    data.write_text("id\tpattern\twhere\tdescription\nmy-footer\tpowered\\s{1,3}by\\s{1,3}\\w{1,20}\tend\tx\n")
    text = tmp_path / "t.txt"
    text.write_text("The vote was delayed.\nPowered by Examplesoft", encoding="utf-8")
    p = run("clean", str(text), "--data", f"boilerplate={data}")
    assert p.returncode == EXIT_OK and p.stdout == "The vote was delayed."


def test_progress_bar_only_on_a_terminal(monkeypatch):
    pytest.importorskip("tqdm")
    import argparse

    from mtclean.commands import clean

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    args = argparse.Namespace(quiet=False)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert clean._progress(args) is None
    monkeypatch.setattr(sys, "stderr", Tty())
    bar = clean._progress(args, 10)
    assert bar is not None
    bar.update(10)
    bar.close()
    assert "10/10" in sys.stderr.getvalue()
    assert clean._progress(argparse.Namespace(quiet=True)) is None

"""``mtclean clean``: clean a file or standard input, or a stream of records (JSONL, CSV, Parquet).

Batch mode (``--jsonl``, ``--csv``, ``--parquet``) streams: records are read, cleaned (in
``--n-process`` worker processes, in order) and written one by one, so memory stays bounded
whatever the size of the input.  Each output record is the input record plus ``<field>_cleaned``
(the cleaned text) and ``mtclean`` (the applied fixes and the findings; a JSON string in CSV and
Parquet).  A ``null`` text (JSONL, Parquet) stays ``null``.  At the end the totals (articles,
fixes by kind, findings) go to standard error; a progress bar is shown when ``tqdm`` is installed
and standard error is a terminal.

A record that cannot be used (invalid JSON, no text field) stops the run with an error naming the
file and line, after every record before it has been written; with ``--skip-bad-records`` it is
reported on standard error, counted and left out instead.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ..cli import EXIT_BAD_DATA, EXIT_UNDECODABLE, EXIT_UNREADABLE, EXIT_USAGE, CLIError, read_input

#: Largest CSV field accepted (the csv module's default of 128 KiB is less than a long article).
CSV_FIELD_LIMIT = 2**31 - 1


def register(sub: Any) -> None:
    p = sub.add_parser(
        "clean",
        help="clean a text file (or - for stdin), or a JSONL/CSV/Parquet batch of records",
        description=(
            "Clean a text file (or - for standard input) and print the cleaned text, or clean one field of "
            "every record of a JSONL, CSV or Parquet file (batch mode), streaming."
        ),
    )
    p.add_argument("input", metavar="FILE", help="file to clean, or - for standard input")
    p.add_argument("--diff", choices=["unified", "inline", "html", "json"], help="print the diff instead of the text")
    p.add_argument("--findings", action="store_true", help="list findings (and applied fixes) on standard error")
    add_cleaner_options(p)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--jsonl", action="store_true", help="FILE is JSONL: clean one field of each record")
    fmt.add_argument("--csv", action="store_true", help="FILE is CSV with a header row: clean one column")
    fmt.add_argument("--parquet", action="store_true", help="FILE is Parquet: clean one column (needs pyarrow)")
    p.add_argument("--field", default="text", help="the field or column holding the text (default: text)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument("--errors", choices=["strict", "replace"], default="strict", help="how to treat undecodable bytes")
    p.add_argument(
        "--n-process",
        type=int,
        default=1,
        metavar="N",
        help="batch mode: clean in N worker processes (default 1; 0: one per available core)",
    )
    p.add_argument(
        "--batch-size", type=int, default=64, metavar="B", help="batch mode: texts per task sent to a worker"
    )
    p.add_argument(
        "--skip-bad-records",
        action="store_true",
        help="batch mode: report unusable records on stderr and leave them out instead of stopping",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="batch mode: no progress bar and no totals")
    p.set_defaults(func=run)


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def data_sets() -> list[str]:
    """Names of the rule data sets: one per data file shipped in ``mtclean/data`` (``NAME.tsv``)."""
    from ..resources import data_path

    return sorted(p.stem for p in data_path("").glob("*.tsv"))


def _parse_data(values: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    known = data_sets() if values else []
    for v in values:
        name, sep, path = v.partition("=")
        name = name.strip()
        if not sep or not name or not path:
            raise CLIError(f"--data expects NAME=PATH (e.g. boilerplate=my.tsv), got {v!r}", EXIT_USAGE)
        if name not in known:
            raise CLIError(f"--data: unknown data set {name!r} (known: {', '.join(known)})", EXIT_USAGE)
        out.setdefault(name, []).append(path)
    return out


def add_cleaner_options(p: argparse.ArgumentParser) -> None:
    """The options that configure the `Cleaner` (shared by the commands that clean text)."""
    p.add_argument("--gazetteer", action="append", default=[], metavar="PATH", help="extra gazetteer (repeatable)")
    p.add_argument("--no-defaults", action="store_true", help="do not load the embedded gazetteers")
    p.add_argument("--mode", choices=["repair", "normalize"], default="repair")
    p.add_argument("--min-confidence", type=float, metavar="X", help="confidence needed to apply a fix (0..1)")
    p.add_argument("--enable", action="append", metavar="RULE|KIND", help="run only these rules or kinds")
    p.add_argument("--disable", action="append", metavar="RULE|KIND", help="do not run these rules or kinds")
    p.add_argument(
        "--data",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="extra rule data file for data set NAME, e.g. boilerplate=my_patterns.tsv (repeatable)",
    )


def make_cleaner(args: argparse.Namespace) -> Any:
    """The `Cleaner` the options describe; bad files become `CLIError` with the right exit code."""
    from .. import Cleaner

    data = _parse_data(getattr(args, "data", None) or [])
    try:
        return Cleaner(
            args.gazetteer or None,
            defaults=not args.no_defaults,
            mode=args.mode,
            min_confidence=args.min_confidence,
            enable=args.enable,
            disable=args.disable,
            data=data or None,
        )
    except OSError as exc:
        where = exc.filename if exc.filename is not None else ""
        raise CLIError(
            f"cannot read {where or 'a gazetteer or data file'}: {exc.strerror or exc}", EXIT_UNREADABLE
        ) from None
    except UnicodeDecodeError as exc:
        raise CLIError(f"a gazetteer or data file is not UTF-8 text: {exc}", EXIT_UNDECODABLE) from None
    except ValueError as exc:
        # Malformed rule data files (e.g. the boilerplate detector's DataFileError) carry the file and
        # line; gazetteer errors are handled by the CLI itself.
        if hasattr(exc, "file") and hasattr(exc, "line"):
            raise CLIError(str(exc), EXIT_BAD_DATA) from None
        raise


def _format_record(f: Any) -> str:
    sugg = f" -> {f.replacement!r}" if f.replacement is not None else ""
    ent = f" [{f.entity}]" if f.entity else ""
    return f"{f.start}-{f.end} {f.kind}/{f.rule} {f.original!r}{sugg} ({f.confidence:.2f}){ent}: {f.reason}"


def _batch_format(args: argparse.Namespace) -> str | None:
    return "jsonl" if args.jsonl else "csv" if args.csv else "parquet" if args.parquet else None


def _check_batch_options(args: argparse.Namespace) -> None:
    if args.n_process < 0:
        raise CLIError("--n-process must be 0 (one per core) or more", EXIT_USAGE)
    if args.n_process == 0:
        args.n_process = available_cores()
    if args.batch_size < 1:
        raise CLIError("--batch-size must be at least 1", EXIT_USAGE)
    if args.diff:
        raise CLIError("--diff works on one text, not with --jsonl, --csv or --parquet", EXIT_USAGE)
    if args.output and args.output != "-" and args.input != "-":
        try:
            same = os.path.exists(args.output) and os.path.samefile(args.input, args.output)
        except OSError:
            same = False
        if same:
            raise CLIError(f"the output {args.output} is the input file; write somewhere else", EXIT_USAGE)


def run(args: argparse.Namespace) -> int:
    fmt = _batch_format(args)
    if fmt is not None:
        _check_batch_options(args)
        if fmt == "parquet":
            return _run_parquet(args)
    elif args.n_process != 1:
        raise CLIError("--n-process needs a batch: --jsonl, --csv or --parquet", EXIT_USAGE)
    if fmt is None:
        text = read_input(args.input, args.errors)
    cleaner = make_cleaner(args)
    out: IO[str] = sys.stdout
    if args.output and args.output != "-":
        try:
            out = open(args.output, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise CLIError(f"cannot write {args.output}: {exc.strerror or exc}", EXIT_UNREADABLE) from None
    try:
        if fmt == "jsonl":
            return _run_batch(args, cleaner, _JsonlReader(args), _JsonlWriter(out, args.field))
        if fmt == "csv":
            reader = _CsvReader(args)
            return _run_batch(args, cleaner, reader, _CsvWriter(out, args.field, reader))
        result = cleaner.clean(text)
        out.write(result.diff(args.diff) if args.diff else result.text)
        if args.findings:
            for f in result.fixes:
                print("fix     " + _format_record(f), file=sys.stderr)
            for f in result.findings:
                print("finding " + _format_record(f), file=sys.stderr)
        return 0
    finally:
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()


# --- batch mode -------------------------------------------------------------------------------


@dataclass
class _Totals:
    articles: int = 0
    changed: int = 0
    missing: int = 0
    skipped: int = 0
    findings: int = 0
    fixes: Counter[str] = field(default_factory=Counter)

    def add(self, result: Any) -> None:
        self.articles += 1
        if result is None:
            self.missing += 1
            return
        self.changed += bool(result.fixes)
        self.findings += len(result.findings)
        self.fixes.update(f.kind for f in result.fixes)

    def summary(self) -> str:
        n_fixes = sum(self.fixes.values())
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.fixes.items(), key=lambda kv: (-kv[1], kv[0])))
        parts = [
            f"{self.articles} article{'s' if self.articles != 1 else ''}",
            f"{self.changed} changed",
            f"{n_fixes} fix{'es' if n_fixes != 1 else ''}" + (f" ({kinds})" if kinds else ""),
            f"{self.findings} finding{'s' if self.findings != 1 else ''}",
        ]
        if self.missing:
            parts.append(f"{self.missing} without text")
        if self.skipped:
            parts.append(f"{self.skipped} bad record{'s' if self.skipped != 1 else ''} skipped")
        return "mtclean: " + ", ".join(parts)


def _mtclean_record(result: Any) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "fixes": [f.to_dict() for f in result.fixes],
        "findings": [f.to_dict() for f in result.findings],
        "entities": [e.to_dict() for e in result.entities],
    }


class _BadRecord(Exception):
    def __init__(self, message: str, code: int = EXIT_BAD_DATA) -> None:
        super().__init__(message)
        self.code = code


class _Reader:
    """Yields ``(record, text or None)``, or a `_BadRecord` for one unusable record (the reader goes
    on after it); raises `CLIError` for errors that end the stream.  A ``None`` record is a blank
    line: nothing to write."""

    name: str

    def records(self) -> Iterator[tuple[Any, str | None] | _BadRecord]:
        raise NotImplementedError

    def close(self) -> None:
        pass


def _open_binary(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        raise CLIError(f"cannot read {path}: {exc.strerror or exc}", EXIT_UNREADABLE) from None


class _JsonlReader(_Reader):
    def __init__(self, args: argparse.Namespace) -> None:
        self.name = "<stdin>" if args.input == "-" else args.input
        self.field = args.field
        self.errors = args.errors
        self.stream = _open_binary(args.input)

    def records(self) -> Iterator[tuple[Any, str | None] | _BadRecord]:
        for line_no, raw in enumerate(self.stream, 1):
            try:
                yield self._record(line_no, raw)
            except _BadRecord as exc:
                yield exc

    def _record(self, line_no: int, raw: bytes) -> tuple[Any, str | None]:
        try:
            line = raw.decode("utf-8", errors=self.errors)
        except UnicodeDecodeError as exc:
            raise _BadRecord(
                f"{self.name}, line {line_no}: not UTF-8 text (byte {exc.start}); use --errors replace",
                EXIT_UNDECODABLE,
            ) from None
        if not line.strip():
            return None, None  # blank line: nothing to clean, nothing to write
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _BadRecord(f"{self.name}, line {line_no}: invalid JSON: {exc.msg} (column {exc.colno})") from None
        except RecursionError:
            raise _BadRecord(f"{self.name}, line {line_no}: invalid JSON: nested too deeply") from None
        if not isinstance(rec, dict):
            raise _BadRecord(f"{self.name}, line {line_no}: expected a JSON object, got {type(rec).__name__}")
        if self.field not in rec:
            raise _BadRecord(f"{self.name}, line {line_no}: no field {self.field!r} (choose it with --field)")
        value = rec[self.field]
        if value is not None and not isinstance(value, str):
            raise _BadRecord(f"{self.name}, line {line_no}: field {self.field!r} is {type(value).__name__}, not text")
        return rec, value

    def close(self) -> None:
        if self.stream is not sys.stdin.buffer:
            self.stream.close()


class _JsonlWriter:
    def __init__(self, out: IO[str], field: str) -> None:
        self.out = out
        self.field = field

    def write(self, rec: Any, result: Any) -> None:
        rec[self.field + "_cleaned"] = None if result is None else result.text
        rec["mtclean"] = _mtclean_record(result)
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (from a JSON escape) cannot be UTF-8: escape it again
            line = json.dumps(rec) + "\n"
        self.out.write(line)


class _CsvReader(_Reader):
    def __init__(self, args: argparse.Namespace) -> None:
        csv.field_size_limit(CSV_FIELD_LIMIT)
        self.name = "<stdin>" if args.input == "-" else args.input
        self.field = args.field
        self.binary = _open_binary(args.input)
        self.stream = io.TextIOWrapper(self.binary, encoding="utf-8", errors=args.errors, newline="")
        self.reader = csv.reader(self.stream, strict=True)
        self.header = self._header()
        self.index = self.header.index(self.field)

    def _next(self) -> list[str] | None:
        try:
            return next(self.reader)
        except StopIteration:
            return None
        except UnicodeDecodeError as exc:
            raise CLIError(
                f"{self.name}, near line {self.reader.line_num + 1}: not UTF-8 text ({exc.reason}); "
                "use --errors replace",
                EXIT_UNDECODABLE,
            ) from None
        except csv.Error as exc:
            raise CLIError(f"{self.name}, line {self.reader.line_num}: malformed CSV: {exc}", EXIT_BAD_DATA) from None

    def _header(self) -> list[str]:
        row = self._next()
        if row is None:
            raise CLIError(f"{self.name}: empty CSV file (expected a header row)", EXIT_BAD_DATA)
        if self.field not in row:
            raise CLIError(
                f"{self.name}, line {self.reader.line_num}: no column {self.field!r} in the header "
                f"({', '.join(map(repr, row[:12]))}); choose it with --field",
                EXIT_BAD_DATA,
            )
        return row

    def records(self) -> Iterator[tuple[Any, str | None] | _BadRecord]:
        width = len(self.header)
        while True:
            row = self._next()
            if row is None:
                return
            if not row:
                yield None, None
                continue
            if len(row) > width:
                line = self.reader.line_num
                yield _BadRecord(f"{self.name}, line {line}: {len(row)} fields but the header has {width}")
                continue
            row = row + [""] * (width - len(row))
            yield row, row[self.index]

    def close(self) -> None:
        if self.binary is not sys.stdin.buffer:
            self.stream.close()
        else:
            self.stream.detach()


class _CsvWriter:
    def __init__(self, out: IO[str], field: str, reader: _CsvReader) -> None:
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow([*reader.header, field + "_cleaned", "mtclean"])

    def write(self, row: Any, result: Any) -> None:
        self.writer.writerow([*row, result.text, json.dumps(_mtclean_record(result), ensure_ascii=False)])


def _progress(args: argparse.Namespace, total: int | None = None) -> Any:
    if args.quiet or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit=" articles", file=sys.stderr, dynamic_ncols=True)


def _run_batch(args: argparse.Namespace, cleaner: Any, reader: _Reader, writer: Any, total: int | None = None) -> int:
    """Stream ``reader`` through ``cleaner.pipe`` into ``writer``; records stay paired with results."""
    totals = _Totals()
    queue: deque[tuple[Any, bool]] = deque()  # (record, has text) of the texts in flight, in order
    failure: list[CLIError] = []

    def texts() -> Iterator[str]:
        it = reader.records()
        while True:
            try:
                item = next(it)
            except StopIteration:
                return
            except CLIError as exc:
                failure.append(exc)  # stop reading; every record before is still cleaned and written
                return
            if isinstance(item, _BadRecord):
                if not args.skip_bad_records:
                    failure.append(CLIError(str(item), item.code))
                    return
                print(f"mtclean: skipped: {item}", file=sys.stderr)
                totals.skipped += 1
                continue
            rec, text = item
            if rec is None:
                continue
            # A null text goes through the pipe as "" (its result is dropped) so that it keeps its place
            # and the queue stays bounded by the pipe's read-ahead, however many nulls come in a row.
            queue.append((rec, text is not None))
            yield "" if text is None else text

    bar = _progress(args, total)
    try:
        for result in cleaner.pipe(texts(), batch_size=args.batch_size, n_process=args.n_process):
            rec, has_text = queue.popleft()
            _emit(writer, rec, result if has_text else None, totals, bar)
    finally:
        if bar is not None:
            bar.close()
        reader.close()
    if not args.quiet:
        print(totals.summary(), file=sys.stderr)
    if failure:
        raise failure[0]
    return 0


def _emit(writer: Any, rec: Any, result: Any, totals: _Totals, bar: Any) -> None:
    writer.write(rec, result)
    totals.add(result)
    if bar is not None:
        bar.update(1)


class _ParquetReader(_Reader):
    def __init__(self, args: argparse.Namespace, source: Any) -> None:
        self.name = args.input
        self.field = args.field
        self.source = source
        self.batch_size = max(args.batch_size, 1024)

    def records(self) -> Iterator[tuple[Any, str | None] | _BadRecord]:
        for batch in self.source.iter_batches(batch_size=self.batch_size):
            values = batch.column(self.field).to_pylist()
            last = len(values) - 1
            for i, v in enumerate(values):
                yield (batch, i, last), v


class _ParquetWriter:
    """Collects the cleaned values of one input record batch, then writes it with the two new columns."""

    def __init__(self, writer: Any, schema: Any, field: str) -> None:
        self.writer = writer
        self.schema = schema
        self.field = field
        self.texts: list[str | None] = []
        self.records: list[str | None] = []

    def write(self, rec: Any, result: Any) -> None:
        import pyarrow as pa

        batch, i, last = rec
        self.texts.append(None if result is None else result.text)
        self.records.append(None if result is None else json.dumps(_mtclean_record(result), ensure_ascii=False))
        if i == last:
            table = pa.Table.from_batches([batch])
            table = table.append_column(self.schema.field(self.field + "_cleaned"), pa.array(self.texts, pa.string()))
            table = table.append_column(self.schema.field("mtclean"), pa.array(self.records, pa.string()))
            self.writer.write_table(table)
            self.texts, self.records = [], []


def _run_parquet(args: argparse.Namespace) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CLIError("--parquet needs pyarrow (pip install pyarrow)", EXIT_USAGE) from None
    if args.input == "-":
        raise CLIError("--parquet reads a file, not standard input", EXIT_USAGE)
    if not args.output or args.output == "-":
        raise CLIError("--parquet writes a file: give it with -o OUT.parquet", EXIT_USAGE)
    try:
        source = pq.ParquetFile(args.input)
    except OSError as exc:
        raise CLIError(f"cannot read {args.input}: {exc}", EXIT_UNREADABLE) from None
    except pa.ArrowException as exc:
        raise CLIError(f"{args.input}: not a Parquet file ({exc})", EXIT_BAD_DATA) from None
    schema = source.schema_arrow
    if args.field not in schema.names:
        raise CLIError(
            f"{args.input}: no column {args.field!r} (columns: {', '.join(schema.names[:12])}); choose it with --field",
            EXIT_BAD_DATA,
        )
    typ = schema.field(args.field).type
    if not (pa.types.is_string(typ) or pa.types.is_large_string(typ)):
        raise CLIError(f"{args.input}: column {args.field!r} is {typ}, not text", EXIT_BAD_DATA)
    cleaner = make_cleaner(args)
    out_schema = schema.append(pa.field(args.field + "_cleaned", pa.string())).append(pa.field("mtclean", pa.string()))
    try:
        writer = pq.ParquetWriter(args.output, out_schema)
    except OSError as exc:
        raise CLIError(f"cannot write {args.output}: {exc}", EXIT_UNREADABLE) from None
    try:
        return _run_batch(
            args,
            cleaner,
            _ParquetReader(args, source),
            _ParquetWriter(writer, out_schema, args.field),
            total=source.metadata.num_rows,
        )
    finally:
        writer.close()

"""Reading gazetteer files: TSV, CSV and JSONL (chosen by extension).

Errors name the file, the line and the column (`GazetteerError`).  The columns are described in
``docs/gazetteer-format.md``; unknown columns are ignored.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .model import FLAGS, TYPES, Entry, Gazetteer

REQUIRED = ("id", "type", "canonical", "aliases")
LIST_FIELDS = ("aliases", "mangled", "country", "flags", "demonyms", "singular", "plural", "adjective")
TEXT_FIELDS = ("description", "source")


class GazetteerError(ValueError):
    """A malformed gazetteer file; says which file, line and column."""

    def __init__(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {message}")


def split_list(value: str) -> tuple[str, ...]:
    """Split a ``|``-separated cell into its non-empty, stripped items (order kept, no repeats)."""
    seen: dict[str, None] = {}
    for item in value.split("|"):
        item = item.strip()
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


def entry_from_record(rec: dict[str, Any], file: str, line: int) -> Entry:
    """Build an `Entry` from a dict of column values (strings or, for JSON, lists)."""
    for col in ("id", "type", "canonical"):
        v = rec.get(col)
        if v is None or (isinstance(v, str) and not v.strip()):
            raise GazetteerError(file, line, col, "missing value")
        if not isinstance(v, str):
            raise GazetteerError(file, line, col, f"expected text, got {type(v).__name__}")
    typ = rec["type"].strip().upper()
    if typ not in TYPES:
        raise GazetteerError(file, line, "type", f"unknown type {rec['type']!r} (expected {', '.join(TYPES)})")
    lists: dict[str, tuple[str, ...]] = {}
    for col in LIST_FIELDS:
        v = rec.get(col)
        if v is None or v == "":
            lists[col] = ()
        elif isinstance(v, str):
            lists[col] = split_list(v)
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            lists[col] = split_list("|".join(v))
        else:
            raise GazetteerError(file, line, col, "expected a list of strings or a '|'-separated string")
    bad_flags = [f for f in lists["flags"] if f not in FLAGS]
    if bad_flags:
        raise GazetteerError(file, line, "flags", f"unknown flag {bad_flags[0]!r} (expected {', '.join(FLAGS)})")
    texts: dict[str, str] = {}
    for col in TEXT_FIELDS:
        v = rec.get(col)
        if v is None:
            texts[col] = ""
        elif isinstance(v, str):
            texts[col] = v.strip()
        else:
            raise GazetteerError(file, line, col, f"expected text, got {type(v).__name__}")
    canonical = rec["canonical"].strip()
    return Entry(
        id=rec["id"].strip(),
        type=typ,
        canonical=canonical,
        aliases=tuple(a for a in lists["aliases"] if a != canonical),
        mangled=lists["mangled"],
        country=tuple(c.upper() for c in lists["country"]),
        description=texts["description"],
        source=texts["source"],
        flags=frozenset(lists["flags"]),
        demonyms=lists["demonyms"],
        singular=lists["singular"],
        plural=lists["plural"],
        adjective=lists["adjective"],
    )


def _read_delimited(stream: IO[str], file: str, delimiter: str) -> Iterator[tuple[int, Entry]]:
    header: list[str] | None = None
    rows = csv.reader(stream, delimiter=delimiter, quotechar='"' if delimiter == "," else "\x00")
    for row in rows:
        line = rows.line_num
        if not row or all(not c.strip() for c in row):
            continue
        if row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise GazetteerError(file, line, missing[0], "required column missing from the header row")
            continue
        if len(row) > len(header):
            extra = row[len(header) :]
            if any(c.strip() for c in extra):
                raise GazetteerError(file, line, None, f"{len(row)} fields but the header has {len(header)}")
        rec = {h: (row[i] if i < len(row) else "") for i, h in enumerate(header)}
        yield line, entry_from_record(rec, file, line)
    if header is None:
        raise GazetteerError(file, None, None, "no header row")


def _read_jsonl(stream: IO[str], file: str) -> Iterator[tuple[int, Entry]]:
    for line_no, line in enumerate(stream, 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        try:
            rec = json.loads(s)
        except json.JSONDecodeError as exc:
            raise GazetteerError(file, line_no, None, f"invalid JSON: {exc.msg} at column {exc.colno}") from None
        if not isinstance(rec, dict):
            raise GazetteerError(file, line_no, None, "expected a JSON object")
        yield line_no, entry_from_record(rec, file, line_no)


def _format_of(name: str) -> str:
    n = name.lower()
    for ext, fmt in ((".tsv", "tsv"), (".tab", "tsv"), (".csv", "csv"), (".jsonl", "jsonl"), (".ndjson", "jsonl")):
        if n.endswith(ext):
            return fmt
    raise GazetteerError(name, None, None, "unknown gazetteer format (expected .tsv, .csv or .jsonl)")


def read_entries(stream: IO[str], file: str, fmt: str) -> Iterable[Entry]:
    """Entries of one file, checked for duplicate ids (the error names the second line)."""
    if fmt == "tsv":
        rows = _read_delimited(stream, file, "\t")
    elif fmt == "csv":
        rows = _read_delimited(stream, file, ",")
    elif fmt == "jsonl":
        rows = _read_jsonl(stream, file)
    else:
        raise GazetteerError(file, None, None, f"unknown format {fmt!r}")
    seen: dict[str, int] = {}
    out: list[Entry] = []
    for line, e in rows:
        if e.id in seen:
            raise GazetteerError(file, line, "id", f"duplicate id {e.id!r} (first on line {seen[e.id]})")
        seen[e.id] = line
        out.append(e)
    return out


def load_gazetteer(source: str | os.PathLike[str] | IO[str], *, format: str | None = None) -> Gazetteer:
    """Load a gazetteer from a path or an open text file.

    The format comes from the file extension (``.tsv``, ``.csv``, ``.jsonl``) unless ``format``
    is given (required for a file object without a name).  Raises `GazetteerError` naming file,
    line and column for malformed content, ``FileNotFoundError`` for a missing path.
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = str(path)
        fmt = format or _format_of(name)
        try:
            with open(path, encoding="utf-8", newline="") as fh:
                entries = list(read_entries(fh, name, fmt))
        except UnicodeDecodeError as exc:
            raise GazetteerError(name, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    else:
        name = str(getattr(source, "name", "<stream>"))
        fmt = format or _format_of(name)
        if isinstance(source, io.TextIOBase) or hasattr(source, "read"):
            entries = list(read_entries(source, name, fmt))
        else:
            raise TypeError("load_gazetteer() argument 'source' must be a path or a text file")
    return Gazetteer(entries, name=name)

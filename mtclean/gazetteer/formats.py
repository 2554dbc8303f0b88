"""Reading gazetteer files: TSV, CSV, JSONL, Wikidata entity JSON and PETRARCH actor dictionaries.

`load_gazetteer` picks the format from the file extension (``.tsv``, ``.csv``, ``.jsonl``/``.ndjson``,
``.json``, ``.txt``/``.actors``) unless ``format=`` forces one.  Errors name the file, the line and
the column (`GazetteerError`).  The formats are described in ``docs/gazetteer-format.md``; unknown
columns are ignored.

`read_rows` returns every entry with the line it came from and does not reject duplicate ids (the
``mtclean gazetteer check`` command reports them); `load_gazetteer` does.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import regex

from ..errors import LocatedError
from .model import FLAGS, TYPES, Entry, Gazetteer

REQUIRED = ("id", "type", "canonical", "aliases")
LIST_FIELDS = (
    "aliases",
    "mangled",
    "country",
    "flags",
    "demonyms",
    "singular",
    "plural",
    "adjective",
    "native",
    "readings",
)
TEXT_FIELDS = ("description", "source")
#: Name-bearing list fields: their items may not contain control characters.
NAME_FIELDS = ("aliases", "mangled", "demonyms", "singular", "plural", "adjective", "native", "readings")

#: Format names accepted by ``format=`` (and their aliases).
FORMATS = ("tsv", "csv", "jsonl", "wikidata", "petrarch")
_FORMAT_ALIASES = {"tab": "tsv", "ndjson": "jsonl", "json": "wikidata", "actors": "petrarch", "cameo": "petrarch"}
_EXTENSIONS = (
    (".tsv", "tsv"),
    (".tab", "tsv"),
    (".csv", "csv"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "wikidata"),
    (".actors", "petrarch"),
    (".txt", "petrarch"),
)

#: One gazetteer row: the line it starts on (None when unknown) and the entry.
Row = tuple[int | None, Entry]


class GazetteerError(LocatedError):
    """A malformed gazetteer file; says which file, line and column."""

    _where = "column"
    column: str | None


class GazetteerEncodingError(GazetteerError):
    """A gazetteer file that is not UTF-8 text."""


def split_list(value: str) -> tuple[str, ...]:
    """Split a ``|``-separated cell into its non-empty, stripped items (order kept, no repeats)."""
    return unique(value.split("|"))


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """Stripped, non-empty items without repeats, in their first order."""
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


_CONTROL = regex.compile(r"[\p{Cc}\p{Cs}\p{Cn}\u2028\u2029]")
_LATIN_LETTER = regex.compile(r"\p{Script=Latin}")
_NON_LATIN_LETTER = regex.compile(r"(?=\p{L})[^\p{Script=Latin}]")


def has_control(s: str) -> bool:
    """True when ``s`` holds a control, surrogate or unassigned character (tab, newline, NUL...)."""
    return _CONTROL.search(s) is not None


def check_type(value: str, file: str, line: int | None, column: str = "type") -> str:
    typ = value.strip().upper()
    if typ not in TYPES:
        raise GazetteerError(file, line, column, f"unknown type {value!r} (expected {', '.join(TYPES)})")
    return typ


def check_id(value: str, file: str, line: int | None) -> str:
    ident = value.strip()
    if any(c.isspace() for c in ident) or has_control(ident) or "|" in ident:
        raise GazetteerError(file, line, "id", f"id {ident!r} contains a space, '|' or a control character")
    return ident


def entry_from_record(rec: dict[str, Any], file: str, line: int | None, type: str | None = None) -> Entry:
    """Build an `Entry` from a dict of column values (strings or, for JSON, lists).

    ``type`` overrides the record's type (and makes the ``type`` column optional).
    """
    for col in ("id", "type", "canonical"):
        if col == "type" and type is not None:
            continue
        v = rec.get(col)
        if v is None or (isinstance(v, str) and not v.strip()):
            raise GazetteerError(file, line, col, "missing value" if col != "canonical" else "empty canonical form")
        if not isinstance(v, str):
            raise GazetteerError(file, line, col, f"expected text, got {_json_type(v)}")
    typ = check_type(type if type is not None else rec["type"], file, line)
    lists: dict[str, tuple[str, ...]] = {}
    for col in LIST_FIELDS:
        v = rec.get(col)
        if v is None or v == "":
            lists[col] = ()
        elif isinstance(v, str):
            lists[col] = split_list(v)
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            lists[col] = unique(v)
        else:
            raise GazetteerError(file, line, col, "expected a list of strings or a '|'-separated string")
        if col in NAME_FIELDS:
            for item in lists[col]:
                if has_control(item):
                    raise GazetteerError(file, line, col, f"{item!r} contains a control character")
    for item in lists["readings"]:
        if not _LATIN_LETTER.search(item) or _NON_LATIN_LETTER.search(item):
            raise GazetteerError(file, line, "readings", f"reading {item!r} is not a romanisation (Latin letters)")
    bad_flags = [f for f in lists["flags"] if f not in FLAGS]
    if bad_flags:
        raise GazetteerError(file, line, "flags", f"unknown flag {bad_flags[0]!r} (expected {', '.join(FLAGS)})")
    countries = tuple(c.upper() for c in lists["country"])
    for c in countries:
        if len(c) != 2 or not ("A" <= c[0] <= "Z" and "A" <= c[1] <= "Z"):
            raise GazetteerError(file, line, "country", f"{c!r} is not an ISO 3166-1 alpha-2 code")
    texts: dict[str, str] = {}
    for col in TEXT_FIELDS:
        v = rec.get(col)
        if v is None:
            texts[col] = ""
        elif isinstance(v, str):
            texts[col] = v.strip()
        else:
            raise GazetteerError(file, line, col, f"expected text, got {_json_type(v)}")
    canonical = rec["canonical"].strip()
    if has_control(canonical):
        raise GazetteerError(file, line, "canonical", f"{canonical!r} contains a control character")
    return Entry(
        id=check_id(rec["id"], file, line),
        type=typ,
        canonical=canonical,
        aliases=tuple(a for a in lists["aliases"] if a != canonical),
        mangled=lists["mangled"],
        country=countries,
        description=texts["description"],
        source=texts["source"],
        flags=frozenset(lists["flags"]),
        demonyms=lists["demonyms"],
        singular=lists["singular"],
        plural=lists["plural"],
        adjective=lists["adjective"],
        native=lists["native"],
        readings=lists["readings"],
    )


def _json_type(v: object) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(v), type(v).__name__
    )


def _read_delimited(text: str, file: str, delimiter: str, type: str | None) -> Iterator[Row]:
    header: list[str] | None = None
    if delimiter == ",":
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=",", quotechar='"', strict=True)
    else:  # TSV: no quoting at all, a '"' is an ordinary character
        rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    required = [c for c in REQUIRED if not (c == "type" and type is not None)]
    line = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            raise GazetteerError(
                file, rows.line_num or None, None, f"malformed {'CSV' if delimiter == ',' else 'TSV'}: {exc}"
            ) from None
        line = rows.line_num
        if not row or all(not c.strip() for c in row):
            continue
        if row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            missing = [c for c in required if c not in header]
            if missing:
                raise GazetteerError(file, line, missing[0], "required column missing from the header row")
            continue
        if len(row) > len(header):
            extra = row[len(header) :]
            if any(c.strip() for c in extra):
                raise GazetteerError(file, line, None, f"{len(row)} fields but the header has {len(header)}")
        rec: dict[str, str] = {}
        for i, h in enumerate(header):
            if not h:
                continue
            cell = row[i] if i < len(row) else ""
            if h in rec and rec[h].strip() != cell.strip():
                # a column named twice in the header: accepted while both cells agree
                raise GazetteerError(file, line, h, "column named twice in the header row, with different values")
            rec[h] = cell
        yield line, entry_from_record(rec, file, line, type)
    if header is None:
        raise GazetteerError(file, None, None, "no header row")


def parse_json(s: str, file: str, line: int | None) -> Any:
    """``json.loads`` with errors that name the line (``line`` is the line ``s`` starts on) and column."""
    try:
        return json.loads(s)
    except json.JSONDecodeError as exc:
        at = exc.lineno if line is None else line + exc.lineno - 1
        raise GazetteerError(file, at, None, f"invalid JSON: {exc.msg} (character {exc.colno})") from None
    except RecursionError:
        raise GazetteerError(file, line, None, "invalid JSON: nested too deeply") from None


def json_lines(text: str, file: str) -> Iterator[tuple[int, Any]]:
    """The JSON values of a JSONL text with their line numbers (blank and ``#`` lines skipped)."""
    for line_no, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        yield line_no, parse_json(s, file, line_no)


def _read_jsonl(text: str, file: str, type: str | None) -> Iterator[Row]:
    from . import wikidata

    values = list(json_lines(text, file))
    for line_no, rec in values:
        if not isinstance(rec, dict):
            raise GazetteerError(file, line_no, None, f"expected a JSON object, got {_json_type(rec)}")
    if values and wikidata.is_entity(values[0][1]):
        yield from wikidata.entries_from_objects(values, file, type=type)
        return
    for line_no, rec in values:
        yield line_no, entry_from_record(rec, file, line_no, type)


def format_of(name: str) -> str:
    """The format implied by a file name's extension."""
    n = name.lower()
    for ext, fmt in _EXTENSIONS:
        if n.endswith(ext):
            return fmt
    raise GazetteerError(
        name, None, None, "unknown gazetteer format (expected .tsv, .csv, .jsonl, .ndjson, .json, .txt or .actors)"
    )


def normalize_format(fmt: str, file: str = "<gazetteer>") -> str:
    f = fmt.strip().lower()
    f = _FORMAT_ALIASES.get(f, f)
    if f not in FORMATS:
        raise GazetteerError(file, None, None, f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    return f


def decode(data: bytes, file: str) -> str:
    """UTF-8 text of a file (a byte-order mark is dropped); the error names line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line = data.count(b"\n", 0, start) + 1
        col = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise GazetteerEncodingError(
            file, line, None, f"not UTF-8 text ({exc.reason}: byte 0x{data[start]:02x} at byte {col} of the line)"
        ) from None


def parse_text(text: str, file: str, fmt: str, *, type: str | None = None) -> list[Row]:
    """Entries of a gazetteer text in format ``fmt``, with their lines; duplicate ids are kept."""
    from . import petrarch, wikidata

    fmt = normalize_format(fmt, file)
    if type is not None:
        type = check_type(type, file, None, "type=")
    if text.startswith("\ufeff"):
        text = text[1:]
    if fmt == "tsv":
        return list(_read_delimited(text, file, "\t", type))
    if fmt == "csv":
        return list(_read_delimited(text, file, ",", type))
    if fmt == "jsonl":
        return list(_read_jsonl(text, file, type))
    if fmt == "wikidata":
        return wikidata.read_wikidata(text, file, type=type)
    return petrarch.read_petrarch(text, file, type=type)


def read_rows(
    source: str | os.PathLike[str] | IO[str] | IO[bytes], *, format: str | None = None, type: str | None = None
) -> tuple[str, list[Row]]:
    """The name of a gazetteer file and its entries with their lines (duplicate ids not rejected)."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = str(path)
        fmt = format or format_of(name)
        with open(path, "rb") as fh:
            data = fh.read()
        return name, parse_text(decode(data, name), name, fmt, type=type)
    if not hasattr(source, "read"):
        raise TypeError("load_gazetteer() argument 'source' must be a path or a text file")
    name = str(getattr(source, "name", "<stream>"))
    fmt = format or format_of(name)
    content = source.read()
    text = decode(content, name) if isinstance(content, bytes) else content
    if not isinstance(text, str):
        raise TypeError("load_gazetteer() argument 'source' must be a path or a text file")
    return name, parse_text(text, name, fmt, type=type)


def reject_duplicates(rows: Sequence[Row], file: str) -> list[Entry]:
    """The entries of ``rows``; a repeated id is a `GazetteerError` naming the second line."""
    seen: dict[str, int | None] = {}
    out: list[Entry] = []
    for line, e in rows:
        if e.id in seen:
            first = seen[e.id]
            where = f" (first on line {first})" if first is not None else ""
            raise GazetteerError(file, line, "id", f"duplicate id {e.id!r}{where}")
        seen[e.id] = line
        out.append(e)
    return out


def read_entries(stream: IO[str], file: str, fmt: str, *, type: str | None = None) -> list[Entry]:
    """Entries of one open text file, checked for duplicate ids (the error names the second line)."""
    return reject_duplicates(parse_text(stream.read(), file, fmt, type=type), file)


def load_gazetteer(
    source: str | os.PathLike[str] | IO[str] | IO[bytes], *, format: str | None = None, type: str | None = None
) -> Gazetteer:
    """Load a gazetteer from a path or an open file.

    The format comes from the file extension unless ``format`` is given (required for a file object
    without a name): ``tsv``, ``csv``, ``jsonl`` (our fields or Wikidata entities, told apart by
    their keys), ``wikidata`` (``.json``: entity JSON) or ``petrarch`` (``.txt``/``.actors``: CAMEO
    actor dictionaries).  ``type`` (PER, ORG, LOC, GRP) overrides the type of every entry.  Raises
    `GazetteerError` naming file, line and column for malformed content (including duplicate ids
    and text that is not UTF-8), ``FileNotFoundError`` for a missing path.
    """
    name, rows = read_rows(source, format=format, type=type)
    return Gazetteer(reject_duplicates(rows, name), name=name)

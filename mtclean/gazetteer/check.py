"""Checks over gazetteer files (``mtclean gazetteer check``).

Problem classes (``Problem.check``):

- ``duplicate-id`` (error): one id on several rows, in one file or across the files checked
  together (merging would silently keep only the last);
- ``unfindable`` (error): the matcher cannot find an entry from its own canonical form: the exact
  dictionary (`NameIndex.exact_forms`) does not return it, or the candidate short list
  (`NameIndex.lookup`) does not rank one of its forms;
- ``shared-name`` (warning): one name (canonical, alias or mangled form, compared after folding
  case, diacritics and separators) claimed by two entries, unless both carry ``ambiguous``
  (demonyms are not compared: a place and its people share them by design);
- ``common-word`` (warning): a one-word canonical form or alias that is a common English word
  (`is_common_word`: listed in ``mtclean/data/common_words.txt``, the same test the gazetteer
  build uses to set ``needs_context``) on an entry without ``needs_context``; a one-word mangled
  form or reading (``readings``: romanised readings of the native form, which a matcher may
  rewrite to the canonical form) that is a common word is reported whatever the flags (it would
  be rewritten everywhere).
  Forms with a digit and upper-case acronyms without a vowel ("BBC") are not words.

The cost is linear in the number of entries plus one index lookup per entry.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .formats import GazetteerError, Row, read_rows
from .model import Entry

#: Zipf frequency from which a single word counts as a common English word.

ERROR_CHECKS = ("duplicate-id", "unfindable")
WARNING_CHECKS = ("shared-name", "common-word")
CHECKS = ERROR_CHECKS + WARNING_CHECKS
DESCRIPTIONS = {
    "duplicate-id": "ids used by more than one row",
    "unfindable": "entries the matcher cannot find from their own canonical form",
    "shared-name": "names claimed by more than one entry (mark both 'ambiguous' if intended)",
    "common-word": "names that are common English words (flag the entry 'needs_context', drop the mangled form or reading)",
}


@dataclass(frozen=True)
class Location:
    """Where an entry comes from."""

    file: str
    line: int | None
    id: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "id": self.id}


@dataclass(frozen=True)
class Problem:
    """One problem found by a check."""

    check: str
    message: str
    locations: tuple[Location, ...]
    name: str = ""

    @property
    def severity(self) -> str:
        return "error" if self.check in ERROR_CHECKS else "warning"

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "name": self.name,
            "message": self.message,
            "locations": [loc.to_dict() for loc in self.locations],
        }


@dataclass
class FileReport:
    path: str
    entries: int = 0
    error: str | None = None
    #: Exit code for an unreadable (3), undecodable (4) or malformed (5) file.
    code: int = 0


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    entries: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def exit_code(self) -> int:
        """0: no errors; 1: errors found; 3/4/5: a file could not be read, decoded or parsed."""
        bad = [f.code for f in self.files if f.code]
        if bad:
            return max(bad)
        return 1 if self.errors else 0

    def by_check(self) -> dict[str, list[Problem]]:
        out: dict[str, list[Problem]] = {c: [] for c in CHECKS}
        for p in self.problems:
            out[p.check].append(p)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": [{"path": f.path, "entries": f.entries, "error": f.error} for f in self.files],
            "entries": self.entries,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "exit_code": self.exit_code(),
            "problems": {c: [p.to_dict() for p in ps] for c, ps in self.by_check().items()},
        }

    def format(self, limit: int = 50) -> str:
        """A readable report grouped by problem (at most ``limit`` items per group; 0: all)."""
        lines: list[str] = []
        for f in self.files:
            state = f"error: {f.error}" if f.error else f"{f.entries} entries"
            lines.append(f"{f.path}: {state}")
        for check, ps in self.by_check().items():
            if not ps:
                continue
            sev = "error" if check in ERROR_CHECKS else "warning"
            lines += ["", f"{check} ({sev}): {len(ps)} {DESCRIPTIONS[check]}"]
            shown = ps if limit <= 0 else ps[:limit]
            for p in shown:
                where = ", ".join(f"{loc.id} ({loc})" for loc in p.locations)
                lines.append(f"  {p.message}: {where}")
            if len(shown) < len(ps):
                lines.append(f"  ... and {len(ps) - len(shown)} more (--limit 0 shows all)")
        lines += ["", f"{self.entries} entries, {len(self.errors)} errors, {len(self.warnings)} warnings"]
        return "\n".join(lines) + "\n"


def is_common_word(word: str) -> bool:
    """True when ``word`` is also an ordinary English word (``mtclean/data/common_words.txt``:
    frequent in wordfreq and a lower-case word of the SCOWL dictionary, or a given name that is
    also a place). wordfreq alone cannot tell "Nice" from "Berlin": it does not see case."""
    from ..names.common import common_words

    return word.strip().lower() in common_words()


def _zipf(word: str) -> float:
    from ..names.common import zipf

    return zipf(word)


def could_be_a_word(w: str) -> bool:
    """False for forms no English word is written like: with a digit ("G-20", "MS-13"), or a short
    acronym with capitals after its first letter ("BBC", "SHAPE", "US", "LeT"): the name engine
    matches such a form only where the text writes the same capitals, so it never meets the
    ordinary word."""
    if any(c.isdigit() for c in w):
        return False
    letters = [c for c in w if c.isalpha()]
    return not (1 < len(letters) <= 6 and any(c.isupper() for c in letters[1:]))


def check_rows(rows: Sequence[tuple[str, int | None, Entry]]) -> list[Problem]:
    """Problems of entries given as ``(file, line, entry)`` (several files checked together)."""
    from ..names.index import norm

    problems: list[Problem] = []
    # duplicate ids
    by_id: dict[str, list[Location]] = {}
    for file, line, e in rows:
        by_id.setdefault(e.id, []).append(Location(file, line, e.id))
    for ident, locs in by_id.items():
        if len(locs) > 1:
            problems.append(Problem("duplicate-id", f"id {ident!r} on {len(locs)} rows", tuple(locs), ident))
    # the entries as the cleaner sees them: a later row with the same id replaces an earlier one
    last: dict[str, tuple[str, int | None, Entry]] = {}
    for file, line, e in rows:
        last[e.id] = (file, line, e)
    entries = list(last.values())
    problems += _shared_names(entries, norm)
    problems += _common_words(entries)
    problems += _unfindable(entries)
    return problems


def _shared_names(entries: Sequence[tuple[str, int | None, Entry]], norm: Any) -> list[Problem]:
    claims: dict[str, dict[int, str]] = {}  # norm(name) -> entry position -> surface
    for i, (_f, _l, e) in enumerate(entries):
        for s in (e.canonical, *e.aliases, *e.mangled):
            key = norm(s)
            if key:
                claims.setdefault(key, {}).setdefault(i, s)
    out: list[Problem] = []
    for key, owners in claims.items():
        if len(owners) < 2:
            continue
        es = [entries[i][2] for i in owners]
        if all(e.has("ambiguous") for e in es):
            continue
        surfaces = sorted(set(owners.values()))
        locs = tuple(Location(entries[i][0], entries[i][1], entries[i][2].id) for i in owners)
        out.append(
            Problem("shared-name", f"{' / '.join(map(repr, surfaces))} claimed by {len(owners)} entries", locs, key)
        )
    return out


def _common_words(entries: Sequence[tuple[str, int | None, Entry]]) -> list[Problem]:
    out: list[Problem] = []
    for file, line, e in entries:
        names = (
            []
            if e.has("needs_context")
            else [(s, "canonical" if s == e.canonical else "alias") for s in (e.canonical, *e.aliases)]
        )
        names += [(s, "mangled form") for s in e.mangled]
        names += [(s, "reading") for s in e.readings]
        seen: set[str] = set()
        for s, kind in names:
            w = s.strip()
            if not w or " " in w or w.lower() in seen or not could_be_a_word(w):
                continue
            seen.add(w.lower())
            if is_common_word(w):
                z = _zipf(w)
                out.append(
                    Problem(
                        "common-word",
                        f"{kind} {w!r} is a common English word (Zipf {z:.1f}, an ordinary lower-case word)",
                        (Location(file, line, e.id),),
                        w,
                    )
                )
    return out


def _unfindable(entries: Sequence[tuple[str, int | None, Entry]]) -> list[Problem]:
    from ..names.index import NameIndex

    index = NameIndex.build(e for _f, _l, e in entries)
    out: list[Problem] = []
    for pos, (file, line, e) in enumerate(entries):
        exact = [f for f in index.exact_forms(e.canonical) if f.entry == pos]
        if not exact:
            out.append(
                Problem(
                    "unfindable",
                    f"canonical {e.canonical!r} does not find the entry (exact)",
                    (Location(file, line, e.id),),
                    e.canonical,
                )
            )
            continue
        if not any(c.form.entry == pos for c in index.lookup(e.canonical)):
            out.append(
                Problem(
                    "unfindable",
                    f"canonical {e.canonical!r} is not in the candidate short list (fuzzy)",
                    (Location(file, line, e.id),),
                    e.canonical,
                )
            )
    return out


def check_paths(
    paths: Iterable[str | os.PathLike[str]], *, format: str | None = None, type: str | None = None
) -> Report:
    """Read and check gazetteer files together; unreadable or malformed files are reported, not raised."""
    from .formats import GazetteerEncodingError

    report = Report()
    rows: list[tuple[str, int | None, Entry]] = []
    for p in paths:
        name = str(p)
        fr = FileReport(name)
        report.files.append(fr)
        try:
            name, file_rows = read_rows(p, format=format, type=type)
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            fr.error, fr.code = f"cannot read: {exc.strerror or exc}", 3
            continue
        except OSError as exc:
            fr.error, fr.code = f"cannot read: {exc}", 3
            continue
        except GazetteerEncodingError as exc:
            fr.error, fr.code = str(exc), 4
            continue
        except GazetteerError as exc:
            fr.error, fr.code = str(exc), 5
            continue
        fr.entries = len(file_rows)
        rows += [(name, line, e) for line, e in file_rows]
    report.entries = len(rows)
    report.problems = check_rows(rows)
    return report


def rows_of(file: str, rows: Iterable[Row]) -> list[tuple[str, int | None, Entry]]:
    """``(file, line, entry)`` triples for `check_rows` from the rows of one file."""
    return [(file, line, e) for line, e in rows]

"""Aggregator and scraper boilerplate at the start or end of an article.

* ``boilerplate.line`` (fix): a run of whole lines at the start or at the end of the text that
  match the boilerplate patterns ("Source link", "[ad_1]", "By admin", "Read more: …", share and
  follow prompts, "Photo credit …", leftover markup, "Latest news!" headers, news-agency end
  markers such as "(End)" or "(END)", "All rights reserved.") is removed, together
  with the line break that joins it to the article.  A matching line in the middle of the article
  body is never touched, and a text made only of such lines is left alone.

The patterns live in ``mtclean/data/boilerplate.tsv`` (columns ``id``, ``pattern``, ``where``,
``description``); users add their own files with ``Cleaner(data={"boilerplate": "my.tsv"})``.  A
user row with the id of an embedded row replaces it.  Patterns are compiled with `regex`, matched
case-insensitively against the whole stripped line, with a timeout so that a catastrophic user
pattern cannot hang the cleaner.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from ..detectors.base import Rule
from ..errors import DataFileError  # noqa: F401  (re-exported: raised for malformed files)
from ..model import Fix
from ..resources import data_path
from .unicode import _FW_TABLE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..config import Config
    from ..document import Document

WHERE = ("start", "end", "both")
COLUMNS = ("id", "pattern", "where", "description")
#: Lines longer than this are article text, never boilerplate.
MAX_LINE = 400
#: Seconds one pattern may spend on one line before it counts as "no match".
MATCH_TIMEOUT = 0.05
_ID_RE = regex.compile(r"[a-z0-9][a-z0-9_.\-]{0,63}")
_INVISIBLE_RE = regex.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e]")


def _normalise(line: str) -> str:
    """The line as it reads once invisible and full-width characters are fixed, stripped."""
    if len(line) > MAX_LINE or line.isascii():
        return line.strip()
    return _INVISIBLE_RE.sub("", line).translate(_FW_TABLE).strip()


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    pattern: regex.Pattern[str]
    where: str
    description: str
    source: str


def _strip_quotes(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        return cell[1:-1]
    return cell


def parse_patterns(text: str, file: str) -> list[Pattern]:
    """Parse a boilerplate TSV (header row, ``#`` comments, blank lines ignored)."""
    header: list[str] | None = None
    out: list[Pattern] = []
    seen: set[str] = set()
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip().lower() for c in cells]
            for col in ("id", "pattern", "where"):
                if col not in header:
                    raise DataFileError(file, lineno, col, f"missing column in header (expected {', '.join(COLUMNS)})")
            continue
        if len(cells) > len(header):
            raise DataFileError(file, lineno, None, f"{len(cells)} fields but the header has {len(header)}")
        rec = dict(zip(header, cells))
        pid = rec.get("id", "").strip()
        if not pid:
            raise DataFileError(file, lineno, "id", "missing value")
        if not _ID_RE.fullmatch(pid):
            raise DataFileError(file, lineno, "id", f"invalid id {pid!r} (lower-case letters, digits, - _ .)")
        if pid in seen:
            raise DataFileError(file, lineno, "id", f"duplicate id {pid!r}")
        seen.add(pid)
        pat = rec.get("pattern", "")
        if not pat.strip():
            raise DataFileError(file, lineno, "pattern", "missing value")
        try:
            compiled = regex.compile(pat.strip(), regex.IGNORECASE | regex.V0)
        except (regex.error, ValueError, OverflowError, RecursionError) as exc:
            raise DataFileError(file, lineno, "pattern", f"invalid regular expression: {exc}") from None
        where = rec.get("where", "").strip().lower()
        if where not in WHERE:
            raise DataFileError(file, lineno, "where", f"expected one of {', '.join(WHERE)}, got {where!r}")
        out.append(Pattern(pid, compiled, where, _strip_quotes(rec.get("description", "")), file))
    if header is None:
        raise DataFileError(file, None, None, "no header row (expected columns id, pattern, where, description)")
    return out


def load_patterns(path: Path) -> list[Pattern]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), None, None, f"not UTF-8 text ({exc.reason})") from None
    return parse_patterns(text, str(path))


@lru_cache(maxsize=1)
def embedded_patterns() -> tuple[Pattern, ...]:
    return tuple(load_patterns(data_path("boilerplate.tsv")))


class BoilerplateDetector:
    name = "boilerplate"
    rules = (
        Rule(
            "boilerplate.line",
            "boilerplate",
            "fix",
            "Aggregator or scraper lines (source links, ad slots, share prompts, photo credits, "
            "markup fragments, AI-translation disclaimers, news-agency end markers such as '(End)') "
            "at the start or end of the text are "
            "removed with the line break that joins them to the article.",
            examples=(
                ("The ministry said the meeting was useful.\nSource link", "The ministry said the meeting was useful."),
                ("[ad_1]\nRain fell across the north on Monday.\n[ad_2]", "Rain fell across the north on Monday."),
                (
                    "By admin\n\nThe port reopened on Tuesday.\nShare this article\nPhoto credit: example.org",
                    "The port reopened on Tuesday.",
                ),
                ("Latest news!\n\nThe vote was delayed.", "The vote was delayed."),
                ("The two sides signed six agreements.\n(End)", "The two sides signed six agreements."),
                ("This article has been machine translated.\nThe vote was delayed.", "The vote was delayed."),
            ),
            counter_examples=(
                "The report cites one source.\nSource link data was published on Monday.\nThe vote was delayed.",
                "Source link",
                "He said:\nSource\nThe minister then left the room.",
                "The agency said the source was reliable.",
                "He said (end) was near.\nThe vote was delayed.",
            ),
        ),
    )

    def __init__(self, config: Config) -> None:
        by_id: dict[str, Pattern] = {p.id: p for p in embedded_patterns()}
        for path in config.data_files("boilerplate"):
            for p in load_patterns(path):
                by_id[p.id] = p
        self._start = tuple(p for p in by_id.values() if p.where in ("start", "both"))
        self._end = tuple(p for p in by_id.values() if p.where in ("end", "both"))

    @staticmethod
    def _match(patterns: tuple[Pattern, ...], line: str) -> str | None:
        if len(line) > MAX_LINE:
            return None

        for p in patterns:
            try:
                if p.pattern.fullmatch(line, timeout=MATCH_TIMEOUT) is not None:
                    return p.id
            except TimeoutError:
                continue
        return None

    def find(self, doc: Document) -> Iterator[Fix]:
        text = doc.text
        lines = doc.lines
        n = len(lines)
        # Leading block.
        lead_ids: list[str] = []
        first_bp: int | None = None
        content_first: int | None = None
        for k in range(n):
            s, e = lines[k]
            stripped = _normalise(text[s:e])
            if not stripped:
                continue
            pid = self._match(self._start, stripped)
            if pid is None:
                content_first = k
                break
            lead_ids.append(pid)
            if first_bp is None:
                first_bp = k
        if content_first is None:
            return  # nothing but boilerplate (or nothing at all): leave the text alone
        # Trailing block.
        trail_ids: list[str] = []
        last_bp: int | None = None
        content_last = content_first
        for k in range(n - 1, content_first, -1):
            s, e = lines[k]
            stripped = _normalise(text[s:e])
            if not stripped:
                continue
            pid = self._match(self._end, stripped)
            if pid is None:
                content_last = k
                break
            trail_ids.append(pid)
            if last_bp is None:
                last_bp = k
        if first_bp is not None:
            start = lines[first_bp][0]
            end = lines[content_first][0]
            yield self._fix(text, start, end, lead_ids, "start")
        if last_bp is not None:
            start = lines[content_last][1]
            end = lines[last_bp][1]
            yield self._fix(text, start, end, list(reversed(trail_ids)), "end")

    @staticmethod
    def _fix(text: str, start: int, end: int, ids: list[str], where: str) -> Fix:
        names = ", ".join(dict.fromkeys(ids))
        return Fix(
            start,
            end,
            text[start:end],
            "",
            "boilerplate",
            "boilerplate.line",
            0.92,
            f"aggregator boilerplate at the {where} of the text ({names})",
        )


DETECTOR = BoilerplateDetector

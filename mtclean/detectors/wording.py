"""Suspicious wording (`term`, flag only): machine-translation signals reported as findings.

Patterns live in ``mtclean/data/wording.tsv`` (its header documents the columns); users add rows
through ``Cleaner(data={"wording": "my.tsv"})``.  Each row is a regular expression with context
conditions (the same ones as the terms table: before / after / near, within the line), an optional
suggestion (a template that may use the pattern's groups, ``\\1`` or ``\\g<name>``), a confidence
and a reason.  Rows marked ``quotes=outside`` are skipped inside quotations (a quoted official
saying "the Zionist entity" is reporting, not an artifact).  Nothing is ever rewritten: rule
``term.wording`` only reports findings.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..model import Finding
from ..resources import data_path
from .base import Proposal, Rule
from .terms import (
    CONTEXT_FIELDS,
    Context,
    DataFileError,
    LineWindows,
    check_id,
    compile_pattern,
    parse_confidence,
    read_table,
)

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document

RULE = "term.wording"

WORDING_REQUIRED = ("id", "pattern", "confidence", "reason")
WORDING_OPTIONAL = ("suggestion", "langs", "quotes", *CONTEXT_FIELDS)
_GROUP_REF_RE = regex.compile(r"\\(?:(\d+)|g<([^>]*)>)")

#: Seconds a whole-text scan of one pattern may take per megabyte of text (plus one second).
SCAN_TIMEOUT_PER_MB = 2.0
#: How far back (characters, within the line) the quotation state is read.
QUOTE_LOOKBACK = 2000

_OPEN_QUOTES = "“«„"
_CLOSE_QUOTES = "”»"


@dataclass(frozen=True)
class Wording:
    id: str
    pattern: regex.Pattern[str]
    suggestion: str
    confidence: float
    reason: str
    langs: tuple[str, ...]
    outside_quotes: bool
    context: Context


def _check_template(template: str, pat: regex.Pattern[str], file: str, line: int) -> None:
    for m in _GROUP_REF_RE.finditer(template):
        num, name = m.group(1), m.group(2)
        if num is not None:
            if int(num) > pat.groups:
                raise DataFileError(file, line, "suggestion", f"refers to group {num}, the pattern has {pat.groups}")
        elif name is not None:
            if not (name.isdigit() and int(name) <= pat.groups) and name not in pat.groupindex:
                raise DataFileError(file, line, "suggestion", f"refers to unknown group {name!r}")


def load_wording(path: str | os.PathLike[str]) -> list[Wording]:
    """Read one wording file; raise `DataFileError` (file, line, field) when it is malformed."""
    file = str(path)
    out: list[Wording] = []
    seen: dict[str, int] = {}
    for line, row in read_table(path, WORDING_REQUIRED, WORDING_OPTIONAL):
        wid = check_id(row["id"], seen, file, line)
        if not row["pattern"]:
            raise DataFileError(file, line, "pattern", "missing value")
        pat = compile_pattern(row["pattern"], file, line, "pattern", regex.IGNORECASE)
        try:
            empty = pat.search("", timeout=0.1) is not None
        except TimeoutError:
            empty = True
        if empty:
            raise DataFileError(file, line, "pattern", "the pattern matches the empty string")
        suggestion = row.get("suggestion", "")
        _check_template(suggestion, pat, file, line)
        if not row["reason"]:
            raise DataFileError(file, line, "reason", "missing value")
        quotes = (row.get("quotes") or "any").lower()
        if quotes not in ("any", "outside"):
            raise DataFileError(file, line, "quotes", f"expected 'any' or 'outside', got {quotes!r}")
        out.append(
            Wording(
                id=wid,
                pattern=pat,
                suggestion=suggestion,
                confidence=parse_confidence(row["confidence"], file, line),
                reason=row["reason"],
                langs=tuple(x.strip() for x in row.get("langs", "").split("|") if x.strip()),
                outside_quotes=quotes == "outside",
                context=Context.from_row(row, file, line),
            )
        )
    return out


def inside_quotation(text: str, line_start: int, pos: int) -> bool:
    """True when ``pos`` sits inside a quotation opened earlier on its line (paragraph)."""
    depth = 0
    straight = 0
    for c in text[max(line_start, pos - QUOTE_LOOKBACK) : pos]:
        if c in _OPEN_QUOTES:
            depth += 1
        elif c in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif c == '"':
            straight ^= 1
    return depth > 0 or straight == 1


class WordingDetector:
    """Suspicious MT wording from ``mtclean/data/wording.tsv`` plus user files (findings only)."""

    name = "wording"
    rules = (
        Rule(
            RULE,
            "term",
            "flag",
            "Wording typical of machine translation (a nationality adjective + 'variety' for a strike, "
            "'the said' + noun, 'the Zionist entity' in news voice ...): reported with a suggestion, "
            "never rewritten; patterns in mtclean/data/wording.tsv.",
            examples=(
                (
                    "The attack is the second Israeli variety this week, officials said.",
                    "Israeli variety",
                ),
                ("Police questioned the said suspect on Monday.", "the said suspect"),
                ("The group claimed a martyrdom operation in the town.", "martyrdom operation"),
            ),
            counter_examples=(
                "The Italian variety of the grape is grown in the hills.",
                "Police questioned the suspect on Monday.",
                "“The Zionist entity will pay,” the group said in a statement.",
                "A lion escaped from the zoo in Damascus.",
            ),
        ),
    )

    def __init__(self, config: Config) -> None:
        by_id: dict[str, Wording] = {}
        for f in (data_path("wording.tsv"), *config.data_files("wording")):
            for w in load_wording(f):
                by_id.pop(w.id, None)
                by_id[w.id] = w
        self.rows = tuple(by_id.values())

    def find(self, doc: Document) -> Iterator[Proposal]:
        text = doc.text
        if not text or not self.rows:
            return
        windows = LineWindows(doc)
        budget = 1.0 + SCAN_TIMEOUT_PER_MB * len(text) / 1_000_000
        for w in self.rows:
            try:
                matches = list(w.pattern.finditer(text, timeout=budget))
            except TimeoutError:
                continue  # a pathological pattern abstains
            for m in matches:
                span = m.span("flag") if "flag" in w.pattern.groupindex and m.start("flag") >= 0 else m.span()
                start, end = span
                if start == end:
                    continue
                before, after = windows.around(start, end)
                original = text[start:end]
                if not w.context.holds(before, original, after):
                    continue
                if w.outside_quotes and inside_quotation(text, windows.line_of(start)[0], start):
                    continue
                suggestion: str | None = None
                if w.suggestion:
                    try:
                        suggestion = m.expand(w.suggestion)
                    except (regex.error, IndexError):
                        suggestion = None
                reason = f"{w.reason} [{w.id}]"
                yield Finding(start, end, original, suggestion, "term", RULE, w.confidence, reason)


DETECTOR = WordingDetector

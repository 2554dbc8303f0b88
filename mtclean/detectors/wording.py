"""Suspicious wording (`term`, flag only): machine-translation signals reported as findings.

Patterns live in ``mtclean/data/wording.tsv`` (its header documents the columns); users add rows
through ``Cleaner(data={"wording": "my.tsv"})``.  Each row is a regular expression with context
conditions (the same ones as the terms table: before / after / near, within the line), an optional
suggestion (a template that may use the pattern's groups, ``\\1`` or ``\\g<name>``), a confidence
and a reason.  Rows marked ``quotes=outside`` are skipped inside quotations (a quoted official
saying "the Zionist entity" is reporting, not an artifact).  Nothing is ever rewritten: rule
``term.wording`` only reports findings.

A pattern is only run over a text that holds the words every one of its matches must contain
(`required_words`, read from the pattern when the table is loaded); the findings are the same.
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


# --------------------------------------------------------------------------------------------
# Required words: a gate run before each pattern's scan

_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# Escapes that stand for one character or position and take no argument.
_PLAIN_ESCAPES = frozenset("bBsSwWdDAZmMGXntrfvae")
# Inline flags that leave the meaning of a literal letter alone (case-insensitive, ASCII classes,
# multiline, dot-all, Unicode); anything else (verbose, full case folding, version 1, ...) stops
# the analysis.
_SAFE_FLAGS = frozenset("aimsu-")
_QUANTIFIER_START = frozenset("?*+{")


class _Unsupported(Exception):
    pass


def required_words(pattern: str) -> tuple[frozenset[str], ...] | None:
    """Words (runs of ASCII letters, case-folded) that every match of ``pattern`` contains.

    One set per top-level alternative: a text can only match when, for some alternative, every
    word of its set is a substring of the text folded with `fold_for_gate`.  Only literal letters
    the match must consume are collected (not those under a quantifier, in an alternation inside a
    group, in a lookaround or a character class), so the sets are safe to test before scanning.
    None when some alternative requires no word, or the pattern uses a construct the analysis
    does not follow (verbose mode, conditionals, recursion, unknown escapes ...): then the
    pattern always runs.
    """
    try:
        alternatives, _ = _alternatives(pattern, 0, top=True)
    except (_Unsupported, IndexError, ValueError, RecursionError):
        return None
    if not alternatives or any(not a for a in alternatives):
        return None
    return tuple(alternatives)


def _alternatives(p: str, i: int, top: bool) -> tuple[list[frozenset[str]], int]:
    """Parse alternatives from ``p[i]`` to the closing ``)`` (or the end when ``top``)."""
    alts: list[frozenset[str]] = []
    words: set[str] = set()
    run: list[str] = []

    def end_run() -> None:
        if run:
            words.add("".join(run).casefold())
            run.clear()

    n = len(p)
    while i < n:
        c = p[i]
        if c == ")":
            if top:
                raise _Unsupported
            break
        if c == "|":
            end_run()
            alts.append(frozenset(words))
            words = set()
            i += 1
            continue
        if c == "{" and not _is_quantifier(p, i):
            raise _Unsupported  # a literal brace or a fuzzy-matching constraint: do not guess
        if c in _QUANTIFIER_START:
            # The atom before is optional or repeated: the letter just read is not required
            # (quantified groups and classes were already left out).
            if run:
                run.pop()
            end_run()
            i = _skip_quantifier(p, i)
            continue
        if c in _ASCII_LETTERS:
            run.append(c)
            i += 1
            continue
        end_run()
        if c == "\\":
            i = _skip_escape(p, i)
        elif c == "[":
            i = _skip_class(p, i)
        elif c == "(":
            i, inner = _group(p, i)
            if inner is not None and not (i < n and _starts_quantifier(p, i)):
                words |= inner
        elif c == "#":
            raise _Unsupported  # a comment in verbose mode, or a literal: do not guess
        else:
            i += 1  # any other character: a literal or an anchor, it only ends the run
    end_run()
    alts.append(frozenset(words))
    return alts, i


def _starts_quantifier(p: str, i: int) -> bool:
    if p[i] == "{" and not _is_quantifier(p, i):
        raise _Unsupported
    return p[i] in _QUANTIFIER_START


def _is_quantifier(p: str, i: int) -> bool:
    j = p.find("}", i)
    return j > i and all(ch.isdigit() or ch == "," for ch in p[i + 1 : j])


def _skip_quantifier(p: str, i: int) -> int:
    i = p.index("}", i) + 1 if p[i] == "{" else i + 1
    if i < len(p) and p[i] in "?+":
        i += 1  # lazy or possessive
    return i


def _skip_escape(p: str, i: int) -> int:
    c = p[i + 1]
    if not c.isalnum():
        return i + 2  # an escaped punctuation mark or space: a literal
    if c in _PLAIN_ESCAPES:
        return i + 2
    if c in "pPN":
        if p[i + 2] == "{":
            return p.index("}", i) + 1
        if c in "pP":
            return i + 3
        raise _Unsupported
    if c == "x":
        return p.index("}", i) + 1 if p[i + 2] == "{" else i + 4
    if c == "u":
        return i + 6
    if c == "U":
        return i + 10
    raise _Unsupported  # back-references, octal escapes, \g, \k ...: not followed


def _skip_class(p: str, i: int) -> int:
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while p[j] != "]":
        if p[j] == "\\":
            j += 1
        elif p[j] == "[":
            raise _Unsupported  # nested sets (version 1) or a POSIX class: not followed
        j += 1
    return j + 1


def _group(p: str, i: int) -> tuple[int, set[str] | None]:
    """Skip the group opening at ``p[i]``; return the index after it and the words it requires
    (None when it requires none that can be trusted: lookarounds, inner alternation)."""
    j = i + 1
    keep = True
    if p[j] == "?":
        if p.startswith(("?:", "?>"), j):
            j += 2
        elif p.startswith("?P<", j) or (p.startswith("?<", j) and p[j + 2] not in "=!"):
            j = p.index(">", j) + 1
        elif p.startswith(("?=", "?!"), j):
            j += 2
            keep = False
        elif p.startswith(("?<=", "?<!"), j):
            j += 3
            keep = False
        else:
            # Inline flags: "(?i)" for the rest of the pattern or "(?-i:...)" for a group.
            k = j + 1
            while k < len(p) and p[k] not in ":)":
                if p[k] not in _SAFE_FLAGS:
                    raise _Unsupported
                k += 1
            if p[k] == ")":
                if k + 1 < len(p) and p[k + 1] in _QUANTIFIER_START:
                    # A quantifier after flags applies to the atom before them ("s(?i)?" makes
                    # the "s" optional): do not guess.
                    raise _Unsupported
                return k + 1, set()
            j = k + 1
    alts, end = _alternatives(p, j, top=False)
    if p[end] != ")":
        raise _Unsupported
    if not keep or len(alts) != 1:
        return end + 1, None
    return end + 1, set(alts[0])


def may_match(needs: tuple[frozenset[str], ...], present: frozenset[str]) -> bool:
    """False when no match is possible: for every alternative, some required word is not among
    ``present`` (the words found in the text through `fold_for_gate`)."""
    return any(alt <= present for alt in needs)


def fold_for_gate(text: str) -> str:
    """The text as `required_words` sets are tested against: case-folded, with U+0130 (which a
    case-insensitive ``i`` matches) folded to ``i``."""
    return (text.replace("\u0130", "i") if "\u0130" in text else text).casefold()


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
        # Per row, the words a match needs (see `required_words`); None: always scanned.
        self._needs = tuple(required_words(w.pattern.pattern) for w in self.rows)
        self._words = frozenset(word for needs in self._needs if needs for alt in needs for word in alt)

    def find(self, doc: Document) -> Iterator[Proposal]:
        text = doc.text
        if not text or not self.rows:
            return
        windows: LineWindows | None = None
        budget = 1.0 + SCAN_TIMEOUT_PER_MB * len(text) / 1_000_000
        folded = fold_for_gate(text)
        present = frozenset(word for word in self._words if word in folded)
        for w, needs in zip(self.rows, self._needs):
            if needs is not None and not may_match(needs, present):
                continue  # for every alternative, a word each match contains is missing: no match
            try:
                matches = list(w.pattern.finditer(text, timeout=budget))
            except TimeoutError:
                continue  # a pathological pattern abstains
            if not matches:
                continue
            if windows is None:
                windows = LineWindows(doc)
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

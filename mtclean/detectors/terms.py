"""Calques and mistranslated terms (`term`): a data file of known machine-translation and
"article spinner" outputs with context conditions, plus the spun forms that `mtclean.detectors.spin`
generates from English news terms and a spinner's substitutions.

The table lives in ``mtclean/data/terms.tsv`` (its header documents the columns); users add rows
through ``Cleaner(data={"terms": "my.tsv"})`` (same format, read after the embedded table; a row
with an existing id replaces it).  All phrases are compiled into ONE trie over words and separators,
walked along the Document's tokens, so the cost of a scan does not grow with the number of entries; context conditions (regexes) are
only evaluated where a phrase matched, on a bounded window of the same line, with a timeout.

Rules: ``term.calque`` (rows with action ``fix``; applied when the row's confidence reaches the
``term`` threshold, reported as a finding otherwise) and ``term.calque-suspect`` (rows with action
``flag``: always a finding with the suggestion).

The table reader, the context conditions and the error type are shared with
`mtclean.detectors.wording`.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from ..document import WORD_RE
from ..errors import DataFileError  # noqa: F401  (re-exported: raised for malformed files)
from ..model import Finding, Fix
from ..resources import data_path
from .base import Proposal, Rule

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document, Token

FIX_RULE = "term.calque"
FLAG_RULE = "term.calque-suspect"

#: Characters of context read on each side of a match (within its line).
WINDOW = 100
#: Seconds a single context regex may run before the entry abstains.
REGEX_TIMEOUT = 0.05
#: Longest phrase accepted in a terms file.
MAX_PHRASE = 80
#: Longest context pattern accepted in a data file.
MAX_PATTERN = 500

CONTEXT_FIELDS = ("before", "not_before", "after", "not_after", "near", "not_near")


# --------------------------------------------------------------------------------------------
# Reading TSV tables


def read_table(
    path: str | os.PathLike[str], required: Sequence[str], optional: Sequence[str]
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated data file with a header row, as (line number, {column: value}).

    ``#`` lines and blank lines are skipped.  Unknown or missing columns, extra fields and
    undecodable bytes raise `DataFileError`.
    """
    name = str(path)
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            lines = fh.read().splitlines()
    except UnicodeDecodeError as exc:
        raise DataFileError(name, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    known = set(required) | set(optional)
    for no, raw in enumerate(lines, 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = [c.strip().lower() for c in cells]
            for c in header:
                if c not in known:
                    raise DataFileError(name, no, c, f"unknown column (expected some of {', '.join(sorted(known))})")
            if len(set(header)) != len(header):
                raise DataFileError(name, no, None, "a column is named twice in the header row")
            for c in required:
                if c not in header:
                    raise DataFileError(name, no, c, "required column missing from the header row")
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            raise DataFileError(name, no, None, f"{len(cells)} fields but the header has {len(header)}")
        rows.append((no, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}))
    if header is None:
        raise DataFileError(name, None, None, "no header row")
    return rows


def parse_case(row: dict[str, str], file: str, line: int) -> str:
    """The ``case`` column of a data file row: ``i`` (any case, the default) or ``s``."""
    case = (row.get("case") or "i").lower()
    if case not in ("i", "s"):
        raise DataFileError(file, line, "case", f"expected 'i' (any case) or 's' (case-sensitive), got {case!r}")
    return case


def parse_confidence(value: str, file: str, line: int) -> float:
    try:
        c = float(value)
    except ValueError:
        raise DataFileError(file, line, "confidence", f"not a number: {value!r}") from None
    if not 0.0 <= c <= 1.0:
        raise DataFileError(file, line, "confidence", f"{c} outside 0..1")
    return c


def nested_unbounded(pattern: str) -> bool:
    """True when an unbounded repetition (``+``, ``*``, ``{n,}``) applies to a group that itself
    contains one -- the shape of catastrophic backtracking (``(a+)+``, ``(\\w+\\s*)*``)."""
    stack: list[bool] = [False]
    i, n = 0, len(pattern)
    in_class = False

    def unbounded_at(j: int) -> bool:
        if j >= n:
            return False
        if pattern[j] in "+*":
            return True
        if pattern[j] == "{":
            k = pattern.find("}", j)
            body = pattern[j + 1 : k] if k > 0 else ""
            return body.endswith(",") and body[:-1].isdigit()
        return False

    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            if unbounded_at(i):
                stack[-1] = True
            continue
        if in_class:
            if c == "]":
                in_class = False
                if unbounded_at(i + 1):
                    stack[-1] = True
            i += 1
            continue
        if c == "[":
            in_class = True
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            continue
        if c == "(":
            stack.append(False)
        elif c == ")" and len(stack) > 1:
            inner = stack.pop()
            if unbounded_at(i + 1):
                if inner:
                    return True
                stack[-1] = True
            elif inner:
                stack[-1] = True
        elif unbounded_at(i + 1) and c not in "|":
            stack[-1] = True
        i += 1
    return False


def compile_pattern(value: str, file: str, line: int, field: str, flags: int = 0) -> regex.Pattern[str]:
    if len(value) > MAX_PATTERN:
        raise DataFileError(file, line, field, f"pattern longer than {MAX_PATTERN} characters")
    if nested_unbounded(value):
        raise DataFileError(
            file, line, field, "nested unbounded repetition (catastrophic backtracking); bound the inner one"
        )
    try:
        return regex.compile(value, flags | regex.V0)
    except regex.error as exc:
        raise DataFileError(file, line, field, f"invalid regular expression: {exc}") from None


# --------------------------------------------------------------------------------------------
# Context conditions


@dataclass(frozen=True)
class Context:
    """Regexes searched around a match, within its line and ``WINDOW`` characters.

    ``before``/``after`` must match (``not_*`` must not match) the text before / after the match
    (anchor with ``$`` / ``^`` for "right before" / "right after"); ``near``/``not_near`` are
    searched in before + match + after.  All are case-insensitive unless the pattern says
    ``(?-i)``.  A condition that times out makes the entry abstain.
    """

    before: regex.Pattern[str] | None = None
    not_before: regex.Pattern[str] | None = None
    after: regex.Pattern[str] | None = None
    not_after: regex.Pattern[str] | None = None
    near: regex.Pattern[str] | None = None
    not_near: regex.Pattern[str] | None = None

    @classmethod
    def from_row(cls, row: dict[str, str], file: str, line: int) -> Context:
        pats: dict[str, regex.Pattern[str] | None] = {}
        for f in CONTEXT_FIELDS:
            v = row.get(f, "")
            pats[f] = compile_pattern(v, file, line, f, regex.IGNORECASE) if v else None
        return cls(**pats)

    @property
    def empty(self) -> bool:
        return all(getattr(self, f) is None for f in CONTEXT_FIELDS)

    def holds(self, before: str, matched: str, after: str) -> bool:
        if self.empty:
            return True
        try:
            if self.before is not None and self.before.search(before, timeout=REGEX_TIMEOUT) is None:
                return False
            if self.not_before is not None and self.not_before.search(before, timeout=REGEX_TIMEOUT) is not None:
                return False
            if self.after is not None and self.after.search(after, timeout=REGEX_TIMEOUT) is None:
                return False
            if self.not_after is not None and self.not_after.search(after, timeout=REGEX_TIMEOUT) is not None:
                return False
            if self.near is not None or self.not_near is not None:
                whole = before + matched + after
                if self.near is not None and self.near.search(whole, timeout=REGEX_TIMEOUT) is None:
                    return False
                if self.not_near is not None and self.not_near.search(whole, timeout=REGEX_TIMEOUT) is not None:
                    return False
        except TimeoutError:
            return False
        return True


class LineWindows:
    """Bounded context windows within the line of a span (lines computed once by the Document)."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.lines = doc.lines
        self.starts = [s for s, _ in self.lines]

    def line_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.starts, pos) - 1)
        return self.lines[i]

    def around(self, start: int, end: int) -> tuple[str, str]:
        ls, le = self.line_of(start)
        le = max(le, end)
        return self.text[max(ls, start - WINDOW) : start], self.text[end : min(le, end + WINDOW)]


# --------------------------------------------------------------------------------------------
# Phrases, keys and case

_APOS = "'’ʼ`"
_HYPHENS = "-‐‑"
_SPACE_RE = regex.compile(r"\s+")


_MARK_TABLE = str.maketrans({**{c: "'" for c in _APOS}, **{c: "-" for c in _HYPHENS}})
_MARKS = tuple((c, "'") for c in _APOS if c != "'") + tuple((c, "-") for c in _HYPHENS if c != "-")


def phrase_key(s: str) -> str:
    """The lookup key of a phrase or matched text: lower case, one space, ASCII apostrophe/hyphen."""
    return _shape(s).lower()


def _shape(s: str) -> str:
    """Like `phrase_key` but keeping the case (for case-sensitive rows)."""
    s = s.strip()
    if _SPACE_RE.search(s):
        s = _SPACE_RE.sub(" ", s)
    return s.translate(_MARK_TABLE)


_GAP_MAX = 5


def gap_key(gap: str) -> str | None:
    """The normalised separator between two words of a phrase, or None when it cannot join them.

    A run of 1-3 spaces/tabs is one space; a line break or a long gap never joins; other short
    separators ("." in "U.N.") must match literally.
    """
    if gap == " ":
        return gap
    if not gap or len(gap) > _GAP_MAX or "\n" in gap or "\r" in gap:
        return None
    return _SPACE_RE.sub(" ", gap)


def phrase_path(phrase: str) -> tuple[str, ...]:
    """A phrase as the path of its word trie: word, gap, word, gap, ..., word (all normalised)."""
    out: list[str] = []
    prev_end = None
    for m in WORD_RE.finditer(phrase):
        if prev_end is not None:
            g = gap_key(phrase[prev_end : m.start()])
            out.append(g if g is not None else "\n")
        out.append(phrase_key(m.group()))
        prev_end = m.end()
    return tuple(out)


class PhraseTrie:
    """A trie over words and the separators between them.

    Matching walks the Document's tokens: at each token, the work depends on the length of the
    phrases starting there, not on the number of phrases in the table.
    """

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def add(self, path: tuple[str, ...], value: str) -> None:
        node = self.root
        for step in path:
            node = node.setdefault(step, {})
        node[""] = value

    def __bool__(self) -> bool:
        return bool(self.root)

    def longest_at(self, text: str, tokens: Sequence[Token], i: int, norms: list[str | None]) -> tuple[int, str] | None:
        """(index of the last token, value) of the longest phrase starting at token ``i``."""
        node = self.root.get(_norm_at(tokens, norms, i))
        best: tuple[int, str] | None = None
        j = i
        while node is not None:
            if "" in node:
                best = (j, node[""])
            j += 1
            if j >= len(tokens):
                break
            g = gap_key(text[tokens[j - 1].end : tokens[j].start])
            if g is None:
                break
            node = node.get(g)
            if node is not None:
                node = node.get(_norm_at(tokens, norms, j))
        return best


def _norm_at(tokens: Sequence[Token], norms: list[str | None], i: int) -> str:
    n = norms[i]
    if n is None:
        n = norms[i] = phrase_key(tokens[i].text)
    return n


def token_keys(texts: Sequence[str]) -> list[str]:
    """`phrase_key` of every token text, computed in one pass over the joined texts.

    Equal to ``[phrase_key(t) for t in texts]`` for word tokens (`WORD_RE` matches): they hold no
    whitespace, so `phrase_key` reduces to the mark translation and ``lower()``, which map
    character by character; the one context-dependent lower-case mapping (a final capital sigma)
    only looks at cased and case-ignorable neighbours, and the ``"\\n"`` joining the tokens is
    neither, so each token is lowered as if it stood alone.
    """
    if not texts:
        return []
    joined = "\n".join(texts)
    for mark, ascii_mark in _MARKS:
        if mark in joined:
            joined = joined.replace(mark, ascii_mark)  # what translate(_MARK_TABLE) does, faster
    return joined.lower().split("\n")


def transfer_case(original: str, phrase: str, replacement: str) -> str:
    """Carry the case of ``original`` over to ``replacement`` where it differs from the table's.

    All capitals stay all capitals; a capitalised first word ("Denominational violence" at a
    sentence start) capitalises the replacement; title case of every word carries over word by
    word.  Capitals written in the table's replacement ("Getty Images") are kept.
    """
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not phrase.isupper():
        return replacement.upper()
    out = replacement
    o_words = original.split()
    p_words = phrase.split()
    if (
        len(o_words) > 1
        and all(w[:1].isupper() for w in o_words if w[:1].isalpha())
        and not all(w[:1].isupper() for w in p_words if w[:1].isalpha())
    ):
        return " ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in out.split(" "))
    if original[:1].isupper() and phrase[:1].islower() and out[:1].islower():
        out = out[:1].upper() + out[1:]
    return out


# --------------------------------------------------------------------------------------------
# The terms table

TERM_REQUIRED = ("id", "phrase", "replacement", "action", "confidence")
TERM_OPTIONAL = ("langs", "case", "note", *CONTEXT_FIELDS)
_ID_RE = regex.compile(r"[a-z0-9][a-z0-9.\-]*")
_LANG_RE = regex.compile(r"[a-z]{2,3}|spinner")


@dataclass(frozen=True)
class Term:
    id: str
    phrase: str
    replacement: str
    action: str
    confidence: float
    langs: tuple[str, ...]
    case_sensitive: bool
    context: Context
    note: str
    file: str
    line: int

    @property
    def key(self) -> str:
        return phrase_key(self.phrase)


def check_id(rid: str, seen: dict[str, int], file: str, line: int) -> str:
    """Validate a row id of a rule data file (format, uniqueness) and record it in ``seen``."""
    if not _ID_RE.fullmatch(rid):
        raise DataFileError(file, line, "id", f"expected a lowercase id (letters, digits, '.', '-'), got {rid!r}")
    if rid in seen:
        raise DataFileError(file, line, "id", f"duplicate id {rid!r} (first on line {seen[rid]})")
    seen[rid] = line
    return rid


def load_terms(path: str | os.PathLike[str]) -> list[Term]:
    """Read one terms file; raise `DataFileError` (file, line, field) when it is malformed."""
    file = str(path)
    out: list[Term] = []
    seen: dict[str, int] = {}
    for line, row in read_table(path, TERM_REQUIRED, TERM_OPTIONAL):
        tid = check_id(row["id"], seen, file, line)
        phrase = row["phrase"]
        if not phrase or not any(c.isalpha() for c in phrase):
            raise DataFileError(file, line, "phrase", "missing value (a phrase needs at least one letter)")
        if len(phrase) > MAX_PHRASE:
            raise DataFileError(file, line, "phrase", f"longer than {MAX_PHRASE} characters")
        if not (phrase[0].isalnum() and phrase[-1].isalnum()):
            raise DataFileError(file, line, "phrase", "must start and end with a letter or digit")
        if "\n" in phrase_path(phrase):
            raise DataFileError(file, line, "phrase", "words must be separated by spaces or short punctuation")
        action = row["action"].lower()
        if action not in ("fix", "flag"):
            raise DataFileError(file, line, "action", f"expected 'fix' or 'flag', got {row['action']!r}")
        replacement = row["replacement"]
        if action == "fix" and not replacement:
            raise DataFileError(file, line, "replacement", "a 'fix' row needs a replacement")
        if replacement and phrase_key(replacement) == phrase_key(phrase) and action == "fix":
            raise DataFileError(file, line, "replacement", "the replacement equals the phrase")
        confidence = parse_confidence(row["confidence"], file, line)
        langs = tuple(x.strip().lower() for x in row.get("langs", "").split("|") if x.strip())
        for lang in langs:
            if not _LANG_RE.fullmatch(lang):
                raise DataFileError(file, line, "langs", f"expected language codes or 'spinner', got {lang!r}")
        case = parse_case(row, file, line)
        out.append(
            Term(
                id=tid,
                phrase=phrase,
                replacement=replacement,
                action=action,
                confidence=confidence,
                langs=langs,
                case_sensitive=case == "s",
                context=Context.from_row(row, file, line),
                note=row.get("note", ""),
                file=file,
                line=line,
            )
        )
    return out


def load_all_terms(files: Iterable[str | os.PathLike[str]]) -> list[Term]:
    """Rows of several files in order; a later row with an existing id replaces the earlier one."""
    by_id: dict[str, Term] = {}
    for f in files:
        for t in load_terms(f):
            by_id.pop(t.id, None)
            by_id[t.id] = t
    return list(by_id.values())


def _lang_label(langs: tuple[str, ...]) -> str:
    if not langs:
        return "machine translation"
    names = ["article spinner" if x == "spinner" else x for x in langs]
    return "machine translation / article spinner (" + ", ".join(names) + ")"


class TermDetector:
    """Known calques and spun phrases: ``mtclean/data/terms.tsv`` plus user files, and the spun
    forms generated from ``spin_terms.tsv`` and ``spin_words.tsv`` (plus user files)."""

    name = "terms"
    rules = (
        Rule(
            FIX_RULE,
            "term",
            "fix",
            "A known machine-translation calque or article-spinner phrase, rewritten to the usual "
            "English news term ('denominational violence' -> 'sectarian violence'); rows in "
            "mtclean/data/terms.tsv with action 'fix', and spun forms generated from the news terms "
            "of spin_terms.tsv and the substitutions of spin_words.tsv ('struggle cupboard' -> "
            "'war cabinet').",
            examples=(
                (
                    "Denominational violence has flared again in the south.",
                    "Sectarian violence has flared again in the south.",
                ),
                (
                    "The minister denounced the ethnic purification of the region.",
                    "The minister denounced the ethnic cleansing of the region.",
                ),
                ("The struggle cupboard met late on Sunday.", "The war cabinet met late on Sunday."),
                (
                    "The blast happened at 9 p.m. native time on Friday.",
                    "The blast happened at 9 p.m. local time on Friday.",
                ),
                ("“We will respond,” he writes to X.", "“We will respond,” he wrote on X."),
                ("Photo: AFP via Getty Pictures", "Photo: AFP via Getty Images"),
            ),
            counter_examples=(
                "The denominational schools reopened on Monday.",
                "Native time-keeping traditions vary across the islands.",
                "The minister wrote to Xavier on Monday.",
                "Sectarian violence has flared again in the south.",
                "The kitchen cupboard was empty.",
            ),
        ),
        Rule(
            FLAG_RULE,
            "term",
            "flag",
            "A phrase that is often a calque but also valid English: reported as a finding with the "
            "usual term as suggestion; rows in mtclean/data/terms.tsv with action 'flag'.",
            examples=(
                ("Police found a booby-trapped car near the checkpoint.", "booby-trapped car"),
                ("The two ministers exchanged views on the state organs involved.", "state organs"),
            ),
            counter_examples=(
                "Police found a car bomb near the checkpoint.",
                "Surgeons transplanted the organs on Tuesday.",
            ),
        ),
    )

    def __init__(self, config: Config) -> None:
        files: list[str | os.PathLike[str]] = [data_path("terms.tsv")]
        files.extend(config.data_files("terms"))
        from .spin import load_generated  # spin builds on this module's table helpers

        # Generated spun forms come first: a row written in a terms file with the same phrase is
        # tried before them.
        self.terms = load_generated(
            [data_path("spin_terms.tsv"), *config.data_files("spin_terms")],
            [data_path("spin_words.tsv"), *config.data_files("spin_words")],
        ) + load_all_terms(files)
        by_key: dict[str, list[Term]] = {}
        # Later rows (user files) are tried first.
        for t in reversed(self.terms):
            by_key.setdefault(t.key, []).append(t)
        self._by_key = by_key
        self._trie = PhraseTrie()
        for key in by_key:
            self._trie.add(phrase_path(key), key)

    def find(self, doc: Document) -> Iterator[Proposal]:
        if not self._trie or not doc.text:
            return
        norms: list[str | None] = list(token_keys(doc.token_texts))
        first_words = self._trie.root
        # Only a token whose key starts a phrase can start a match: the trie walk runs from those
        # tokens alone (from any other token it would stop at once).
        yield from self._scan(doc, list(compress(count(), map(first_words.__contains__, norms))), norms)

    def _scan(self, doc: Document, starts: Iterable[int], norms: list[str | None]) -> Iterator[Proposal]:
        """Proposals for the longest phrases starting at the token indices ``starts`` (ascending);
        ``norms`` holds the `phrase_key` of each token (None: computed when needed)."""
        text = doc.text
        tokens = doc.tokens
        windows: LineWindows | None = None
        resume = 0
        for i in starts:
            if i < resume:
                continue  # inside the phrase just proposed
            hit = self._trie.longest_at(text, tokens, i, norms)
            if hit is None:
                continue
            last, key = hit
            start, end = tokens[i].start, tokens[last].end
            matched = text[start:end]
            if windows is None:
                windows = LineWindows(doc)
            before, after = windows.around(start, end)
            proposal = None
            for t in self._by_key[key]:
                if t.case_sensitive and _shape(matched) != _shape(t.phrase):
                    continue
                if not t.context.holds(before, matched, after):
                    continue
                proposal = self._proposal(t, start, end, matched)
                break
            if proposal is None:
                continue
            yield proposal
            resume = last + 1

    @staticmethod
    def _proposal(t: Term, start: int, end: int, matched: str) -> Fix | Finding:
        replacement = transfer_case(matched, t.phrase, t.replacement) if t.replacement else ""
        label = _lang_label(t.langs)
        note = f"; {t.note}" if t.note else ""
        if t.action == "fix":
            reason = f"'{matched}' is a known {label} calque for '{replacement}' [{t.id}]{note}"
            return Fix(start, end, matched, replacement, "term", FIX_RULE, t.confidence, reason)
        if replacement:
            reason = f"'{matched}' is often a {label} calque for '{replacement}' [{t.id}]{note}"
        else:
            reason = f"'{matched}' is often a {label} calque [{t.id}]{note}"
        return Finding(start, end, matched, replacement or None, "term", FLAG_RULE, t.confidence, reason)


def embedded_terms_path() -> Path:
    return data_path("terms.tsv")


DETECTOR = TermDetector

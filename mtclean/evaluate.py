"""Measure a `Cleaner` against annotated cases: recall, precision and F1 per kind and per language.

A *case file* is JSONL: one object a line with ``id``, ``lang`` (likely source language), ``text``,
``fixes`` (each ``{"original", "replacement", "kind"}``), ``keep`` (substrings that must stay as they
are) and optional ``flags`` (each ``{"original", "why"}``: expected findings).  Missing ``fixes``,
``keep`` and ``flags`` are empty, so a file of clean news with only ``id`` and ``text`` is a valid
case file.

Scoring, per case:

- Each expected fix is located in the text (first occurrence of ``original``; when it occurs several
  times, the first occurrence an applied fix overlaps).  It is *correct* when that region of the
  original text ends up as exactly ``replacement`` in the cleaned text, however the applied edits
  that did it were cut (`Result.to_cleaned` maps the region; unchanged context that an edit spanning
  beyond the region carried along is allowed on both sides).
- Each applied fix is *good* when it overlaps an expected region that came out correct, *wrong*
  when it only overlaps expected regions that did not, and *unexpected* when it overlaps none.
  Precision is good / applied; recall is correct / expected; F1 their harmonic mean.
- A *keep violation* is an applied fix overlapping any occurrence of a ``keep`` string.
- An expected flag is *found* when a finding overlaps its ``original``.

With ``clean=True`` every case is a negative: every applied fix is a false fix, reported per 1,000
words (the false-fix rate on human-written text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .document import WORD_RE
from .model import Finding, Fix
from .result import Result

#: The kinds a case may expect (the order of the report rows).
EVAL_KINDS: tuple[str, ...] = ("name", "group", "term", "artifact", "boilerplate", "unicode")
#: Findings this close to a miss (in characters) are shown beside it by ``--show-errors``.
NEAR = 40


class CaseFileError(ValueError):
    """A malformed case file; the message names the file and the line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}, line {line}: {message}")
        self.path = path
        self.line = line


@dataclass(frozen=True, slots=True)
class ExpectedFix:
    original: str
    replacement: str
    kind: str


@dataclass(frozen=True, slots=True)
class ExpectedFlag:
    original: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    """One annotated text."""

    id: str
    text: str
    lang: str = "?"
    fixes: tuple[ExpectedFix, ...] = ()
    keep: tuple[str, ...] = ()
    flags: tuple[ExpectedFlag, ...] = ()
    source: str = ""
    path: str = ""
    line: int = 0


# --------------------------------------------------------------------------------------- loading


def _str_field(obj: dict[str, Any], key: str, path: str, line: int, default: str | None = None) -> str:
    value = obj.get(key, default)
    if value is None:
        raise CaseFileError(path, line, f"missing field {key!r}")
    if not isinstance(value, str):
        raise CaseFileError(path, line, f"field {key!r} must be a string, not {type(value).__name__}")
    return value


def _list_field(obj: dict[str, Any], key: str, path: str, line: int) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise CaseFileError(path, line, f"field {key!r} must be a list, not {type(value).__name__}")
    return value


def parse_case(obj: object, path: str = "<cases>", line: int = 0) -> Case:
    """Validate one decoded JSON object as a case; raise `CaseFileError` naming file and line."""
    if not isinstance(obj, dict):
        raise CaseFileError(path, line, f"expected a JSON object, got {type(obj).__name__}")
    text = _str_field(obj, "text", path, line)
    raw_id = obj.get("id", f"{Path(path).name}:{line}")
    if not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool):
        raise CaseFileError(path, line, "field 'id' must be a string")
    case_id = str(raw_id)
    lang = _str_field(obj, "lang", path, line, "?") or "?"
    source = _str_field(obj, "source", path, line, "")
    fixes: list[ExpectedFix] = []
    for i, f in enumerate(_list_field(obj, "fixes", path, line)):
        where = f"fixes[{i}]"
        if not isinstance(f, dict):
            raise CaseFileError(path, line, f"{where} must be an object")
        original = _str_field(f, "original", path, line)
        replacement = _str_field(f, "replacement", path, line)
        kind = _str_field(f, "kind", path, line)
        if kind not in EVAL_KINDS:
            raise CaseFileError(path, line, f"{where}: unknown kind {kind!r}; expected one of {', '.join(EVAL_KINDS)}")
        if not original:
            raise CaseFileError(path, line, f"{where}: empty 'original'")
        if original not in text:
            raise CaseFileError(path, line, f"{where}: original {original!r} does not occur in the text")
        fixes.append(ExpectedFix(original, replacement, kind))
    keep: list[str] = []
    for i, k in enumerate(_list_field(obj, "keep", path, line)):
        if not isinstance(k, str) or not k:
            raise CaseFileError(path, line, f"keep[{i}] must be a non-empty string")
        if k not in text:
            raise CaseFileError(path, line, f"keep[{i}]: {k!r} does not occur in the text")
        keep.append(k)
    flags: list[ExpectedFlag] = []
    for i, fl in enumerate(_list_field(obj, "flags", path, line)):
        if not isinstance(fl, dict):
            raise CaseFileError(path, line, f"flags[{i}] must be an object")
        original = _str_field(fl, "original", path, line)
        if not original or original not in text:
            raise CaseFileError(path, line, f"flags[{i}]: original {original!r} does not occur in the text")
        flags.append(ExpectedFlag(original, _str_field(fl, "why", path, line, "")))
    return Case(case_id, text, lang, tuple(fixes), tuple(keep), tuple(flags), source, path, line)


def parse_cases(lines: Iterable[str], path: str = "<cases>") -> list[Case]:
    """Cases from JSONL lines (blank lines skipped).  Duplicate ids in one file are an error."""
    out: list[Case] = []
    seen: dict[str, int] = {}
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CaseFileError(path, line_no, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
        case = parse_case(obj, path, line_no)
        if case.id in seen:
            raise CaseFileError(path, line_no, f"duplicate id {case.id!r} (first on line {seen[case.id]})")
        seen[case.id] = line_no
        out.append(case)
    return out


def load_cases(path: str | Path) -> list[Case]:
    """Read a JSONL case file.  Raises `OSError`, `UnicodeDecodeError` or `CaseFileError`."""
    p = Path(path)
    with p.open("r", encoding="utf-8") as fh:
        return parse_cases(fh, str(path))


# --------------------------------------------------------------------------------------- scoring


def _overlaps(start: int, end: int, fs: int, fe: int, edges: bool = True) -> bool:
    """Does an edit at [fs, fe) touch the region [start, end)?

    An insertion at an edge of the region counts when ``edges`` (it may be part of the expected
    change); it does not for keep strings (an insertion beside a kept word leaves it intact).
    """
    if fs == fe:
        return start <= fs <= end if edges else start < fs < end
    if start == end:
        return fs <= start <= fe
    return fs < end and start < fe


def _occurrences(text: str, sub: str) -> list[int]:
    out = []
    i = text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def _locate(result: Result, sub: str, replacement: str, taken: set[tuple[int, int]]) -> tuple[int, int]:
    """The occurrence of ``sub`` an expected fix refers to.

    The first occurrence, unless an applied fix overlaps another one: then the first overlapped
    occurrence that came out as expected, else the first overlapped one.  Occurrences overlapping
    a region already claimed by an earlier expected fix of the same case are skipped while others
    remain.
    """
    text = result.original
    occ = [(s, s + len(sub)) for s in _occurrences(text, sub)]
    free = [(s, e) for s, e in occ if not any(s < te and ts < e for ts, te in taken)] or occ
    touched = [(s, e) for s, e in free if any(_overlaps(s, e, f.start, f.end) for f in result.fixes)]
    for s, e in touched:
        if _outcome(result, s, e, replacement)[0]:
            return s, e
    return touched[0] if touched else free[0]


def _outcome(result: Result, start: int, end: int, replacement: str) -> tuple[bool, str]:
    """(correct, what the region became) for an expected fix at original[start:end]."""
    cs, ce = result.to_cleaned(start, end)
    got = result.text[cs:ce]
    if got == replacement:
        return True, got
    # An applied edit spanning beyond the region widened it: the context carried along must be
    # unchanged ("Saa" expected, "Gideon Saa" rewritten as a whole to "Gideon Sa'ar").
    os_, oe = result.to_original(cs, ce)
    if os_ <= start and oe >= end:
        expected = result.original[os_:start] + replacement + result.original[end:oe]
        return got == expected, got
    return False, got


@dataclass
class Counts:
    """Figures for one kind, one language, or overall."""

    cases: int = 0
    words: int = 0
    expected: int = 0
    correct: int = 0
    changes: int = 0
    good: int = 0
    wrong: int = 0
    unexpected: int = 0
    keep_violations: int = 0
    flags: int = 0
    flags_found: int = 0

    @property
    def recall(self) -> float | None:
        return self.correct / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.good / self.changes if self.changes else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def changes_per_1k_words(self) -> float | None:
        return 1000.0 * self.changes / self.words if self.words else None

    @property
    def unexpected_per_1k_words(self) -> float | None:
        return 1000.0 * self.unexpected / self.words if self.words else None

    def add(self, other: Counts) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for k in ("recall", "precision", "f1", "changes_per_1k_words", "unexpected_per_1k_words"):
            v = getattr(self, k)
            d[k] = None if v is None else round(v, 4)
        return d


def _fix_dict(f: Fix | Finding) -> dict[str, Any]:
    return {
        "start": f.start,
        "end": f.end,
        "original": f.original,
        "replacement": f.replacement,
        "kind": f.kind,
        "rule": f.rule,
        "confidence": round(f.confidence, 4),
        "reason": f.reason,
        "entity": f.entity,
    }


@dataclass
class CaseOutcome:
    """What happened to one case (kept for ``--show-errors`` and the JSON output)."""

    case: Case
    result: Result
    words: int
    correct: list[bool] = field(default_factory=list)
    got: list[str] = field(default_factory=list)
    regions: list[tuple[int, int]] = field(default_factory=list)
    fix_status: list[str] = field(default_factory=list)  # per applied fix: good | wrong | unexpected
    keep_violations: list[tuple[str, Fix]] = field(default_factory=list)
    flags_found: list[bool] = field(default_factory=list)


def score_case(case: Case, result: Result, *, clean: bool = False) -> CaseOutcome:
    """Score one cleaned case (``clean=True``: no change expected at all)."""
    text = case.text
    out = CaseOutcome(case, result, sum(1 for _ in WORD_RE.finditer(text)))
    fixes = list(result.fixes)
    taken: set[tuple[int, int]] = set()
    expected = () if clean else case.fixes
    for ef in expected:
        s, e = _locate(result, ef.original, ef.replacement, taken)
        taken.add((s, e))
        ok, got = _outcome(result, s, e, ef.replacement)
        out.regions.append((s, e))
        out.correct.append(ok)
        out.got.append(got)
    for f in fixes:
        hits = [i for i, (s, e) in enumerate(out.regions) if _overlaps(s, e, f.start, f.end)]
        if not hits:
            out.fix_status.append("unexpected")
        elif any(out.correct[i] for i in hits):
            out.fix_status.append("good")
        else:
            out.fix_status.append("wrong")
    if not clean:
        for k in case.keep:
            occ = [(s, s + len(k)) for s in _occurrences(text, k)]
            for f in fixes:
                if any(_overlaps(s, e, f.start, f.end, edges=False) for s, e in occ):
                    out.keep_violations.append((k, f))
        for fl in case.flags:
            occ = [(s, s + len(fl.original)) for s in _occurrences(text, fl.original)]
            out.flags_found.append(any(_overlaps(s, e, g.start, g.end) for s, e in occ for g in result.findings))
    return out


@dataclass
class Report:
    """All figures of an evaluation run."""

    files: list[str]
    clean: bool
    mode: str
    outcomes: list[CaseOutcome]

    def _counts(self, outcomes: Iterable[CaseOutcome], kind: str | None = None) -> Counts:
        c = Counts()
        for o in outcomes:
            c.cases += 1
            c.words += o.words
            if not self.clean:
                for ef, ok in zip(o.case.fixes, o.correct):
                    if kind is None or ef.kind == kind:
                        c.expected += 1
                        c.correct += ok
            for f, st in zip(o.result.fixes, o.fix_status):
                if kind is None or f.kind == kind:
                    c.changes += 1
                    c.good += st == "good"
                    c.wrong += st == "wrong"
                    c.unexpected += st == "unexpected"
            if kind is None:
                c.keep_violations += len(o.keep_violations)
                c.flags += len(o.flags_found)
                c.flags_found += sum(o.flags_found)
        return c

    @property
    def overall(self) -> Counts:
        return self._counts(self.outcomes)

    def kinds(self) -> list[str]:
        extra = sorted({f.kind for o in self.outcomes for f in o.result.fixes} - set(EVAL_KINDS))
        return [*EVAL_KINDS, *extra]

    def by_kind(self) -> dict[str, Counts]:
        return {k: self._counts(self.outcomes, k) for k in self.kinds()}

    def by_lang(self) -> dict[str, Counts]:
        langs = sorted({o.case.lang for o in self.outcomes})
        return {lang: self._counts(o for o in self.outcomes if o.case.lang == lang) for lang in langs}

    def misses(self) -> list[dict[str, Any]]:
        out = []
        for o in self.outcomes:
            if self.clean:
                continue
            for ef, ok, got, (s, e) in zip(o.case.fixes, o.correct, o.got, o.regions):
                if ok:
                    continue
                near = [_fix_dict(g) for g in o.result.findings if g.end >= s - NEAR and g.start <= e + NEAR]
                applied = [_fix_dict(f) for f in o.result.fixes if _overlaps(s, e, f.start, f.end)]
                out.append(
                    {
                        "id": o.case.id,
                        "lang": o.case.lang,
                        "kind": ef.kind,
                        "original": ef.original,
                        "expected": ef.replacement,
                        "got": got,
                        "start": s,
                        "end": e,
                        "applied": applied,
                        "findings_near": near,
                    }
                )
        return out

    def changes(self, status: str) -> list[dict[str, Any]]:
        """Applied fixes with a given status (``unexpected``, ``wrong`` or ``good``), with their case."""
        out = []
        for o in self.outcomes:
            for f, st in zip(o.result.fixes, o.fix_status):
                if st == status:
                    out.append({"id": o.case.id, "lang": o.case.lang, **_fix_dict(f)})
        return out

    def keep_violations(self) -> list[dict[str, Any]]:
        return [
            {"id": o.case.id, "lang": o.case.lang, "keep": k, **_fix_dict(f)}
            for o in self.outcomes
            for k, f in o.keep_violations
        ]

    def missed_flags(self) -> list[dict[str, Any]]:
        return [
            {"id": o.case.id, "original": fl.original, "why": fl.why}
            for o in self.outcomes
            for fl, found in zip(o.case.flags, o.flags_found)
            if not found
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "clean": self.clean,
            "mode": self.mode,
            "overall": self.overall.to_dict(),
            "by_kind": {k: c.to_dict() for k, c in self.by_kind().items()},
            "by_lang": {k: c.to_dict() for k, c in self.by_lang().items()},
            "keep_violations": self.keep_violations(),
            "misses": self.misses(),
            "unexpected": self.changes("unexpected"),
            "wrong": self.changes("wrong"),
            "missed_flags": self.missed_flags(),
        }


def evaluate(
    cases: Sequence[Case],
    cleaner: Any,
    *,
    clean: bool = False,
    files: Sequence[str] = (),
) -> Report:
    """Clean every case with ``cleaner`` (a `Cleaner`) and score it."""
    outcomes = [score_case(c, cleaner.clean(c.text), clean=clean) for c in cases]
    return Report(list(files), clean, getattr(cleaner, "mode", "repair"), outcomes)


# --------------------------------------------------------------------------------------- output


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.1f}"


def _num(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def text_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Plain-text table lines: first column left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = [f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths)]
    lines = ["  ".join(f.format(c) for f, c in zip(fmt, header))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(f.format(c) for f, c in zip(fmt, r)) for r in rows]
    return lines


def _row(name: str, c: Counts, clean: bool) -> list[str]:
    if clean:
        return [name, str(c.cases), str(c.words), str(c.changes), _num(c.changes_per_1k_words)]
    return [
        name,
        str(c.expected),
        str(c.correct),
        _pct(c.recall),
        str(c.changes),
        str(c.unexpected),
        _pct(c.precision),
        _pct(c.f1),
    ]


def _short(s: str, n: int = 70) -> str:
    s = s.replace("\n", "⏎")
    return s if len(s) <= n else s[: n - 1] + "…"


def _rec(d: dict[str, Any]) -> str:
    rep = "" if d["replacement"] is None else f" -> {_short(d['replacement'], 50)!r}"
    return f"{d['rule']} {_short(d['original'], 50)!r}{rep} ({d['confidence']:.2f}): {_short(d['reason'], 160)}"


def format_report(report: Report, *, show_errors: bool = False) -> str:
    """The report as readable tables (plus the errors when ``show_errors``)."""
    ov = report.overall
    lines = [f"mtclean eval: {len(report.outcomes)} cases, {ov.words} words, mode {report.mode}"]
    lines += [f"  {f}" for f in report.files]
    lines.append("")
    if report.clean:
        lines.append("Clean text (every change is a false fix):")
        header = ["lang", "cases", "words", "changes", "per 1k words"]
        rows = [_row(k, c, True) for k, c in report.by_lang().items()]
        rows.append(_row("all", ov, True))
        lines += text_table(header, rows)
        changed = sum(1 for o in report.outcomes if o.result.fixes)
        lines.append("")
        lines.append(f"cases changed: {changed} of {len(report.outcomes)}")
        if show_errors:
            lines.append("")
            lines.append("False fixes:")
            for d in report.changes("unexpected"):
                lines.append(f"  [{d['id']}] {_rec(d)}")
        return "\n".join(lines) + "\n"
    header = ["kind", "expected", "correct", "recall%", "changes", "unexpected", "precision%", "F1%"]
    rows = [_row(k, c, False) for k, c in report.by_kind().items() if c.expected or c.changes]
    rows.append(_row("overall", ov, False))
    lines.append("By kind:")
    lines += text_table(header, rows)
    lines.append("")
    lines.append("By source language:")
    lines += text_table(
        ["lang", "cases", *header[1:]],
        [[k, str(c.cases), *_row(k, c, False)[1:]] for k, c in report.by_lang().items()],
    )
    lines.append("")
    lines.append(
        f"changes per 1k words: {_num(ov.changes_per_1k_words)}; "
        f"unexpected per 1k words: {_num(ov.unexpected_per_1k_words)}; wrong rewrites: {ov.wrong}"
    )
    kv = report.keep_violations()
    lines.append(f"keep violations: {len(kv)}" + (f" ({', '.join(sorted({d['id'] for d in kv}))})" if kv else ""))
    if ov.flags:
        lines.append(f"expected flags found as findings: {ov.flags_found} of {ov.flags}")
    if show_errors:
        lines.append("")
        lines.append("Misses:")
        for m in report.misses():
            lines.append(
                f"  [{m['id']} {m['lang']}] {m['kind']}: {_short(m['original'], 60)!r} -> {_short(m['expected'], 60)!r},"
                f" got {_short(m['got'], 60)!r}"
            )
            for d in m["applied"]:
                lines.append(f"      applied: {_rec(d)}")
            for d in m["findings_near"]:
                lines.append(f"      finding: {_rec(d)}")
        for title, status in (("Unexpected changes:", "unexpected"), ("Wrong rewrites:", "wrong")):
            lines.append("")
            lines.append(title)
            for d in report.changes(status):
                lines.append(f"  [{d['id']} {d['lang']}] {_rec(d)}")
        if kv:
            lines.append("")
            lines.append("Keep violations:")
            for d in kv:
                lines.append(f"  [{d['id']}] keep {d['keep']!r}: {_rec(d)}")
        mf = report.missed_flags()
        if mf:
            lines.append("")
            lines.append("Expected flags not found:")
            for d in mf:
                lines.append(f"  [{d['id']}] {d['original']!r}: {d['why']}")
    return "\n".join(lines) + "\n"

"""Spun phrases generated from news terms and a spinner's synonym substitutions.

An "article spinner" (and some MT post-editing tools) rewrites a news text word by word with a
thesaurus: "war cabinet" becomes "struggle cupboard", "National Security Council" becomes
"Nationwide Safety Council", "AFP via Getty Images" becomes "AFP through Getty Pictures". Listing
every output would never end, so the outputs are generated here from two small tables:

- ``mtclean/data/spin_words.tsv``: the substitutions, one per row (``word`` -> ``spun``), each with
  a confidence: how surely that substitution, found inside a news term, is a spinner's work
  ("cabinet" -> "cupboard" 0.9; "leader" -> "chief" 0.4, since "chief" is an everyday word).
- ``mtclean/data/spin_terms.tsv``: the English news terms they are applied to ("war cabinet",
  "local time", "National Security Council"), each with a confidence cap, the case rule and the
  same context conditions as ``terms.tsv``.

Every combination of substitutions over a term's words (at least one) becomes a `Term` of the
terms detector (rule ``term.calque``; below the ``term`` threshold it is reported as a finding),
so matching costs what any other term costs: one trie walk. The confidence of a variant is:

- the term's cap when the term has a positive context condition (``before``, ``after``,
  ``near``): the context is the evidence ("native time" right after "9 p.m.");
- otherwise ``1 - prod(1 - c)`` over its substitutions, capped: two ordinary substitutions
  ("Nationwide Safety") are stronger evidence than one ("National Safety Council" is a real
  name); a term may set ``single``, the confidence of any one-substitution variant, for fixed
  names nobody rephrases ("Getty Images", "White House").

A variant below `MIN_CONFIDENCE` (0.6), or that spells another term of the table, is dropped.
Users add rows with ``Cleaner(data={"spin_terms": ..., "spin_words": ...})``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from math import prod

import regex

from ..errors import DataFileError
from .terms import Context, Term, check_id, parse_case, parse_confidence, phrase_key, phrase_path, read_table

WORD_REQUIRED = ("word", "spun", "confidence")
WORD_OPTIONAL = ("note",)
TERM_REQUIRED = ("id", "term", "confidence")
TERM_OPTIONAL = ("single", "case", "note", "before", "not_before", "after", "not_after", "near", "not_near")

#: Spun forms below this confidence are not generated: a finding that weak would mostly flag
#: correct English ("safety forces", "interest charges").
MIN_CONFIDENCE = 0.6
#: Most combinations of substitutions tried for one term, checked before any is generated (so
#: a term of many words with many substitutions each is an error, not a long wait).
MAX_COMBINATIONS = 4096
#: Most variants generated from one term (a guard against a huge user row, not a tuning knob:
#: the embedded tables stay far below it).
MAX_VARIANTS = 512

_WORD_RE = regex.compile(r"[\p{L}][\p{L}'’-]*")
_SPUN_RE = regex.compile(r"[\p{L}][\p{L}'’-]*(?: [\p{L}][\p{L}'’-]*){0,3}")


@dataclass(frozen=True)
class Substitution:
    spun: str
    confidence: float


@dataclass(frozen=True)
class SpinTerm:
    id: str
    term: str
    confidence: float
    single: float | None
    case_sensitive: bool
    context: Context
    note: str
    file: str
    line: int


def load_spin_words(path: str | os.PathLike[str]) -> dict[str, list[Substitution]]:
    """Read a substitutions file: lower-case word -> its spun forms, in file order."""
    file = str(path)
    out: dict[str, list[Substitution]] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, row in read_table(path, WORD_REQUIRED, WORD_OPTIONAL):
        word = row["word"].lower()
        if not _WORD_RE.fullmatch(word):
            raise DataFileError(file, line, "word", f"expected one word, got {row['word']!r}")
        spun = row["spun"].lower()
        if not _SPUN_RE.fullmatch(spun):
            raise DataFileError(file, line, "spun", f"expected one to four words, got {row['spun']!r}")
        if spun == word:
            raise DataFileError(file, line, "spun", "the spun form equals the word")
        if (word, spun) in seen:
            raise DataFileError(file, line, "spun", f"duplicate substitution {word!r} -> {spun!r} (first on line {seen[word, spun]})")
        seen[word, spun] = line
        out.setdefault(word, []).append(Substitution(spun, parse_confidence(row["confidence"], file, line)))
    return out


def load_spin_terms(path: str | os.PathLike[str]) -> list[SpinTerm]:
    """Read a spin terms file; raise `DataFileError` (file, line, field) when it is malformed."""
    file = str(path)
    out: list[SpinTerm] = []
    seen: dict[str, int] = {}
    for line, row in read_table(path, TERM_REQUIRED, TERM_OPTIONAL):
        tid = check_id(row["id"], seen, file, line)
        term = row["term"]
        words = term.split(" ")
        if not term or not all(_WORD_RE.fullmatch(w) or w.isupper() or w.isdigit() for w in words):
            raise DataFileError(file, line, "term", f"expected words separated by single spaces, got {term!r}")
        single = parse_confidence(row["single"], file, line) if row.get("single") else None
        case = parse_case(row, file, line)
        out.append(
            SpinTerm(
                id=tid,
                term=term,
                confidence=parse_confidence(row["confidence"], file, line),
                single=single,
                case_sensitive=case == "s",
                context=Context.from_row(row, file, line),
                note=row.get("note", ""),
                file=file,
                line=line,
            )
        )
    return out


def _cased(spun: str, word: str) -> str:
    """The spun form written like ``word`` in the term: a capitalised word gives a capitalised
    first word ("Health" -> "Well being", the way spinners write it)."""
    if word[:1].isupper():
        return spun[:1].upper() + spun[1:]
    return spun


def _slug(s: str) -> str:
    return regex.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "x"


def variants(term: SpinTerm, words: dict[str, list[Substitution]]) -> list[tuple[str, float, tuple[tuple[str, str], ...]]]:
    """(spun phrase, confidence, substitutions made) for every combination of substitutions over
    the term's words (at least one) that reaches `MIN_CONFIDENCE`, in a deterministic order."""
    parts = term.term.split(" ")
    options: list[list[tuple[str, float] | None]] = []
    for w in parts:
        subs = words.get(w.lower(), []) if not w.isupper() else []
        options.append([None, *((_cased(s.spun, w), s.confidence) for s in subs)])
    combinations = prod(len(o) for o in options) - 1
    if combinations > MAX_COMBINATIONS:
        raise DataFileError(
            term.file, term.line, "term", f"{combinations} combinations of substitutions (at most {MAX_COMBINATIONS}); split the term"
        )
    positive_context = any(
        getattr(term.context, f) is not None for f in ("before", "after", "near")
    )
    out: list[tuple[str, float, tuple[tuple[str, str], ...]]] = []
    for combo in product(*options):
        made = [(parts[i], c) for i, c in enumerate(combo) if c is not None]
        if not made:
            continue
        phrase = " ".join(c[0] if c is not None else parts[i] for i, c in enumerate(combo))
        if positive_context:
            conf = term.confidence
        else:
            doubt = 1.0
            for _w, (_s, c) in made:
                doubt *= 1.0 - c
            conf = 1.0 - doubt
            if term.single is not None:
                conf = max(conf, term.single)
            conf = min(conf, term.confidence)
        if conf < MIN_CONFIDENCE:
            continue
        out.append((phrase, round(conf, 3), tuple((w.lower(), s.lower()) for w, (s, _c) in made)))
        if len(out) > MAX_VARIANTS:
            raise DataFileError(term.file, term.line, "term", f"more than {MAX_VARIANTS} spun variants; split the term")
    return out


def generate(terms: Sequence[SpinTerm], words: dict[str, list[Substitution]]) -> list[Term]:
    """The spun variants of ``terms`` as rows of the terms detector (action ``fix``, language
    ``spinner``). A variant that spells one of the terms themselves is not generated."""
    canonical = {phrase_key(t.term) for t in terms}
    out: list[Term] = []
    ids: set[str] = set()
    for t in terms:
        for phrase, conf, made in variants(t, words):
            key = phrase_key(phrase)
            if key in canonical or sum(c.isalpha() for c in phrase) < 2 or "\n" in phrase_path(phrase):
                continue
            vid = f"{t.id}.{_slug(phrase)}"
            if vid in ids:
                continue
            ids.add(vid)
            subs = ", ".join(f"{w} -> {s}" for w, s in made)
            note = f"spinner: {subs}" + (f"; {t.note}" if t.note else "")
            out.append(
                Term(
                    id=vid,
                    phrase=phrase,
                    replacement=t.term,
                    action="fix",
                    confidence=conf,
                    langs=("spinner",),
                    case_sensitive=t.case_sensitive,
                    context=t.context,
                    note=note,
                    file=t.file,
                    line=t.line,
                )
            )
    return out


def load_generated(term_files: Iterable[str | os.PathLike[str]], word_files: Iterable[str | os.PathLike[str]]) -> list[Term]:
    """The generated rows of several spin terms and spin words files (later term rows with an
    existing id replace earlier ones; substitutions from all word files add up, and a later
    file's confidence for the same substitution wins)."""
    merged: dict[str, dict[str, Substitution]] = {}
    for f in word_files:
        for w, subs in load_spin_words(f).items():
            for s in subs:
                merged.setdefault(w, {})[s.spun] = s  # a later file's confidence wins
    words = {w: list(by_spun.values()) for w, by_spun in merged.items()}
    by_id: dict[str, SpinTerm] = {}
    for f in term_files:
        for t in load_spin_terms(f):
            by_id.pop(t.id, None)
            by_id[t.id] = t
    return generate(list(by_id.values()), words)

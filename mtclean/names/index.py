"""The inverted index over transliteration-aware keys.

Every accepted and mangled form of every entry is split into parts; each part and the joined form
are keyed (`keys.part_keys`).  A lookup keys the span the same way and reads the posting lists of
its keys, rarest first, ignoring lists longer than `MAX_POSTING` (a key that common carries no
identity).  The cost of a lookup therefore depends on the span and on the posting-list cap, not on
the size of the gazetteer; the build is one pass over the forms (linear).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from ..gazetteer.model import Entry, Gazetteer
from .keys import ARTICLES, PARTICLES, part_keys, parts, skeleton

#: Posting lists longer than this are not read (the key is too common to identify anything).
MAX_POSTING = 600
#: At most this many candidate forms are returned per lookup (ranked by shared keys).
MAX_CANDIDATES = 40

# Form kinds.
CANONICAL, ALIAS, MANGLED, DEMONYM, GROUP_FORM = 0, 1, 2, 3, 4


def norm(s: str) -> str:
    """The exact-match key of a surface: folded, marks removed, parts joined by one space."""
    return " ".join(parts(s))


@dataclass(frozen=True, slots=True)
class Form:
    entry: int  # index into NameIndex.entries
    surface: str
    kind: int
    parts: tuple[str, ...]  # folded parts
    core: tuple[str, ...]  # parts without articles and particles


@dataclass(frozen=True, slots=True)
class Candidate:
    """A form sharing keys with a looked-up span."""

    form: Form
    entry: Entry
    shared: float  # weight of the span keys found in the form's postings


def _core(ps: Iterable[str]) -> tuple[str, ...]:
    return tuple(p for p in ps if p not in ARTICLES and p not in PARTICLES)


def form_keys(ps: tuple[str, ...]) -> set[str]:
    """Keys of a gazetteer form: each core part, the joined core, and each article fused to the
    part after it ("al", "sharaa" -> "alsharaa", as a fused rendering "Alshara" would key)."""
    core = _core(ps)
    keys: set[str] = set()
    for p in core:
        keys.update(part_keys(p))
    if len(core) > 1:
        keys.add(skeleton("".join(core)))
    for a, b in zip(ps, ps[1:]):
        if a in ARTICLES and b not in ARTICLES:
            keys.add(skeleton(a + b))
    return {k for k in keys if k}


def span_keys(ps: list[str]) -> set[str]:
    """Keys of a span: each part, the joined span, and adjacent pairs joined (split names)."""
    core = list(_core(ps))
    keys: set[str] = set()
    for p in core:
        keys.update(part_keys(p))
    if len(core) > 1:
        keys.add(skeleton("".join(core)))
        for a, b in zip(core, core[1:]):
            keys.update(part_keys(a + b))
    if len(ps) > 1:  # particles fused into a name: "Fondeleyen" = "von der Leyen"
        keys.add(skeleton("".join(ps)))
    return {k for k in keys if k}


class NameIndex:
    """Exact-form dictionary plus inverted index from keys to forms."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.forms: list[Form] = []
        self.exact: dict[str, list[int]] = {}  # norm(surface) -> form ids
        self.postings: dict[str, array[int]] = {}
        self.by_id: dict[str, int] = {}
        self.weights: dict[str, float] = {}
        #: first part of a form -> the most parts any form starting with it has (exact matching)
        self.max_parts: dict[str, int] = {}

    @classmethod
    def build(cls, gazetteer: Gazetteer | Iterable[Entry]) -> NameIndex:
        """Index every form of every entry (one linear pass)."""
        idx = cls()
        post: dict[str, list[int]] = {}
        for entry in gazetteer:
            ei = len(idx.entries)
            idx.entries.append(entry)
            idx.by_id[entry.id] = ei
            surfaces: list[tuple[str, int]] = [(entry.canonical, CANONICAL)]
            surfaces += [(a, ALIAS) for a in entry.aliases]
            surfaces += [(m, MANGLED) for m in entry.mangled]
            surfaces += [(d, DEMONYM) for d in entry.demonyms]
            surfaces += [(g, GROUP_FORM) for g in (*entry.singular, *entry.plural, *entry.adjective)]
            seen: set[str] = set()
            for surface, kind in surfaces:
                key = norm(surface)
                if not key or key in seen:
                    continue
                seen.add(key)
                ps = tuple(key.split(" "))
                form = Form(ei, surface, kind, ps, _core(ps))
                fi = len(idx.forms)
                idx.forms.append(form)
                idx.exact.setdefault(key, []).append(fi)
                if len(ps) > idx.max_parts.get(ps[0], 0):
                    idx.max_parts[ps[0]] = len(ps)
                if kind in (CANONICAL, ALIAS, MANGLED):
                    for k in form_keys(ps):
                        post.setdefault(k, []).append(fi)
        idx.postings = {k: array("i", v) for k, v in post.items()}
        n = max(1, len(idx.forms))
        # Rare and long keys say more: weight = idf x (1 + length / 4).
        idx.weights = {k: math.log(1.0 + n / len(v)) * (1.0 + len(k) / 4.0) for k, v in post.items()}
        return idx

    def __len__(self) -> int:
        return len(self.forms)

    # -- serialisation (plain builtins, for the on-disk cache: see mtclean/names/cache.py) --
    def to_state(self) -> tuple[object, ...]:
        forms = [(f.entry, f.surface, f.kind, f.parts, f.core) for f in self.forms]
        postings = {k: v.tobytes() for k, v in self.postings.items()}
        return (forms, self.exact, postings, self.weights, self.max_parts)

    @classmethod
    def from_state(cls, entries: list[Entry], state: tuple[object, ...]) -> NameIndex:
        forms, exact, postings, weights, max_parts = state
        idx = cls()
        idx.entries = entries
        idx.by_id = {e.id: i for i, e in enumerate(entries)}
        idx.forms = [Form(*f) for f in forms]  # type: ignore[attr-defined]
        idx.exact = exact  # type: ignore[assignment]
        idx.postings = {k: array("i", v) for k, v in postings.items()}  # type: ignore[attr-defined]
        idx.weights = weights  # type: ignore[assignment]
        idx.max_parts = max_parts  # type: ignore[assignment]
        return idx

    def exact_forms(self, surface: str) -> list[Form]:
        """Forms whose normalised text equals the surface's."""
        return [self.forms[i] for i in self.exact.get(norm(surface), ())]

    def lookup(self, text: str, limit: int = MAX_CANDIDATES) -> list[Candidate]:
        """The short list of forms that share keys with ``text`` (highest weight of shared keys first)."""
        ps = parts(text)
        if not ps:
            return []
        keys = span_keys(ps)
        lists = sorted(
            ((len(pl), k, pl) for k in keys if (pl := self.postings.get(k)) is not None and len(pl) <= MAX_POSTING),
            key=lambda t: (t[0], t[1]),
        )
        scores: dict[int, float] = {}
        weights = self.weights
        for _n, k, pl in lists:
            w = weights[k]
            for fi in pl:
                scores[fi] = scores.get(fi, 0.0) + w
        # A form spelled exactly like the text always makes the short list.
        for fi in self.exact.get(" ".join(ps), ()):
            scores[fi] = scores.get(fi, 0.0) + 1000.0
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [Candidate(self.forms[fi], self.entries[self.forms[fi].entry], round(sc, 3)) for fi, sc in ranked]

"""The inverted index over transliteration-aware keys.

Every accepted and mangled form of every entry is split into parts; each part and the joined form
are keyed (`keys.part_keys`).  A lookup keys the span the same way and reads the posting lists of
its keys, rarest first, ignoring lists longer than `MAX_POSTING` (a key that common carries no
identity).  Once `MAX_READ` entries have been read, the remaining (more common) keys only add their
weight to the forms already found: each such posting is scanned once against the found forms, with
no set built from it and nothing cached between lookups.  Posting lists hold form ids in
increasing order, so the forms that only the rarest list reaches (all of one weight) are already
ranked: that list is never copied, and only the forms reached by more than it are scored and
sorted.  The cost of a lookup therefore depends on the span and on these caps, not on the size of
the gazetteer; the build is one pass over the forms (linear).
"""

from __future__ import annotations

import math
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from ..gazetteer.model import Entry, Gazetteer
from .keys import ARTICLES, PARTICLES, korean_surname, part_keys, parts, readings, skeleton, span_readings, wade_giles

#: Posting lists longer than this are not read (the key is too common to identify anything).
MAX_POSTING = 600
#: At most this many posting entries are read per lookup, rarest keys first.
MAX_READ = 150
#: At most this many candidate forms are returned per lookup (ranked by shared keys).
MAX_CANDIDATES = 40

# Form kinds.
CANONICAL, ALIAS, MANGLED, DEMONYM, GROUP_FORM, READING = 0, 1, 2, 3, 4, 5
#: Kinds whose keys are posted (what fuzzy matching can find); the others only match exactly.
_POSTED = (CANONICAL, ALIAS, MANGLED, READING)


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


class Candidate(tuple):
    """A form sharing keys with a looked-up span: ``(form, entry, shared)``, where ``shared`` is
    the weight of the span keys found in the form's postings.  A plain tuple underneath (a lookup
    makes dozens, so creating one must cost next to nothing)."""

    __slots__ = ()

    def __new__(cls, form: Form, entry: Entry, shared: float) -> Candidate:
        return tuple.__new__(cls, (form, entry, shared))

    form: Form = property(itemgetter(0))  # type: ignore[assignment]
    entry: Entry = property(itemgetter(1))  # type: ignore[assignment]
    shared: float = property(itemgetter(2))  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Candidate(form={self.form!r}, entry={self.entry.id!r}, shared={self.shared:.3f})"


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


@lru_cache(maxsize=65536)
def _part_span_keys(p: str) -> frozenset[str]:
    """The keys one part contributes to a span: its own (`keys.part_keys`) and those of its
    readings. Computed once per part: a mangled name comes back as a sub-span of itself and of
    longer runs ("Rajapaksae" in "Basil Rajapaksae"), and given names repeat across names."""
    keys = set(part_keys(p))
    for r in (*span_readings(p), wade_giles(p), korean_surname(p)):
        if r != p:
            keys.update(part_keys(r))
    return frozenset(keys)


def span_keys(ps: list[str]) -> set[str]:
    """Keys of a span: each part, the joined span, and adjacent pairs joined (split names), each
    also read the English way (`keys.readings`: "Netaniyafu" is keyed as "Netaniyahu" too) and
    in Wade-Giles (`keys.wade_giles`: pinyin "Qingde" as "Chingte"). The readings are added on the
    span side only: the gazetteer's forms are English already."""
    core = list(_core(ps))
    keys: set[str] = set()
    for p in core:
        keys.update(_part_span_keys(p))
    if len(core) > 1:
        joined = "".join(core)
        keys.add(skeleton(joined))
        for r in (*readings(joined), wade_giles(joined)):
            keys.add(skeleton(r))
        for a, b in zip(core, core[1:]):
            keys.update(part_keys(a + b))
    if len(ps) > 1:  # particles fused into a name: "Fondeleyen" = "von der Leyen"
        keys.add(skeleton("".join(ps)))
    return {k for k in keys if k}


#: A posting list: one form id (most keys name one form), or an array of them.
Posting = int | array


def _add(table: dict[str, Posting], key: str, fi: int) -> None:
    """Append form ``fi`` to the posting of ``key`` (an int while it has one form)."""
    old = table.get(key)
    if old is None:
        table[key] = fi
    elif isinstance(old, int):
        table[key] = array("i", (old, fi))
    else:
        old.append(fi)


def _ids(p: Posting | None) -> tuple[int, ...] | array:
    if p is None:
        return ()
    return (p,) if isinstance(p, int) else p


class NameIndex:
    """Exact-form dictionary plus inverted index from keys to forms.

    Memory is kept proportional to the forms and keys, with little per item: a key or exact form
    naming a single form stores its id as a plain int (most do), longer posting lists are
    ``array('i')``, part strings are interned and a form without articles or particles shares
    one tuple for its parts and its core.  Key weights are computed from the posting length
    when a lookup reads them, not stored.  One list of references (`form_entry`, a pointer per
    form) spares a lookup the chain form -> entry index -> entry in a large heap.
    """

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.forms: list[Form] = []
        self.exact: dict[str, Posting] = {}  # norm(surface) -> form id(s)
        self.postings: dict[str, Posting] = {}
        self.by_id: dict[str, int] = {}
        #: the entry of each form, by form id (``entries[forms[i].entry]``, stored so a lookup
        #: reaches it without two dependent reads in a large heap)
        self.form_entry: list[Entry] = []
        #: first part of a form -> the most parts any form starting with it has (exact matching)
        self.max_parts: dict[str, int] = {}

    @classmethod
    def build(cls, gazetteer: Gazetteer | Iterable[Entry]) -> NameIndex:
        """Index every form of every entry (one linear pass)."""
        idx = cls()
        post = idx.postings
        intern = sys.intern
        for entry in gazetteer:
            ei = len(idx.entries)
            idx.entries.append(entry)
            idx.by_id[entry.id] = ei
            surfaces: list[tuple[str, int]] = [(entry.canonical, CANONICAL)]
            surfaces += [(a, ALIAS) for a in entry.aliases]
            surfaces += [(m, MANGLED) for m in entry.mangled]
            surfaces += [(r, READING) for r in entry.readings]
            surfaces += [(d, DEMONYM) for d in entry.demonyms]
            surfaces += [(g, GROUP_FORM) for g in (*entry.singular, *entry.plural, *entry.adjective)]
            seen: set[str] = set()
            for surface, kind in surfaces:
                key = norm(surface)
                if not key or key in seen:
                    continue
                seen.add(key)
                ps = tuple(intern(p) for p in key.split(" "))
                core = _core(ps)
                form = Form(ei, surface, kind, ps, ps if core == ps else core)
                fi = len(idx.forms)
                idx.forms.append(form)
                idx.form_entry.append(entry)
                _add(idx.exact, key, fi)
                if len(ps) > idx.max_parts.get(ps[0], 0):
                    idx.max_parts[ps[0]] = len(ps)
                if kind in _POSTED:
                    keys = form_keys(ps)
                    if "ğ" in surface or "Ğ" in surface:
                        # Turkish soft g is silent: "Erdoğan" comes out of a translation (or a
                        # round trip through katakana, エルドアン) as "Erdoan", which shares no
                        # key with "erdogan".
                        keys |= form_keys(tuple(norm(surface.replace("ğ", "").replace("Ğ", "")).split(" ")))
                    for k in keys:
                        _add(post, k, fi)
        return idx

    def weight(self, key: str, postings: int) -> float:
        """Rare and long keys say more: weight = idf x (1 + length / 4)."""
        return math.log(1.0 + max(1, len(self.forms)) / postings) * (1.0 + len(key) / 4.0)

    def exact_ids(self, key: str) -> tuple[int, ...] | array:
        """Ids of the forms whose normalised text is ``key`` (see `norm`)."""
        return _ids(self.exact.get(key))

    def __len__(self) -> int:
        return len(self.forms)

    # -- serialisation (plain builtins, for the on-disk cache: see mtclean/names/cache.py) --
    def to_state(self) -> tuple[object, ...]:
        forms = [(f.entry, f.surface, f.kind, f.parts, f.core) for f in self.forms]
        def plain(p: Posting) -> int | bytes:
            return p if isinstance(p, int) else p.tobytes()

        exact = {k: plain(v) for k, v in self.exact.items()}
        postings = {k: plain(v) for k, v in self.postings.items()}
        return (forms, exact, postings, self.max_parts)

    @classmethod
    def from_state(cls, entries: list[Entry], state: tuple[object, ...]) -> NameIndex:
        forms, exact, postings, max_parts = state

        def posting(v: int | bytes) -> Posting:
            return v if isinstance(v, int) else array("i", v)

        idx = cls()
        idx.entries = entries
        idx.by_id = {e.id: i for i, e in enumerate(entries)}
        idx.forms = [Form(*f) for f in forms]  # type: ignore[attr-defined]
        idx.form_entry = [entries[f.entry] for f in idx.forms]
        idx.exact = {k: posting(v) for k, v in exact.items()}  # type: ignore[attr-defined]
        idx.postings = {k: posting(v) for k, v in postings.items()}  # type: ignore[attr-defined]
        idx.max_parts = max_parts  # type: ignore[assignment]
        return idx

    def exact_forms(self, surface: str) -> list[Form]:
        """Forms whose normalised text equals the surface's."""
        return [self.forms[i] for i in self.exact_ids(norm(surface))]

    def lookup(self, text: str, limit: int = MAX_CANDIDATES) -> list[Candidate]:
        """The short list of forms that share keys with ``text`` (highest weight of shared keys first)."""
        ids, weights, base_weight = self._ranked(text, limit)
        forms, form_entry, weight = self.forms, self.form_entry, weights.get
        new = tuple.__new__
        return [new(Candidate, (forms[fi], form_entry[fi], weight(fi, base_weight))) for fi in ids]

    def lookup_forms(self, text: str, limit: int = MAX_CANDIDATES) -> list[Form]:
        """`lookup` without the Candidate records: the forms only, best first."""
        forms = self.forms
        return [forms[fi] for fi in self._ranked(text, limit)[0]]

    def _ranked(self, text: str, limit: int) -> tuple[list[int], dict[int, float], float]:
        """The ids of the ``limit`` best forms for ``text``: highest weight first, then lowest id.

        Also returns the weights: a form listed in the dict has that weight, any other returned
        form is only in the rarest posting list and has the weight returned last.  The rarest
        list is never copied: its forms that nothing else reaches all have its weight and come in
        increasing id order (the order of the posting), so only the first ``limit`` of them can
        make the short list.
        """
        ps = parts(text)
        if not ps or limit <= 0:
            return [], {}, 0.0
        postings = self.postings
        lists: list[tuple[int, str, tuple[int, ...] | array]] = []
        for k in span_keys(ps):
            p = postings.get(k)
            if p is None:
                continue
            if isinstance(p, int):
                lists.append((1, k, (p,)))
            elif len(p) <= MAX_POSTING:
                lists.append((len(p), k, p))
        exact = self.exact_ids(" ".join(ps))
        # Weight (a sum, added in the order the keys are read) of each form reached by more than
        # the rarest list: the forms of the later lists read, the forms of the rarest list that
        # common keys past the budget add to, and forms spelled exactly like the text.
        extra: dict[int, float] = {}
        get = extra.get
        base: tuple[int, ...] | array = ()
        w0 = 0.0
        if lists:
            lists.sort(key=_rarest_first)
            read, k, base = lists[0]  # the rarest list is always read, however long
            w0 = self.weight(k, read)
            found: set[int] | None = None  # forms found so far, once a later list needs them
            for n, k, pl in lists[1:]:
                if found is None:
                    found = set(base)
                w = self.weight(k, n)
                if read + n <= MAX_READ:
                    read += n
                    for fi in pl:
                        extra[fi] = get(fi, w0) + w if fi in found else w
                    found.update(pl)
                else:
                    # Past the read budget a common key only adds its weight to the forms already
                    # found: one scan of its posting against them (C speed, no set of the
                    # posting, nothing cached), at most MAX_POSTING probes per key however large
                    # the gazetteer grows.
                    for fi in found.intersection(pl):
                        extra[fi] = get(fi, w0) + w
            # A form spelled exactly like the text always makes the short list.
            for fi in exact:
                if found is not None:
                    hit = fi in found
                else:
                    i = bisect_left(base, fi)
                    hit = i < len(base) and base[i] == fi
                extra[fi] = (get(fi, w0) if hit else 0.0) + 1000.0
        else:
            for fi in exact:
                extra[fi] = 1000.0
        if not extra:
            return list(base[:limit]), extra, w0
        # Rank every form in `extra` with the first `limit` forms reached only by the rarest list
        # (weight w0; the later ones come after them in id order, so cannot rank higher): sort
        # the ids, then stably by weight (both sorts in C).
        ranked = dict.fromkeys([fi for fi in base[: limit + len(extra)] if fi not in extra][:limit], w0)
        ranked.update(extra)
        ids = sorted(ranked)
        ids.sort(key=ranked.__getitem__, reverse=True)
        del ids[limit:]
        return ids, extra, w0


def _rarest_first(t: tuple[int, str, object]) -> tuple[int, str]:
    return t[0], t[1]

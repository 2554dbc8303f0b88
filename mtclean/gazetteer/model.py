"""Gazetteer entries and collections.

An `Entry` is one entity (person, organisation, place or group) with its canonical form, accepted
aliases, known mangled forms and context, and for names written in another script its native form
and the romanised readings of that form in other languages' conventions.  A `Gazetteer` is an ordered collection of entries with
unique ids; merging a gazetteer over another replaces entries with the same id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

TYPES = ("PER", "ORG", "LOC", "GRP")
FLAGS = ("needs_context", "ambiguous", "protect_only")
_TYPES = frozenset(TYPES)
_NO_FLAGS: frozenset[str] = frozenset()
_FLAGS = frozenset(FLAGS)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entity."""

    id: str
    type: str
    canonical: str
    aliases: tuple[str, ...] = ()
    mangled: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    description: str = ""
    source: str = ""
    flags: frozenset[str] = field(default_factory=lambda: _NO_FLAGS)
    demonyms: tuple[str, ...] = ()
    #: Group forms (GRP rows): accepted singular, plural and adjective forms.
    singular: tuple[str, ...] = ()
    plural: tuple[str, ...] = ()
    adjective: tuple[str, ...] = ()
    #: The name in its native script, in the form Japanese media write it for Chinese and Korean
    #: names (Japanese kanji forms: 習近平, 李強, 金正恩); several forms when the script has variants.
    native: tuple[str, ...] = ()
    #: Romanised readings of the native form in another language's convention (the Japanese
    #: on'yomi of 胡錦濤: "Ko Kinto", "Ko Kintou"), as machine translation renders the name
    #: from that language. Not accepted English forms: not in `accepted`, a matcher may rewrite
    #: them to the canonical form.
    readings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.flags and self.flags is not _NO_FLAGS:
            # One shared empty set (an empty frozenset costs 216 bytes, a million entries 200 MB).
            object.__setattr__(self, "flags", _NO_FLAGS)
        if not self.id:
            raise ValueError("entry without id")
        if self.type not in _TYPES:
            raise ValueError(f"entry {self.id}: unknown type {self.type!r} (expected {', '.join(TYPES)})")
        if not self.canonical or self.canonical.isspace():
            raise ValueError(f"entry {self.id}: empty canonical form")
        if not self.flags <= _FLAGS:
            unknown = set(self.flags) - _FLAGS
            raise ValueError(f"entry {self.id}: unknown flag(s) {', '.join(sorted(unknown))}")

    @property
    def accepted(self) -> tuple[str, ...]:
        """Every correct surface form: canonical, aliases, demonyms and group forms (not the
        native forms or the readings)."""
        seen: dict[str, None] = {}
        for s in (self.canonical, *self.aliases, *self.demonyms, *self.singular, *self.plural, *self.adjective):
            if s:
                seen.setdefault(s, None)
        return tuple(seen)

    def has(self, flag: str) -> bool:
        return flag in self.flags


class Gazetteer:
    """An ordered collection of entries with unique ids."""

    def __init__(self, entries: Iterable[Entry] = (), name: str = "") -> None:
        self.name = name
        self._entries: dict[str, Entry] = {}
        for e in entries:
            if e.id in self._entries:
                raise ValueError(f"{name or 'gazetteer'}: duplicate id {e.id!r}")
            self._entries[e.id] = e

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entries

    def __getitem__(self, entity_id: str) -> Entry:
        return self._entries[entity_id]

    def get(self, entity_id: str) -> Entry | None:
        return self._entries.get(entity_id)

    def __repr__(self) -> str:
        return f"Gazetteer({self.name!r}, {len(self)} entries)"

    def merged(self, *others: Gazetteer) -> Gazetteer:
        """A new gazetteer: this one with ``others`` merged over it (same id: the later wins)."""
        out = Gazetteer(name=self.name)
        out._entries = dict(self._entries)
        for g in others:
            out._entries.update(g._entries)
            out.name = " + ".join(n for n in (out.name, g.name) if n)
        return out

    def __reduce__(self) -> tuple[object, ...]:
        return (Gazetteer, (list(self._entries.values()), self.name))

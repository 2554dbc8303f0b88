"""Context evidence for a name: titles and roles around it, country mentions.

The gazetteer's ``description`` holds roles ("Foreign Minister of Israel (2024–)"); the text around
a span holds titles ("Israeli Foreign Minister ..."). A title *agrees* with an entry when its head
role word (president, minister, leader, ...) and its qualifiers (foreign, defence, prime, ...)
appear in the description; a country agrees when a demonym or country name in the title belongs to
one of the entry's countries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..gazetteer.model import Entry, Gazetteer
from .keys import fold

#: Head role words: a title agrees only if one of these matches; a mismatch is a conflict.
ROLE_HEADS = frozenset(
    """president minister chancellor king queen prince emir ayatollah pope patriarch secretary-general
    secretary speaker governor mayor envoy ambassador prosecutor premier sultan commissioner""".split()
)
#: Generic heads: they agree when the description has them, and never conflict.
GENERIC_HEADS = frozenset(
    """leader chief commander spokesman spokeswoman spokesperson general director chairman head founder
    cleric rabbi mufti imam sheikh sheik official adviser executive representative""".split()
)
#: Qualifiers that must agree when present ("Foreign Minister" is not "Defence Minister").
QUALIFIERS = frozenset(
    """foreign defence defense interior finance prime crown supreme spiritual vice deputy
    security justice economy energy health national""".split()
)
#: Words that make a role a lower rank of the office named without them.
SUBRANKS = frozenset({"deputy", "vice", "assistant", "acting", "under-secretary", "junior", "state", "minister-of-state"})
_SYNONYMS = {"defense": "defence", "sheik": "sheikh", "shaikh": "sheikh", "premier": "prime",
             "spokeswoman": "spokesman", "spokesperson": "spokesman", "advisor": "adviser",
             "chairperson": "chairman", "chairwoman": "chairman"}
_WORD_RE = regex.compile(r"[\p{L}\-]+")


def _norm(w: str) -> str:
    w = fold(w)
    return _SYNONYMS.get(w, w)


_ROLE_END_RE = regex.compile(r"\s(?:of|to|for|in|at|on|under|with)\s|[(,]")


def _role_phrase(role: str) -> str:
    """The office named by one role of a description: "Foreign Minister of Israel (2024–)" ->
    "Foreign Minister"; "adviser to President Mahmoud Abbas" -> "adviser" (the president there
    is someone else)."""
    m = _ROLE_END_RE.search(role)
    return role[: m.start()] if m else role


def words(text: str) -> frozenset[str]:
    """Normalised words of a text, hyphenated words also split (cached: descriptions repeat)."""
    return _words(text)


@lru_cache(maxsize=16384)
def _words(text: str) -> frozenset[str]:
    out: set[str] = set()
    for m in _WORD_RE.finditer(text):
        w = _norm(m.group())
        out.add(w)
        if "-" in w:
            out.update(_norm(p) for p in w.split("-") if p)
    return frozenset(out)


@dataclass(frozen=True)
class TitleEvidence:
    agrees: bool
    conflicts: bool  # a role or country in the title contradicts the entry
    reason: str
    strong: bool = False  # agreement on a specific office (president, minister...), not a generic word
    #: The title identifies the office, not only its kind: it names one of the entry's countries
    #: ("Israeli Foreign Minister") or the body the office belongs to ("Hezbollah
    #: Secretary-General", "UN Secretary-General"), or the office itself exists in very few
    #: countries ("Supreme Leader", "National Security Minister"; see `Offices`).
    specific: bool = False


class CountryMap:
    """Demonyms and country names -> ISO codes, from the gazetteer's LOC entries with one country."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.codes: dict[str, str] = {}
        for e in gazetteer:
            if e.type != "LOC" or len(e.country) != 1 or not e.demonyms:
                continue
            code = e.country[0]
            for s in (e.canonical, *e.aliases, *e.demonyms):
                self.codes.setdefault(fold(s), code)

    def code(self, word: str) -> str | None:
        return self.codes.get(fold(word))


_SCOPE_STOP = frozenset({"the", "of", "and", "for", "in", "to", "on", "a", "an"})
_CAPITAL_RE = regex.compile(r"\p{Lu}[\p{L}'’]*")


def _fits(role: frozenset[str], heads: list[str], generic: list[str], quals: list[str], ctx: set[str]) -> bool:
    """Whether a title fits one role (its words): one of its head words ("minister", or each
    part of "secretary-general") or, without heads, one of its generic heads; every qualifier
    ("foreign"); and no lower rank ("deputy") that the title does not say."""
    if heads:
        ok = any(h in role or all(p in role for p in h.split("-")) for h in heads)
    else:
        ok = any(g in role for g in generic)
    return ok and all(q in role for q in quals) and not ((role & SUBRANKS) - ctx)


def _office(role: frozenset[str]) -> frozenset[str]:
    """The words of a role phrase that name the office: heads, qualifiers and lower ranks."""
    return frozenset(w for w in role if w in ROLE_HEADS or w in GENERIC_HEADS or w in QUALIFIERS or w in SUBRANKS)


@lru_cache(maxsize=16384)
def _scope_words(role: str) -> frozenset[str]:
    """What an office belongs to, from the words after "of" in one role of a description, and
    their initials: "Secretary-General of the United Nations (2017–)" -> {"united", "nations",
    "un"}; "Secretary-General of Hezbollah" -> {"hezbollah"}."""
    i = role.find(" of ")
    if i < 0:
        return frozenset()
    scope = role[i + 4 :].split("(")[0]
    caps = [m.group() for m in _CAPITAL_RE.finditer(scope)]
    out = {_norm(w) for w in _WORD_RE.findall(scope) if len(w) > 3 and fold(w) not in _SCOPE_STOP}
    if len(caps) >= 2:
        out.add(fold("".join(c[0] for c in caps)))
    return frozenset(out)


class Offices:
    """Which countries hold each office, from the people of the gazetteer: a title whose office
    the gazetteer's people hold in many countries ("Foreign Minister", "President") fits every
    holder in the world, most of whom no gazetteer lists, so it identifies no one by itself; an
    office held in at most `FEW` countries ("Supreme Leader") does. Built once, in one pass over
    the entries; a lookup reads the distinct offices (a few hundred however large the gazetteer),
    cached per title."""

    FEW = 3

    def __init__(self, gazetteer: Gazetteer) -> None:
        by_office: dict[frozenset[str], set[str]] = {}
        for e in gazetteer:
            if e.type != "PER" or not e.description:
                continue
            for r in e.description.split(";"):
                office = _office(words(_role_phrase(r)))
                if office:
                    by_office.setdefault(office, set()).update(e.country or ("?" + e.id,))
        self._by_office = by_office
        self._cache: dict[tuple[tuple[str, ...], ...], int] = {}

    def countries(self, heads: list[str], generic: list[str], quals: list[str], ctx: set[str]) -> int:
        """How many countries hold an office that the title fits (heads or, without them,
        generic heads; every qualifier; no lower rank the title does not say)."""
        key = (tuple(heads), tuple(generic), tuple(quals), tuple(sorted(ctx)))
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        found: set[str] = set()
        for office, cs in self._by_office.items():
            if _fits(office, heads, generic, quals, ctx):
                found |= cs
                if len(found) > self.FEW:
                    break
        if len(self._cache) >= 4096:
            self._cache.clear()
        self._cache[key] = len(found)
        return len(found)


def title_evidence(
    titles: list[str], entry: Entry, countries: CountryMap, offices: Offices | None = None
) -> TitleEvidence:
    """Compare the title words before a name with the entry's description and country
    (``offices``: how specific the office is, for `TitleEvidence.specific`)."""
    if not titles:
        return TitleEvidence(False, False, "")
    desc = words(entry.description)
    tw = [_norm(t) for t in titles]
    heads = [t for t in tw if t in ROLE_HEADS or any(p in ROLE_HEADS for p in t.split("-"))]
    generic = [t for t in tw if t in GENERIC_HEADS]
    # Other words of the title ("Hezbollah leader") that the description names.
    named = [t for t in tw if t not in ROLE_HEADS and t not in GENERIC_HEADS and t not in QUALIFIERS and len(t) > 3 and t in desc]
    quals = [t for t in tw if t in QUALIFIERS]
    codes = {c for t in titles if (c := countries.code(t))}
    country_ok = bool(codes & set(entry.country)) if codes and entry.country else None
    # The office must be one role of the description, not pieces of several, and not a lower
    # rank of it ("Foreign Minister" is not "Deputy Foreign Minister").
    roles = [words(_role_phrase(r)) for r in entry.description.split(";")] or [desc]
    ctx = set(tw)

    head_ok = bool(heads) and any(_fits(r, heads, [], quals, ctx) for r in roles)
    qual_ok = all(q in desc for q in quals) if not head_ok else True
    if country_ok is False:
        return TitleEvidence(False, True, f"title country {'/'.join(sorted(codes))} does not match {'/'.join(entry.country)}")
    label = " ".join(titles)

    def specific() -> bool:
        if country_ok:
            return True
        scope = frozenset().union(*(_scope_words(r) for r in entry.description.split(";")))
        if any(t in scope for t in tw if t not in ROLE_HEADS and t not in GENERIC_HEADS and t not in QUALIFIERS):
            return True
        return offices is not None and offices.countries(heads, generic, quals, ctx) <= Offices.FEW

    if heads and head_ok and qual_ok:
        return TitleEvidence(True, False, f"title '{label}' agrees with '{entry.description[:60]}'", True, specific())
    if not heads and qual_ok and (named or any(g in desc for g in generic)) and (generic or named):
        return TitleEvidence(True, False, f"context '{label}' agrees with '{entry.description[:60]}'", False, bool(named) or specific())
    if heads and (not head_ok or not qual_ok) and entry.description:
        return TitleEvidence(False, True, f"title '{' '.join(titles)}' does not match the entry's role")
    return TitleEvidence(False, False, "")

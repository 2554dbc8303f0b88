"""`NameIndex.lookup` against a plain reference implementation, on a gazetteer large enough that
the read budget (`MAX_READ`) and the posting cap (`MAX_POSTING`) decide what is found.

The lookup never copies the rarest posting list and ranks only what can reach the short list;
the reference below scores every form it reads in a dict and sorts them all.  Both must give
the same forms in the same order with the same weights.
"""

from __future__ import annotations

import random

import pytest

from mtclean import Entry, Gazetteer
from mtclean.names import index as index_mod
from mtclean.names.index import NameIndex, span_keys
from mtclean.names.keys import parts

_ONSETS = ["", "b", "d", "k", "l", "m", "n", "r", "s", "t", "sh", "kh"]
_VOWELS = ["a", "e", "i", "o", "u", "ai"]
_CODAS = ["", "", "n", "r", "l", "m"]
_SUFFIXES = ["", "", "ov", "ian", "ski", "i", "ani"]


def _word(rng: random.Random) -> str:
    w = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.choice((1, 2, 2, 3))))
    return (w + rng.choice(_SUFFIXES)).title()


def _mangle(rng: random.Random, name: str) -> str:
    ps = name.split(" ")
    i = rng.randrange(len(ps))
    w = ps[i]
    op = rng.randrange(3)
    if op == 0:
        w = w.replace("l", "\0").replace("r", "l").replace("\0", "r")
    elif op == 1 and len(w) > 3:
        k = rng.randrange(1, len(w) - 1)
        w = w[:k] + w[k + 1 :]
    else:
        w += rng.choice("aiu")
    ps[i] = w
    return " ".join(ps)


def _gazetteer(n: int, seed: int) -> Gazetteer:
    """``n`` person entries built from few syllables, so that many keys are shared by hundreds
    of forms (past MAX_READ and MAX_POSTING), some names are repeated by several entries and some
    carry an article ("al-") or an alias and a mangled form."""
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        ps = [_word(rng) for _ in range(rng.choice((1, 2, 2, 2, 3)))]
        if rng.random() < 0.08:
            ps.insert(len(ps) - 1, "al")
        name = " ".join(ps)
        aliases = (ps[-1],) if len(ps) > 1 and rng.random() < 0.1 else ()
        mangled = (_mangle(rng, name),) if rng.random() < 0.2 else ()
        entries.append(Entry(f"per.s{i}", "PER", name, aliases=aliases, mangled=mangled))
    return Gazetteer(entries)


def _posting(idx: NameIndex, key: str) -> tuple[int, ...]:
    p = idx.postings.get(key)
    if p is None:
        return ()
    return (p,) if isinstance(p, int) else tuple(p)


def reference(idx: NameIndex, text: str, limit: int) -> list[tuple[int, float]]:
    """The lookup as specified, written plainly: read the usable posting lists rarest first (the
    first always, the others while the entries read stay within MAX_READ), let the rest only add
    their weight to forms already found, add 1000 to forms spelled exactly like the text, and
    rank every form found by weight (then by id)."""
    ps = parts(text)
    if not ps or limit <= 0:
        return []
    lists = []
    for k in span_keys(ps):
        ids = _posting(idx, k)
        if ids and len(ids) <= index_mod.MAX_POSTING:
            lists.append((len(ids), k, ids))
    lists.sort(key=lambda t: (t[0], t[1]))
    scores: dict[int, float] = {}
    read = 0
    for n, k, ids in lists:
        w = idx.weight(k, n)
        if not scores or read + n <= index_mod.MAX_READ:
            read += n
            for fi in ids:
                scores[fi] = scores.get(fi, 0.0) + w
        else:
            for fi in ids:
                if fi in scores:
                    scores[fi] += w
    for fi in idx.exact_ids(" ".join(ps)):
        scores[fi] = scores.get(fi, 0.0) + 1000.0
    return sorted(scores.items(), key=lambda t: (-t[1], t[0]))[:limit]


def _queries(idx: NameIndex, seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = ["", "al", "Al Kasimov", "zzqx", "Shai Tan Mulai", "Lun Shaira"]
    for _ in range(n):
        f = idx.forms[rng.randrange(len(idx.forms))]
        r = rng.random()
        if r < 0.3:
            out.append(f.surface)  # exact
        elif r < 0.55:
            out.append(_mangle(rng, f.surface))
        elif r < 0.7:
            out.append(rng.choice(f.surface.split(" ")))  # one part: common keys
        elif r < 0.85:
            g = idx.forms[rng.randrange(len(idx.forms))]
            out.append(f"{f.surface.split(' ')[0]} {g.surface.split(' ')[-1]}")
        else:
            out.append(" ".join(_word(rng) for _ in range(rng.choice((1, 2, 3)))))
    return out


@pytest.fixture(scope="module")
def big_index() -> NameIndex:
    return NameIndex.build(_gazetteer(50_000, seed=11))


@pytest.fixture(scope="module")
def queries(big_index: NameIndex) -> list[str]:
    return _queries(big_index, seed=5, n=1500)


def _coverage(idx: NameIndex, queries: list[str]) -> dict[str, int]:
    """How many queries exercise each case of the lookup (so the comparison below is not vacuous)."""
    seen = dict.fromkeys(
        ["capped", "first_over_budget", "past_budget", "several_read", "exact", "shortlist_full", "tie_at_limit"], 0
    )
    limit = index_mod.MAX_CANDIDATES
    for q in queries:
        ps = parts(q)
        if not ps:
            continue
        lens = sorted(len(_posting(idx, k)) for k in span_keys(ps) if _posting(idx, k))
        usable = [n for n in lens if n <= index_mod.MAX_POSTING]
        seen["capped"] += len(usable) < len(lens)
        read, past, nread = 0, 0, 0
        for n in usable:
            if not nread or read + n <= index_mod.MAX_READ:
                read, nread = read + n, nread + 1
            else:
                past += 1
        seen["first_over_budget"] += bool(usable) and usable[0] > index_mod.MAX_READ
        seen["past_budget"] += past > 0
        seen["several_read"] += nread > 1
        seen["exact"] += len(idx.exact_ids(" ".join(ps))) > 0
        full = reference(idx, q, 10_000)
        seen["shortlist_full"] += len(full) > limit
        seen["tie_at_limit"] += len(full) > limit and full[limit - 1][1] == full[limit][1]
    return seen


def test_the_generated_gazetteer_exercises_every_case(big_index, queries):
    cov = _coverage(big_index, queries)
    assert all(v >= 20 for v in cov.values()), cov


@pytest.mark.parametrize("limit", [1, 7, index_mod.MAX_CANDIDATES, 10_000])
def test_lookup_equals_the_reference(big_index, queries, limit):
    idx = big_index
    for q in queries:
        want = reference(idx, q, limit)
        got = idx.lookup(q, limit)
        assert [(c.form, c.entry, c.shared) for c in got] == [
            (idx.forms[fi], idx.entries[idx.forms[fi].entry], w) for fi, w in want
        ], q
        assert idx.lookup_forms(q, limit) == [c.form for c in got]


@pytest.mark.parametrize("budget", [1, 20, 400])
def test_lookup_equals_the_reference_with_other_read_budgets(monkeypatch, big_index, queries, budget):
    monkeypatch.setattr(index_mod, "MAX_READ", budget)
    idx = big_index
    for q in queries[:500]:
        assert [(c.form, c.shared) for c in idx.lookup(q)] == [
            (idx.forms[fi], w) for fi, w in reference(idx, q, index_mod.MAX_CANDIDATES)
        ], q


def test_lookup_after_a_cache_round_trip_equals_the_reference(big_index, queries):
    idx = big_index
    again = NameIndex.from_state(idx.entries, idx.to_state())
    for q in queries[:300]:
        assert [(c.form.surface, c.entry.id, c.shared) for c in again.lookup(q)] == [
            (idx.forms[fi].surface, idx.entries[idx.forms[fi].entry].id, w)
            for fi, w in reference(idx, q, index_mod.MAX_CANDIDATES)
        ], q


def test_postings_hold_each_form_once_in_increasing_id_order(big_index):
    """The lookup relies on it: the forms only the rarest list reaches are ranked by id as stored,
    and binary search finds a form in a posting."""
    idx = big_index
    for key, p in idx.postings.items():
        if not isinstance(p, int):
            assert all(a < b for a, b in zip(p, p[1:])), key
    again = NameIndex.from_state(idx.entries, idx.to_state())
    assert again.form_entry == [idx.entries[f.entry] for f in idx.forms]

"""Deterministic benchmark material: a news-like corpus and synthetic gazetteer entries.

Everything here is generated from a seed (`random.Random`), never read from the evaluation data.
The corpus mixes clean sentences that mention gazetteer people by their canonical names, mangled
names (l/r swaps, inserted vowels, dropped or doubled letters, as in katakana or Arabic round
trips), doubled words, CJK punctuation, bracketed insertions and boilerplate lines.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from mtclean import Entry, Gazetteer

_ONSETS = ["", "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "kh", "ch", "br", "tr"]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "i", "ai", "ou"]
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "k", "d"]
_SUFFIXES = ["", "", "ov", "ian", "ski", "ez", "i", "son", "ani", "enko", "ar", "oglu"]

_TITLES = [
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "opposition leader",
    "spokesman",
    "Interior Minister",
    "former President",
]
_PLACES = ["Geneva", "Brussels", "Cairo", "Ankara", "Doha", "Tokyo", "Seoul", "Nairobi", "Vienna", "Riyadh"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_CLAUSES = [
    "the talks would resume after the holiday",
    "the government would not accept new conditions",
    "aid convoys were still waiting at the border",
    "the ceasefire was holding despite sporadic shelling",
    "the delegation would travel to {place} later this week",
    "a new round of sanctions was under discussion",
    "the agreement covered energy, trade and security",
    "several officials had resigned over the affair",
    "the army had completed its withdrawal from the area",
    "elections would be held before the end of the year",
]
_FILLER = [
    "Markets in {place} were calm on {day} as investors waited for the central bank decision.",
    "The ministry said it had received more than two thousand applications since the start of the month.",
    "Heavy rain delayed flights at the airport in {place}, officials said.",
    "The report, published on {day}, found that prices had risen by nearly four percent.",
    "Aid agencies warned that the situation in the camps was deteriorating quickly.",
    "The committee will meet again in {place} next month to review the proposals.",
]
_BOILERPLATE = ["(End)", "This article has been machine translated.", "All rights reserved."]


def syllable_name(rng: random.Random, parts: int) -> str:
    out = []
    for _ in range(parts):
        n = rng.choice((2, 2, 3))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(n))
        word += rng.choice(_SUFFIXES)
        out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def synthetic_entries(n: int, seed: int = 1234, prefix: str = "per.syn") -> Iterator[Entry]:
    """``n`` plausible random person entries with unique ids (deterministic for a seed)."""
    rng = random.Random(seed)
    for i in range(n):
        name = syllable_name(rng, rng.choice((2, 2, 2, 3)))
        yield Entry(id=f"{prefix}-{i}", type="PER", canonical=name, description=rng.choice(_TITLES))


def sized_gazetteer(base: Gazetteer, n: int, seed: int = 1234) -> Gazetteer:
    """``n`` entries: the first ``min(n, len(base))`` entries of ``base``, then synthetic ones."""
    head = list(base)[:n]
    return Gazetteer([*head, *synthetic_entries(max(0, n - len(head)), seed)], name=f"sized-{n}")


def mangle(rng: random.Random, name: str) -> str:
    """A plausible MT-mangled form of ``name`` (one or two small edits on one part)."""
    parts = name.split(" ")
    i = max(range(len(parts)), key=lambda j: (len(parts[j]), j))
    w = parts[i]
    for _ in range(rng.choice((1, 2))):
        op = rng.randrange(5)
        if op == 0 and ("l" in w or "r" in w):
            w = w.replace("l", "\0").replace("r", "l").replace("\0", "r")
        elif op == 1 and len(w) > 3:
            k = rng.randrange(1, len(w) - 1)
            w = w[:k] + rng.choice("aiu") + w[k:]
        elif op == 2 and len(w) > 4:
            k = rng.randrange(1, len(w) - 1)
            w = w[:k] + w[k + 1 :]
        elif op == 3:
            k = rng.randrange(1, len(w))
            w = w[:k] + w[k] + w[k:]
        else:
            w = w + rng.choice(("u", "o", "e"))
    parts[i] = w
    return " ".join(parts)


def corpus(people: list[Entry], target_bytes: int, seed: int = 42) -> list[str]:
    """News-like paragraphs totalling about ``target_bytes`` UTF-8 bytes."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < target_bytes:
        sentences = []
        for _ in range(rng.randint(4, 8)):
            r = rng.random()
            place, day = rng.choice(_PLACES), rng.choice(_DAYS)
            if r < 0.55 and people:
                e = rng.choice(people)
                name = e.canonical if rng.random() < 0.7 else mangle(rng, e.canonical)
                clause = rng.choice(_CLAUSES).format(place=place)
                s = f"{rng.choice(_TITLES)} {name} said on {day} that {clause}."
                s = s[0].upper() + s[1:]
            else:
                s = rng.choice(_FILLER).format(place=place, day=day)
            a = rng.random()
            if a < 0.04:
                words = s.split(" ")
                k = rng.randrange(1, len(words))
                words.insert(k, words[k])
                s = " ".join(words)
            elif a < 0.06:
                s = s[:-1] + "。"
            elif a < 0.07:
                s = "[" + rng.choice(("Syrian", "Japanese", "Korean")) + "] " + s
            sentences.append(s)
        text = " ".join(sentences)
        if rng.random() < 0.05:
            text += "\n" + rng.choice(_BOILERPLATE)
        paragraphs.append(text)
        size += len(text.encode("utf-8")) + 1
    return paragraphs

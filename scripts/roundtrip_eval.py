"""Generated evaluation of the name engine on simulated transliteration round trips (dev tool).

Machine translation from Japanese or Russian news writes foreign names in the source script and
romanises them back: "Macron" -> マクロン -> "Makuron", "Zelensky" -> Зеленский -> "Zelenskiy".
This script samples people from the embedded default gazetteer, pushes their canonical names
through such round trips, puts each mangled form into short news-like sentences (with the entry's
title, with the title and the entry's nationality as news writes it ("Russian Deputy Foreign
Minister X"), bare, sentence-initial, possessive, in a paragraph where the correct name also
appears, and the family name alone after the title, "Prime Minister Netaniyafu", or after the
nationality and the title, "Israeli Prime Minister Netaniyafu"), and runs ``mtclean.Cleaner(enable=["name"])`` over them.  It reports recall (the
mangled span rewritten to the right entity), wrong-entity rewrites, findings-only suggestions,
and, on negatives (the correct names and aliases in the same sentences, plus real people absent
from our gazetteers from the PETRARCH/Phoenix actor dictionaries in the shared data), the
false-rewrite rate.  See docs/roundtrip-eval.md.

Round trips (dev-only dependencies, ``scripts/requirements-roundtrip.txt``):

- ``ja``: English -> katakana with e2k's character model (`e2k.C2K`, bundled weights), katakana
  -> Hepburn romaji with pykakasi.  Variants: ``hepburn`` (long vowels written double, "Saaji"),
  ``short`` (katakana long-vowel mark dropped, "Saji"), ``nofinal`` (the epenthetic final vowel
  dropped: -u after a consonant, -o after t/d: "Orafu" -> "Oraf"), ``short+nofinal``.
- ``ru``: English -> Cyrillic with `to_cyrillic` (a small practical-transcription table written
  here: no maintained library writes English names in Cyrillic the way Russian media do;
  transliterate's Latin -> Cyrillic is letter by letter and gives "Мацрон" for "Macron"), then
  back with the standard romanisations of iuliia (Wikipedia, BGN/PCGN, ICAO Doc 9303, the French
  MVD 310 scheme, Telegram) and transliterate's reversed mode.

Arabic and Korean are not simulated: Arabic script romanised back by a library (anyascii,
Unidecode) is a bare consonant skeleton ("ماكرون" -> "mkrwn") that no MT system outputs, and no
maintained library writes English names in Hangul.

Usage: ``python scripts/roundtrip_eval.py [--n 600] [--seed 7] [--show 5] [--json out.json]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from mtclean.evaluate import text_table

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PHOENIX_DIR = Path("/work/shared/data/phoenix")
PHOENIX_FILE = "Phoenix.Countries.actors.txt"

LANGS = ("ja", "ru")
CONTEXTS = ("title", "national", "bare", "initial", "possessive", "paragraph", "family", "national-family")

#: Lower-case name particles (kept lower case by the Cyrillic round trip, as Russian writes them).
PARTICLES = frozenset(
    "al el ad ar as ash at az bin ibn bint bou abu de del della der di da das do dos du la le van von y".split()
)

# --------------------------------------------------------------------------------- normalising


def norm(s: str) -> str:
    """Fold a name for comparison: ASCII, case-folded, letters and single spaces only."""
    from unidecode import unidecode

    s = unidecode(unicodedata.normalize("NFC", s)).casefold()
    s = re.sub(r"['`’ʻʼ]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


_TOKEN_RE = re.compile(r"[^\s\-]+|[\s\-]+")


def _tokens(name: str) -> list[str]:
    """The name as alternating word and separator tokens (spaces and hyphens are separators)."""
    return _TOKEN_RE.findall(name)


def _is_word(tok: str) -> bool:
    return bool(re.search(r"[A-Za-zÀ-ɏ]", tok))


def _letters(tok: str) -> str:
    from unidecode import unidecode

    return re.sub(r"[^a-z]", "", unidecode(tok).lower())


def _keep_as_is(tok: str) -> bool:
    """Initials ("A.", "K") and Roman numerals are not transliterated."""
    letters = re.sub(r"[^A-Za-z]", "", tok)
    return len(letters) <= 1 or tok.endswith(".") or bool(re.fullmatch(r"[IVX]+", tok))


def _cap(word: str, like: str, particles: bool) -> str:
    if not word:
        return word
    if particles and like[:1].islower() and _letters(like) in PARTICLES:
        return word.lower()
    return word[0].upper() + word[1:]


def _map_words(name: str, fn: Callable[[str], str], particles: bool = False) -> str:
    """Apply ``fn`` to each word of ``name`` (lower-case ASCII letters in, romanised word out),
    capitalised; lower-case particles stay lower case when ``particles``."""
    out = []
    for tok in _tokens(name):
        if not _is_word(tok) or _keep_as_is(tok):
            out.append(tok)
            continue
        letters = _letters(tok)
        out.append(_cap(fn(letters), tok, particles) if letters else tok)
    return "".join(out)


# ------------------------------------------------------------------------------------ Japanese


@lru_cache(maxsize=1)
def _c2k() -> Any:
    from e2k import C2K

    return C2K(max_len=32)


@lru_cache(maxsize=1)
def _kakasi() -> Any:
    import pykakasi

    return pykakasi.kakasi()


@cache
def katakana(word: str) -> str:
    """One English word in katakana (e2k's character-to-katakana model, greedy decoding)."""
    return str(_c2k()(word.lower()))


@cache
def romaji(kata: str) -> str:
    """Katakana in Hepburn romaji (pykakasi), lower case, one word."""
    return "".join(item["hepburn"] for item in _kakasi().convert(kata)).replace("-", "").replace("'", "")


_FINAL_EPENTHETIC = re.compile(r"(?<=[^aeiou])u$|(?<=[td])o$")


def drop_final_vowel(word: str) -> str:
    """Drop the epenthetic vowel Japanese adds after a final consonant ("orafu" -> "oraf",
    "donarudo" -> "donarud"), as MT and human romanisers often do."""
    if len(word) <= 3:
        return word
    out = _FINAL_EPENTHETIC.sub("", word)
    if out != word and len(out) >= 2 and out[-1] == out[-2] and out[-1] not in "aeiou":
        out = out[:-1]  # "reseppu" -> "resep", not "resepp"
    return out


def japanese_variants(name: str) -> list[tuple[str, str]]:
    """(variant, form) pairs of the katakana round trip of ``name``, distinct forms only."""
    forms = {
        "hepburn": _map_words(name, lambda w: romaji(katakana(w))),
        "short": _map_words(name, lambda w: romaji(katakana(w).replace("ー", ""))),
        "nofinal": _map_words(name, lambda w: drop_final_vowel(romaji(katakana(w)))),
        "short+nofinal": _map_words(name, lambda w: drop_final_vowel(romaji(katakana(w).replace("ー", "")))),
    }
    return _distinct(forms)


# ------------------------------------------------------------------------------------- Russian

#: English spelling -> Cyrillic, longest match first: a simplified version of the practical
#: transcription Russian media use for English-spelled foreign names (kh/h -> х, j -> дж,
#: w -> в, -sky -> -ский, e after a vowel or at the start -> э, y before a vowel -> й).
_CYR_MULTI = [
    ("shch", "щ"), ("sch", "ш"), ("tch", "ч"), ("sky", "ский"), ("ski", "ский"),
    ("kh", "х"), ("zh", "ж"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"), ("tz", "ц"), ("th", "т"),
    ("ph", "ф"), ("gh", "г"), ("ck", "к"), ("ya", "я"), ("yu", "ю"), ("yo", "ё"),
    ("ye", "е"), ("ee", "и"), ("oo", "у"), ("ou", "у"), ("ey", "ей"), ("ay", "ай"), ("oy", "ой"),
    ("dj", "дж"), ("ja", "джа"), ("x", "кс"),
]  # fmt: skip
_CYR_ONE = dict(zip("abdfgiklmnoprstuvwz", "абдфгиклмнопрстуввз"))
_VOWELS = set("aeiouy")


def to_cyrillic(word: str) -> str:
    """An English-spelled word (lower-case ASCII letters) in Russian Cyrillic."""
    out: list[str] = []
    i = 0
    n = len(word)
    while i < n:
        for lat, cyr in _CYR_MULTI:
            if word.startswith(lat, i) and not (lat in ("sky", "ski") and i + len(lat) != n):
                out.append(cyr)
                i += len(lat)
                break
        else:
            c = word[i]
            prev = word[i - 1] if i else ""
            nxt = word[i + 1] if i + 1 < n else ""
            if c == "e":
                out.append("э" if not prev or prev in _VOWELS else "е")
            elif c == "c":
                out.append("с" if nxt in ("e", "i", "y") else "к")
            elif c == "h":
                # silent: word-final after a vowel ("Hezbollah"), and "oh" + consonant ("John")
                out.append("" if prev in _VOWELS and (not nxt or (prev == "o" and nxt not in _VOWELS)) else "х")
            elif c == "q":
                out.append("кв" if nxt == "u" and i + 2 < n and word[i + 2] in _VOWELS else "к")
                i += nxt == "u" and i + 2 < n and word[i + 2] in _VOWELS
            elif c == "y":
                out.append("й" if prev in _VOWELS or (nxt in _VOWELS and nxt) else "и")
            elif c == "j":
                out.append("дж")
            else:
                out.append(_CYR_ONE.get(c, ""))
            i += 1
    return "".join(out)


def _ru_schemes() -> dict[str, Callable[[str], str]]:
    import iuliia
    from transliterate import translit

    def schema(s: Any) -> Callable[[str], str]:
        return lambda text: str(s.translate(text))

    return {
        "wikipedia": schema(iuliia.WIKIPEDIA),
        "bgn_pcgn": schema(iuliia.BGN_PCGN),
        "icao": schema(iuliia.ICAO_DOC_9303),
        "french": schema(iuliia.MVD_310_FR),
        "telegram": schema(iuliia.TELEGRAM),
        "transliterate": lambda text: str(translit(text, "ru", reversed=True)),
    }


@lru_cache(maxsize=1)
def ru_schemes() -> dict[str, Callable[[str], str]]:
    return _ru_schemes()


def russian_variants(name: str) -> list[tuple[str, str]]:
    """(scheme, form) pairs of the Cyrillic round trip of ``name``, distinct forms only."""
    forms: dict[str, str] = {}
    for scheme, back in ru_schemes().items():

        def word(w: str, back: Callable[[str], str] = back) -> str:
            return _letters(back(to_cyrillic(w)))  # ASCII letters only: no apostrophes, "·" or "ё"

        forms[scheme] = _map_words(name, word, particles=True)
    return _distinct(forms)


def _distinct(forms: dict[str, str]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for variant, form in forms.items():
        if form and form not in seen:
            seen.add(form)
            out.append((variant, form))
    return out


ROUND_TRIPS: dict[str, Callable[[str], list[tuple[str, str]]]] = {
    "ja": japanese_variants,
    "ru": russian_variants,
}


# ------------------------------------------------------------------------------------ entries


@dataclass(frozen=True)
class Mangled:
    entry_id: str
    canonical: str
    lang: str
    variant: str
    form: str


def title_of(description: str) -> str | None:
    """The first role of an entry description, as a title before the name ("Foreign Minister of
    Iran (2024–); ..." -> "Foreign Minister"); None when there is no usable one."""
    role = description.split(";")[0]
    role = re.sub(r"\([^)]*\)", "", role)
    role = re.split(r",| of | in | and | for | at | from | to ", role)[0].strip()
    if not role or len(role.split()) > 4 or not re.match(r"[A-Za-z]", role):
        return None
    if role.lower().startswith(("former ", "the ")):
        return None
    return role[0].upper() + role[1:]


def accepted_index(gazetteer: Iterable[Any]) -> set[str]:
    """Every accepted form of every entry, folded: a mangled form equal to one of them is a
    correct name (of this or another entity) and is not a test case."""
    out: set[str] = set()
    for e in gazetteer:
        for a in e.accepted:
            out.add(norm(a))
    return out


def sample_people(gazetteer: Iterable[Any], n: int, seed: int) -> list[Any]:
    people = sorted((e for e in gazetteer if e.type == "PER"), key=lambda e: e.id)
    rng = random.Random(seed)
    return sorted(rng.sample(people, min(n, len(people))), key=lambda e: e.id)


def mangle(entry: Any, taken: set[str], langs: Sequence[str] = LANGS) -> tuple[list[Mangled], Counter[str]]:
    """Round-trip forms of one entry that differ from every accepted form (``taken``: the
    folded accepted forms of the whole gazetteer).  Also counts the dropped forms by reason."""
    dropped: Counter[str] = Counter()
    own = {norm(a) for a in entry.accepted}
    out: list[Mangled] = []
    seen: set[str] = set()
    for lang in langs:
        for variant, form in ROUND_TRIPS[lang](entry.canonical):
            key = norm(form)
            if key in own:
                dropped["same as an accepted form"] += 1
            elif key in taken:
                dropped["accepted form of another entry"] += 1
            elif key in seen:
                dropped["duplicate"] += 1
            else:
                seen.add(key)
                out.append(Mangled(entry.id, entry.canonical, lang, variant, form))
    return out, dropped


# ------------------------------------------------------------------------------------ sentences

_TEMPLATES: dict[str, tuple[str, ...]] = {
    "title": (
        "On Tuesday, {title} {name} said the talks would resume next week.",
        "The statement was issued by {title} {name} after a meeting in the capital.",
        "{title} {name} told reporters that no agreement had been reached.",
    ),
    "bare": (
        "Officials said {name} would travel to the summit next week.",
        "In a televised address, {name} called for calm.",
        "The delegation met {name} on Monday to discuss the ceasefire.",
    ),
    "initial": (
        "{name} told reporters on Monday that the talks had stalled.",
        "{name} arrived in the capital late on Sunday.",
        "{name} said the government would not change course.",
    ),
    "possessive": (
        "Officials dismissed {name}'s remarks as premature.",
        "The visit was {name}'s first trip abroad this year.",
        "Analysts said {name}'s proposal had little support.",
    ),
    "paragraph": (
        "{correct} arrived in the capital on Monday for two days of talks. Speaking after the first "
        "session, {name} said that no deal had been reached.",
        "The talks were hosted by {correct}. Diplomats said {name} would meet the delegation again on Friday.",
    ),
}


@dataclass
class Case:
    id: str
    polarity: str  # "pos" (a mangled form to repair) or "neg" (a correct name to leave alone)
    source: str  # pos: the round-trip language; neg: "canonical", "alias" or "phoenix"
    variant: str
    context: str
    entry_id: str | None
    canonical: str
    form: str
    text: str
    start: int
    end: int


def _fill(template: str, name: str, title: str | None, correct: str) -> tuple[str, int, int]:
    """The sentence and the span of ``name`` in it (the ``{name}`` slot, not ``{correct}``)."""
    head, tail = template.split("{name}", 1)
    head = head.replace("{title}", title or "").replace("{correct}", correct)
    start = len(head)
    text = head + name + tail.replace("{title}", title or "").replace("{correct}", correct)
    return text, start, start + len(name)


def make_cases(
    polarity: str,
    source: str,
    variant: str,
    entry_id: str | None,
    canonical: str,
    form: str,
    title: str | None,
    rng: random.Random,
    counter: Iterator[int],
    nationality: str | None = None,
) -> list[Case]:
    """``form`` in each context (the title contexts only when there is a title; the national one
    only with a ``nationality``, "Russian", put before the title). The national context takes
    the title templates in turn, so that the other contexts draw the same templates with or
    without it."""
    out = []
    for context in CONTEXTS:
        if context == "title" and not title:
            continue
        if context == "national":
            if not (title and nationality):
                continue
            k = next(counter)
            text, s, e = _fill(_TEMPLATES["title"][k % len(_TEMPLATES["title"])], form, f"{nationality} {title}", canonical)
            out.append(Case(f"{polarity}-{k}", polarity, source, variant, context, entry_id, canonical, form, text, s, e))
            continue
        if context in ("family", "national-family"):
            # The family name alone after the title ("Prime Minister Netaniyafu"), or after the
            # nationality and the title ("Israeli Prime Minister Netaniyafu"): the last word of a
            # form that keeps the name's word count. Mangled forms only (a correct family name
            # alone is no accepted form to count).
            words = form.split()
            if polarity != "pos" or not title or len(words) < 2 or len(words) != len(canonical.split()):
                continue
            if norm(words[-1]) == norm(canonical.split()[-1]):
                continue  # the family name came through the round trip unchanged: nothing to repair
            if context == "national-family" and not nationality:
                continue
            head = f"{nationality} {title}" if context == "national-family" else title
            # (Its id and template come from the case itself, not from the shared counter: the
            # other contexts keep the templates they drew before these contexts existed.)
            text, s, e = _fill(_TEMPLATES["title"][len(canonical) % len(_TEMPLATES["title"])], words[-1], head, canonical)
            cid = f"{polarity}-{context}-{source}-{variant}-{entry_id}-{words[-1]}"
            out.append(Case(cid, polarity, source, variant, context, entry_id, canonical, words[-1], text, s, e))
            continue
        template = rng.choice(_TEMPLATES[context])
        text, s, e = _fill(template, form, title, canonical)
        out.append(
            Case(
                f"{polarity}-{next(counter)}", polarity, source, variant, context, entry_id, canonical, form, text, s, e
            )
        )
    return out


def nationalities(gazetteer: Iterable[Any]) -> dict[str, str]:
    """Country code -> its first demonym ("RU" -> "Russian"), from the gazetteer's countries (LOC
    entries of one country with demonyms whose description calls them a country: "Chechen" is
    a demonym of a Russian republic, not of Russia)."""
    out: dict[str, str] = {}
    for e in gazetteer:
        if e.type == "LOC" and len(e.country) == 1 and e.demonyms and e.description.lower().startswith("country"):
            out.setdefault(e.country[0], e.demonyms[0])
    return out


def nationality_of(entry: Any, demonyms: dict[str, str]) -> str | None:
    """The demonym of a person's one country (None for none or several)."""
    return demonyms.get(entry.country[0]) if len(entry.country) == 1 else None


def build_positive_cases(
    entries: Sequence[Any], taken: set[str], seed: int, demonyms: dict[str, str] | None = None
) -> tuple[list[Case], Counter[str]]:
    rng = random.Random(seed * 7919 + 1)
    cases: list[Case] = []
    dropped: Counter[str] = Counter()
    counter = itertools.count(1)
    for entry in entries:
        mangled, d = mangle(entry, taken)
        dropped.update(d)
        title = title_of(entry.description)
        nat = nationality_of(entry, demonyms or {})
        for m in mangled:
            cases += make_cases("pos", m.lang, m.variant, entry.id, entry.canonical, m.form, title, rng, counter, nat)
    return cases, dropped


def build_negative_cases(
    entries: Sequence[Any], outside: Sequence[str], seed: int, demonyms: dict[str, str] | None = None
) -> list[Case]:
    """The accepted forms of the sampled entries, and real names absent from the gazetteers
    (``outside``), in the same sentences: nothing may change."""
    rng = random.Random(seed * 7919 + 2)
    counter = itertools.count(1)
    cases: list[Case] = []
    for entry in entries:
        title = title_of(entry.description)
        nat = nationality_of(entry, demonyms or {})
        for i, form in enumerate(entry.accepted):
            source = "canonical" if i == 0 else "alias"
            cases += make_cases("neg", source, "-", entry.id, form, form, title, rng, counter, nat)
    for name in outside:
        cases += make_cases("neg", "phoenix", "-", None, name, name, None, rng, counter)
    return cases


def phoenix_people(taken: set[str], n: int, seed: int, directory: Path = PHOENIX_DIR) -> list[str]:
    """``n`` people from the Phoenix country actor dictionary whose names are not accepted forms
    in our gazetteers (empty when the shared data is absent)."""
    path = directory / PHOENIX_FILE
    if not path.is_file():
        return []
    from mtclean import load_gazetteer

    names = sorted({e.canonical for e in load_gazetteer(path) if e.type == "PER" and norm(e.canonical) not in taken})
    random.Random(seed).shuffle(names)
    return names[:n]


# ------------------------------------------------------------------------------------- scoring


def _overlap(s: int, e: int, fs: int, fe: int) -> bool:
    return fs < e and s < fe if fs != fe else s <= fs <= e


def _rec(f: Any) -> dict[str, Any]:
    return {
        "original": f.original,
        "replacement": f.replacement,
        "rule": f.rule,
        "confidence": round(f.confidence, 3),
        "entity": f.entity,
        "reason": f.reason,
        "start": f.start,
        "end": f.end,
    }


def score(case: Case, result: Any, accepted: dict[str, set[str]]) -> dict[str, Any]:
    """The outcome of one case.

    Positives: ``fixed`` (every fix over the span names the entry), ``wrong`` (a fix over the span
    names another entity or none), ``finding`` (no fix over the span, a suggestion over it),
    ``miss``; ``exact`` when the span came out as an accepted form of the entry.  Negatives:
    ``false`` when any fix was applied anywhere, else ``kept``.  Fixes outside the span are
    listed as ``collateral``.
    """
    over = [f for f in result.fixes if _overlap(case.start, case.end, f.start, f.end)]
    other = [f for f in result.fixes if f not in over]
    sugg = [g for g in result.findings if g.replacement and _overlap(case.start, case.end, g.start, g.end)]
    cs, ce = result.to_cleaned(case.start, case.end)
    got = result.text[cs:ce]
    out: dict[str, Any] = {**asdict(case), "got": got}
    if case.polarity == "neg":
        out["status"] = "false" if result.fixes else "kept"
    elif over:
        out["status"] = "fixed" if all(f.entity == case.entry_id for f in over) else "wrong"
    elif sugg:
        out["status"] = "finding"
    else:
        out["status"] = "miss"
    out["exact"] = case.polarity == "pos" and norm(got) in accepted.get(case.entry_id or "", set())
    out["fixes"] = [_rec(f) for f in over]
    out["collateral"] = [_rec(f) for f in other]
    out["findings"] = [_rec(g) for g in sugg]
    return out


# ------------------------------------------------------------------------------------- report


@dataclass
class Tally:
    cases: int = 0
    fixed: int = 0
    exact: int = 0
    wrong: int = 0
    finding: int = 0
    miss: int = 0
    false: int = 0
    collateral: int = 0
    by: dict[str, int] = field(default_factory=dict)

    def add(self, r: dict[str, Any]) -> None:
        self.cases += 1
        st = r["status"]
        if st in ("fixed", "wrong", "finding", "miss", "false"):
            setattr(self, st, getattr(self, st) + 1)
        self.exact += bool(r["exact"])
        self.collateral += bool(r["collateral"]) and r["polarity"] == "pos"


def _pct(a: int, b: int) -> str:
    return "—" if not b else f"{100 * a / b:.1f}"


def _group(results: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], str]) -> dict[str, Tally]:
    out: dict[str, Tally] = defaultdict(Tally)
    for r in results:
        out[key(r)].add(r)
    return dict(sorted(out.items()))


def pos_table(title: str, groups: dict[str, Tally], total: Tally) -> list[str]:
    header = ["", "cases", "recall%", "exact%", "wrong", "wrong%", "finding%", "miss%", "collateral"]
    rows = []
    for name, t in [*groups.items(), ("all", total)]:
        rows.append(
            [
                name,
                str(t.cases),
                _pct(t.fixed, t.cases),
                _pct(t.exact, t.cases),
                str(t.wrong),
                _pct(t.wrong, t.cases),
                _pct(t.finding, t.cases),
                _pct(t.miss, t.cases),
                str(t.collateral),
            ]
        )
    return [title, *text_table(header, rows), ""]


def neg_table(title: str, groups: dict[str, Tally], total: Tally) -> list[str]:
    header = ["", "cases", "false rewrites", "false%"]
    rows = [[name, str(t.cases), str(t.false), _pct(t.false, t.cases)] for name, t in [*groups.items(), ("all", total)]]
    return [title, *text_table(header, rows), ""]


def summary(results: list[dict[str, Any]]) -> str:
    pos = [r for r in results if r["polarity"] == "pos"]
    neg = [r for r in results if r["polarity"] == "neg"]
    tp, tn = Tally(), Tally()
    for r in pos:
        tp.add(r)
    for r in neg:
        tn.add(r)
    lines: list[str] = []
    lines += pos_table("Mangled names by round-trip language:", _group(pos, lambda r: r["source"]), tp)
    lines += pos_table("Mangled names by context:", _group(pos, lambda r: r["context"]), tp)
    lines += pos_table(
        "Mangled names by language and variant:", _group(pos, lambda r: f"{r['source']}:{r['variant']}"), tp
    )
    lines += neg_table("Negatives (correct names) by source:", _group(neg, lambda r: r["source"]), tn)
    lines += neg_table("Negatives by context:", _group(neg, lambda r: r["context"]), tn)
    return "\n".join(lines)


def _show_one(r: dict[str, Any]) -> list[str]:
    lines = [
        f"  [{r['id']} {r['source']}:{r['variant']} {r['context']}] {r['form']!r} (entry {r['entry_id']}: "
        f"{r['canonical']!r}) -> got {r['got']!r}",
        f"      {r['text']}",
    ]
    for key, label in (("fixes", "fix"), ("findings", "finding"), ("collateral", "collateral fix")):
        for f in r[key]:
            lines.append(
                f"      {label}: {f['rule']} {f['original']!r} -> {f['replacement']!r} [{f['entity']}] "
                f"({f['confidence']}): {f['reason'][:160]}"
            )
    return lines


def show(results: list[dict[str, Any]], n: int, seed: int) -> str:
    rng = random.Random(seed)
    cats = [
        ("Misses", [r for r in results if r["polarity"] == "pos" and r["status"] == "miss"]),
        ("Findings only", [r for r in results if r["polarity"] == "pos" and r["status"] == "finding"]),
        ("Wrong-entity rewrites", [r for r in results if r["status"] == "wrong"]),
        ("False rewrites on negatives", [r for r in results if r["status"] == "false"]),
    ]
    lines = []
    for title, rs in cats:
        picked = sorted(rng.sample(rs, min(n, len(rs))), key=lambda r: int(r["id"].split("-")[1])) if rs else []
        lines.append(f"{title} ({len(rs)}; {len(picked)} shown):")
        for r in picked:
            lines += _show_one(r)
        lines.append("")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- running


def run(n: int = 600, seed: int = 7, phoenix: int | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    import mtclean
    from mtclean.resources import default_gazetteer

    t0 = time.perf_counter()
    gaz = default_gazetteer()
    taken = accepted_index(gaz)
    entries = sample_people(gaz, n, seed)
    demonyms = nationalities(gaz)
    pos, dropped = build_positive_cases(entries, taken, seed, demonyms)
    outside = phoenix_people(taken, n if phoenix is None else phoenix, seed)
    neg = build_negative_cases(entries, outside, seed, demonyms)
    t1 = time.perf_counter()
    accepted = {e.id: {norm(a) for a in e.accepted} for e in entries}
    cleaner = mtclean.Cleaner(enable=["name"])
    results = [score(c, cleaner.clean(c.text), accepted) for c in (*pos, *neg)]
    t2 = time.perf_counter()
    meta = {
        "n": n,
        "seed": seed,
        "entries": len(entries),
        "mangled_forms": len({(c.entry_id, c.form) for c in pos}),
        "dropped_forms": dict(dropped),
        "phoenix_names": len(outside),
        "phoenix_available": (PHOENIX_DIR / PHOENIX_FILE).is_file(),
        "positive_cases": len(pos),
        "negative_cases": len(neg),
        "generate_seconds": round(t1 - t0, 2),
        "clean_seconds": round(t2 - t1, 2),
    }
    return results, meta


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=600, help="people sampled from the default gazetteer (default 600)")
    ap.add_argument("--seed", type=int, default=7, help="sampling seed (default 7)")
    ap.add_argument("--phoenix", type=int, default=None, help="real names outside the gazetteer (default: --n)")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N examples of each failure category")
    ap.add_argument("--json", metavar="PATH", help="write every case and its outcome as JSON")
    args = ap.parse_args(argv)
    results, meta = run(args.n, args.seed, args.phoenix)
    print(
        f"roundtrip eval: {meta['entries']} people (seed {meta['seed']}), {meta['mangled_forms']} mangled forms, "
        f"{meta['positive_cases']} positive and {meta['negative_cases']} negative cases "
        f"({meta['phoenix_names']} Phoenix names{'' if meta['phoenix_available'] else ': shared data absent'}); "
        f"generated in {meta['generate_seconds']}s, cleaned in {meta['clean_seconds']}s"
    )
    print(f"forms dropped: {meta['dropped_forms']}")
    print()
    print(summary(results))
    if args.show:
        print(show(results, args.show, args.seed))
    if args.json:
        Path(args.json).write_text(
            json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

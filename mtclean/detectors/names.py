"""Names: find mangled names in running text and restore them from the gazetteers.

How it decides (see docs/architecture.md, "Names"):

1. Runs of name-like tokens are scanned for *exact* forms of gazetteer entries (canonical, alias,
   demonym...): those are correct and protected — never rewritten in ``repair`` mode (in
   ``normalize`` mode an alias is rewritten to the canonical form).
2. The remaining stretches (between titles and exact multi-word names) are looked up in the
   inverted index over transliteration-aware keys; the short list is scored over several views
   (`mtclean.names.score`).
3. The decision uses evidence: similarity, margin over the runner-up entity, the title before the
   name against the entry's role, the same entity elsewhere in the document, and word frequency
   (changing a frequent English word or name needs context).  Anything short of a confident fix
   becomes a finding with the suggestion, or nothing.
4. The rewrite keeps the form around the span: a possessive stays outside, a fused title is kept
   ("Sheikh ..."), a partial mention stays partial, a sentence-initial article is capitalised.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from rapidfuzz.distance import Indel

from ..gazetteer.model import Entry, Gazetteer
from ..model import Finding, Fix, Mention
from ..names.cache import index_for
from ..names.common import COMMON_ZIPF, zipf
from ..names.context import CountryMap, Offices, TitleEvidence, title_evidence
from ..names.index import ALIAS, CANONICAL, MANGLED, READING, Form
from ..names.keys import (
    ARTICLES,
    PARTICLES,
    _parts,
    cyrillic,
    drop_final_r,
    english_sound,
    fold,
    germanic,
    is_particle,
    japanese,
    katakana_hu,
    katakana_r,
    katakana_si,
    katakana_ti,
    korean,
    korean_surname,
    part_keys,
    parts,
    readings,
    romance,
    skeleton,
    span_readings,
    strict_skeleton,
    wade_giles,
)
from ..names.score import Alignment, name_similarity
from ..names.spans import TITLE_WORDS, _strip_possessive, fused_title, is_everyday, is_title_token, runs
from .base import Rule

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document, Token

_MAX_SPAN = 6
#: Longest name, in parts, that the fuzzy matcher considers.
_MAX_PARTS = 12
#: Words whose change makes another name, never a spelling: North/South Korea, New/Old ...
_NEVER_SWAP = frozenset(
    "north south east west northern southern eastern western upper lower new old central great little greater "
    "saint st san santa".split()
)
_FUNCTION_WORDS = frozenset({"the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from"})
#: Head words of organisation names that translation swaps for one another.
ORG_HEADS = frozenset(
    """organization organisation agency committee council commission authority corps corp guard guards
    movement party front forces force army brigades brigade union league observatory network group
    association federation institute centre center office ministry department bureau service services
    assembly court tribunal fund programme program mission""".split()
)


#: Countries whose names are written family name first.
FAMILY_FIRST = frozenset({"CN", "KP", "KR", "JP", "VN", "HU", "TW", "KH", "MN", "SG"})


_OPEN_RANGE_RE = regex.compile(r"\d{4}\s*[–-]\s*\)")
_CLOSED_RANGE_RE = regex.compile(r"\d{4}\s*[–-]\s*\d{4}")


def _former_holder(entry: Entry) -> bool:
    """Whether the entry's description dates its roles and none is held to this day: "Foreign
    Minister of Sweden (2019–2022)", not "Emir of Qatar (2013–)". A description without dates
    (a user's "President of France") says neither."""
    d = entry.description
    return _OPEN_RANGE_RE.search(d) is None and _CLOSED_RANGE_RE.search(d) is not None


def _adds_syllable(sp: str, fp: str) -> bool:
    """Whether ``sp`` is ``fp`` with at least two more letters at its end, one of them a
    consonant other than ``fp``'s last letter ("jianru" for "jian"; not "essiddu" for "essid")."""
    if not fp or len(sp) < len(fp) + 2 or not sp.startswith(fp):
        return False
    return any(c not in "aeiouy" and c != fp[-1] for c in sp[len(fp) :])


def _is_capital(entry: Entry) -> bool:
    """Whether a place entry is a national capital (its description says so: "Capital of Iran")."""
    return entry.description.startswith("Capital of ")


def _family_end(al: Alignment, form_parts: tuple[str, ...], entry: Entry) -> bool:
    """True when a partial alignment covers the family-name end of a person's name."""
    if entry.type != "PER" or not al.pairs:
        return False
    covered = {j for _si, fi, _s in al.pairs for j in fi}
    core = [j for j, p in enumerate(form_parts) if not is_particle(p)]
    if not core:
        return False
    if "of" in form_parts[:-1] and core[-1] in covered and form_parts.index("of") < core[-1]:
        return False  # "Kyiv" in "Metropolitan Epiphanius of Kyiv" is a see, not a family name
    if set(entry.country) & FAMILY_FIRST and core[0] in covered:
        return True
    return core[-1] in covered


#: Particles that link a name to a father's or ancestor's name.
_PATRONYMIC = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould"})
#: How a span may be part of a longer name (``loose``): an unexplained capitalised word (or a
#: patronymic link to one) right next to it, or only an article between it and such a word.
_LOOSE, _LINKED = 2, 1
#: Confidence from which a repaired span settles the sub-spans inside it (not looked up again).
_SETTLED = 0.9
_ACRONYM_RE = re.compile(r"[A-Z]{2,6}")
#: A particle that begins an Arabic given name, right before a span ("Abd " in "Abd al-Malik").
_ABD_BEFORE_RE = regex.compile(r"(?<![\p{L}\p{N}])(Abd|Abdel|Abdul|Abu|Abou)[ \u00a0]$")
#: Initials just before a span ("D.L. ", "J. "): the span is a person's family name.
_INITIALS_BEFORE_RE = regex.compile(r"(?<![\p{L}\p{N}])(?:\p{Lu}\.[ \u00a0]?){1,3}[ \u00a0]$")
_LEADING_ARTICLE_RE = re.compile(r"^(?:" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + r")[-\s]+", re.I)
#: A name word whose exact-consonant key names at least this many gazetteer forms is one many
#: people bear ("Mohamad", "Hasan", "Saleh"); a name made only of such words needs evidence.
SHARED_PART_FORMS = 20
#: Span texts whose scored candidates are kept (cleared when full; thread-safe: a dict).
_SCORE_CACHE_SIZE = 50_000
#: How many candidate forms get the full (part-aligned) scoring.
SHORTLIST = 8
#: Whole-string similarity a candidate needs before the part alignment is computed.
QUICK_FLOOR = 0.6


@lru_cache(maxsize=65536)
def _form_strings(fp: tuple[str, ...]) -> tuple[str, str, str]:
    """A form's joined parts, their skeleton and the family-name-first join (two parts only)."""
    fj = "".join(fp)
    return fj, skeleton(fj), (fp[1] + fp[0]) if len(fp) == 2 else ""


@lru_cache(maxsize=65536)
def _joined_readings(ps: tuple[str, ...]) -> tuple[str, ...]:
    """The span's parts joined with each part in its first reading (`keys.readings`), when any
    part has one: "merutsu" -> ("merts",), and with the later readings of one-part spans."""
    if len(ps) == 1:
        return span_readings(ps[0])
    alts = [span_readings(p) for p in ps]
    if not any(alts):
        return ()
    return ("".join(a[0] if a else p for p, a in zip(ps, alts)),)


@lru_cache(maxsize=65536)
def _pieces(fp: tuple[str, ...], n: int) -> tuple[str, str, str]:
    """The ends of a longer form a partial mention of ``n`` parts may spell: its last ``n`` parts,
    its last ``n + 1`` parts and its first ``n`` parts, joined."""
    return "".join(fp[-n:]), "".join(fp[-n - 1 :]), "".join(fp[:n])


def _shortlist(ps: tuple[str, ...], cands: list[Form], fused: str = "") -> list[Form]:
    """The candidates worth aligning, ranked by a cheap whole-string similarity; exact part runs
    always stay.

    The surface similarity of the joined parts (or of the pieces a partial mention may spell)
    ranks, and the consonant skeleton only confirms it, as in `part_similarity`: two names whose
    skeletons match but whose letters do not ("Ann Arbor" for "Amon Mourvira") rank below a name
    that is spelled nearly the same. A form stays out when neither its surface nor its skeleton
    reaches `QUICK_FLOOR`."""
    joined = "".join(ps)
    sk = skeleton(joined)
    alt = fused + joined if fused else ""
    # The span read the English way ("Merutsu" as "merz"): a katakana or Cyrillic spelling may
    # look nothing like the name letter for letter.
    reads = _joined_readings(ps)
    bag = " ".join(_set_view(ps)) if len(ps) >= 3 else ""
    n = len(ps)
    sim = Indel.normalized_similarity
    scored = []
    for c in cands:
        fp = c.parts
        fj, fsk, rev = _form_strings(fp)
        q = sim(joined, fj)
        if bag:  # organisations whose words were reordered
            q = max(q, sim(bag, " ".join(_set_view(fp))))
        if rev and n == 2:  # family name first
            q = max(q, sim(joined, rev))
        if len(fp) > n:  # a partial mention: the family-name end (or start) of the name
            for piece in _pieces(fp, n):
                q = max(q, sim(joined, piece))
        if alt:
            q = max(q, sim(alt, fj))
        for r in reads:
            q = max(q, sim(r, fj))
            if len(fp) > n:
                q = max(q, sim(r, _pieces(fp, n)[0]))
        q2 = sim(sk, fsk)
        if _contiguous(ps, fp):
            rank = 2.0
        elif q2 > q:
            if q2 < QUICK_FLOOR:
                continue  # forms that do not even look alike as whole strings
            rank = 0.55 * q + 0.45 * q2
            if rank < q:
                rank = q
        elif q < QUICK_FLOOR:
            continue
        else:
            rank = q
        scored.append((-rank, c.entry, c))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [c for _q, _e, c in scored[:SHORTLIST]]


#: The readings of a span part (`keys`), as a reason names them.
_READING_LABELS = (
    (romance, "a French spelling"),
    (germanic, "a German spelling"),
    (korean, "Korean Revised Romanization"),
    (japanese, "romanised katakana"),
    (katakana_hu, "romanised katakana"),
    (katakana_ti, "romanised katakana"),
    (katakana_si, "romanised katakana"),
    (katakana_r, "romanised katakana"),
    (cyrillic, "a romanisation from Cyrillic"),
    (english_sound, "an English spelling of the sound"),
)


def _reading_note(sp: str, fp: str, countries: tuple[str, ...] = ()) -> str:
    """How a changed part was read, when a reading spells the name much closer than the part
    itself: "'puchin' read as romanised katakana 'putin'"; "" otherwise."""
    if not sp or not fp:
        return ""
    base = Indel.normalized_similarity(sp, fp)
    labels: tuple[tuple[Callable[[str], str], str], ...] = _READING_LABELS
    if "TW" in countries:
        labels = (*labels, (wade_giles, "pinyin in Wade-Giles"))
    if "KR" in countries or "KP" in countries:
        labels = (*labels, (korean_surname, "a Korean family name in the Revised Romanization"))
    best, note = base + 0.1, ""
    for fn, label in labels:
        r = fn(sp)
        if r != sp:
            q = Indel.normalized_similarity(r, fp)
            if q > best:
                best, note = q, f"'{sp}' read as {label} '{r}'"
    return note


#: Readings of a romanisation of another script (katakana, hangul, Cyrillic), not of another
#: Latin spelling (French "ss", German "w"): only these respell a name beyond recognition.
_SCRIPT_READINGS: tuple[Callable[[str], str], ...] = (japanese, katakana_hu, katakana_ti, katakana_si, korean, cyrillic)


def _read_spelling(sp: str, fp: str) -> float:
    """How closely a reading of another script spells ``fp`` (`_SCRIPT_READINGS`: "netaniyafu"
    read as katakana is "netaniyahu", 0.95 of "netanyahu"), when the reading does the work: 0.0
    unless it is closer than the part as written by more than 0.05."""
    raw = Indel.normalized_similarity(sp, fp)
    # A reading that only adds an ending to the name is another name ("Borissova", read
    # "borisova", is Borisov's wife or daughter).
    reads = {r for r in (f(sp) for f in _SCRIPT_READINGS) if r != sp and not r.startswith(fp)}
    best = max((Indel.normalized_similarity(r, fp) for r in reads), default=0.0)
    return best if best > raw + 0.05 else 0.0


def _settles(d: Decision | None, loose: int) -> bool:
    """Whether a decision on a span settles the spans inside it, so that they are not decided: a
    confident repair does, and so does any decision on a span whose words are all accounted for (a
    correct mention, a suggestion): a piece could only repeat it with less to go by, or hide the
    suggestion behind a "correct" first name ("Borut" in "Borut Paha"). A span next to an
    unexplained capitalised word (``loose``) may be part of a longer name: its pieces are still
    decided ("Makutoamu" after "Mohamumedo Aru")."""
    return d is not None and ((d.changed and d.confidence >= _SETTLED) or not loose)

def _letters(text: str) -> int:
    """How many letters a span spells, each word counted in its shortest reading: the vowels a
    katakana round trip adds ("Beratto Arubairaaku" for Berat Albayrak) are not letters of the
    name."""
    words = parts(text)
    return sum(min(len(w), *(len(r) for r in readings(w))) if readings(w) else len(w) for w in words) + max(
        0, len(words) - 1
    )


@lru_cache(maxsize=65536)
def _wade_giles_parts(ps: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(wade_giles(p) for p in ps)


def _national_spelling(ps: tuple[str, ...], countries: tuple[str, ...]) -> tuple[str, ...]:
    """The span spelled the way the English-language press spells names of the entry's country:
    Taiwanese names in Wade-Giles, a Korean family name (the first part) in its usual spelling."""
    if "TW" in countries:
        return _wade_giles_parts(ps)
    if ("KR" in countries or "KP" in countries) and ps and korean_surname(ps[0]) != ps[0]:
        return (korean_surname(ps[0]), *ps[1:])
    return ps


def _core_len(surface: str) -> int:
    """How many parts of a surface are not particles."""
    return sum(1 for p in parts(surface) if not is_particle(p))


def _canonical_run(canonical: str, alias: str) -> str:
    """The canonical's words that an alias spells as a shorter contiguous run, in the canonical's
    own spelling; the canonical itself when the alias is no such run."""
    cw, aw = canonical.split(" "), alias.split(" ")
    cf, af = [" ".join(parts(w)) for w in cw], [" ".join(parts(w)) for w in aw]
    k = len(aw)
    if k < len(cw):
        for i in range(len(cw) - k + 1):
            if cf[i : i + k] == af:
                return " ".join(cw[i : i + k])
    return canonical


def _without_leading_words_before(text: str, s: int, rep: str) -> str:
    """The replacement without its first words when the text already has them just before the
    span ("Abu Oma Aru-Bagudadi": the span after "Abu" becomes "Omar al-Baghdadi", not a second
    "Abu Omar al-Baghdadi")."""
    words = rep.split(" ")
    before = text[max(0, s - 60) : s].split(" ")
    if not before or before[-1] != "":
        return rep  # the span does not follow a space
    for k in range(min(2, len(words) - 1), 0, -1):
        prev = before[-1 - k : -1]
        if len(prev) == k and [fold(w) for w in prev] == [fold(w) for w in words[:k]]:
            return " ".join(words[k:])
    return rep


def _distinctive(form_parts: tuple[str, ...]) -> bool:
    """A reading that cannot be ordinary English: long enough, with a word English does not use."""
    return len("".join(form_parts)) >= 5 and any(zipf(p) < COMMON_ZIPF for p in form_parts)


def _reading_of(entry: Entry) -> str:
    native = f" {entry.native[0]}" if entry.native else ""
    return f"the Japanese reading of{native} '{entry.canonical}'"


def _name_start(tok: str) -> bool:
    c = tok[:1]
    if c.isupper() or c.isdigit():
        return True
    head, sep, rest = tok.partition("-")
    return bool(sep) and rest[:1].isupper() and fold(head) in ARTICLES


def _name_end(tok: str) -> bool:
    return _name_start(tok) or tok[:1].isupper()


def _foreign_letters(text: str, entry: Entry) -> set[str]:
    """Accented letters in ``text`` that no accepted English form of the entry uses ("ï" in the
    French "Alexeï" for "Alexei"); empty when the text only drops or keeps the entry's accents."""
    accented = {c for c in text if c.isalpha() and not c.isascii() and unicodedata.normalize("NFD", c) != c}
    if not accented:
        return set()
    allowed: set[str] = set()
    for form in (entry.canonical, *entry.aliases):
        allowed.update(c for c in form if c.isalpha() and not c.isascii())
    return accented - allowed


def _ends_lower(surface: str) -> bool:
    """The form ends on a lower-case word ("Kherson region"): a match may end on one too."""
    words = surface.split()
    return bool(words) and words[-1][:1].islower() and len(words) > 1


def _gaps_ok(text: str, toks: list, i: int, j: int, surface: str) -> bool:
    for k in range(i + 1, j + 1):
        gap = text[toks[k - 1].end : toks[k].start]
        if gap != " " and gap.strip() not in surface:
            return False
    return True


def _case_ok(surface: str, text: str) -> bool:
    """An acronym form ("SAA", "IS", "LeT") matches only text written with the same capitals."""
    letters = [c for c in surface if c.isalpha()]
    if letters and len(letters) <= 6 and all(c.isupper() for c in letters):
        return all(c.isupper() for c in text if c.isalpha())
    if letters and len(letters) <= 6 and any(c.isupper() for c in letters[1:]):
        return [c for c in text if c.isalpha()] == letters  # mixed-case acronym: exactly as written
    return True


_PLACE_NOUNS = frozenset(
    "city town village province governorate district region capital camp port crossing oblast county "
    "state island river valley neighbourhood neighborhood suburb".split()
)
_SUFFIXES = ("i", "y", "is", "ian", "ians", "s", "es", "ite", "ites", "ese", "an", "ans", "ni")
#: Words right before a place in English and rarely before a person (`_locative_context`).
_LOCATIVE_BEFORE = frozenset(
    """in at near into inside outside around across throughout toward towards within
    struck hit shelled bombed bombarded pounded captured seized recaptured liberated besieged encircled
    stormed evacuated""".split()
)
#: Nouns that make "of" locative ("the outskirts of Kyiev"; "the wife of" does not).
_AREA_OF = frozenset(
    """outskirts suburbs north south east west northeast northwest southeast southwest centre center
    heart streets edge vicinity parts""".split()
)
#: Adjectives that may stand between a locative word and the place ("in northern Harkiv").
_PLACE_ADJECTIVES = frozenset(
    """the northern southern eastern western central northeastern northwestern southeastern
    southwestern occupied besieged rural downtown""".split()
)


class _Evidence:
    """The entities named in the document outside the span (s, e), as a set-like object: a name
    is no evidence for itself, nor is a piece of it. O(1) per question, however long the text."""

    __slots__ = ("_by_entity", "_s", "_e")

    def __init__(self, by_entity: dict[str, list[tuple[int, int]]], s: int, e: int) -> None:
        self._by_entity, self._s, self._e = by_entity, s, e

    def __contains__(self, entity_id: object) -> bool:
        spans = self._by_entity.get(entity_id, ()) if isinstance(entity_id, str) else ()
        return any(b <= self._s or a >= self._e for a, b in spans)


def _hyphen_style(text: str, rep: str, entry: Entry) -> str:
    """Keep a Korean given name hyphenated when the text writes it so ("Yun Seok-yeol" ->
    "Yoon Suk-yeol", not "Yoon Suk Yeol")."""
    if not set(entry.country) & {"KR", "KP"} or "-" not in text:
        return rep
    words = rep.split(" ")
    if len(words) == 3 and "-" not in rep and "-" in text.split(" ")[-1]:
        return f"{words[0]} {words[1]}-{words[2].lower()}"
    return rep


def _derived(span_part: str, form_part: str) -> bool:
    """The span part is the form part plus a derivational ending (nisba, demonym, plural)."""
    for suf in _SUFFIXES:
        if span_part.endswith(suf) and span_part[: -len(suf)] in (form_part, form_part.rstrip("aeiouy")):
            return True
    return False


def _plausible(al: Alignment, span: tuple[str, ...], form: tuple[str, ...], entry: Entry) -> bool:
    """Every aligned word of the span is plausibly the same word as its counterpart (a head word
    of an organisation may be translated differently: "Organization" for "Agency")."""
    for si, fi, psim in al.pairs:
        if len(si) != len(fi) and psim < 0.8 and entry.type != "ORG":
            return False  # a merge or split must nearly spell the same letters
        if entry.type == "LOC" and len(si) > 1:
            return False  # two words of the text are not one place ("Yang Jing" is not Yangjiang)
        span_content = [i for i in si if not is_particle(span[i])]
        form_content = [j for j in fi if not is_particle(form[j])]
        if bool(span_content) != bool(form_content):
            return False  # a word of the text matched to an article or particle ("Ali" ~ "al")
        if psim >= 0.55:
            continue
        sp = "".join(span[i] for i in si)
        if all(is_particle(span[i]) for i in si):
            continue
        fp = "".join(form[j] for j in fi)
        if entry.type == "ORG" and sp in ORG_HEADS and fp in ORG_HEADS:
            continue
        return False
    return True


def _local(al: Alignment, span_parts: tuple[str, ...]) -> float:
    """Similarity over the aligned parts only (ignoring parts of the form the span leaves out)."""
    if not al.pairs:
        return 0.0
    weights = [max(len("".join(span_parts[i] for i in si)), 2) for si, _fi, _s in al.pairs]
    return sum(w * p[2] for w, p in zip(weights, al.pairs)) / sum(weights)


def _contiguous(span: tuple[str, ...], form: tuple[str, ...]) -> bool:
    """True when the span's parts appear in the form in order, side by side."""
    if span and span[0] not in form:
        return False  # parts hold no spaces: the first part must be one of the form's parts
    return f" {' '.join(span)} " in f" {' '.join(form)} "


_ORG_STOP = frozenset({"of", "for", "the", "and", "in", "on", "de", "al"})


@dataclass(frozen=True, slots=True)
class Decision:
    start: int
    end: int
    replacement: str
    entry: Entry
    confidence: float
    reason: str
    rule: str
    changed: bool


def _set_view(ps: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(p for p in ps if p not in _ORG_STOP))


class NameDetector:
    """Repairs mangled names against the gazetteer (rules ``name.fuzzy``, ``name.mangled``,
    ``name.reading``, ``name.spelling``, ``name.normalize``)."""

    name = "names"
    rules = (
        Rule(
            "name.fuzzy",
            "name",
            "fix",
            "A name that matches a gazetteer entry closely after transliteration-aware keying, with a clear margin and no "
            "contrary evidence, is rewritten to the entry's canonical form.",
            examples=(
                ("Turkish President Recep Tayyip Erdogen spoke.", "Turkish President Recep Tayyip Erdoğan spoke."),
                ("German Chancellor Olaf Scholtz arrived.", "German Chancellor Olaf Scholz arrived."),
            ),
            counter_examples=(
                "Hungarian Prime Minister Viktor Orbán spoke.",
                "Fighting spread from Hama to Homs.",
                "Maria Gonzalez, a teacher from Ohio, said the school was closed.",
                "Foreign Minister Igor Stefanov arrived in the capital.",
            ),
        ),
        Rule(
            "name.mangled",
            "name",
            "fix",
            "A form listed as mangled in the gazetteer (`mangled` column) is rewritten to the canonical form.",
            examples=(("Abdallah Odjalan was moved to another prison.", "Abdullah Öcalan was moved to another prison."),),
            counter_examples=("Abdullah Öcalan was moved to another prison.",),
            # The embedded gazetteers list no mangled forms: the example brings its own entry.
            options=(
                ("gazetteers", Gazetteer([Entry("per.example-ocalan", "PER", "Abdullah Öcalan", mangled=("Abdallah Odjalan",))])),
                ("defaults", False),
            ),
        ),
        Rule(
            "name.reading",
            "name",
            "fix",
            "A name written as another language's reading of the entity's native script (`readings` column, generated "
            "from `native`: the Japanese on'yomi of a Chinese or Korean name written in kanji) is rewritten to the "
            "canonical form; a reading respelt slightly goes through the fuzzy matcher and its evidence.",
            examples=(("Premier Ri Kyo met the delegation in Beijing.", "Premier Li Qiang met the delegation in Beijing."),),
            counter_examples=("Premier Li Qiang met the delegation in Beijing.",),
        ),
        Rule(
            "name.spelling",
            "name",
            "fix",
            "A name written with accented letters of another language's spelling that none of the entry's accepted "
            "English forms uses (French 'Alexeï' for 'Alexei') is rewritten to the canonical form; a name that only "
            "drops the canonical's accents ('Erdogan') is accepted; a word of fewer than four letters is too short "
            "to tell.",
            examples=(("Opposition leader Alexeï Navalny died in prison.", "Opposition leader Alexei Navalny died in prison."),),
            counter_examples=(
                "President Recep Tayyip Erdogan spoke.",
                "President Recep Tayyip Erdoğan spoke.",
                "ŠÈ was printed on the label.",
            ),
        ),
        Rule(
            "name.normalize",
            "name",
            "fix",
            "normalize mode only: an accepted variant (alias, or the canonical spelled without its diacritics or "
            "apostrophes) is rewritten to the canonical form.",
            examples=(("Volodymyr Zelenskyy spoke in Kiev.", "Volodymyr Zelensky spoke in Kyiv."),),
            counter_examples=("Volodymyr Zelensky spoke in Kyiv.",),
            options=(("mode", "normalize"),),
        ),
    )

    def __init__(self, config: Config) -> None:
        self.mode = config.mode
        self.index = index_for(config.gazetteer)
        self.countries = CountryMap(config.gazetteer)
        self.offices = Offices(config.gazetteer)
        self._score_cache: dict[
            tuple[str, str], tuple[dict[str, tuple[float, Alignment, Form, bool]], tuple[float, float]]
        ] = {}
        self._tev_cache: dict[tuple[tuple[str, ...], str], TitleEvidence] = {}

    # ------------------------------------------------------------------ scan
    def find(self, doc: Document) -> Iterator[Fix | Finding | Mention]:
        toks = doc.tokens
        text = doc.text
        exact_entities: set[str] = set()
        out: list[Fix | Finding | Mention] = []
        all_runs = runs(doc)
        where: dict[int, tuple[int, int]] = {}  # token index -> (run index, position in run)
        for ri, run in enumerate(all_runs):
            for k, t in enumerate(run):
                where[t] = (ri, k)
        run_exact: list[list[tuple[int, int, list[Form]]]] = [[] for _ in all_runs]
        run_covered: list[set[int]] = [set() for _ in all_runs]
        run_hard: list[set[int]] = [set() for _ in all_runs]
        run_fragment: list[set[int]] = [set() for _ in all_runs]  # exact words judged fragments

        for ti, tj, s, e, forms in self._exact_spans(doc):
            places = [where.get(t) for t in range(ti, tj)]
            inside_one_run = all(p is not None for p in places) and len({p[0] for p in places if p}) == 1
            if inside_one_run:
                ri, k0 = places[0]  # type: ignore[misc]
                run_exact[ri].append((k0, k0 + (tj - ti), forms))
                run_covered[ri].update(range(k0, k0 + (tj - ti)))
            else:
                # A name with lower-case words or punctuation inside ("Philippe of Belgium"):
                # the run pieces it covers are protected whole.
                for p in places:
                    if p is not None:
                        run_covered[p[0]].add(p[1])
                        run_hard[p[0]].add(p[1])
            entries = {self.index.entries[f.entry].id: f for f in forms}
            if len(entries) != 1:
                continue  # a surface shared by several entities: protected, but not linked
            f = forms[0]
            entry = self.index.entries[f.entry]
            single = tj - ti == 1
            if single and entry.has("needs_context") and f.kind != CANONICAL and toks[ti].start in doc.sentence_starts:
                continue
            if single and inside_one_run:
                ri, k0 = places[0]  # type: ignore[misc]
                if self._fragment(doc, all_runs[ri], k0, k0 + 1, run_covered[ri]):
                    run_fragment[ri].add(k0)
                    continue  # "East" in "Middle East": part of a longer name the gazetteer lacks
            elif self._fragment_start(doc, ti, tj):
                continue
            exact_entities.add(entry.id)
            out.append(Mention(s, e, text[s:e], entry.id, entry.type, entry.canonical))
            if (
                self.mode == "normalize"
                and f.kind in (ALIAS, CANONICAL)
                and text[s:e] != entry.canonical
                and not entry.has("ambiguous")
                and not entry.has("needs_context")
            ):
                out.append(self._normalize_fix(doc, s, e, entry))
            elif (
                f.kind in (ALIAS, CANONICAL)
                and self.mode == "repair"
                and not entry.has("needs_context")
                # Two or three letters with accents are no evidence of a respelt name ("ŠÈ" is not
                # the Portuguese parish Sé).
                and sum(c.isalpha() for c in text[s:e]) >= 4
            ):
                foreign = _foreign_letters(text[s:e], entry)
                if foreign:
                    rep = self._shape(doc, s, text[s:e], entry.canonical)
                    out.append(
                        Fix(s, e, text[s:e], rep, "name", "name.spelling", 0.85,
                            f"'{text[s:e]}' spells '{entry.canonical}' with letters of another language's "
                            f"spelling ({''.join(sorted(foreign))})", entry.id)
                    )
            if f.kind == MANGLED:
                rep = self._shape(doc, s, text[s:e], entry.canonical)
                out.append(
                    Fix(s, e, text[s:e], rep, "name", "name.mangled", 0.97,
                        f"'{text[s:e]}' is a known mangled form of '{entry.canonical}'", entry.id)
                )
            elif f.kind == READING:
                reason = f"'{text[s:e]}' is {_reading_of(entry)}"
                conf = 0.95
                if not _distinctive(f.parts):
                    # "To Gun", "Go Ken": English words too; only a title that fits says it is him.
                    ctx = self._context_words(doc, ti, [])
                    tev = self._title_evidence(ctx, entry) if ctx else None
                    if tev is None or not tev.agrees:
                        continue
                    conf, reason = 0.9, f"{reason}; {tev.reason}"
                rep = self._shape(doc, s, text[s:e], entry.canonical)
                out.append(Fix(s, e, text[s:e], rep, "name", "name.reading", conf, reason, entry.id))
        pending = list(zip(all_runs, run_exact, run_covered, run_hard, run_fragment))

        # Countries the document names: exact mentions of countries, their demonyms, and their
        # capitals ("TEHRAN -" heading a dispatch, "talks in Moscow").
        doc_countries: set[str] = set()
        for _run, exact, _covered, _hard, _fragments in pending:
            for _k0, _k1, forms in exact:
                for f in forms:
                    ent = self.index.entries[f.entry]
                    if ent.type == "LOC" and len(ent.country) == 1 and (ent.demonyms or _is_capital(ent)):
                        doc_countries.add(ent.country[0])
        # Fuzzy pass, twice: the second time with the entities found in the first as evidence.
        # Evidence is positional: a mention counts for a span only if it lies outside that span
        # (a name is no evidence for itself, nor is a piece of it).
        evidence: list[tuple[str, int, int]] = [
            (m.entity, m.start, m.end) for m in out if isinstance(m, Mention) and m.entity in exact_entities
        ]
        in_full: dict[str, list[tuple[int, int]]] = {}
        for eid, a, b in evidence:
            in_full.setdefault(eid, []).append((a, b))
        decisions: dict[tuple[int, int], Decision | None] = {}
        new_ids: set[str] = set()  # entities that gained evidence in the last pass
        # Longest sub-spans first: once a span is decided as a whole (`_settles`), the pieces
        # inside it are not looked up again.
        run_subs = [
            sorted(self._subspans(doc, run, exact, covered, hard, fragments), key=lambda t: (t[0] - t[1], t[0]))
            for run, exact, covered, hard, fragments in pending
        ]
        name_words: dict[str, list[int]] | None = None  # built on first need (`_name_words`)
        for _pass in range(2):
            by_entity: dict[str, list[tuple[int, int]]] = {}
            for eid, a, b in evidence:
                by_entity.setdefault(eid, []).append((a, b))
            for subs in run_subs:
                settled: list[tuple[int, int]] = []
                for s, e, titles, first_tok, inside, loose, followed in subs:
                    if any(a <= s and e <= b for a, b in settled):
                        continue
                    key = (s, e)
                    prev = decisions.get(key)
                    if _pass == 1 and (prev is not None and prev.confidence >= 0.8):
                        if _settles(prev, loose):
                            settled.append(key)
                        continue
                    if _pass == 1 and key in decisions and not self._may_change(doc, s, e, first_tok, new_ids):
                        if _settles(prev, loose):
                            settled.append(key)
                        continue  # none of its candidates gained evidence: the same decision
                    ctx = self._context_words(doc, first_tok, titles)
                    doc_entities = _Evidence(by_entity, s, e)
                    d = self._decide(
                        doc, s, e, ctx, first_tok, doc_entities, doc_countries, loose, _Evidence(in_full, s, e), followed
                    )
                    if d is not None and inside and d.entry.id not in inside:
                        d = None  # never rewrite a correct name of another entity
                    if d is not None and d.changed and " " not in text[s:e]:
                        if name_words is None:
                            name_words = self._name_words(doc, all_runs)
                        if name_words and self._word_of_another_name(doc, s, e, d.entry.id, name_words, decisions, out):
                            d = None  # "Babu" after "Francis Babu": that man, not the town of al-Bab
                    decisions[key] = d
                    if _settles(d, loose):
                        settled.append(key)
            found = {(d.entry.id, d.start, d.end) for d in decisions.values() if d is not None and d.confidence >= 0.8}
            if found <= set(evidence):
                break
            new_ids = {eid for eid, _a, _b in found - set(evidence)}
            evidence = sorted(set(evidence) | found)

        live = [d for d in decisions.values() if d is not None]
        # A confident decision over a longer span of the same entity wins over its parts.
        live = [
            d
            for d in live
            if not any(
                o is not d
                and (o.entry.id == d.entry.id or (o.changed and not d.changed))
                and o.confidence >= 0.8
                and o.start <= d.start
                and d.end <= o.end
                and (o.end - o.start) > (d.end - d.start)
                for o in live
            )
        ]
        chosen: list[Decision] = []
        for d in sorted(live,
                        key=lambda d: (-d.confidence, -(d.end - d.start), d.start, d.entry.id)):
            if any(d.start < c.end and c.start < d.end for c in chosen):
                continue
            chosen.append(d)
        changed_spans = [(d.start, d.end, d.entry.id) for d in chosen if d.changed]
        if changed_spans:
            out = [
                m
                for m in out
                if not (isinstance(m, Mention) and any(m.start < b and a < m.end and m.entity != eid for a, b, eid in changed_spans))
            ]
        for d in sorted(chosen, key=lambda d: d.start):
            original = text[d.start : d.end]
            if d.changed and d.replacement != original:
                out.append(Fix(d.start, d.end, original, d.replacement, "name", d.rule, round(d.confidence, 3), d.reason, d.entry.id))
            out.append(Mention(d.start, d.end, original, d.entry.id, d.entry.type, d.entry.canonical))
        return iter(out)

    def _title_evidence(self, titles: list[str], entry: Entry) -> TitleEvidence:
        """`title_evidence`, cached per (titles, entity): news repeats the same titles."""
        key = (tuple(titles), entry.id)
        hit = self._tev_cache.get(key)
        if hit is None:
            if len(self._tev_cache) >= _SCORE_CACHE_SIZE:
                self._tev_cache.clear()
            hit = self._tev_cache[key] = title_evidence(titles, entry, self.countries, self.offices)
        return hit

    def _may_change(self, doc: Document, s: int, e: int, first_tok: int, new_ids: set[str]) -> bool:
        """Whether new evidence about ``new_ids`` can change the decision on span (s, e): only if
        one of its scored candidates is among them (evidence is only asked about candidates).
        A span whose candidates are not cached is decided again."""
        ft, _rest = fused_title(doc.tokens[first_tok].text)
        hit = self._score_cache.get((doc.text[s:e], ft))
        return hit is None or not new_ids.isdisjoint(hit[0])

    @staticmethod
    def _context_words(doc: Document, first_tok: int, titles: list[str]) -> list[str]:
        """Title words before the span: those in its run, then up to 5 words before it in the
        same sentence ("Iran's foreign minister Zarif")."""
        if titles:
            return titles
        toks = doc.tokens
        sent_start, _ = doc.sentence_at(toks[first_tok].start)
        words: list[str] = []
        k = first_tok - 1
        while k >= 0 and first_tok - k <= 5 and toks[k].start >= sent_start:
            w = fold(_strip_possessive(toks[k].text))
            if w in TITLE_WORDS or toks[k].text[:1].isupper():
                words.append(w)
            else:
                break  # the title ends at the first other word: in "X met Y", X's title is not Y's
            k -= 1
        words.reverse()
        return words if any(w in TITLE_WORDS for w in words) else []

    def _exact_spans(self, doc: Document) -> list[tuple[int, int, int, int, list[Form]]]:
        """Exact forms over the token sequence, longest first, left to right, not overlapping.

        A match starts and ends on a name-like token (capitalised, or "al-X"); lower-case words
        may sit inside ("Organization for the Liberation of the Levant"); tokens are separated by
        one space, or by ", " / ". " when the form itself has that punctuation.
        """
        toks = doc.tokens
        text = doc.text
        n = len(toks)
        # Parts of each token, with and without a possessive ending: computed only for tokens a
        # match can start at or reach (most tokens are lower-case words no match starts at).
        full: list[tuple[str, ...] | None] = [None] * n
        stripped: list[tuple[str, ...] | None] = [None] * n

        def full_at(k: int) -> tuple[str, ...]:
            ps = full[k]
            if ps is None:
                ps = full[k] = _parts(toks[k].text)
            return ps

        def stripped_at(k: int) -> tuple[str, ...]:
            ps = stripped[k]
            if ps is None:
                ps = stripped[k] = _parts(_strip_possessive(toks[k].text))
            return ps

        max_parts = self.index.max_parts
        exact_ids = self.index.exact_ids
        found: list[tuple[int, int, int, int, list[Form]]] = []
        i = 0
        while i < n:
            if not _name_start(toks[i].text):
                i += 1
                continue
            sp, fp = stripped_at(i), full_at(i)
            first = sp[0] if sp else ""
            limit = max_parts.get(fp[0] if fp else "", 0)
            if limit == 0 and max_parts.get(first, 0) == 0:
                i += 1
                continue
            limit = max(limit, max_parts.get(first, 0))
            best = None
            acc: tuple[str, ...] = ()
            j = i
            while j < n:
                if j > i:
                    gap = text[toks[j - 1].end : toks[j].start]
                    if gap not in (" ", ", ", ". ", "."):
                        break
                last_parts = stripped_at(j)
                key_parts = acc + last_parts
                if len(key_parts) > limit:
                    break
                key = " ".join(key_parts)
                if key:
                    ids = exact_ids(key)
                    if ids:
                        s = toks[i].start
                        e = toks[j].start + len(_strip_possessive(toks[j].text))
                        surface = text[s:e]
                        forms = [
                            self.index.forms[x]
                            for x in ids
                            if _case_ok(self.index.forms[x].surface, surface)
                            and _gaps_ok(text, toks, i, j, self.index.forms[x].surface)
                            and (_name_end(toks[j].text) or _ends_lower(self.index.forms[x].surface))
                        ]
                        if forms:
                            best = (i, j + 1, s, e, forms)
                acc = acc + full_at(j)
                j += 1
            if best is not None:
                found.append(best)
                i = best[1]
            else:
                i += 1
        return found

    @staticmethod
    def _fragment_start(doc: Document, ti: int, tj: int) -> bool:
        """A sentence-initial "The ..." of everyday words ("The National")."""
        toks = doc.tokens
        if fold(toks[ti].text) in _FUNCTION_WORDS and toks[ti].start in doc.sentence_starts:
            return all(is_everyday(toks[k].text) for k in range(ti, tj))
        return False

    @staticmethod
    def _fragment(doc: Document, run: list[int], k0: int, k1: int, covered: set[int]) -> bool:
        """True when an exact single-word match is only a piece of a longer capitalised name:
        a neighbour in the run is an unexplained capitalised word, or the match is a
        sentence-initial "The ..." of everyday words ("The National")."""
        toks = doc.tokens
        if NameDetector._fragment_start(doc, run[k0], run[k1 - 1] + 1):
            return True
        if k1 - k0 > 1:
            return False
        for k in (k0 - 1, k1):
            if 0 <= k < len(run) and k not in covered:
                w = fold(toks[run[k]].text)
                if w not in _FUNCTION_WORDS and w not in TITLE_WORDS and not is_particle(w):
                    return True
        return False

    @staticmethod
    def _name_words(doc: Document, all_runs: list[list[int]]) -> dict[str, list[int]]:
        """Words of the names of two or more words the text writes (titles, particles and
        function words aside): folded word -> its token indices."""
        toks = doc.tokens
        out: dict[str, list[int]] = {}
        for run in all_runs:
            if len(run) < 2:
                continue
            content = [
                (w, t)
                for t in run
                if not is_title_token(doc, toks[t])
                and not is_particle(w := fold(_strip_possessive(toks[t].text)))
                and w not in _FUNCTION_WORDS
            ]
            if len(content) < 2:
                continue
            for w, t in content:
                out.setdefault(w, []).append(t)
        return out

    @staticmethod
    def _word_of_another_name(
        doc: Document,
        s: int,
        e: int,
        entity: str,
        name_words: dict[str, list[int]],
        decisions: dict[tuple[int, int], Decision | None],
        out: list[Fix | Finding | Mention],
    ) -> bool:
        """Whether the one-word span (s, e) repeats a word of a longer name written elsewhere in
        the text that is not ``entity`` (neither an exact mention of it nor confidently repaired
        to it): news names a person in full, then by one name ("Francis Babu ... Babu said"), so
        the word is that person's, whoever the gazetteer knows by a similar name."""
        toks = doc.tokens_between(s, e)
        if len(toks) != 1:
            return False
        places = [t for t in name_words.get(fold(_strip_possessive(toks[0].text)), ()) if not s <= doc.tokens[t].start < e]
        for t in places:
            tok = doc.tokens[t]

            def covers(a: int, b: int, tok: Token = tok) -> bool:
                return a <= tok.start and tok.end <= b

            if any(
                d is not None and d.confidence >= 0.8 and d.entry.id == entity and covers(d.start, d.end)
                for d in decisions.values()
            ) or any(isinstance(m, Mention) and m.entity == entity and covers(m.start, m.end) for m in out):
                continue  # the longer name is this entity's: the word is a partial mention of it
            return True
        return False

    @staticmethod
    def _place_context(doc: Document, first_tok: int, entry: Entry) -> str:
        """A place noun just before the span ("the city of Sueida") that the entry's description
        also uses ("City in Syria"); "" when there is none."""
        desc = entry.description.lower()
        toks = doc.tokens
        for k in range(max(0, first_tok - 3), first_tok):
            w = toks[k].text.lower()
            if w in _PLACE_NOUNS and w in desc:
                return w
        return ""

    @staticmethod
    def _locative_context(doc: Document, first_tok: int, last_tok: int) -> str:
        """What in the sentence says the span is a place: a locative word before it ("in",
        "near", "struck"; "of" after an area noun, "the outskirts of"), past "the" and direction
        adjectives ("in northern Harkiv"), or a place noun after it ("Harkiv region", "Shatti
        refugee camp"); "" when nothing does ("Officials met Kennja" is a person whatever Kenya
        looks like)."""
        toks = doc.tokens
        sent_start, _ = doc.sentence_at(toks[first_tok].start)
        k = first_tok - 1
        while k >= 0 and toks[k].start >= sent_start and toks[k].text.lower() in _PLACE_ADJECTIVES:
            k -= 1
        if k >= 0 and toks[k].start >= sent_start:
            w = toks[k].text.lower()
            if w in _LOCATIVE_BEFORE:
                return w
            if w == "of" and k >= 1 and toks[k - 1].text.lower() in _AREA_OF:
                return f"{toks[k - 1].text.lower()} of"
        # A place noun after it, at most one lower-case word between ("Shatti refugee camp").
        prev = last_tok
        for nxt in (last_tok + 1, last_tok + 2):
            if nxt >= len(toks) or doc.text[toks[prev].end : toks[nxt].start] != " ":
                break
            w = toks[nxt].text
            if w.lower() in _PLACE_NOUNS:
                return w.lower()
            if not w.islower():
                break
            prev = nxt
        return ""

    @staticmethod
    def _capital_mid(doc: Document, tok_index: int) -> bool:
        tok = doc.tokens[tok_index]
        return tok.start not in doc.sentence_starts

    def _subspans(
        self,
        doc: Document,
        run: list[int],
        exact: list[tuple[int, int, list[Form]]],
        covered: set[int],
        hard: set[int] = frozenset(),  # type: ignore[assignment]
        fragments: set[int] = frozenset(),  # type: ignore[assignment]
    ) -> Iterator[tuple[int, int, list[str], int, frozenset[str], int, bool]]:
        """Candidate sub-spans of a run for fuzzy matching, with the title words before them."""
        toks = doc.tokens
        n = len(run)
        protected: set[int] = set(hard)
        for k0, k1, _forms in exact:
            # Multi-word names are protected whole; a single word ("Naeem", an alias of someone)
            # protects only itself, and a longer name around it may still be repaired.
            if k1 - k0 > 1:
                protected.update(range(k0, k1))
        # The run starts right after a middle initial ("George W. Bush"): the dot broke the run,
        # and the first words are the end of that name, not a name of their own.
        p0 = run[0] - 1
        after_initial = (
            p0 >= 1
            and len(toks[p0].text) == 1
            and toks[p0].text.isupper()
            and doc.text[toks[p0].end : toks[run[0]].start] == ". "
            and toks[p0 - 1].text[:1].isupper()
            and doc.text[toks[p0 - 1].end : toks[p0].start] == " "
        )
        is_title = [is_title_token(doc, toks[run[k]]) and k not in covered for k in range(n)]
        particle = [is_particle(fold(toks[run[k]].text)) for k in range(n)]
        ends = [toks[run[k]].start + len(_strip_possessive(toks[run[k]].text)) for k in range(n)]
        starts_of = {k0: k1 for k0, k1, _f in exact if k1 - k0 > 1 or k0 in protected}
        exact_at: dict[int, list[tuple[int, list[Form]]]] = {}
        for k0, k1, forms in exact:
            exact_at.setdefault(k0, []).append((k1, forms))
        for i in range(n):
            if is_title[i] or particle[i]:
                continue
            if i in protected and i not in starts_of:
                continue  # never cut into an exact multi-word name
            if fold(toks[run[i]].text) in _FUNCTION_WORDS:
                continue
            ft, _ = fused_title(toks[run[i]].text)
            j = i + 1
            while j <= min(n, i + _MAX_SPAN):
                if is_title[j - 1]:
                    break
                if (j - 1) in protected and (j - 1) in starts_of and j - 1 > i:
                    j = starts_of[j - 1]  # take a protected name whole
                    if j > min(n, i + _MAX_SPAN):
                        break
                if particle[j - 1] or (j - 1 > i and toks[run[j - 1]].start - ends[j - 2] != 1):
                    if not particle[j - 1]:
                        break
                    j += 1
                    continue
                ks = range(i, j)
                j += 1
                if all(k in covered for k in ks):
                    continue
                if len(ks) == 1 and not ft:
                    w = toks[run[i]].text
                    if is_everyday(_strip_possessive(w)) and (toks[run[i]].start in doc.sentence_starts or len(run) == 1):
                        continue
                if len(ks) < 2 and all(is_everyday(toks[run[k]].text) for k in ks if not particle[k]):
                    continue
                # Title words just before the span (a bounded look-back keeps long runs linear).
                titles = [fold(toks[run[k]].text) for k in range(max(0, i - _MAX_SPAN), i) if is_title[k] or k in covered]
                inside = frozenset(
                    self.index.entries[f.entry].id
                    for k0 in range(ks[0], ks[-1] + 1)
                    for k1, forms in exact_at.get(k0, ())
                    if k1 <= ks[-1] + 1 and (k1 - k0 > 1 or k0 in protected)
                    for f in forms
                )
                # Unexplained capitalised words right next to the span (same run): the span may be
                # only part of a longer, unknown name ("Netana" in "Netana Hu").
                left, right = ks[0] - 1, ks[-1] + 1
                def unexplained(k: int) -> bool:
                    if not 0 <= k < n or is_title[k]:
                        return False
                    # A capitalised particle ending the run is a word of the name, not an article
                    # nor an English "an": nothing follows it ("An" in "Kim Jon An").
                    name_end = particle[k] and k == n - 1 and toks[run[k]].text[:1].isupper()
                    return (
                        (not particle[k] or name_end)
                        # An exact word that is itself only a piece of this longer name
                        # ("Rodriguez" in "Erick Josue Rodriguez Mierez") explains nothing.
                        and (k not in covered or k in fragments)
                        and (name_end or fold(toks[run[k]].text) not in _FUNCTION_WORDS)
                    )

                # A patronymic link counts as next to it ("Hamudan bin Mohamudo ...": the span
                # is one link of a longer chain of names, not a name of its own).
                loose = _LOOSE if (unexplained(left) or unexplained(right) or any(
                    0 <= k < n and fold(toks[run[k]].text) in _PATRONYMIC and unexplained(k + step)
                    for k, step in ((left, -1), (right, 1))
                ) or (ks[0] == 0 and after_initial)) else 0
                # So does an article before another unknown word ("Ahmad al Shaykha Mahmud" is
                # not Shah Mehmood, "Rashid al Maraj" not the town of Marj), unless the text
                # names the entity in full elsewhere (`_decide`).
                if not loose and any(
                    0 <= k < n and fold(toks[run[k]].text) in ARTICLES and unexplained(k + step)
                    for k, step in ((left, -1), (right, 1))
                ):
                    loose = _LINKED
                # Another name word right after it, known or not ("Mohanmad Saba ..."): the span
                # is not the end of the name, so it is no family-name mention of someone.
                nxt = right + 1 if 0 <= right < n and particle[right] else right  # "Zine El Abidine"
                followed = (
                    0 <= nxt < n
                    and not is_title[nxt]
                    and not particle[nxt]
                    and fold(toks[run[nxt]].text) not in _FUNCTION_WORDS
                )
                yield toks[run[i]].start, ends[ks[-1]], titles, run[i], inside, loose, followed

    # ---------------------------------------------------------------- decide
    def _scored(
        self, text: str, ps: tuple[str, ...], ft: str, rest_text: str
    ) -> tuple[dict[str, tuple[float, Alignment, Form, bool]], tuple[float, float]]:
        """Candidates scored before evidence: entity id -> (score, alignment, form, fused title
        used), and the best score of a protect-only or group form (a veto), of any such form and
        of those that are not places (a person's title outweighs a fuzzy place). Depends on the span
        text only, so it is cached per detector (news repeats the same names)."""
        key = (text, ft)
        hit = self._score_cache.get(key)
        if hit is not None:
            return hit
        cands = self.index.lookup_forms(text)
        if ft:
            cands = cands + self.index.lookup_forms(rest_text)
        cands = _shortlist(ps, cands, fused=ft)
        best: dict[str, tuple[float, Alignment, Form, bool]] = {}
        veto = 0.0
        veto_named = 0.0  # the veto of group and protected forms other than places
        entries = self.index.entries
        for form in cands:
            entry = entries[form.entry]
            if _contiguous(ps, form.parts) and form.kind in (CANONICAL, ALIAS):
                # The span is this form or a run of its parts: a correct (possibly partial) mention.
                al = Alignment(1.0, tuple(((i,), (i,), 1.0) for i in range(len(ps))), (), ())
                if entry.type not in ("GRP",) and not entry.has("protect_only"):
                    prev = best.get(entry.id)
                    if prev is None or prev[0] < 1.0:
                        best[entry.id] = (1.0, al, form, False)
                else:
                    veto = max(veto, 1.0)
                    if entry.type != "LOC":
                        veto_named = 1.0
                continue
            if _ACRONYM_RE.fullmatch(form.surface):
                continue  # an acronym is written exactly or not at all: "Allaf" is not al-"LAF"
            # Family name first is how Chinese, Korean, Japanese... names are written, not
            # others: "Nazar Muhammad" is not "Mohammed Nazzal" turned round.
            al = name_similarity(ps, form.parts, bool(set(entry.country) & FAMILY_FIRST))
            national = _national_spelling(ps, entry.country)
            if national != ps:
                # Taiwanese names keep their Wade-Giles spelling in English, where a translation
                # from Chinese writes pinyin ("Lai Qingde" for Lai Ching-te); Korean family names
                # keep their old spelling, where the Revised Romanization writes "Gim", "Yi",
                # "Bak". Only for those entries: "Zhang" is not a respelt Korean "Chung".
                al_n = name_similarity(national, form.parts, True)
                if al_n.score > al.score:
                    al = al_n
            used_fused = False
            if ft:
                al2 = name_similarity(ps, (ft, *form.parts))
                if al2.score > al.score:
                    al, used_fused = al2, True
            score = al.score
            if entry.type == "ORG" and len(form.core) >= 3 and set(_set_view(ps)) <= set(form.parts):
                # Reordered words of the organisation's name (all of the span's words are in it).
                sv = name_similarity(_set_view(ps), _set_view(form.parts))
                if sv.score > score:
                    score, al = sv.score * 0.99, Alignment(sv.score * 0.99, sv.pairs, sv.missing, sv.extra, True)
            if entry.type == "GRP" or entry.has("protect_only"):
                veto = max(veto, score)
                if entry.type != "LOC":
                    veto_named = max(veto_named, score)
                continue
            if not al.reversed and any(not is_particle(ps[i]) for i in al.extra):
                continue  # words of the span this form does not have: not this entity
            if form.kind not in (CANONICAL, ALIAS, MANGLED, READING):
                continue
            if form.kind == READING and (al.missing or al.extra or al.reversed):
                continue  # a reading is matched whole, never as a partial mention
            fparts = (ft, *form.parts) if used_fused else form.parts
            if not al.reversed and not _plausible(al, ps, fparts, entry):
                continue  # a word of the span matches nothing like it in this form
            if al.missing and al.pairs and _family_end(al, form.parts, entry):
                # A partial mention ("Zarif" for "Mohammad Javad Zarif"): rank by the parts present
                # (the decision then asks for evidence before trusting a partial match).
                score = max(score, 0.92 * _local(al, ps))
            prev = best.get(entry.id)
            if prev is None or score > prev[0]:
                best[entry.id] = (score, al, form, used_fused)
        if len(self._score_cache) >= _SCORE_CACHE_SIZE:
            self._score_cache.clear()
        self._score_cache[key] = (best, (veto, veto_named))
        return best, (veto, veto_named)

    def _decide(
        self,
        doc: Document,
        s: int,
        e: int,
        titles: list[str],
        first_tok: int,
        doc_entities: Container[str],
        doc_countries: set[str] = frozenset(),  # type: ignore[assignment]
        loose: int = 0,
        named_in_full: Container[str] = frozenset(),
        followed: bool = False,
    ) -> Decision | None:
        """Decide on span (s, e). ``doc_entities``: entities mentioned elsewhere in the text
        (exact forms and confident repairs); ``named_in_full``: those written elsewhere with one
        of their accepted full forms (stronger: it also settles vowel-only variants)."""
        text = doc.text[s:e]
        ps = tuple(parts(text))
        if not ps or len(ps) > _MAX_PARTS:
            return None  # no name has that many parts (and the alignment is quadratic in them)
        ft, rest = fused_title(doc.tokens[first_tok].text)
        content_parts = [p for p in ps if not is_particle(p)]
        if not ft and content_parts and len(content_parts) <= 2 and all(zipf(p) >= COMMON_ZIPF for p in content_parts):
            # Only common English words or names: changing any of them would need context that
            # a lone word never has, and a pair only from a title (cheap exit, same outcome).
            if len(content_parts) == 1 or not titles:
                return None
        rest_text = text[len(doc.tokens[first_tok].text) - len(rest) :] if ft else ""
        best, (veto, veto_named) = self._scored(text, ps, ft, rest_text)
        if not best:
            return None
        # The document disambiguates: an entity named elsewhere in the text ranks first among
        # near-equal candidates ("Alshara" after "Ahmed al-Sharaa", not Farouk al-Sharaa).
        # Evidence ranks too: among near-equal candidates the one the title describes, or the one
        # named elsewhere in the text, comes first ("Alshara" after "Ahmed al-Sharaa" is not
        # Farouk al-Sharaa; "Russian Foreign Minister Serugei ..." is not a deputy minister).
        def bonus(entity_id: str) -> float:
            ent = self.index.entries[self.index.by_id[entity_id]]
            b = 0.05 if entity_id in doc_entities else 0.0
            if titles:
                ev = self._title_evidence(titles, ent)
                b += 0.06 if ev.agrees else (-0.25 if ev.conflicts else 0.0)
            return b

        top = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:4]
        ranked = sorted(((kv[1][0] + bonus(kv[0]), kv) for kv in top), key=lambda t: (-t[0], t[1][0]))
        eid, (sim, al, form, used_fused) = ranked[0][1]
        margin_adj = ranked[0][0] - ranked[1][0] if len(ranked) > 1 else sim
        runner = sim - margin_adj  # the runner-up's score as seen after evidence
        entry = self.index.entries[self.index.by_id[eid]]
        if sim < 0.72:
            return None
        if veto >= sim - 0.02 and (
            # A place spelled nearly like the span ("Dagana" for "Eldogan") yields to a person
            # whose title stands before it ("Turkish President Eldogan"): places have no such
            # titles. A place spelled exactly like the span, or a group, still wins.
            veto_named >= sim - 0.02
            or veto >= 1.0
            or entry.type != "PER"
            or not titles
            or not self._title_evidence(titles, entry).agrees
        ):
            return None
        if entry.type in ("LOC", "ORG") and _INITIALS_BEFORE_RE.search(doc.text, max(0, s - 12), s):
            return None  # "D.L. Berlijn" is a person, not a Dutch spelling of Berlin
        span_parts = ps
        form_parts = (ft, *form.parts) if used_fused else form.parts
        if sim == 1.0 and _contiguous(ps, form.parts) and form.kind in (CANONICAL, ALIAS):
            if runner < 1.0:
                return Decision(s, e, text, entry, 0.99, f"'{text}' is a correct mention of '{entry.canonical}'", "name.fuzzy", False)
            return None
        # What the rewrite would change, part by part.
        changed: list[tuple[str, str, float]] = []  # (span part(s), form part(s), similarity)
        exact_other = False
        merged = False  # parts merged or split ("Alshara" for "al-Sharaa"): a real change of form
        split_sim = 1.0  # the lowest similarity of parts merged or split ("Alshara" for "al-Sharaa")
        unconfirmed = False  # a plausible repair that nothing in the text confirms: a finding at most
        low_heads = 0
        if al.reversed:
            # Set view (organisations) or family-name-first order: the words match, not the order.
            extra_words = [p for p in span_parts if p not in form_parts]
            content_span = [p for p in span_parts if p not in _ORG_STOP and p not in PARTICLES]
            content_form = [p for p in form_parts if p not in _ORG_STOP and p not in PARTICLES]
            if extra_words or len(content_span) > len(content_form):
                return None  # words the name does not have: never delete them
            changed = []
            if not changed and not _contiguous(span_parts, form_parts):
                changed = [(" ".join(span_parts), " ".join(form_parts), 0.9)]  # a reordered name
            exact_other = len(extra_words) < len(span_parts)
        else:
            for si, fi, psim in al.pairs:
                sp = "".join(span_parts[i] for i in si)
                fp = "".join(form_parts[j] for j in fi)
                content = not all(is_particle(span_parts[i]) for i in si)
                if sp == fp and len(si) == len(fi):
                    exact_other = exact_other or content
                    continue
                if not content:
                    if sp == "aru" and fp in ARTICLES:
                        # The article in romanised katakana (アル): no English text writes it so.
                        changed.append((sp, fp, 1.0))
                    continue
                merged = merged or len(si) != len(fi)
                if len(si) != len(fi):
                    split_sim = min(split_sim, psim)
                if psim < 0.55 and entry.type == "ORG" and sp in ORG_HEADS and fp in ORG_HEADS:
                    low_heads += 1  # "Organization" for "Agency": a head word translated differently
                    psim = 0.75
                changed.append((sp, fp, psim))
            extra = [span_parts[i] for i in al.extra if not is_particle(span_parts[i])]
            if extra:
                return None  # the span is wider than the name: never delete words around it
            if any(span_parts[i] in ARTICLES for i in al.extra):
                # An article the name does not have: another name ("Abdoulrakhman Al Tani" is no
                # Abdourahamane Tiani), or no article at all ("An" in "Kim Jon An"); the rewrite
                # would delete it.
                return None
        form_missing = [form_parts[j] for j in al.missing if not is_particle(form_parts[j])]
        if not changed:
            if al.pairs and not al.reversed and any(len(si) != len(fi) for si, fi, _ in al.pairs):
                changed = [("".join(span_parts), "".join(form_parts), sim)]  # merged or split parts
                merged = True
            elif runner < sim - 0.05:
                # Every part of the span is a part of this entry's name: a correct (partial) mention.
                return Decision(s, e, text, entry, min(0.99, sim), f"'{text}' is a correct mention of '{entry.canonical}'", "name.fuzzy", False)
            else:
                return None
        if any(w in _NEVER_SWAP for sp, fp, _ in changed for w in (sp, fp)):
            return None  # "South Korea" is not a misspelt "North Korea"
        tev: TitleEvidence = self._title_evidence(titles, entry) if titles else TitleEvidence(False, False, "")
        in_country = bool(set(entry.country) & doc_countries)
        # A title identifies a person only when it identifies the office: with the country (in
        # the title or named in the text), the body it belongs to, or an office few countries
        # have (`TitleEvidence.specific`). "Foreign Minister" alone fits every foreign minister in
        # the world, most of whom no gazetteer lists ("Foreign Minister Anna Lindh" is not Ann
        # Linde): such a title is consistent with the entry (it ranks candidates and adds
        # confidence) but does not confirm a spelling that the name alone cannot.
        identifying = tev.agrees and (tev.specific or in_country)
        strong_title = tev.agrees and tev.strong
        entity_in_doc = entry.id in doc_entities
        full_in_doc = entry.id in named_in_full
        core = [p for p in ps if not is_particle(p)]
        # Each changed part must be plausibly the same word.
        # A merge or split that does not spell the name closely needs context, and a loose one
        # more than a generic title: "Abdullahi" is not "Abdul Wahid" split differently.
        if split_sim < 0.85 and not identifying:
            return None  # a loose merge or split ("Farouq Kasrawy" as one with "Farouk al-Sharaa")
        if split_sim < 0.9 and not (entity_in_doc or tev.agrees):
            return None
        for sp, fp, psim in changed:
            z = zipf(sp)
            if not (
                psim >= 0.75
                or (psim >= 0.7 and z < 1.0)
                or (psim >= 0.6 and strong_title and identifying and exact_other)
                # The entity is named elsewhere in the text and another part of the name is exact.
                or (psim >= 0.67 and full_in_doc and exact_other and z < COMMON_ZIPF)
            ):
                return None
            if fp and len(core) == 1 and _derived(sp, fp):
                return None  # "Samarrai" from Samarra, "Jawfi" from Jawf: a derived word, not a misspelling
            floor = 0.75 if (ft and exact_other) else 0.85  # a title fused into the name costs a little
            # A person's name part this far off needs the title or the document. With another
            # part spelled exactly and this one far from the name, neither a title that only fits
            # ("Foreign Minister Igor Stefanov" is not Igor Ivanov) nor the entity named elsewhere
            # in the text ("Benjamin Natan" next to Benjamin Netanyahu) is enough: a shared given
            # or family name with a different other part is usually someone else. A respelling
            # ("Netaniyafu") or a name respelt in every part, the way a transliteration round trip
            # respells them all, may go by a title that fits or by the document.
            # Far off: below 0.75, or below 0.85 when the word is itself an attested name and
            # not the same consonants ("Sihanouk" is not a misspelt "Sihamoni"). The entity named
            # in full elsewhere is weaker still: the text already spells it, so another full name
            # with other consonants is another person ("Mykola Polishchuk" next to Mykola
            # Oleshchuk); it still confirms a partial or fused mention ("Alshara").
            sp_strict, fp_strict = strict_skeleton(sp), strict_skeleton(fp)
            respelt = sp_strict != fp_strict
            other_name = exact_other and (psim < 0.75 or (psim < 0.85 and respelt and z >= 2.0))
            # A common name in its own right with a syllable more or less, next to an exact part, is
            # someone else however close the letters ("Thomas Grainger" is no misspelt Thomas
            # Greminger), unless something in the text confirms the entity.
            common_other = exact_other and (
                (
                    z >= 2.5
                    and psim < 0.92
                    and respelt
                    and sp_strict.count("V") != fp_strict.count("V")
                )  # a syllable more or less: "Kamara" for Camara, "Han" for Khan are respellings
                # The entry's word with a syllable of its own added at its end is another name
                # ("Jianru Lin" is not Lin Jian); vowels, or the last consonant doubled before
                # one, are what katakana adds ("Essiddu", "Moralesuo").
                or _adds_syllable(sp, fp)
            )
            other_in_doc = (
                exact_other and psim < 0.85 and respelt and skeleton(sp) not in (skeleton(fp), skeleton(drop_final_r(fp)))
            )  # the same consonant classes, a non-rhotic r dropped or not ("Borut Paha" for Pahor)
            # A title with the country ("Afghan Foreign Minister") fits every holder of the office
            # over the years, most of them in no gazetteer: for a former holder it does not make a
            # word far from the name, or another attested name, the entity's ("Burhanuddin
            # Rabbani" is not Salahuddin Rabbani, "Dominique Perben" not Dominique de Villepin).
            # News names the office's current holder far more often, and a respelling nobody
            # writes ("Reicheru Omamo") is a respelling: those still go by it ("British Prime
            # Minister Kia Starmer").
            far_other = (
                exact_other
                and _former_holder(entry)
                and (psim < 0.65 or (psim < 0.75 and z >= 1.5))
            )
            confirmed = (
                (identifying and not far_other)
                or (tev.agrees and not other_name)
                or (entity_in_doc and not other_in_doc)
            )
            if entry.type == "PER" and (psim < floor or common_other) and not confirmed:
                unconfirmed = True
            if not exact_other and len(core) > 1 and psim < 0.85 and not confirmed:
                unconfirmed = True  # every part respelt and nothing else to go by: maybe someone else
        known = min((zipf(sp) for sp, _fp, _ in changed), default=0.0)
        if (
            entry.type == "PER"
            and not exact_other
            and len(core) > 1
            and known >= 1.5
            and identifying
            and _former_holder(entry)
            and not entity_in_doc
        ):
            # Every part respelt into a name people bear ("Anna Lindh" for Ann Linde, a former
            # Swedish foreign minister): a title with the country fits the other holders of the
            # office too. A suggestion, unless the text names the entity.
            unconfirmed = True
        if entry.type == "ORG" and len(ps) >= 3:
            known = 0.0  # inflected or reordered words of an organisation's name are expected
        elif entry.type in ("LOC", "ORG") and exact_other and len(changed) == 1 and changed[0][2] >= 0.75 and not form_missing:
            known = 0.0  # one word of a place name respelt, the rest exact ("Han Younis")
        in_doc = entry.id in doc_entities
        single = len(core) == 1
        partial = bool(form_missing)
        if single and partial and entry.type == "PER" and not al.reversed and not _family_end(al, form.parts, entry):
            return None  # a lone given name is no mention of a person ("Minister Michell" is no Michelle O'Neill)
        margin = sim - runner
        # A difference in vowels or doubled letters only is usually an accepted transliteration
        # ("Joumblatt", "Mouaffaq", "al-Mona"), not a mangled name: rewrite it only when the title
        # identifies the entity, or when the span's spelling is unattested and the entry's is common.
        variant = (not merged and all(sp and fp and strict_skeleton(sp) == strict_skeleton(fp) for sp, fp, _ in changed)) or (
            self._variant_of_entity(ps, entry)
        )
        # The same entity spelled right elsewhere in the text settles it too: one spelling per
        # document (an accepted alias is an exact form and never comes here).
        # In normalize mode the caller wants one surface form per entity: a variant of the name is
        # rewritten like an alias would be (the evidence the other checks ask for still applies).
        if variant and not strong_title and not low_heads and not full_in_doc and self.mode != "normalize":
            attested = min((zipf(fp) for _sp, fp, _ in changed if fp), default=0.0)
            need = 3.0 if entry.type == "PER" else 1.0
            unattested = known < 0.5 and attested >= need
            # A famous name in another language's spelling ("Poutine"), the rest of the name exact.
            exonym = exact_other and attested >= 4.0 and attested - known >= 1.0
            if not (unattested or exonym):
                return None
        if partial and (in_doc or tev.agrees) and al.pairs:
            # The evidence explains why only part of the name is there: judge the parts present.
            sim = max(sim, _local(al, span_parts))
        conf = sim
        notes: list[str] = [f"score {sim:.2f} over runner-up {runner:.2f}"]
        notes.extend(n for sp, fp, _ in changed if (n := _reading_note(sp, fp, entry.country)))
        if form.kind == READING:
            notes.append(f"matched '{form.surface}', {_reading_of(entry)}")
        if low_heads:
            conf = max(conf, 0.85) - 0.03 * low_heads
            notes.append("the organisation's head word differs")
        if margin < 0.08 and partial and len(ranked) > 1:
            # A family name shared by the runner-up ("Netanyahu" for Benjamin or Yair Netanyahu):
            # the rewrite is the same whichever of them is meant.
            other = self.index.entries[self.index.by_id[ranked[1][1][0]]]
            tail = entry.canonical.split(" ")[-1]
            if other.canonical.split(" ")[-1] == tail:
                margin = 0.08
                notes.append(f"the runner-up shares the family name '{tail}'")
        if margin < 0.03:
            conf -= 0.15
        elif margin < 0.08:
            conf -= 0.05
        if tev.agrees:
            conf += 0.06
            notes.append(tev.reason)
        elif tev.conflicts:
            conf -= 0.25
            notes.append(tev.reason)
        if in_doc:
            conf += 0.06
            notes.append("the entity is named elsewhere in the text")
        if known >= COMMON_ZIPF and not (identifying or in_doc):
            conf = min(conf, 0.6)
            notes.append("the changed word is common in English")
        # A lone family name that a reading of another script spells (all but) exactly, in a
        # spelling nobody writes in English, after a title that fits ("Prime Minister
        # Netaniyafu", read as katakana: Netanyahu): whoever else may bear the name, its English
        # spelling is the same. Not a near spelling as written ("Borissova" is Borisov's wife or
        # daughter, "Ussumane" a given name): only a reading that lands on the name.
        spelled_out = (
            single
            and partial
            and entry.type == "PER"
            and tev.agrees
            and known < 1.0
            and len(changed) == 1
            and len(changed[0][1]) >= 6
            and _read_spelling(changed[0][0], changed[0][1]) >= 0.94
        )
        if single and partial and not (in_doc or identifying) and not spelled_out:
            # A lone family name: a suggestion at most, and only when the title before it fits
            # the entry ("President Torump": Donald Trump is a president, but so are many).
            conf = min(conf, 0.7 if tev.agrees else 0.6)
            notes.append("a partial name without context")
        if (
            entry.type == "PER"
            and not exact_other
            and any(zipf(sp) >= 4.0 and strict_skeleton(sp) != strict_skeleton(fp) for sp, fp, _ in changed)
            and not (identifying or in_doc)
        ):
            # Every part respelt, one of them into another common name: "Johnny McClain" is
            # someone else, not John McCain, unless the text says otherwise.
            conf = min(conf, 0.7)
            notes.append("every part differs, one of them into another common name")
        if single and partial and followed and entry.type == "PER" and not set(entry.country) & FAMILY_FIRST:
            conf = min(conf, 0.6)  # a name word before more of the name: a given name, not the family name
            notes.append("another name word follows it")
        if in_country:
            conf += 0.03
            notes.append(f"the text mentions {'/'.join(sorted(set(entry.country) & doc_countries))}")
        if single and not partial and sim < 0.85 and not (in_country and known < 1.0 and sim >= 0.75):
            conf = min(conf, 0.65)
        place_word = entry.type == "LOC" and self._place_context(doc, first_tok, entry)
        if place_word:
            notes.append(f"'{place_word}' before it agrees with '{entry.description[:50]}'")
        if single and entry.type == "PER" and not (identifying or in_doc or spelled_out):
            conf = min(conf, 0.7)  # one word alone rarely identifies a person: a finding
        if entry.type == "PER" and not (identifying or in_doc) and self._shared_name(form.parts):
            # "Mohamad Hasan", "Abdullah Saleh": every part is one that many people bear, so a
            # name spelled near it is as likely someone else ("Muhammad Husayn") as a misspelling.
            conf = min(conf, 0.7)
            notes.append("a name many people share, and nothing in the text identifies this one")
        if single and entry.type in ("LOC", "ORG") and (sim < 0.9 or known >= 2.0) and not (in_country or tev.agrees or in_doc or place_word):
            # One unknown word near a place name, or one English knows ("Narwhal" is no Nahal
            # brigade): a finding, not a fix.
            conf = min(conf, 0.7)
        elif (
            single
            and entry.type == "LOC"
            and not (in_country or tev.agrees or in_doc or place_word)
            and not self._locative_context(doc, first_tok, bisect_left(doc.token_starts, e) - 1)
        ):
            # One word spelled near a place, where nothing in the sentence says it is a place:
            # people outnumber places among the unknown names of news ("Officials met Kennja",
            # "Babu said"). A finding with the suggestion.
            conf = min(conf, 0.7)
            notes.append("nothing in the sentence says it is a place")
        if single and known >= COMMON_ZIPF:
            conf = min(conf, 0.5)
        if entry.has("needs_context"):
            conf = min(conf, 0.6)
        if unconfirmed:
            conf = min(conf, 0.7)
            notes.append("every part of the name is respelt and nothing in the text confirms it")
        if loose and not (loose == _LINKED and full_in_doc):
            conf = min(conf, 0.75)
            notes.append("an unknown capitalised word next to it may belong to the same name")
        conf = max(0.0, min(0.97, conf))
        if conf < 0.7:
            return None  # too weak even to suggest
        alias = form.surface if form.kind == ALIAS else ""
        replacement = self._replacement(doc, s, text, entry, al, form_parts, used_fused, ft, partial, alias)
        if replacement is None:
            return None
        if entry.type == "PER" and len(replacement) < 0.75 * _letters(text):
            return None  # a repaired name does not lose a quarter of its letters
        m = _ABD_BEFORE_RE.search(doc.text, max(0, s - 8), s)
        if m and fold(replacement).startswith(("abd", "abu")) and fold(replacement)[:3] == fold(m.group(1))[:3]:
            # "Abd al-Malik al-Huthi": the span starts after the particle that begins the given
            # name, and the replacement spells it ("Abdul-Malik al-Houthi"): it replaces it too,
            # rather than leave "Abd Abdul-Malik".
            s, text = m.start(), doc.text[m.start() : e]
        reason = f"'{text}' -> '{replacement}': " + "; ".join(notes)
        return Decision(s, e, replacement, entry, conf, reason, "name.fuzzy", True)

    def _shared_name(self, form_parts: tuple[str, ...]) -> bool:
        """Whether a name of one or two plain words is made only of words many people bear: the
        exact-consonant key of each (vowels free, l = r) names at least `SHARED_PART_FORMS` forms
        of the gazetteer."""
        core = [p for p in form_parts if not is_particle(p)]
        if not core or len(core) != len(form_parts) or len(core) > 2 or min(map(len, core)) < 4:
            # Three words, or a patronymic or an article ("bin Zayed", "al-Issa"), make a name
            # specific; a short word's key is shared by chance.
            return False
        postings = self.index.postings
        for p in core:
            key = next((k for k in part_keys(p) if k[:1] == "="), None)
            post = postings.get(key) if key else None
            if post is None or isinstance(post, int) or len(post) < SHARED_PART_FORMS:
                return False
        return True

    def _variant_of_entity(self, ps: tuple[str, ...], entry: Entry) -> bool:
        """True when the span spells one of the entry's accepted forms with other vowels or
        doubled letters only, part for part ("Sami Abi al-Mona" for "Sami Abi al-Muna")."""
        skel = " ".join(strict_skeleton(p) for p in ps if not is_particle(p))
        for surface in (entry.canonical, *entry.aliases):
            fps = " ".join(strict_skeleton(p) for p in parts(surface) if not is_particle(p))
            if f" {skel} " in f" {fps} ":  # the whole name or a run of its parts
                return True
        return False

    # --------------------------------------------------------------- rewrite
    def _replacement(self, doc: Document, s: int, text: str, entry: Entry, al: Alignment,
                     form_parts: tuple[str, ...], used_fused: bool, ft: str, partial: bool,
                     alias: str = "") -> str | None:
        canonical = entry.canonical
        if partial:
            # Realign with the canonical form and keep only the parts the span covers.
            cparts = tuple(parts(canonical))
            span_ps = tuple(parts(text))
            cal = name_similarity(span_ps, ((ft,) + cparts) if used_fused else cparts)
            if not _plausible(cal, span_ps, ((ft,) + cparts) if used_fused else cparts, entry):
                return None  # matched through an alias the canonical name does not spell alike
            offset = 1 if used_fused else 0
            covered = sorted({j - offset for _si, fi, _s in cal.pairs for j in fi if j - offset >= 0})
            if not covered:
                return None
            surface = canonical.split(" ")
            part_owner: list[int] = []
            for ti, tok in enumerate(surface):
                part_owner.extend([ti] * len(parts(tok)))
            if len(part_owner) != len(cparts):
                return None
            toks = sorted({part_owner[j] for j in covered})
            if toks != list(range(toks[0], toks[-1] + 1)):
                return None
            if toks[-1] != len(surface) - 1 and toks[0] != 0:
                return None
            # A partial mention must be the family-name end of the name (or its start for
            # family-name-first names) -- otherwise give up.
            rep = " ".join(surface[toks[0] : toks[-1] + 1])
        else:
            # Matched through an alias that is a run of the canonical's words ("Javad Zarif" of
            # "Mohammad Javad Zarif"): a partial mention stays partial.
            rep = _canonical_run(canonical, alias) if alias else canonical
            if alias and rep == canonical and _core_len(canonical) > _core_len(text):
                # Matched through an alias that is not a run of the canonical's words, by a
                # shorter span ("Shatti" for "Al-Shati" of "Shati camp"): the repair keeps to the
                # alias, without an article the text does not write, rather than add words
                # ("the Shatti refugee camp" must not become "the Shati camp refugee camp").
                rep = alias
                if al.missing and al.missing[0] == 0 and form_parts and form_parts[0] in ARTICLES:
                    rep = _LEADING_ARTICLE_RE.sub("", rep, count=1)
            rep = _without_leading_words_before(doc.text, s, rep)
        if ft and not used_fused and not fold(rep).startswith(ft):
            used_fused = True  # matched through an alias that carries the title: keep the title
        if used_fused:
            first = doc.tokens[doc.token_starts.index(s)] if s in doc.token_starts else None
            title_surface = first.text[: len(ft)] if first else ft.capitalize()
            rep = f"{title_surface} {rep}"
        rep = _hyphen_style(text, rep, entry)
        e = s + len(text)
        if rep.endswith(".") and doc.text[e : e + 1] == ".":
            rep = rep[:-1]  # "George W." for "Gueorgue W" before the text's own dot
        return self._shape(doc, s, text, rep)

    @staticmethod
    def _shape(doc: Document, s: int, original: str, rep: str) -> str:
        if rep[:1].islower() and (s in doc.sentence_starts or original[:1].isupper() and s in doc.sentence_starts):
            rep = rep[:1].upper() + rep[1:]
        return rep

    def _normalize_fix(self, doc: Document, s: int, e: int, entry: Entry) -> Fix:
        original = doc.text[s:e]
        rep = self._shape(doc, s, original, entry.canonical)
        return Fix(s, e, original, rep, "name", "name.normalize", 0.95,
                   f"'{original}' is an accepted variant of '{entry.canonical}' (normalize mode)", entry.id)


DETECTOR = NameDetector

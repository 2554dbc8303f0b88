"""Transliteration-aware keys for names.

Each rule is a small documented function, tested on its own (tests/test_name_keys.py).  Keys are
used twice: to *generate candidates* through the inverted index (aggressive keys: many spellings
of one name share a key) and to *score* a short list (several views compared with rapidfuzz).

The rules follow what transliteration into English does to names:

- case and diacritics (`fold`): "Erdoğan" = "Erdogan", "António" = "Antonio";
- apostrophes, ayn and hamza (`strip_marks`): "Sa'ar" = "Saar", "Ma'alula" = "Maalula";
- the Arabic article (`article_variants`): "al-Sharaa", "Al Sharaa", "el-Sharaa", "ash-Sharaa",
  fused "Alsharaa", and its l→r rendering from Japanese "Arsharaa" all give "sharaa";
- consonant classes (`skeleton`): doubled letters collapse; vowels drop (after the first letter);
  l/r merge (Japanese and Korean round trips); p/b/v/f/w merge (Arabic has no p or v); kh/h, gh/g,
  q/k/c/g, ou/u, y/i/j, -ov/-of/-off, sh/s/z, t/d, m/n merge;
- non-rhotic r (`drop_final_r`): a Japanese rendering drops an r after a vowel ("Saa" for Sa'ar,
  "Kia" for Keir);
- family-name-first order is handled by the scorer (parts are compared in both orders).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

# Letters NFKD does not decompose.
_SPECIAL = str.maketrans(
    {
        "ø": "o", "Ø": "o", "ß": "ss", "ı": "i", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ħ": "h",
    }
)
_MARKS = "'’ʼʻʿʾ`´‘"
_MARKS_RE = regex.compile(f"[{_MARKS}]")
_SEP_RE = regex.compile(r"[\s\-‐‑–—_.,;:/()\"“”]+")


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower-case and strip diacritics: "Erdoğan" -> "erdogan", "António" -> "antonio"."""
    s = s.translate(_SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.casefold()


def strip_marks(s: str) -> str:
    """Remove apostrophes and the ayn/hamza marks: "sa'ar" -> "saar", "ma‘alula" -> "maalula"."""
    return _MARKS_RE.sub("", s)


def parts(s: str) -> list[str]:
    """Folded name parts, split on spaces and hyphens, marks removed: "Ben-Gvir" -> ["ben", "gvir"]."""
    return list(_parts(s))


@lru_cache(maxsize=65536)
def _parts(s: str) -> tuple[str, ...]:
    return tuple(p for p in _SEP_RE.split(strip_marks(fold(s))) if p)


#: Forms of the Arabic definite article, as a separate part or a prefix.
ARTICLES = ("al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh", "dh", "aru")
# The article assimilated to a sun letter doubles it ("ash-Shami" fused as "Ashshami", "an-Nasr" as
# "Annasr"): only a doubled letter marks it, or every name beginning "An", "As", "At"... would
# lose its first syllable ("Anjos" is not an-Jos, "Antulay" not an-Tulay).
_SUN_ARTICLE_RE = regex.compile(r"^(?:ash(?=sh)|ath(?=th)|adh(?=dh)|a([dnrstz])(?=\1))")


def article_variants(part: str) -> tuple[str, ...]:
    """The part with its Arabic article removed, in every way it can be attached.

    "al" alone -> () (a bare article carries no identity); "alsharaa" -> ("sharaa",);
    "arsharaa" -> ("sharaa",) (l->r from Japanese); "ashshami" -> ("shami",).  The part itself is
    not included.  Only parts long enough to keep a 3-letter stem are stripped.
    """
    p = part
    out: list[str] = []
    if p in ARTICLES:
        return ()
    for art in ("al", "el", "ar", "ul"):
        if p.startswith(art) and len(p) - len(art) >= 3:
            out.append(p[len(art) :])
    m = _SUN_ARTICLE_RE.match(p)
    if m and len(p) - m.end() >= 3:
        rest = p[m.end() :]
        # "ashshami" -> "shshami" -> "shami": the sun letter is doubled after the article.
        out.append(rest)
    seen: dict[str, None] = {}
    for o in out:
        seen.setdefault(o, None)
    return tuple(seen)


# Digraphs first (longest first), then single letters, mapped to consonant classes.
_DIGRAPHS = (
    ("sch", "S"), ("kh", "H"), ("gh", "G"), ("ch", "C"), ("sh", "S"), ("zh", "S"), ("th", "T"),
    ("dh", "T"), ("ph", "B"), ("ck", "K"), ("ts", "S"), ("tz", "S"), ("dj", "J"), ("dzh", "J"),
    ("ng", "N"), ("ou", "u"), ("bh", "B"), ("jh", "J"), ("ce", "S"), ("ci", "S"), ("cy", "S"),
)
_LETTER = {
    "b": "B", "p": "B", "v": "B", "f": "B", "w": "B",
    "k": "K", "q": "K", "c": "K", "g": "G",
    "h": "H",
    "l": "L", "r": "L",
    "m": "N", "n": "N",
    "s": "S", "z": "S", "x": "S",
    "t": "T", "d": "T",
    "j": "J",
}
_VOWELS = set("aeiouy")


_UNIT_RE = re.compile("|".join(d for d, _ in _DIGRAPHS) + "|.", re.S)
_UNIT_CLASS: dict[str, str] = {d: c for d, c in _DIGRAPHS}
_UNIT_CLASS.update(_LETTER)
_UNIT_CLASS.update({v: "a" for v in _VOWELS})


_DIGRAPH_RE = re.compile("|".join(d for d, _ in _DIGRAPHS))
_DIGRAPH_OUT = {d: ("a" if c == "u" else c) for d, c in _DIGRAPHS}
_LETTER_TABLE = str.maketrans({**_LETTER, **{v: "a" for v in _VOWELS}})
_RUN_RE = re.compile(r"([A-Z])\1+")
_ASCII_RE = re.compile("[a-z]+")


def _digraph(m: re.Match[str]) -> str:
    return _DIGRAPH_OUT[m.group()]


def _first_group(m: re.Match[str]) -> str:
    # A function, not the template r"\1": Python 3.11's ``re`` expands a template per match.
    return m.group(1)


@lru_cache(maxsize=65536)
def skeleton(part: str, glide: bool = True) -> str:
    """Consonant-class skeleton of one folded part: "lavrov" -> "LBLB", "rabrov" -> "LBLB".

    Vowels drop except a leading one (kept as "A"); doubled classes collapse; "g" and "k" stay
    apart (but "q"/"k"/"c" merge) so that "Gaza" and "Kaza" differ; a soft "c" (before e, i, y)
    is an "s" ("Alice" = "Alise"); "h" alone stays, but not in the aspirates "bh" and "jh"
    ("Bhutto" = "Butto"); "w" inside a name is a glide ("Sweida" = "Sueida") unless
    ``glide=False`` (German "Lawrow" = "Lavrov").
    """
    part = strip_marks(part)
    if _ASCII_RE.fullmatch(part):
        # The same reading with string operations: digraphs to their class, then letters, the
        # glide "w", a leading vowel kept as "A", other vowels dropped, repeated classes merged.
        s = _DIGRAPH_RE.sub(_digraph, part)
        if glide and "w" in s[1:]:
            s = s[0] + s[1:].replace("w", "a")
        s = s.translate(_LETTER_TABLE)
        head = "A" if s[:1] == "a" else ""
        return _RUN_RE.sub(_first_group, head + s.replace("a", ""))
    out: list[str] = []
    get = _UNIT_CLASS.get
    for i, unit in enumerate(_UNIT_RE.findall(part)):
        c = "a" if (glide and unit == "w" and i > 0) else get(unit, "")
        if c == "a" or c == "u":
            if not out:
                out.append("A")
            continue
        if c and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


_FINAL_R_RE = re.compile(r"(?<=[aeiouy])r(?![aeiouy])")


_ROMANCE_RULES = (
    ("tsch", "ch"), ("sch", "sh"), ("tch", "ch"), ("ch", "sh"), ("dj", "j"), ("gue", "ge"), ("gui", "gi"),
    ("ou", "u"),
    ("ï", "i"), ("ë", "e"),
)


_ROMANCE_MAP = dict(_ROMANCE_RULES)
# One pass, longest first: "tsch" becomes "ch" and is not read again as "ch" -> "sh".
_ROMANCE_RE = re.compile("|".join(sorted(_ROMANCE_MAP, key=len, reverse=True)))


@lru_cache(maxsize=65536)
def romance(part: str) -> str:
    """French and German spellings of foreign names rendered the English way:
    "charaa" -> "sharaa", "guerassimov" -> "gerassimov", "poutine" -> "putine",
    "tschetschenien" -> "chechenien"."""
    return _ROMANCE_RE.sub(lambda m: _ROMANCE_MAP[m.group()], part)


_KOREAN_RR_RE = re.compile(r"eo|eu")


def korean(part: str) -> str:
    """A Revised Romanization spelling the way the English-language press writes Korean names:
    "jeong" -> "jong", "eun" -> "un", "yeo" -> "yo", "seok" -> "sok" ("Gim Jeong-eun" vs
    "Kim Jong Un"). Returns the part unchanged when it has no RR vowel digraph."""
    return _KOREAN_RR_RE.sub(lambda m: "o" if m.group() == "eo" else "u", part)


# A romanised katakana word: morae (an optional onset, then vowels) and the moraic "n".
_ROMAJI_RE = regex.compile(
    r"(?:(?:tch|cch|kk|tt|pp|ss|sh|ch|ts|[kgnhmrbp]y|[kgsztdnhbpmrwyfvj])?[aeiou]++|n(?![aeiouy]))++"
)
_JA_STEPS = (
    (re.compile(r"([aeiou])\1"), _first_group),  # long vowels: "Maadi" -> "Madi"
    (re.compile(r"ou"), "o"),
    (re.compile(r"n(?=[mbp])"), "m"),  # "Muhanmado" -> "Muhammado"
    (re.compile(r"(?:t(?=ch)|([kpts])(?=\1))"), ""),  # geminates: "Ittsuhakku" -> "Itsuhaku"
    (re.compile(r"(?<=[kgszdbpfmrh])u(?=[kgszjtdnbpfmrhwv])"), ""),  # inserted u: "Sarutan" -> "Sartan"
    (re.compile(r"(?<=[td])o$|(?<=[kgszjbpfmrhn])u$|(?<=ts)u$"), ""),  # final: "Zaido", "Sadiku"
)


_GERMANIC_STEPS = (
    (re.compile(r"(?<=[a-z])j"), "y"),  # "Jatsenjuk", "Zajed", "Arsenij": y written j
    (re.compile(r"tsch"), "ch"),
    (re.compile(r"sch"), "sh"),
)


@lru_cache(maxsize=65536)
def germanic(part: str) -> str:
    """German, Polish or Czech spellings of (mostly Slavic and Arabic) names read the English way:
    a j after a letter is a y ("jatsenjuk" -> "jatsenyuk", "zajed" -> "zayed"), "tsch" is "ch",
    "sch" is "sh". Returns the part unchanged when none applies."""
    for pattern, rep in _GERMANIC_STEPS:
        part = pattern.sub(rep, part)
    return part


def japanese(part: str) -> str:
    """A name read back from katakana the way English writes it: long vowels shortened, the
    vowels katakana inserts between consonants and after a final consonant dropped, "n" before
    a labial written "m" ("Moheemudo" -> "mohemud", "Sarutan" -> "sartan", "Muhanmado" ->
    "muhammad"). Only for parts that read as romanised katakana; others are returned unchanged."""
    if len(part) < 4 or not _ROMAJI_RE.fullmatch(part):
        return part
    for pattern, rep in _JA_STEPS:
        part = pattern.sub(rep, part)
    return part


def katakana_hu(part: str) -> str:
    """A romanised katakana word with "fu" read as "hu": katakana has one sign (フ) for both, so
    an English "hu" comes back as "fu" ("Netaniyafu" for Netanyahu, "Fusein" for Hussein).
    Returns the part unchanged when it is no romanised katakana or has no "fu"."""
    if "fu" not in part or not _ROMAJI_RE.fullmatch(part):
        return part
    return part.replace("fu", "hu")


_KATAKANA_TI_RE = re.compile(r"chi(?=[^aeiou]|$)|tsu?$")


def katakana_ti(part: str) -> str:
    """A romanised katakana word read back (`japanese`) with "chi" read as "ti" and a final "ts"
    as "z": katakana writes English "ti" with チ ("Puchin" for Putin) and a final "z" or "ts" with
    ツ ("Merutsu" for Merz, "Kattsu" for Katz). Returns the part unchanged when it is no
    romanised katakana or has neither."""
    if ("chi" not in part and "ts" not in part) or not _ROMAJI_RE.fullmatch(part):
        return part
    return _KATAKANA_TI_RE.sub(lambda m: "ti" if m.group() == "chi" else "z", japanese(part))


def katakana_si(part: str) -> str:
    """A romanised katakana word read back (`japanese`) with "shi" read as "si": katakana has one
    sign, シ, for both, so "Raisi" comes back as "Raishi" or "Laishi". Asked for the span side
    only (`span_readings`): a gazetteer's "Shinzo" or "Rishi" is spelt right. Returns the part
    unchanged when it is no romanised katakana or has no "shi"."""
    if "shi" not in part or not _ROMAJI_RE.fullmatch(part):
        return part
    return japanese(part).replace("shi", "si")


_KATAKANA_R_RE = re.compile(r"(?:aa|oo)(?![aeiou])")


def katakana_r(part: str) -> str:
    """A romanised katakana word read back (`japanese`) with a long "aa" or "oo" read as "ar" or
    "or": katakana writes the English vowel before an unsounded r with the long-vowel mark
    (カーニー "Kaanii" for Carney, ジョージ "Jooji" for George, "Heidaa" for Heydar). Asked for
    the span side only (`span_readings`): a gazetteer's "Saad" or "Noor" is spelt right. Returns
    the part unchanged when it is no romanised katakana or has neither."""
    if ("aa" not in part and "oo" not in part) or len(part) < 4 or not _ROMAJI_RE.fullmatch(part):
        return part
    part = _KATAKANA_R_RE.sub(lambda m: m.group()[0] + "r", part)
    for pattern, rep in _JA_STEPS:
        part = pattern.sub(rep, part)
    return part


_FINAL_H_RE = re.compile(r"(?<=[aeiou])h$")


def silent_h(part: str) -> str:
    """A final "h" after a vowel left out, as many renderings of Arabic and Persian names do
    ("Nasrallah" / "Nasralla", "Haniyeh" / "Haniye", "Abdullah" / "Abdulla"); only in a part of
    more than five letters ("Saleh" and "Sarah" are left: short names are near too many others).
    Returns the part unchanged otherwise."""
    return _FINAL_H_RE.sub("", part) if len(part) > 5 else part


_LONG_VOWEL_RE = re.compile(r"(?:ee|oo)(?=[a-z])")


def english_vowels(part: str) -> str:
    """English long-vowel spellings inside a word read as the single vowel other romanisations
    write: "ee" is "i", "oo" is "u" ("Nabeel" / "Nabil", "Saeed" / "Said", "Noor" / "Nur",
    "Cooper" / "Kuper"). Not at the end of a word, where they often make a word of its own
    ("Galilee" is not "Galil", nor "Anbaree" "Anbar"). Returns the part unchanged when none
    applies."""
    if "ee" not in part and "oo" not in part:
        return part
    return _LONG_VOWEL_RE.sub(lambda m: "i" if m.group() == "ee" else "u", part)


_EA_RE = re.compile(r"(?<=[b-df-hj-np-tv-z])ea(?=[b-df-hj-np-tv-z])")


def english_sound(part: str) -> str:
    """A span part spelt the way English spells a sound: "ea" between consonants is "i"
    ("Zaleaf" / "Zalif"): a machine translation from Japanese writes the katakana syllables
    "rifu" of Zarif with the English word "leaf". Asked for the span side only (`span_readings`):
    the gazetteer's own "Jean" or "Pearson" is no respelt "Jin" or "Pirson". Returns the part
    unchanged when none applies."""
    if "ea" not in part:
        return part
    return _EA_RE.sub("i", part)


def cyrillic(part: str) -> str:
    """A name romanised back from Cyrillic, read the English way: "dzh" (Дж) is "j" ("Dzhon" for
    John, "Dzhonson" for Johnson); no English spelling has it. ("ks" for "x" is not read: "Oleksandr"
    and "Aleksandr" are names of their own, not respellings of Alexander.)"""
    return part.replace("dzh", "j")


# Pinyin syllables and their Wade-Giles spelling without the aspiration apostrophe, the way the
# English-language press writes Taiwanese names ("Lai Ching-te", "Cho Jung-tai", "Lin Chia-lung",
# "Han Kuo-yu"). j, q and x only come before i or u; g, k, h, the retroflexes and the sibilants
# never before an i-glide; the others take any final.
_PY_I_FINALS = "iang|iong|iao|ian|ing|ia|ie|in|iu"
_PY_U_FINALS = "uang|uan|un|ue|u"
_PY_OTHER_FINALS = "ueng|uai|ang|eng|ong|ai|ei|ao|ou|an|en|ua|uo|ui|er|a|o|e"

def _py_syllable(initial_optional: bool) -> str:
    q = "?" if initial_optional else ""
    return (
        f"(?:[jqx](?:{_PY_I_FINALS}|{_PY_U_FINALS}|i)"
        f"|(?:zh|ch|sh|[gkhrzcs])(?:{_PY_U_FINALS}|{_PY_OTHER_FINALS}|i)"
        f"|[bpmfdtnlyw]{q}(?:{_PY_I_FINALS}|{_PY_U_FINALS}|{_PY_OTHER_FINALS}|i))"
    )


# A syllable after the first has an initial (pinyin writes "Xi'an", never a bare vowel inside a
# word), which also decides between "han|guo" and "hang|uo". The captures are the syllables.
_PY_WORD_RE = regex.compile(f"({_py_syllable(True)})({_py_syllable(False)})*")
_PY_SPLIT_RE = regex.compile(
    f"(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?({_PY_I_FINALS}|uang|ueng|uai|uan|ang|eng|ong|ai|ei|ao|ou|an|en|un|ua|uo|ue|ui|er|a|o|e|i|u)"
)
#: Spellings pinyin has where Wade-Giles has others (q, x, zh, j, c or z as an initial, -ong, -uo):
#: a part without one is left alone, even if it reads as pinyin ("Biden" is not "Piten").
_PY_MARKER_RE = regex.compile(r"q|x|zh|j|c(?!h)|z|ong|uo")
_WG_INITIAL = {"b": "p", "d": "t", "g": "k", "j": "ch", "q": "ch", "x": "hs", "zh": "ch", "r": "j", "z": "ts", "c": "ts"}
_WG_FINAL = {"ong": "ung", "iong": "iung", "ian": "ien", "ie": "ieh"}


@lru_cache(maxsize=65536)
def wade_giles(part: str) -> str:
    """A pinyin name part in the Wade-Giles spelling Taiwanese names keep in English, aspiration
    marks left out: "qingde" -> "chingte" (Lai Ching-te), "zhuo" -> "cho", "rongtai" -> "jungtai",
    "jialong" -> "chialung", "guoyu" -> "kuoyu". Only for parts made of pinyin syllables with a
    letter pinyin uses differently (q, x, zh, c, z, so "lai" or "ma" stay as they are); others are
    returned unchanged."""
    if len(part) < 2 or not _PY_MARKER_RE.search(part):
        return part
    word = _PY_WORD_RE.fullmatch(part)
    if word is None:
        return part
    out = []
    for syllable in word.captures(1) + word.captures(2):
        m = _PY_SPLIT_RE.fullmatch(syllable)
        if m is None:  # cannot happen (a captured syllable is one initial and one final)
            return part
        ini, fin = m.group(1) or "", m.group(2)
        if fin == "uo" and ini not in ("g", "k", "h"):
            fin = "o"  # "zhuo" -> "cho", "luo" -> "lo"; but "guo" -> "kuo"
        elif fin == "e" and ini in ("g", "k", "h"):
            fin = "o"  # "ke" -> "ko"
        elif fin == "i" and ini in ("zh", "ch", "sh", "r"):
            fin = "ih"  # "shi" -> "shih"
        elif fin == "ou" and ini == "y":
            ini, fin = "y", "u"  # "you" -> "yu"
        out.append(_WG_INITIAL.get(ini, ini) + _WG_FINAL.get(fin, fin))
    return "".join(out)


#: Korean family names in the Revised Romanization and as the English-language press writes them
#: (김 Gim/Kim, 박 Bak/Park, 이 Yi/Lee, 정 Jeong/Chung...): the common spellings that RR changed.
KOREAN_SURNAMES = {
    "gim": "kim", "bak": "park", "yi": "lee", "i": "lee", "jo": "cho", "choe": "choi", "jeong": "chung",
    "gang": "kang", "yun": "yoon", "o": "oh", "seo": "suh", "sin": "shin", "gwon": "kwon", "an": "ahn",
    "ryu": "yoo", "jeon": "chun", "go": "ko", "mun": "moon", "son": "sohn", "baek": "paik", "heo": "huh",
    "sim": "shim", "no": "roh", "gwak": "kwak", "seong": "sung", "ju": "joo", "u": "woo", "gu": "koo",
    "gil": "kil", "bang": "pang", "byeon": "byun", "eom": "um",
}


def korean_surname(part: str) -> str:
    """A Korean family name in the Revised Romanization, in the spelling the English-language press
    uses ("gim" -> "kim", "yi" -> "lee", "bak" -> "park"); other parts are returned unchanged.
    Asked for Korean entries only (the scorer knows the entry's country)."""
    return KOREAN_SURNAMES.get(part, part)


@lru_cache(maxsize=65536)
def readings(part: str) -> tuple[str, ...]:
    """The other spellings of a folded part worth comparing with the English one: its French and
    German (`romance`, `germanic`), Korean (`korean`), Japanese (`japanese`, `katakana_hu`,
    `katakana_ti`) and Russian (`cyrillic`) renderings read the English way, and its English long
    vowels written once (`english_vowels`), each once and only when it differs. (`wade_giles` and
    `korean_surname` are not among them: they only apply to Taiwanese and Korean names, and the
    scorer asks for them there.)"""
    out: list[str] = []
    for alt in (
        romance(part), korean(part), japanese(part), germanic(part), katakana_hu(part), katakana_ti(part), cyrillic(part),
        english_vowels(part),
    ):
        if alt != part and alt not in out:
            out.append(alt)
    return tuple(out)


@lru_cache(maxsize=65536)
def span_readings(part: str) -> tuple[str, ...]:
    """`readings` and, for a part of the text (not of a gazetteer form), its English sound
    spelling read back (`english_sound`), its katakana "shi" read as "si" (`katakana_si`) and its
    katakana long "aa"/"oo" read as "ar"/"or" (`katakana_r`)."""
    out = readings(part)
    for alt in (english_sound(part), katakana_si(part), katakana_r(part)):
        if alt != part and alt not in out:
            out = (*out, alt)
    return out


@lru_cache(maxsize=65536)
def form_readings(part: str) -> tuple[str, ...]:
    """`readings` and, for a part of a gazetteer form (not of the text), the part without its
    final silent "h" (`silent_h`): a translation writes "Nasrala" or "Nasrara" for Nasrallah. Not
    on the text's side, where "Bakhitah" read as "Bakhita" came near other names."""
    out = readings(part)
    alt = silent_h(part)
    if alt != part and alt not in out:
        out = (*out, alt)
    return out


@lru_cache(maxsize=65536)
def drop_final_r(part: str) -> str:
    """Remove r after a vowel when no vowel follows (non-rhotic rendering): "saar" -> "saa",
    "keir" -> "kei", "merz" -> "mez"."""
    return _FINAL_R_RE.sub("", part)


@lru_cache(maxsize=65536)
def part_keys(part: str) -> tuple[str, ...]:
    """Index keys of one folded part: its skeleton, its non-rhotic, unglided, French and German
    skeletons, and its exact consonants with l and r merged ("=" + first letter + `strict_skeleton`),
    for the part and its article-stripped forms.  Bare articles and one-letter parts give no keys; short keys are
    allowed (the index reads the rarest keys first and ignores very long posting lists)."""
    if len(part) < 2 or part in ARTICLES:
        return ()
    keys: dict[str, None] = {}
    for v in (part, *article_variants(part)):
        for k in (skeleton(v), skeleton(drop_final_r(v)), skeleton(v, glide=False), skeleton(romance(v)),
                  skeleton(germanic(v))):
            if k:
                keys.setdefault(k, None)
        # Exact consonants (vowels and doubling free): specific where the class skeleton of a
        # short name is too common ("Kyiv"/"Kiev"/"Kyiev" all give "kv"). l and r count as one
        # letter here, the commonest confusion of katakana, hangul and Chinese renderings: a
        # swapped name still has a specific key, not only the long class-skeleton lists.
        sk = strict_skeleton(v)
        if sk:
            keys.setdefault(("=" + v[0] + sk).replace("r", "l"), None)
    return tuple(keys)


#: Name particles: kept in the text, ignored when keying.
PARTICLES = frozenset(
    {"bin", "ibn", "ben", "bint", "binti", "abu", "abou", "abd", "abdel", "abdul", "ould", "van", "von",
     "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "dos", "das", "do", "y", "bar", "ter"}
)


def is_particle(part: str) -> bool:
    """A folded part that carries no identity: an Arabic article or a name particle."""
    return part in ARTICLES or part in PARTICLES


_STRICT_VOWELS = set("aeiouyw")
_SILENT_H_RE = re.compile(r"(?<=[aeiouy])h(?![aeiouy])")


@lru_cache(maxsize=65536)
def strict_skeleton(part: str) -> str:
    """Exact consonants, each run of vowels (and glides) as "V", doubling removed:
    "joumblatt" -> "jVmblVt", "grossi" -> "grVsV".

    Two spellings with the same strict skeleton differ only in vowel quality or doubled letters,
    the usual freedom of transliteration ("Jumblatt"/"Joumblatt", "al-Muna"/"al-Mona"); the name
    engine treats such a pair as accepted variants unless evidence says otherwise. An inserted or
    dropped vowel changes the skeleton ("Gurossi" for "Grossi" is a katakana round trip, not a
    variant). "q" and "k" count as one letter (Qassem/Kassem, Tareq/Tarek), and an "h" after a
    vowel before a consonant is silent (Ahmadou/Amadou, Khalifah/Khalifa).
    """
    p = strip_marks(part).replace("-", "").replace(" ", "").replace("q", "k")
    # An "h" after a vowel and before a consonant or the end is silent in many renderings
    # ("Ahmadou"/"Amadou", "Khalifah"/"Khalifa").
    p = _SILENT_H_RE.sub("", p)
    if len(p) > 3 and p.endswith("e") and p[-2] not in _STRICT_VOWELS:
        p = p[:-1]  # French mute e: "Yassine"/"Yassin", "Amine"/"Amin"
    out: list[str] = []
    for ch in p:
        c = "V" if ch in _STRICT_VOWELS else ch
        if out and out[-1] == c:
            continue
        out.append(c)
    return "".join(out)

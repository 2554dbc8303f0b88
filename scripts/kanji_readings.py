"""Japanese on'yomi readings of Chinese and Korean names written in kanji (build-time only).

Japanese news writes Chinese (and some Korean) names in kanji, and machine translation from
Japanese renders them with the Japanese Sino-Japanese reading (on'yomi): 胡錦濤 (Hu Jintao)
comes out as "Ko Kinto", 李強 (Li Qiang) as "Ri Kyo".  `name_readings` derives those renderings
from a native name so that the gazetteer build can list them in the ``readings`` column.

The kanji readings come from pykakasi (its kanwa dictionary, the same data its converter uses);
nothing here knows a kanji reading of its own except `EXTRA_ONYOMI`, a handful of name characters
for which pykakasi lists no on'yomi at all, and `NOT_ONYOMI`, a handful of kun'yomi that look like
on'yomi and that the ranking below does not push out by itself.  pykakasi's converter reads words, not names: a single
character often comes out in its kun'yomi (李 -> "sumomo", 毅 -> "tsuyoshi", 平 -> "taira") and
two characters may form a Japanese word of their own (金正 -> "kanemasa").  So:

* the candidate readings of a character are the readings pykakasi's dictionary lists for it that
  have the shape of an on'yomi (one mora, optionally a palatal glide, optionally a final
  i/u/n/ki/ku/chi/tsu: "kin", "shuu", "kyou", "ri", "ki"; not "sumomo", "tsuyoshi", "kane");
* they are ranked by how often the dictionary uses them in two-kanji words read wholly in such
  readings, where the other character has its own best-attested reading (金属 kinzoku, 金額
  kingaku count for 金 "kin"; 金田 kaneda does not): kun'yomi of the on'yomi shape ("e" for 江,
  "o" for 小) rank low that way; a second reading is kept when it is at least
  `ALTERNATIVE_RATIO` as common as the first (正 "sei" and "shou");
* a name part (family or given name) that is itself a dictionary word read in on'yomi (近平
  "kinpei", 錦濤 "kintou") keeps that reading, with its sound changes (ぺい after ん);
* the family name is the first character, or the first two for a compound surname
  (`COMPOUND_SURNAMES`) or a four-character name (林鄭月娥: 林鄭 + 月娥); the rest is the given
  name.

A name gets at most `MAX_ALTERNATIVES` readings (several when a character has two current
on'yomi: 正 "sei"/"shou"), each written twice when it has a long vowel: with the long vowel
dropped, as machine translation usually writes it ("Ko Kinto", "Mo Takuto"), and spelt out as
pykakasi writes it ("Ko Kintou", "Mou Takutou").
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from typing import Any

#: Two-character family names (the rest of the name is the given name).
COMPOUND_SURNAMES = frozenset(
    {
        "欧陽",
        "司馬",
        "諸葛",
        "皇甫",
        "南宮",
        "上官",
        "東方",
        "夏侯",
        "令狐",
        "公孫",
        "慕容",
        "司徒",
        "司空",
        "鮮于",
        "独孤",
    }
)
#: Readings per name at most (before the long-vowel spellings are added).
MAX_ALTERNATIVES = 3
#: A second on'yomi of a character is offered when it is at least this common relative to the first.
ALTERNATIVE_RATIO = 0.3
#: On'yomi of name characters for which pykakasi lists none (only kun'yomi, or nothing).
EXTRA_ONYOMI = {"寅": ("いん",), "槿": ("きん",), "媛": ("えん",), "篪": ("ち",), "又": ("ゆう",), "釗": ("しょう",)}
#: Readings of the on'yomi shape that pykakasi lists for a character but that are kun'yomi or
#: name readings (nanori), not on'yomi; only those that the dictionary evidence does not rank low
#: enough by itself (checked by hand on the names of the gazetteers).
NOT_ONYOMI = {
    "何": frozenset({"なん"}),  # 何 nani/nan (kun); on'yomi ka
    "江": frozenset({"え"}),  # inlet (kun); on'yomi kou
    "男": frozenset({"お"}),  # (kun); on'yomi dan, nan
    "克": frozenset({"かつ"}),  # nanori; on'yomi koku
    "松": frozenset({"まつ"}),  # pine (kun); on'yomi shou
    "雄": frozenset({"お"}),  # male (kun); on'yomi yuu
}

_ON = re.compile(
    r"[かきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"
    r"がぎぐげござじずぜぞだでどばびぶべぼぱぴぷぺぽあいうえお]"
    r"(?:(?<=[きしちにひみりぎじびぴ])[ゃゅょ])?[いうんきくちつ]?"
)
#: Historical kana spellings ("かう", "わう"): not how a reading is written today.
_HISTORICAL = re.compile(r"[かさたなはまやらわがざだばぱあゃ]う$|[ゐゑ]")
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_VOICED = dict(zip("かきくけこさしすせそたちつてとはひふへほ", "がぎぐげござじずぜぞだぢづでどばびぶべぼ"))
_SEMIVOICED = dict(zip("はひふへほ", "ぱぴぷぺぽ"))
_UNVOICED = {v: k for k, v in (*_VOICED.items(), *_SEMIVOICED.items())}
_LONG_VOWEL = re.compile(r"(?<=[こそとのほもよろごぞどぼぽおょ])う$|(?<=[くすつぬふむゆるぐずぶぷうゅ])う$")


def is_kanji_name(text: str) -> bool:
    """True when ``text`` is written in kanji only (two characters or more)."""
    return len(text) >= 2 and _KANJI.fullmatch(text) is not None


def split_name(native: str) -> tuple[str, str]:
    """Family name and given name of a Chinese or Korean name written in kanji."""
    if (len(native) >= 3 and native[:2] in COMPOUND_SURNAMES) or len(native) == 4:
        return native[:2], native[2:]
    return native[:1], native[1:]


class Reader:
    """On'yomi readings from pykakasi's dictionary (loading it takes about a second)."""

    def __init__(self) -> None:
        import pykakasi
        from pykakasi.kanji import Itaiji, Kanwa

        self._kakasi = pykakasi.kakasi()
        self._itaiji = Itaiji()
        # {ord(first character): {word: [(hiragana reading, context or None), ...]}}
        self._table: dict[int, dict[str, list[tuple[str, Any]]]] = Kanwa()._jisyo_table
        self._evidence = self._count_evidence()

    # -- dictionary access

    def _entries(self, word: str) -> list[str]:
        w = self._itaiji.convert(word)
        table = self._table.get(ord(w[0])) or {}
        return [yomi for yomi, context in table.get(w) or [] if context is None]

    @functools.cache  # noqa: B019 -- one Reader per build
    def candidates(self, char: str) -> tuple[str, ...]:
        """The on'yomi-shaped readings pykakasi lists for ``char`` (hiragana, dictionary order)."""
        out = [r for r in self._entries(char) if _ON.fullmatch(r) and not _HISTORICAL.search(r)]
        out += EXTRA_ONYOMI.get(char, ())
        bad = NOT_ONYOMI.get(char, frozenset())
        return tuple(dict.fromkeys(r for r in out if r not in bad))

    def _count_evidence(self, rounds: int = 2) -> Counter[tuple[str, str]]:
        """(character, reading) -> number of two-kanji dictionary words read in on'yomi
        candidates with the character read that way.

        The dictionary holds many Japanese names, read in kun'yomi that happen to have the
        on'yomi shape (江崎 "e-zaki", 克也 "katsu-ya"), so a word counts for one of its characters
        only when the other character is read in its best-attested reading of the previous round.
        """
        words: list[tuple[str, str, str, str]] = []  # (char 1, reading 1, char 2, reading 2)
        for table in self._table.values():
            for word, readings in table.items():
                if len(word) != 2 or not _KANJI.fullmatch(word):
                    continue
                first, second = self.candidates(word[0]), self.candidates(word[1])
                if not first or not second:
                    continue
                for yomi, context in readings:
                    if context is None:
                        seg = _segment2(yomi, first, second)
                        if seg is not None:
                            words.append((word[0], seg[0], word[1], seg[1]))
        ev: Counter[tuple[str, str]] = Counter()
        for c1, r1, c2, r2 in words:
            ev[(c1, r1)] += 1
            ev[(c2, r2)] += 1
        for _ in range(rounds):
            best: dict[str, str] = {}
            for (c, r), _n in sorted(ev.items(), key=lambda x: (-x[1], x[0])):
                best.setdefault(c, r)
            nxt: Counter[tuple[str, str]] = Counter()
            for c1, r1, c2, r2 in words:
                if best.get(c2) == r2:
                    nxt[(c1, r1)] += 1
                if best.get(c1) == r1:
                    nxt[(c2, r2)] += 1
            ev = nxt
        return ev

    # -- readings

    def bases(self, char: str) -> tuple[str, ...]:
        """The on'yomi-shaped readings of ``char`` (its standard form first, then as written)."""
        return self.candidates(self._itaiji.convert(char)) or self.candidates(char)

    def ranked(self, char: str) -> list[tuple[str, float]]:
        """On'yomi of ``char`` with their weight relative to the most common one (1.0), best
        first; readings below `ALTERNATIVE_RATIO` are left out."""
        cands = self.bases(char)
        if not cands:
            return []
        c = self._itaiji.convert(char)
        counts = [
            (r, self._evidence.get((c, r), 0) + (self._evidence.get((char, r), 0) if char != c else 0)) for r in cands
        ]
        top = max(n for _r, n in counts)
        if top == 0:  # no evidence at all: the dictionary's first on'yomi
            return [(cands[0], 1.0)]
        kept = [(r, n / top) for r, n in counts if n / top >= ALTERNATIVE_RATIO]
        # a voiced or semi-voiced form (ぺい, ざん) is a sound change, not a reading of its own,
        # when the plain form is kept too and at least as common (剛 keeps ごう over こう)
        weight = dict(kept)
        out = [(r, w) for r, w in kept if not (r[0] in _UNVOICED and weight.get(_UNVOICED[r[0]] + r[1:], 0.0) >= w)]
        return sorted(out, key=lambda x: (-x[1], cands.index(x[0])))

    def _weight(self, char: str, base: str) -> float:
        return next((w for r, w in self.ranked(char) if r == base), ALTERNATIVE_RATIO / 2)

    def segment(self, yomi: str, chars: str, first: bool = True) -> list[tuple[str, str]] | None:
        """``(surface, base on'yomi)`` per character when ``yomi`` reads ``chars`` in the on'yomi
        that `ranked` keeps, allowing the sound changes inside a word: gemination at the end of a
        character (にち -> にっ) and voicing at the start of a later one (へい -> ぺい, さん -> ざん)."""
        if not chars:
            return [] if not yomi else None
        for base, _w in self.ranked(chars[0]):
            forms = {base} if first else _sound_changed(base)
            if len(chars) > 1:
                forms |= {g for f in forms for g in _geminated(f)}
            for form in sorted(forms, key=len, reverse=True):
                if yomi.startswith(form):
                    rest = self.segment(yomi[len(form) :], chars[1:], first=False)
                    if rest is not None:
                        return [(form, base), *rest]
        return None

    def part_readings(self, part: str) -> list[tuple[tuple[str, ...], float]]:
        """Readings of one name part as hiragana pieces (one per character) with weights, best
        first."""
        per_char = [self.ranked(c) for c in part]
        if any(not rs for rs in per_char):
            return []
        out: dict[tuple[str, ...], float] = {}
        for combo in itertools.product(*per_char):
            w = 1.0
            for _r, x in combo:
                w *= x
            out[tuple(r for r, _x in combo)] = w
        # the part as a dictionary word read in on'yomi, with its sound changes (近平 きんぺい)
        if len(part) >= 2:
            for yomi in self._entries(part):
                self._add_word(out, yomi, part)
        return sorted(out.items(), key=lambda x: -x[1])

    def _add_word(self, out: dict[tuple[str, ...], float], yomi: str, chars: str) -> None:
        seg = self.segment(yomi, chars)
        if seg is None:
            return
        w = 1.0
        for c, (_surface, base) in zip(chars, seg):
            w *= self._weight(c, base)
        pieces = tuple(surface for surface, _base in seg)
        bases = tuple(base for _surface, base in seg)
        # a reading the dictionary gives for the whole word ranks above any guess, and its sound
        # changes replace the guess made of the same readings (きんぺい, not きんへい)
        if bases != pieces:
            out.pop(bases, None)
        out[pieces] = max(out.get(pieces, 0.0), 1.0 + w)

    def name_readings(self, native: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """At most `MAX_ALTERNATIVES` readings of a name, best first, as hiragana pieces of the
        family name and of the given name."""
        if not is_kanji_name(native):
            return []
        family, given = split_name(native)
        fam, giv = self.part_readings(family), self.part_readings(given)
        if not fam or not giv:
            return []
        scored: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = {}
        for (f, wf), (g, wg) in itertools.product(fam, giv):
            scored[(f, g)] = wf * wg
        # the whole name as a dictionary entry (毛沢東 もうたくとう, 王毅 おうき)
        whole: dict[tuple[str, ...], float] = {}
        for yomi in self._entries(native):
            self._add_word(whole, yomi, native)
        for pieces, w in whole.items():  # w = 1 + weight: as if both parts were dictionary words
            f, g = pieces[: len(family)], pieces[len(family) :]
            if f[-1].endswith("っ"):
                continue  # a family name is a word of its own: no gemination across the boundary
            scored[(f, g)] = max(scored.get((f, g), 0.0), 2 * w)
        ranked = sorted(scored.items(), key=lambda x: -x[1])
        best = ranked[0][1]
        return [k for k, w in ranked[:MAX_ALTERNATIVES] if w >= best * ALTERNATIVE_RATIO]

    def romanize(self, kana: str) -> str:
        """Hepburn romanisation of hiragana as pykakasi writes it ("しゅう" -> "shuu")."""
        return "".join(item["hepburn"] for item in self._kakasi.convert(kana))

    def readings(self, native: str) -> list[str]:
        """The romanised readings of a name: for each alternative, the long vowels dropped
        ("Ko Kinto") and, when different, spelt out ("Ko Kintou")."""
        out: dict[str, None] = {}
        for family, given in self.name_readings(native):
            for f, g in ((drop_long_vowels(family), drop_long_vowels(given)), ("".join(family), "".join(given))):
                text = f"{self.romanize(f).capitalize()} {self.romanize(g).capitalize()}"
                out.setdefault(text, None)
        return list(out)


def _segment2(yomi: str, first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, str] | None:
    """The readings of a two-kanji word's characters when ``yomi`` is one of ``first`` (or its
    geminated form) followed by one of ``second`` (or its voiced form); the first match."""
    for r1 in first:
        for v1 in (r1, *_geminated(r1)):
            if yomi.startswith(v1):
                rest = yomi[len(v1) :]
                for r2 in second:
                    if rest in _sound_changed(r2):
                        return r1, r2
    return None


def _geminated(reading: str) -> tuple[str, ...]:
    """A final つ/ち/く/き doubling the next consonant (がく -> がっ in 学校 がっこう)."""
    if len(reading) >= 2 and reading[-1] in "つちくき":
        return (reading[:-1] + "っ",)
    return ()


def _sound_changed(reading: str) -> set[str]:
    """A reading and its forms after a preceding sound: voiced (rendaku) and, for h-, p-."""
    out = {reading}
    if reading[0] in _VOICED:
        out.add(_VOICED[reading[0]] + reading[1:])
    if reading[0] in _SEMIVOICED:
        out.add(_SEMIVOICED[reading[0]] + reading[1:])
    return out


def drop_long_vowels(kana_pieces: tuple[str, ...] | list[str]) -> str:
    """The reading with each character's long vowel shortened (しょう -> しょ, しゅう -> しゅ):
    "Tōshō" written without its macrons is "Tosho", not "Toushou"."""
    return "".join(_LONG_VOWEL.sub("", p) for p in kana_pieces)

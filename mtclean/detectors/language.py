"""Untranslated fragments in English text (findings only; nothing is rewritten).

* ``language.non-latin-script`` (flag): a run of non-Latin script (CJK, Arabic, Hebrew, Cyrillic,
  Hangul, Thai, Devanagari, …) inside English text, with the script named.  A gloss in
  parentheses after a name ("Ahmed al-Sharaa (أحمد الشرع)") is not flagged, and a text that is
  mostly in another script is not "English text" at all, unless one of its sentences is written
  in Latin script only with four words or more (a short excerpt whose untranslated sentence
  outweighs the English one).
* ``language.non-english-sentence`` (flag): a Latin-script sentence that is not English.  A cheap
  signal runs first (the share of lower-case words that are rare in English, from `wordfreq`);
  only the sentences it singles out go to `langdetect` (seeded, loaded lazily on first need). A
  sentence mostly in another script is left to the rule above.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from ..detectors.base import Rule
from ..model import Finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..config import Config
    from ..document import Document

# (group name, script name shown to the user, character class)
_SCRIPTS: tuple[tuple[str, str, str], ...] = (
    ("cjk", "CJK", r"\p{Han}\p{Hiragana}\p{Katakana}\u30fc\u3005"),
    ("hangul", "Hangul", r"\p{Hangul}"),
    ("arabic", "Arabic", r"\p{Arabic}"),
    ("hebrew", "Hebrew", r"\p{Hebrew}"),
    ("cyrillic", "Cyrillic", r"\p{Cyrillic}"),
    ("thai", "Thai", r"\p{Thai}"),
    ("devanagari", "Devanagari", r"\p{Devanagari}"),
    ("greek", "Greek", r"\p{Greek}"),
    ("armenian", "Armenian", r"\p{Armenian}"),
    ("georgian", "Georgian", r"\p{Georgian}"),
    ("ethiopic", "Ethiopic", r"\p{Ethiopic}"),
    ("bengali", "Bengali", r"\p{Bengali}"),
    ("tamil", "Tamil", r"\p{Tamil}"),
    ("syriac", "Syriac", r"\p{Syriac}"),
)
_SEP = r"[ \u00a0\u3000\-·、，。・,.'’:]{1,3}"


def _script_re() -> regex.Pattern[str]:
    parts = []
    for group, _name, cls in _SCRIPTS:
        c = f"[{cls}\\p{{M}}]"
        parts.append(f"(?P<{group}>[{cls}]{c}{{0,400}}(?:{_SEP}[{cls}]{c}{{0,400}}){{0,60}})")
    return regex.compile("|".join(parts))


_RUN_RE = _script_re()
_NAMES = {g: n for g, n, _ in _SCRIPTS}
_LATIN_LETTER_RE = regex.compile(r"\p{Latin}")
_ANY_LETTER_RE = regex.compile(r"\p{L}")
_KANA_RE = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_HAN_RE = regex.compile(r"\p{Han}")
_LETTER_RE = regex.compile(r"\p{L}")
_LETTER_OR_MARK_RE = regex.compile(r"[\p{L}\p{M}]")
# A whole lower-case word (not the tail of a capitalised one).
_LOWER_WORD_RE = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’\-])\p{Ll}[\p{Ll}\p{M}'’]{1,30}(?![\p{L}\p{M}\p{N}])")
_OPEN_GLOSS = "(（["
_CLOSE_GLOSS = ")）]"

#: A sentence is checked with langdetect only when at least this share of its lower-case words is
#: rare in English (Zipf frequency below `RARE_ZIPF`) and it has at least `MIN_WORDS` of them.
RARE_SHARE = 0.35
RARE_ZIPF = 2.5
MIN_WORDS = 4
MIN_PROB = 0.9

_lock = threading.Lock()


@lru_cache(maxsize=16384)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


@lru_cache(maxsize=1)
def _langdetect() -> Any:
    """Import langdetect (its profiles load on the first call, about a second), seeded."""
    import langdetect
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    return langdetect


def _detect(sentence: str) -> list[tuple[str, float]]:
    ld = _langdetect()
    with _lock:
        try:
            return [(lang.lang, float(lang.prob)) for lang in ld.detect_langs(sentence)]
        except Exception:  # noqa: BLE001 - langdetect raises on featureless text
            return []


class LanguageDetector:
    name = "language"
    rules = (
        Rule(
            "language.non-latin-script",
            "language",
            "flag",
            "A run of non-Latin script inside English text (likely left untranslated); the script is named.",
            examples=(
                ("The minister said 我们不会允许 and left the room.", "我们不会允许"),
                ("Protesters chanted Слава народу outside the embassy.", "Слава народу"),
            ),
            counter_examples=(
                "Syrian President Ahmed al-Sharaa (أحمد الشرع) met the envoy.",
                "The envoy Wang Yi (王毅) arrived on Monday.",
                "双方同意继续会谈，会议于中午结束。",
            ),
        ),
        Rule(
            "language.non-english-sentence",
            "language",
            "flag",
            "A Latin-script sentence that is not English (checked with langdetect when many of its "
            "words are rare in English).",
            examples=(
                (
                    "The talks ended on Friday. El gobierno dijo que la situación sigue siendo muy grave. "
                    "Both sides left.",
                    "El gobierno dijo que la situación sigue siendo muy grave.",
                ),
            ),
            counter_examples=(
                "The talks ended on Friday. Both sides left the capital without a statement.",
                "Officials in Ouagadougou, Nouakchott and Bamako met Ahmed Ould Abdallah on Monday.",
            ),
        ),
    )

    def __init__(self, config: Config) -> None:
        self.config = config

    def find(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if doc.has_non_latin:
            latin = len(_LATIN_LETTER_RE.findall(text))
            letters = len(_ANY_LETTER_RE.findall(text))
            if letters == 0 or (latin < 0.5 * letters and not _has_english_sentence(doc)):
                return  # not English text: nothing here is an "untranslated fragment"
            yield from self._runs(text)
        yield from self._sentences(doc)

    @staticmethod
    def _runs(text: str) -> Iterator[Finding]:
        for m in _RUN_RE.finditer(text):
            group = m.lastgroup or ""
            s, e = m.span()
            while e > s and not _LETTER_OR_MARK_RE.match(text[e - 1]):
                e -= 1
            run = text[s:e]
            if len(_LETTER_RE.findall(run)) < 2:
                continue
            # Part of a Latin word (a homoglyph, "Ρutin"): not an untranslated fragment.
            if (s > 0 and _LATIN_LETTER_RE.match(text[s - 1])) or (e < len(text) and _LATIN_LETTER_RE.match(text[e])):
                continue
            if _is_gloss(text, s, e):
                continue
            name = _NAMES.get(group, group)
            if group == "cjk":
                name = "Japanese" if _KANA_RE.search(run) else "Chinese (Han)" if _HAN_RE.search(run) else "CJK"
            yield Finding(
                s,
                e,
                run,
                None,
                "language",
                "language.non-latin-script",
                0.9,
                f"untranslated {name} text in English",
            )

    @staticmethod
    def _sentences(doc: Document) -> Iterator[Finding]:
        text = doc.text
        for s, e in doc.sentences:
            if e - s > 2000:
                continue
            words = _LOWER_WORD_RE.findall(text, s, e)
            if len(words) < MIN_WORDS:
                continue
            rare = sum(1 for w in words if _zipf(w) < RARE_ZIPF)
            if rare < 3 or rare < RARE_SHARE * len(words):
                continue
            if doc.has_non_latin and len(_LATIN_LETTER_RE.findall(text, s, e)) < 0.5 * len(_ANY_LETTER_RE.findall(text, s, e)):
                continue  # another script: `language.non-latin-script` reports it already
            sentence = text[s:e]
            probs = _detect(sentence)
            if not probs:
                continue
            lang, prob = probs[0]
            if lang == "en" or prob < MIN_PROB:
                continue
            yield Finding(
                s,
                e,
                sentence,
                None,
                "language",
                "language.non-english-sentence",
                round(min(prob, 0.99), 2),
                f"sentence does not look English (detected {lang!r}, p={prob:.2f}); untranslated?",
            )


#: A sentence of at least this many Latin-script words and no other script makes a text English
#: enough for its other-script sentences to be untranslated fragments.
MIN_ENGLISH_WORDS = 4
_LATIN_WORD_RE = regex.compile(r"\p{Latin}[\p{Latin}\p{M}'’\-]*")


def _has_english_sentence(doc: Document) -> bool:
    """Whether some sentence is written in Latin script only, with `MIN_ENGLISH_WORDS` words or
    more: a short excerpt whose English sentence is outweighed by an untranslated one ("Он
    сказал, что переговоры продолжатся. The talks resumed on Monday.") is still English text;
    a Russian article quoting "Donald Trump" is not."""
    text = doc.text
    for s, e in doc.sentences:
        if e - s > 2000:
            continue
        letters = len(_ANY_LETTER_RE.findall(text, s, e))
        latin = len(_LATIN_LETTER_RE.findall(text, s, e))
        if letters and latin == letters and len(_LATIN_WORD_RE.findall(text, s, e)) >= MIN_ENGLISH_WORDS:
            return True
    return False


def _is_gloss(text: str, s: int, e: int) -> bool:
    """True when the run is the whole content of a parenthesis right after a word: "Name (…)"."""
    i = s - 1
    while i >= 0 and text[i] in " \u00a0\u3000":
        i -= 1
    if i < 0 or text[i] not in _OPEN_GLOSS:
        return False
    j = e
    while j < len(text) and text[j] in " \u00a0\u3000":
        j += 1
    if j >= len(text) or text[j] not in _CLOSE_GLOSS:
        return False
    k = i - 1
    while k >= 0 and text[k] in " \u00a0\u3000":
        k -= 1
    return k >= 0 and _LETTER_RE.match(text[k]) is not None


DETECTOR = LanguageDetector

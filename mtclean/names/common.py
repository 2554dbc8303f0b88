"""Word frequencies (from `wordfreq`): how likely a word is an ordinary English word or name.

A mangled name is almost never a frequent English token ("Makuron", "Arshara": frequency 0),
while correct text is full of them ("Levy", "Gutierrez", "Hope").  The name engine uses the Zipf
frequency as evidence: changing a frequent token needs support from the context.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

#: Zipf frequency from which a token counts as a common English word or name.
COMMON_ZIPF = 3.0
#: Zipf frequency from which a lower-case word counts as an everyday word (sentence starts, ...).
EVERYDAY_ZIPF = 3.5


_PLAIN_RE = re.compile(r"[a-z]+")
_HYPHENATED_RE = re.compile(r"[a-z]+(?:-[a-z]+)+")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", "best")


def _zipf_of(freq: float) -> float:
    """``wordfreq.zipf_frequency``'s rounding: 3 significant digits, then the Zipf value to hundredths."""
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0 when unknown).

    A folded name part (lower-case ASCII letters, possibly hyphenated), known or not, is read
    straight from wordfreq's frequency table, combined and rounded as ``zipf_frequency`` does it
    (the same value without the tokenizer, which costs ten times more: most words the engine asks
    about are new); anything else goes through ``wordfreq.zipf_frequency``.
    """
    if _PLAIN_RE.fullmatch(word) or _HYPHENATED_RE.fullmatch(word):
        # wordfreq reads one token per run of letters and combines them: 1/f = 1/f1 + 1/f2 + ...
        table = _frequencies()
        inv = 0.0
        for token in word.split("-"):
            f = table.get(token)
            if not f:
                return 0.0
            inv += 1.0 / f
        return _zipf_of(1.0 / inv)
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary English words that are also names ("hope", "jordan", "nice"), from
    ``mtclean/data/common_words.txt`` (generated with the gazetteers)."""
    from ..resources import data_path

    path = data_path("common_words.txt")
    with open(path, encoding="utf-8") as fh:
        return frozenset(w.strip() for w in fh if w.strip() and not w.startswith("#"))

"""Word frequencies (from `wordfreq`): how likely a word is an ordinary English word or name.

A mangled name is almost never a frequent English token ("Makuron", "Arshara": frequency 0),
while correct text is full of them ("Levy", "Gutierrez", "Hope").  The name engine uses the Zipf
frequency as evidence: changing a frequent token needs support from the context.
"""

from __future__ import annotations

from functools import lru_cache

#: Zipf frequency from which a token counts as a common English word or name.
COMMON_ZIPF = 3.0
#: Zipf frequency from which a lower-case word counts as an everyday word (sentence starts, ...).
EVERYDAY_ZIPF = 3.5


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0 when unknown)."""
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

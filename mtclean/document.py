"""The document every detector reads: the text plus tokens, sentences and lines, computed once.

Detectors never re-tokenise; they read these (lazily computed, cached) views.  Offsets are always
offsets into ``Document.text``, the original text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

import regex

# A word: letters, marks and digits, with internal apostrophes, hyphens or periods-free joins
# ("al-Shaibani", "Sa'ar", "Iran’s", "Ben-Gvir").  Possessive endings stay inside the token;
# detectors that care strip them.
WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]++(?:['’`\-‐][\p{L}\p{M}\p{N}]++)*+")
# WORD_RE as one capturing group: `split` returns the tokens between the gaps.
_WORD_SPLIT_RE = regex.compile(f"({WORD_RE.pattern})")
# Sentence ends: . ! ? (and ideographic/full-width ones) followed by space or a closing quote, or a
# line break.  Abbreviations such as "Mr." split too; detectors treat sentence starts as a weak cue.
_SENT_END_RE = regex.compile(
    r"(?<![.!?。！？])[.!?。！？]++[\"'”’»)\]]*+(?=\s|$)"
    # a sentence end with the space missing ("week.With"), as machine translation leaves it
    r"|(?<=\p{Ll}\p{Ll})[.!?](?=\p{Lu}\p{Ll})"
    r"|\n+"
)
_LINE_BREAK_RE = regex.compile(r"\r\n|\n|\r")
# Characters that can be none of the scripts of `_NON_LATIN_RE` (Latin, Latin-1, IPA, spacing
# modifiers, combining marks, general punctuation): a text made only of them has no non-Latin
# letter, and a search of `_NON_LATIN_RE` may start at the first character outside them.
_MAYBE_NON_LATIN_RE = regex.compile(r"[^\x00-\u036f\u2000-\u206f]")
_NON_LATIN_RE = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Arabic}\p{Hebrew}\p{Cyrillic}\p{Thai}"
    r"\p{Devanagari}\p{Greek}\p{Armenian}\p{Georgian}\p{Ethiopic}\p{Bengali}\p{Tamil}\p{Syriac}]"
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


class Document:
    """The text to clean with its tokens, sentences and lines (computed once, on first use)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __len__(self) -> int:
        return len(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        """Word tokens in order (punctuation and spaces are not tokens)."""
        # The text split at the tokens (gap, token, gap, ..., token, gap); the running sum of the
        # piece lengths gives every offset, without a match object per token.
        pieces = _WORD_SPLIT_RE.split(self.text)
        bounds = list(accumulate(map(len, pieces)))
        return list(map(Token, bounds[0::2], bounds[1::2], pieces[1::2]))

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def token_texts(self) -> list[str]:
        """The text of every token, in order (``[t.text for t in tokens]``)."""
        return [t.text for t in self.tokens]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans (start, end), whitespace-trimmed, in order."""
        spans: list[tuple[int, int]] = []
        pos = 0
        text = self.text
        for m in _SENT_END_RE.finditer(text):
            end = m.end() if m.group()[0] != "\n" else m.start()
            self._add_trimmed(spans, text, pos, end)
            pos = m.end()
        self._add_trimmed(spans, text, pos, len(text))
        return spans

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        """Offsets of the first word token of each sentence."""
        starts: set[int] = set()
        toks = self.token_starts
        for s, _e in self.sentences:
            i = bisect_left(toks, s)
            if i < len(toks):
                starts.add(toks[i])
        return frozenset(starts)

    @cached_property
    def _sentence_start_list(self) -> list[int]:
        return [s for s, _ in self.sentences]

    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        """Line spans (start, end) without the line break."""
        spans: list[tuple[int, int]] = []
        pos = 0
        for m in _LINE_BREAK_RE.finditer(self.text):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(self.text)))
        return spans

    @cached_property
    def has_non_latin(self) -> bool:
        """True when the text contains letters of a non-Latin script (a cheap signal)."""
        first = _MAYBE_NON_LATIN_RE.search(self.text)
        return first is not None and _NON_LATIN_RE.search(self.text, first.start()) is not None

    def tokens_between(self, start: int, end: int) -> list[Token]:
        i = bisect_left(self.token_starts, start)
        out = []
        toks = self.tokens
        while i < len(toks) and toks[i].end <= end:
            out.append(toks[i])
            i += 1
        return out

    @staticmethod
    def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence span containing ``pos`` (or the nearest one before it)."""
        i = max(0, bisect_right(self._sentence_start_list, pos) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

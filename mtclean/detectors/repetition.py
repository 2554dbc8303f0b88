"""Repetition artifacts: doubled words, repeated sentences, same-stem redundancy.

* ``artifact.doubled-word`` (fix): "the the", "to to", "and and", "it it" — one copy and its space are
  removed.  Only function words and subject pronouns are touched, and only when the doubling cannot be grammatical:
  "had had" always stays, "that that" only goes when a determiner or a pronoun follows ("said that
  that the" but not "said that that decision"), "is is" stays in "what it is is".  Capitalised
  reduplications (Bora Bora, Walla Walla, Sirhan Sirhan) stay unless they are function words at a
  sentence start ("The the").  Particles that may end a phrasal verb ("on on", "in in") are only
  reported.
* ``artifact.repeated-sentence`` (fix): a sentence immediately repeated is removed.
* ``artifact.same-stem`` (flag): adjacent words of one stem ("continued continuity", "repeated
  repetition"), reported with a suggestion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..detectors.base import Rule
from ..model import Finding, Fix

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ..config import Config
    from ..document import Document, Token

# Doubled, these are never grammatical in edited prose.
_ALWAYS = {
    "the": 0.95,
    "a": 0.93,
    "an": 0.95,
    "of": 0.95,
    "to": 0.93,
    "and": 0.95,
    "or": 0.93,
    "for": 0.93,
    "with": 0.95,
    "at": 0.93,
    "from": 0.95,
    "but": 0.92,
    "than": 0.95,
    "as": 0.9,
    "into": 0.95,
    "their": 0.93,
    "its": 0.93,
    "our": 0.93,
    "was": 0.88,
    "were": 0.88,
    "are": 0.88,
    "would": 0.9,
    "has": 0.88,
    "have": 0.85,
    "this": 0.88,
    "these": 0.9,
    "those": 0.88,
    "which": 0.92,
    "who": 0.85,
    "not": 0.9,
    "also": 0.92,
    "said": 0.88,
    "between": 0.95,
    "against": 0.95,
    "during": 0.95,
    "about": 0.88,
    # Subject pronouns: "it it", "they they" never read right; "you you" ("told you you were")
    # and "her her" ("gave her her book") can, and are not here.
    "it": 0.88,
    "he": 0.9,
    "she": 0.9,
    "they": 0.9,
    "we": 0.88,
}
# Doubled, these are often grammatical ("went on on Monday", "gave in in 2019"): reported only.
_PARTICLES = frozenset({"in", "on", "up", "out", "off", "by", "over", "down", "around", "through", "back"})
# A determiner or pronoun after "that that" shows the doubling is an error.
_AFTER_THAT = frozenset(
    "the a an this these those his her their its our my your he she they we it i you there no some any".split()
)
_VERBS = frozenset({"is", "was", "are", "were", "has", "have"})
_RELATIVE = frozenset({"who", "whoever", "whatever", "which", "that"})
_AT_PHRASES = frozenset({"least", "most", "all", "once", "first", "last", "times", "home", "risk", "large", "stake"})
_CLEFT = frozenset({"what", "all", "thing", "problem", "point", "issue", "question", "truth", "fact", "reason"})
_GAP_RE = regex.compile(r"[ \t\u00a0]{1,4}")
_WORDS_RE = regex.compile(r"[\p{L}\p{N}]+")
# Same-stem pairs: a participle (or -ive adjective) before a noun of the same stem.
_ADJ_END = ("ed", "ing", "ive")
_NOUN_END = ("ity", "ion", "ment", "ness", "ance", "ence", "ure", "ism", "ation", "ition")


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


class RepetitionDetector:
    name = "repetition"
    rules = (
        Rule(
            "artifact.doubled-word",
            "artifact",
            "fix",
            "A function word or subject pronoun written twice in a row ('the the', 'to to', 'it it') "
            "loses one copy, unless the "
            "doubling is grammatical ('had had', 'that that decision', 'what it is is').",
            examples=(
                ("Officials said the the talks would resume.", "Officials said the talks would resume."),
                ("They want to to leave the city.", "They want to leave the city."),
                ("The the ministry said so.", "The ministry said so."),
                ("He said that that the plan had failed.", "He said that the plan had failed."),
                ("The plan is is failing.", "The plan is failing."),
                ("The army said it it had detected two launches.", "The army said it had detected two launches."),
            ),
            counter_examples=(
                "She had had enough of the delays.",
                "He said that that decision was wrong.",
                "What it is is a disaster.",
                "They flew to Bora Bora and then to Walla Walla.",
                "Sirhan Sirhan was convicted in 1969.",
                "The count went 10 10 in the final set.",
                "Those who have have a duty to help.",
                "He was looking at at least ten years.",
                "The will will be read on Monday.",
                "I told you you were wrong.",
                "She gave her her passport back.",
                "The plan\nthe plan was approved.",
            ),
        ),
        Rule(
            "artifact.repeated-sentence",
            "artifact",
            "fix",
            "A sentence immediately repeated word for word is removed.",
            examples=(
                (
                    "The talks ended on Friday. The talks ended on Friday. Both sides left.",
                    "The talks ended on Friday. Both sides left.",
                ),
            ),
            counter_examples=(
                "Yes. Yes. He agreed.",
                "The talks ended on Friday. The talks resumed on Monday.",
            ),
        ),
        Rule(
            "artifact.same-stem",
            "artifact",
            "flag",
            "Two adjacent words of the same stem ('continued continuity', 'repeated repetition') are "
            "reported as a likely redundant translation.",
            examples=(
                ("They sought to prevent the continued continuity of the attacks.", "continued continuity"),
                ("The repeated repetition of claims tired the audience.", "repeated repetition"),
            ),
            counter_examples=(
                "Several severe storms hit the coast.",
                "The United States statement was brief.",
                "The general generation of power rose.",
            ),
        ),
    )

    def __init__(self, config: Config) -> None:
        self.config = config

    def find(self, doc: Document) -> Iterator[Fix | Finding]:
        yield from self._doubled(doc)
        yield from self._sentences(doc)

    def _doubled(self, doc: Document) -> Iterator[Fix | Finding]:
        texts = doc.token_texts
        n = len(texts)
        if n < 2:
            return
        # Case-folded in one pass (folding maps character by character, so folding the joined
        # texts folds each one; no folded character is a line break).
        folds = "\n".join(texts).casefold().split("\n")
        # Only two kinds of adjacent pairs can yield anything: equal folds (a doubled word) and a
        # participle or -ive word before a noun ending (same stem); every other pair is skipped.
        pairs = [i for i in range(n - 1) if folds[i] == folds[i + 1]]
        pairs += [i for i in range(n - 1) if texts[i].endswith(_ADJ_END) and texts[i + 1].endswith(_NOUN_END)]
        pairs.sort()
        yield from self._pairs(doc, pairs, folds)

    def _pairs(self, doc: Document, pairs: Iterable[int], folds: list[str]) -> Iterator[Fix | Finding]:
        """Doubled words and same-stem pairs among the adjacent tokens (i, i + 1) for i in ``pairs``
        (ascending; an index listed twice is looked at once)."""
        text = doc.text
        toks = doc.tokens
        starts = doc.sentence_starts
        n = len(toks)
        resume = 0
        for i in pairs:
            if i < resume:
                continue
            resume = i + 1
            a, b = toks[i], toks[i + 1]
            if _GAP_RE.fullmatch(text, a.end, b.start) is None:
                continue
            if folds[i] == folds[i + 1]:
                # A run of copies ("the the the") goes in one fix, so the result is stable.
                j = i + 1
                while (
                    j + 1 < n and toks[j + 1].text == b.text and _GAP_RE.fullmatch(text, toks[j].end, toks[j + 1].start)
                ):
                    j += 1
                fix = self._doubled_fix(doc, toks, i, j, starts)
                if fix is not None:
                    yield fix
                resume = j
                continue
            if a.text.islower() and b.text.islower():
                f = self._same_stem(text, a, b)
                if f is not None:
                    yield f

    def _doubled_fix(self, doc: Document, toks: list[Token], i: int, j: int, starts: frozenset[int]) -> Fix | None:
        text = doc.text
        a, b = toks[i], toks[j]
        word = a.text.casefold()
        if not b.text.islower():
            return None  # "Bora Bora", "Sirhan Sirhan", "THE THE": names and headlines stay
        if not a.text.islower() and a.start not in starts:
            return None
        if a.text != b.text and not (a.text[:1].isupper() and a.text[1:] == b.text[1:]):
            return None
        nxt = toks[j + 1].text.casefold() if j + 1 < len(toks) else ""
        conf: float | None = _ALWAYS.get(word)
        if word == "that":
            conf = 0.88 if nxt in _AFTER_THAT else None
        elif word in _VERBS:
            # "What it is is …", "Those who have have …", "Whoever has has to …": grammatical.
            window = {t.text.casefold() for t in toks[max(0, i - 4) : i]}
            conf = None if window & (_CLEFT | _RELATIVE) else _ALWAYS.get(word, 0.85)
        elif word == "at" and nxt in _AT_PHRASES:
            conf = None  # "looking at at least ten years"
        elif word in _PARTICLES:
            conf = 0.6
        if conf is None:
            return None
        reason = f"doubled word {a.text!r}"
        return Fix(a.start, b.end, text[a.start : b.end], a.text, "artifact", "artifact.doubled-word", conf, reason)

    @staticmethod
    def _same_stem(text: str, a: Token, b: Token) -> Finding | None:
        wa, wb = a.text, b.text
        if len(wa) < 5 or len(wb) < 6 or not wa.isalpha() or not wb.isalpha():
            return None
        if not wa.endswith(_ADJ_END) or not wb.endswith(_NOUN_END):
            return None
        n = _common_prefix(wa, wb)
        if n < 4 or n < 0.5 * min(len(wa), len(wb)):
            return None
        return Finding(
            a.start,
            b.end,
            text[a.start : b.end],
            wb,
            "artifact",
            "artifact.same-stem",
            0.6,
            f"{wa!r} and {wb!r} repeat one stem (likely a redundant translation)",
        )

    @staticmethod
    def _sentences(doc: Document) -> Iterator[Fix]:
        text = doc.text
        sents = doc.sentences
        k = 0
        while k < len(sents) - 1:
            s1, e1 = sents[k]
            j = k
            while j + 1 < len(sents) and text[sents[j + 1][0] : sents[j + 1][1]] == text[s1:e1]:
                j += 1
            if j > k and len(_WORDS_RE.findall(text, s1, e1)) >= 4:
                e2 = sents[j][1]
                yield Fix(
                    e1,
                    e2,
                    text[e1:e2],
                    "",
                    "artifact",
                    "artifact.repeated-sentence",
                    0.9,
                    "sentence repeated immediately",
                )
            k = j + 1


DETECTOR = RepetitionDetector

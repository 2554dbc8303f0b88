"""Bracketed insertions left by machine translation: "[Syrian] Israeli Prime Minister".

* ``artifact.bracket-insertion`` (fix): a bracketed word or two in running prose right before a
  modifier it duplicates ("[Syrian] Syrian") or contradicts (a nationality adjective before another
  one: "[Syrian] Israeli") is removed with the space after it.
* ``artifact.bracket-aside`` (flag): any other bracketed aside in running prose.

Legitimate brackets stay: editorial insertions inside quotations ("We will not allow [Syrian]
forces"), brackets inside a word ("aim[ing]"), references ("[1]", "[citation needed]", "[sic]"),
placeholders ("[name]", "[ad_1]"), links ("[text](url)").  Quotations come from the quotes
detector's analysis; an unclosed quotation reaches only to the end of its sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

import regex

from ..detectors.base import Rule
from ..model import Finding, Fix
from .quotes import quote_regions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..config import Config
    from ..document import Document

# Square brackets, full-width ones and the CJK lenticular brackets (the unicode detector turns
# those into square brackets, so both passes must see the same insertion).
_BRACKET_RE = regex.compile(r"[\[［【]([^\[\]［］【】\n]{1,80})[\]］】]")
_REFERENCE_RE = regex.compile(
    r"(?i)\d{1,4}(?:[,–-]\d{1,4}){0,5}|[a-z]|note\s?\d{0,3}|citation needed|clarification needed|"
    r"sic!?|\.\.\.|…|edit|update[d]?|source|who\?|when\?|by whom\?|dead link|verification needed"
)
# Words that make a bracket a placeholder or an annotation rather than an MT insertion.
_NATIONALITIES = frozenset(
    """
    Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian Australian
    Austrian Azerbaijani Azeri Bahraini Bangladeshi Belarusian Belgian Beninese Bolivian Bosnian
    Brazilian British Bulgarian Burkinabe Burmese Burundian Cambodian Cameroonian Canadian Chadian
    Chilean Chinese Colombian Congolese Croatian Cuban Cypriot Czech Danish Djiboutian Dominican
    Dutch Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian  Fijian Filipino
    Finnish French Gabonese Gambian Georgian German Ghanaian Greek Guatemalan Guinean Haitian
    Honduran Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Ivorian
    Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar  Kuwaiti Kyrgyz Lao Laotian
    Latvian Lebanese Liberian Libyan Lithuanian Luxembourgish Macedonian Malagasy Malawian Malaysian
    Malian Maltese Mauritanian Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian
    Nepali Nepalese Nicaraguan Nigerian Nigerien Norwegian Omani Pakistani Palestinian Panamanian
    Paraguayan  Peruvian Polish Portuguese Qatari Romanian Russian Rwandan Salvadoran Saudi
    Scottish Senegalese Serbian Sierra Singaporean Slovak Slovenian Somali Somalian Spanish Sudanese
    Swedish Swiss Syrian Taiwanese Tajik Tanzanian Thai  Togolese Tunisian Turkish Turkmen
    Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean
    """.split()
)
_PLACEHOLDERS = frozenset(
    "name first name last name full name date time place city country title email e-mail address "
    "company organisation organization number phone link url photo image video caption headline "
    "author location year month day".split(" ")
) | frozenset({"first name", "last name", "full name"})
# A word that can start an insertion: a capitalised word (nationality, name) or a lower-case one.
_WORD_RE = regex.compile(r"[\p{L}][\p{L}\p{M}'’\-]{0,30}")
_PREV_WORD_RE = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]{1,30}$")


def _merge_regions(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of (possibly nested or overlapping) regions as sorted, disjoint spans."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(regions):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _in_regions(regions: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """True when ``pos`` lies inside one of the sorted, disjoint ``regions``."""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and regions[i][0] <= pos < regions[i][1]


class BracketDetector:
    name = "brackets"
    rules = (
        Rule(
            "artifact.bracket-insertion",
            "artifact",
            "fix",
            "A bracketed word or two right before a modifier it duplicates or contradicts (an MT "
            "insertion) is removed with the space after it.",
            examples=(
                ("[Syrian] Israeli Prime Minister spoke.", "Israeli Prime Minister spoke."),
                (
                    "The talks, said [French] German officials, went well.",
                    "The talks, said German officials, went well.",
                ),
                ("“We are ready,” [Iranian] Iranian officials said.", "“We are ready,” Iranian officials said."),
                ("[Egyptian] Israeli Defence Minister spoke.", "Israeli Defence Minister spoke."),
                ("The Israeli [Syrian] Prime Minister spoke.", "The Israeli Prime Minister spoke."),
            ),
            counter_examples=(
                "“We will not allow [Syrian] forces to deploy,” he said.",
                "The ministry said it would aim[ing] to finish by May.",
                "The figure was disputed.[1] Officials denied it.",
                "Dear [name], thank you for writing.",
                "He described a “reprehensible attack [that] reflects contempt for the law.”",
                "“They [Israeli] forces must stop,” he said.",
            ),
        ),
        Rule(
            "artifact.bracket-aside",
            "artifact",
            "flag",
            "A bracketed aside in running prose (outside quotations, not a reference or placeholder) "
            "is flagged for review.",
            examples=(("The [northern] province was calm on Friday.", "[northern]"),),
            counter_examples=(
                "“The [northern] province is calm,” he said.",
                "See the report [citation needed] for details.",
                "Fill in [date] and [place].",
            ),
        ),
    )

    def __init__(self, config: Config) -> None:
        demonyms = set(_NATIONALITIES)
        # Nationalities only (demonyms of places): a religious or ethnic group adjective combines
        # with a nationality ("Syrian Druze", "Iraqi Kurdish") and contradicts nothing.
        for e in config.gazetteer:
            if e.type != "LOC":
                continue
            for form in e.demonyms:
                if form and " " not in form and form[:1].isupper():
                    demonyms.add(form)
        self._demonyms = frozenset(demonyms)

    def find(self, doc: Document) -> Iterator[Fix | Finding]:
        text = doc.text
        if not any(c in text for c in "[［【"):
            return
        regions: list[tuple[int, int]] | None = None
        starts: list[int] = []
        for m in _BRACKET_RE.finditer(text):
            s, e = m.span()
            inner = m.group(1).strip()
            if not inner or _REFERENCE_RE.fullmatch(inner):
                continue
            before = text[s - 1] if s > 0 else " "
            after = text[e] if e < len(text) else " "
            # Inside a word ("aim[ing]", "[s]he") or a link "[text](url)": editorial, keep.
            if before.isalnum() or after.isalnum() or after == "(" or before in "[(/\\@#":
                continue
            words = inner.split()
            if len(words) > 12:
                continue
            # Placeholders: [name], [ad_1], [DATE], {0}-like content.
            if any(ch in inner for ch in "_{}<>=/\\|@#$%") or (inner.isupper() and len(inner) > 1):
                continue
            if regions is None:
                regions = _merge_regions(quote_regions(doc))
                starts = [r[0] for r in regions]
            if _in_regions(regions, starts, s):
                continue
            fix = self._insertion(text, s, e, words)
            if fix is not None:
                yield fix
                continue
            if inner.casefold() in _PLACEHOLDERS or (inner.islower() and self._placeholder(text, s)):
                continue
            yield Finding(
                s,
                e,
                text[s:e],
                None,
                "artifact",
                "artifact.bracket-aside",
                0.6,
                "bracketed aside in running prose (possibly an MT insertion)",
            )

    @staticmethod
    def _placeholder(text: str, s: int) -> bool:
        """A lower-case one-word bracket next to another bracket or at a form field: a template slot."""
        window = text[max(0, s - 40) : s + 80]
        return window.count("[") >= 2

    def _insertion(self, text: str, s: int, e: int, words: list[str]) -> Fix | None:
        if len(words) > 2 or not all(w[:1].isupper() and _WORD_RE.fullmatch(w) for w in words):
            return None
        if len(words) == 1 and words[0] in self._demonyms and s >= 2 and text[s - 1] == " ":
            # "Israeli [Syrian] Prime Minister": the nationality before it contradicts it.
            # Skip brackets right before this one ("Israeli [Syrian] [Syrian]"): they are
            # insertions of their own, and the word before them is the nationality.
            k = s - 1
            while k > 1 and text[k - 1] == "]":
                o = text.rfind("[", max(0, k - 60), k - 1)
                if o < 2 or text[o - 1] != " ":
                    break
                k = o - 1
            prev = _PREV_WORD_RE.search(text, max(0, k - 40), k)
            if prev is not None and prev.group() in self._demonyms:
                # The space before the bracket goes with it; so does the one after it when what
                # follows binds to the word before ("Israeli [Syrian] ’s" is "Israeli’s", in one pass).
                end = e + 1 if text[e : e + 1] == " " and _BINDS_BACK_RE.match(text, e + 1) else e
                return _removal(
                    text, s - 1, end, 0.85, f"bracketed insertion {words[0]!r} next to the nationality {prev.group()!r} before it"
                )
        if e >= len(text) or text[e] != " ":
            return None
        # Brackets right after this one ("[Syrian] [Syrian] Israeli") are insertions of their own:
        # the word after them is the one this bracket stands before.
        k = e
        while k + 1 < len(text) and text[k] == " " and text[k + 1] == "[":
            c = text.find("]", k + 1, k + 62)
            if c < 0:
                break
            k = c + 1
        nxt = _WORD_RE.match(text, e + 1)
        after = _WORD_RE.match(text, k + 1) if k < len(text) and text[k] == " " else None
        if nxt is None and after is None:
            return None
        following = after.group() if after is not None else ""
        inner = " ".join(words)
        next_words = text[e + 1 : e + 1 + len(inner)]
        if nxt is not None and next_words.casefold() == inner.casefold():
            return _removal(text, s, e + 1, 0.9, f"bracketed insertion {inner!r} duplicates the word after it")
        if words[-1] in self._demonyms and following in self._demonyms:
            return _removal(
                text, s, e + 1, 0.88, f"bracketed insertion {inner!r} contradicts the nationality {following!r} after it"
            )
        return None


#: What binds to the word before it: a possessive, or punctuation ending a clause.
_BINDS_BACK_RE = regex.compile(r"[’']s(?![\p{L}\p{N}])|[,;:!?.](?:\s|$)")


def _removal(text: str, start: int, end: int, confidence: float, reason: str) -> Fix:
    """A bracket-insertion fix removing text[start:end]."""
    return Fix(start, end, text[start:end], "", "artifact", "artifact.bracket-insertion", confidence, reason)


DETECTOR = BracketDetector

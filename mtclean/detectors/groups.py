"""Group names (`group`): wrong plurals of ethnic, religious and national groups.

The detector reads the ``GRP`` entries of the configured gazetteer (``singular``, ``plural`` and
``adjective`` columns, see ``gazetteers/curated/groups.tsv``) and derives the wrong forms by rule
instead of listing them:

* ``group.invariant-plural``: a group whose accepted plural is the singular itself (Druze,
  Rohingya, Chinese, Swiss) gets no "-s"/"-es" plural: "Druzes" -> "Druze".
* ``group.variant-plural``: a variant singular whose regular plural English news does not use is
  rewritten to the group's accepted plural: "Alawis" -> "Alawites".

Safety (a wrong fix is worse than a missed one):

* a derived form is dropped when it is an accepted form of *any* gazetteer entry (people, places,
  organisations, groups), when it is a common English word or name (``wordfreq``), when two groups
  derive it with different replacements, or when its group is flagged ``protect_only``;
* only capitalised, not all-capital words are fixed, never a possessive ("Druzes'"), never a word
  next to a capitalised word that looks like a name ("Ahmed Alawis", "Dr Alawis"), never inside a
  hyphenated compound (the tokeniser keeps those whole).

Until the build script merges ``gazetteers/curated/groups.tsv`` into the embedded
``gazetteers/groups.tsv``, a configuration without any ``GRP`` entry falls back to the curated file
when the embedded groups file has no rows either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, count
from typing import TYPE_CHECKING

from ..gazetteer.model import Entry, Gazetteer
from ..model import Fix, Mention
from .base import Proposal, Rule

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document, Token

INVARIANT = "group.invariant-plural"
VARIANT = "group.variant-plural"

#: Confidence of each derived fix (the group threshold is 0.80).
CONFIDENCE = {INVARIANT: 0.9, VARIANT: 0.85}

#: Derived forms at least this frequent in English (Zipf scale) are common words or names: skipped.
COMMON_ZIPF = 2.5

#: Titles and honorifics: a word right after one of them is a name, not a group.
_TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir lady lord sheikh shaikh imam rabbi father sister brother "
    "president minister general colonel captain judge justice senator governor mayor king queen prince "
    "princess emir sultan ayatollah mullah".split()
)

_APOSTROPHES = "'’ʼ"

#: Capitalised neighbours that are not names (sentence-initial or title-case function words).
_FUNCTION_WORDS = frozenset(
    "the a an and or but nor of in on at by for with from to into onto among amongst between about against "
    "after before during without within across over under as than that this these those some many most "
    "few fewer more several all both each every other such no two three four five six seven eight nine ten "
    "hundreds thousands dozens millions their his her its our your my when while where if although because "
    "since though also even only not so yet then there here how why what which who whom whose young elderly "
    "armed local displaced fellow".split()
)


@dataclass(frozen=True, slots=True)
class _Wrong:
    replacement: str
    rule: str
    entity: str
    canonical: str
    reason: str


def _regular_plurals(word: str) -> list[str]:
    """The regular English plural(s) of ``word`` ("Druze" -> "Druzes", "Baloch" -> both)."""
    low = word.lower()
    if low.endswith(("s", "x", "z", "sh")):
        return [word + "es"]
    if low.endswith("ch"):
        return [word + "s", word + "es"]
    return [word + "s"]


def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a runtime dependency
        return 0.0
    return float(zipf_frequency(word.lower(), "en"))


def _fallback_groups() -> list[Entry]:
    """The curated groups file, when the embedded groups gazetteer has not been built from it yet."""
    from ..gazetteer.formats import load_gazetteer
    from ..resources import gazetteer_dir

    d = gazetteer_dir()
    built = d / "groups.tsv"
    try:
        if built.is_file() and any(e.type == "GRP" for e in load_gazetteer(built)):
            return []
        curated = d / "curated" / "groups.tsv"
        if curated.is_file():
            return [e for e in load_gazetteer(curated) if e.type == "GRP"]
    except (OSError, ValueError):
        return []
    return []


def _accepted_forms(gaz: Iterable[Entry]) -> set[str]:
    """Every accepted surface form of every entry, whole and word by word."""
    out: set[str] = set()
    for e in gaz:
        for form in e.accepted:
            out.add(form)
            if " " in form:
                out.update(form.split())
    return out


def build_wrong_forms(gazetteer: Gazetteer | Iterable[Entry]) -> dict[str, _Wrong]:
    """Map each derived wrong group form to its repair (exposed for tests and documentation)."""
    entries = list(gazetteer)
    groups = [e for e in entries if e.type == "GRP"]
    if not groups:
        groups = _fallback_groups()
        entries = entries + groups
    accepted = _accepted_forms(entries)
    found: dict[str, list[_Wrong]] = {}
    for e in groups:
        if e.has("protect_only") or not e.plural:
            continue
        singulars = e.singular or (e.canonical,)
        for s in singulars:
            if " " in s:
                continue
            invariant = s in e.plural
            replacement = s if invariant else e.plural[0]
            rule = INVARIANT if invariant else VARIANT
            for wrong in _regular_plurals(s):
                if wrong in accepted or wrong == replacement:
                    continue
                if invariant:
                    reason = f"'{s}' has an invariant plural in English news: '{wrong}' -> '{replacement}'"
                else:
                    reason = (
                        f"'{wrong}' is not used as the plural of '{s}' in English news; the plural is '{replacement}'"
                    )
                found.setdefault(wrong, []).append(_Wrong(replacement, rule, e.id, e.canonical, reason))
    out: dict[str, _Wrong] = {}
    for wrong, cands in found.items():
        if len({c.replacement for c in cands}) != 1:
            continue  # two groups disagree: abstain
        if _zipf(wrong) >= COMMON_ZIPF:
            continue  # a common word or name ("Hans", "Furs")
        out[wrong] = cands[0]
    return out


class GroupDetector:
    """Wrong plural forms of group names, derived from the gazetteer's GRP entries."""

    name = "groups"
    rules = (
        Rule(
            INVARIANT,
            "group",
            "fix",
            "An '-s' plural of a group whose English plural is invariant ('Druzes' -> 'Druze', "
            "'Rohingyas' -> 'Rohingya').",
            examples=(
                ("Many Druzes serve in the Israeli army.", "Many Druze serve in the Israeli army."),
                ("Thousands of Rohingyas fled to Bangladesh.", "Thousands of Rohingya fled to Bangladesh."),
                ("Two Chineses were detained at the border.", "Two Chinese were detained at the border."),
            ),
            counter_examples=(
                "The Druze community held a vigil in Sweida.",
                "Hans Blix led the inspections.",
                "The Druzes' leaders met on Monday.",
                "Rohingya refugees in Cox's Bazar face cuts.",
            ),
        ),
        Rule(
            VARIANT,
            "group",
            "fix",
            "The plural of a variant singular that English news does not pluralise that way ('Alawis' -> 'Alawites').",
            examples=(
                (
                    "Alawis make up about a tenth of Syria's population.",
                    "Alawites make up about a tenth of Syria's population.",
                ),
                ("Attacks on Alawis rose in March.", "Attacks on Alawites rose in March."),
            ),
            counter_examples=(
                "The Alawite heartland lies along the coast.",
                "Alawites and Druze attended the talks.",
                "The ministry named Ahmed Alawis as its envoy.",
            ),
        ),
    )

    def __init__(self, config: Config) -> None:
        self._wrong = build_wrong_forms(config.gazetteer)
        self._accepted_group_words = {
            w for e in config.gazetteer if e.type in ("GRP", "LOC") for f in e.accepted for w in f.split()
        }

    def find(self, doc: Document) -> Iterator[Proposal]:
        wrong = self._wrong
        if not wrong:
            return
        tokens = doc.tokens
        text = doc.text
        # Only tokens spelled as a wrong form are looked at (selected without Python code per token).
        for i in compress(count(), map(wrong.__contains__, doc.token_texts)):
            tok = tokens[i]
            w = wrong[tok.text]
            if not self._plausible(doc, text, tokens, i):
                continue
            yield Fix(
                tok.start,
                tok.end,
                tok.text,
                w.replacement,
                "group",
                w.rule,
                CONFIDENCE[w.rule],
                w.reason,
                w.entity,
            )
            yield Mention(tok.start, tok.end, tok.text, w.entity, "GRP", w.canonical)

    def _plausible(self, doc: Document, text: str, tokens: list[Token], i: int) -> bool:
        tok = tokens[i]
        word = tok.text
        if not word[:1].isupper() or word.isupper():
            return False
        # Possessive or hyphen/apostrophe glued on either side: leave it.
        if tok.end < len(text) and text[tok.end] in _APOSTROPHES + "-‐":
            return False
        if tok.start > 0 and text[tok.start - 1] in _APOSTROPHES + "-‐":
            return False
        if i > 0:
            prev = tokens[i - 1]
            gap = text[prev.end : tok.start]
            if gap.strip() in ("", "."):
                if prev.text.lower().rstrip(".") in _TITLES:
                    return False
                if self._looks_like_name(doc, prev):
                    return False
        if i + 1 < len(tokens):
            nxt = tokens[i + 1]
            gap = text[tok.end : nxt.start]
            if gap.strip() == "" and self._looks_like_name(doc, nxt, after=True):
                return False
        return True

    def _looks_like_name(self, doc: Document, tok: Token, after: bool = False) -> bool:
        """A capitalised neighbour that is neither a known group/place word nor a function word.

        Deliberately independent of sentence boundaries, which other rules' fixes may move
        ("week.With" -> "week. With"): the decision must be the same before and after them.
        """
        t = tok.text
        if t[-2:] in ("'s", "’s"):
            t = t[:-2]
        if not t[:1].isupper():
            return False
        if t in self._accepted_group_words or t in self._wrong:
            return False
        return t.lower() not in _FUNCTION_WORDS


DETECTOR = GroupDetector

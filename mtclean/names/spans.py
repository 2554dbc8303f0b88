"""Candidate name spans in running text.

A *run* is a sequence of name-like tokens (capitalised words, all-caps words, and particles such
as "al", "bin", "von" between them) separated by single spaces on one line.  Leading title words
("Israeli Foreign Minister", "President", "Sheikh") are split off as context; a fused title such as
"Sheikhmat" (Sheikh + the end of a given name) is recorded as such; a possessive ending stays out
of the span.  Sentence-initial everyday words ("The", "On") do not start a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..document import Document, Token
from .common import EVERYDAY_ZIPF, zipf
from .keys import PARTICLES, fold

#: Words that are titles or roles: context, never part of a name.
TITLE_WORDS = frozenset(
    """president prime minister ministers foreign defence defense interior finance foreign-minister
    secretary secretary-general general gen gen. lt lt. col col. colonel major commander admiral
    marshal chancellor king queen prince princess crown emir emirs sheikh sheik shaikh shaykh
    ayatollah grand imam mullah pope patriarch cardinal archbishop bishop rabbi mufti mr mr. mrs
    mrs. ms ms. dr dr. sir lord lady speaker senator sen sen. rep rep. governor mayor chairman
    chairwoman chair director spokesman spokeswoman spokesperson leader chief envoy ambassador
    judge justice prosecutor deputy vice acting former interim transitional supreme national
    security affairs state minister-president premier sultan caliph emeritus president-elect
    ex counterpart head military army navy air force forces commander-in-chief
    staff chief-of-staff seyyed sayyid sayed seyed syed hojatoleslam hojjatoleslam haji hajji maulana mawlana allama
    commissioner executive cleric chairperson adviser advisor co-leader assistant lieutenant special senior
    representative congressman congresswoman lawmaker attorney
    coordinator founder co-founder member mp mep commissioner-general under-secretary undersecretary
    under-secretary-general vice-president vice-chairman rapporteur negotiator mediator professor prof
    prof. captain capt capt. brigadier brigadier-general sergeant sgt sgt. gov gov. reverend rev rev. pastor
    """.split()
)
#: Abbreviated titles that are also name words ("Hun Sen"): titles only when written with their
#: period ("Sen. Chuck Schumer", "Rep. Ilhan Omar").
ABBREVIATED_TITLES = frozenset({"sen", "rep"})


def is_title_token(doc: Document, tok: Token) -> bool:
    """Whether a token is a title word (an abbreviated one only with its period after it)."""
    w = fold(tok.text)
    if w not in TITLE_WORDS:
        return False
    return w not in ABBREVIATED_TITLES or doc.text[tok.end : tok.end + 1] == "."
#: Titles that may be fused with the start of a name by machine translation ("Sheikhmat").
FUSABLE_TITLES = ("sheikh", "sheik", "shaikh", "shaykh", "imam", "mullah", "sayyid", "sayed")

_POSSESSIVE_RE = regex.compile(r"(?:['’]s|s['’])$")
_FUNCTION_CAPS = frozenset({"the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with"})


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate name span (offsets into the original text)."""

    start: int
    end: int
    text: str
    #: Title words split off before the span, lower-cased ("israeli", "foreign", "minister").
    titles: tuple[str, ...] = ()
    #: A title fused into the first token ("sheikh" for "Sheikhmat"), or "".
    fused_title: str = ""
    #: True when the span starts a sentence (its capital says nothing).
    sentence_initial: bool = False
    #: Token index of the first token of the span in ``Document.tokens``.
    first_token: int = 0
    n_tokens: int = 1


def _is_particle(tok: str) -> bool:
    return fold(tok) in PARTICLES or fold(tok) in ("al", "el", "ad", "as", "ash", "ar", "at", "az")


#: "UK-based", "Iran-backed": a capitalised word hyphenated to one of these is an adjective.
_ADJ_SUFFIXES = frozenset(
    "based backed led born allied affiliated linked funded run controlled held made owned style era bound wide "
    "aligned occupied supported sponsored brokered made-up friendly".split()
)


def _name_like(tok: Token) -> bool:
    t = tok.text
    c = t[0]
    if c.isupper():
        if "-" in t and t.rsplit("-", 1)[1].lower() in _ADJ_SUFFIXES:
            return False
        return True
    # "al-Assad", "el-Sisi", "bin-Laden": a lower-case particle hyphenated to a capitalised part.
    if "-" in t:
        head, _, rest = t.partition("-")
        return _is_particle(head) and rest[:1].isupper()
    return False


@lru_cache(maxsize=65536)
def _strip_possessive(text: str) -> str:
    """The token without a possessive ending ("Netanyahu's" -> "Netanyahu"; cached per token)."""
    m = _POSSESSIVE_RE.search(text)
    if m and len(text) - len(m.group()) >= 2:
        return text[: m.start()]
    return text


def runs(doc: Document) -> list[list[int]]:
    """Maximal runs of name-like tokens (as token indices)."""
    toks = doc.tokens
    text = doc.text
    out: list[list[int]] = []
    cur: list[int] = []
    for i, tok in enumerate(toks):
        joinable = False
        if cur:
            prev = toks[cur[-1]]
            gap = text[prev.end : tok.start]
            # Only a single space joins (no punctuation, no line break); a possessive ends a run.
            joinable = gap == " " and not _POSSESSIVE_RE.search(prev.text)
        if _name_like(tok) or (cur and joinable and _is_particle(tok.text)):
            if cur and not joinable:
                out.append(cur)
                cur = []
            cur.append(i)
        else:
            if cur:
                out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    # A run does not end on a lower-case particle ("Ahmed al" before a line break). A capitalised
    # one stays: at the end of a name it is no article but a word of the name ("Kim Jong An", a
    # Korean rendering of "Un").
    cleaned = []
    for r in out:
        while r and _is_particle(toks[r[-1]].text) and "-" not in toks[r[-1]].text and not toks[r[-1]].text[:1].isupper():
            r = r[:-1]
        if r:
            cleaned.append(r)
    return cleaned


def split_run(doc: Document, run: list[int]) -> tuple[list[int], tuple[str, ...], bool]:
    """Split leading title words off a run: (name token indices, titles, sentence_initial).

    ``sentence_initial`` tells whether the first remaining token starts a sentence (so its capital
    is no evidence of a name); the detector decides what to do with it.
    """
    toks = doc.tokens
    i = 0
    titles: list[str] = []
    while i < len(run) and is_title_token(doc, toks[run[i]]):
        titles.append(fold(toks[run[i]].text))
        i += 1
    rest = run[i:]
    initial = bool(rest) and toks[rest[0]].start in doc.sentence_starts
    return rest, tuple(titles), initial


def is_everyday(word: str) -> bool:
    """An everyday English word (by frequency) written with a capital, e.g. at a sentence start."""
    w = word.lower()
    return w in _FUNCTION_CAPS or zipf(w) >= EVERYDAY_ZIPF


def fused_title(token: str) -> tuple[str, str]:
    """("sheikh", "mat") for "Sheikhmat"; ("", token) when no title is fused in."""
    f = fold(token)
    for t in FUSABLE_TITLES:
        if f.startswith(t) and len(f) - len(t) >= 2 and f != t:
            return t, token[len(t) :]
    return "", token


def find_spans(doc: Document) -> list[Span]:
    """Candidate spans: each run's name part after its titles (possessive endings excluded)."""
    out: list[Span] = []
    toks = doc.tokens
    for run in runs(doc):
        name, titles, initial = split_run(doc, run)
        if not name:
            continue
        start = toks[name[0]].start
        last = toks[name[-1]]
        end = last.start + len(_strip_possessive(last.text))
        ft, _rest = fused_title(toks[name[0]].text)
        out.append(
            Span(start, end, doc.text[start:end], titles, ft, initial, name[0], len(name))
        )
    return out

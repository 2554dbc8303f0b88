"""Quotation marks: unclosed opening quotes (flagged) and mixed or broken quote pairs (normalised).

The analysis works one line (paragraph) at a time with a small stack, so nested quotes pair up and
an unclosed quote never reaches past its paragraph.  `quote_regions` is shared with the bracket
detector: text inside a quotation is treated as the speaker's words (editorial brackets allowed).

* ``artifact.unclosed-quote`` (flag): an opening mark whose closing mark never comes.  A quote that
  runs on into the next paragraph, which opens with a new quotation mark, is standard English style
  and is not flagged.  A straight mark " is flagged only when it is the only one in its paragraph
  and stands where only an opening quote can (after a space, not after a digit: 5" is inches).
* ``artifact.quote-style`` (fix): in an article with a clear dominant style (curly “…” or straight
  "…"), a pair in another style or a broken pair (« … ’, “ … », „ … “) is rewritten to it.  Curly
  and straight quotes mixed in otherwise correct text are left alone.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..detectors.base import Rule
from ..model import Finding, Fix

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..config import Config
    from ..document import Document

#: Opening-only double marks (“ „ « and the CJK title/corner brackets used as quotes).
OPENERS = "“„«‹《「『"
#: Closing-only double marks.
CLOSERS = "”»›》」』"
_MARK_RE = regex.compile(r"[“”„«»‹›《》「」『』\"’]")
_MAX_DEPTH = 32
# Well-formed pairs and their style name.
_STYLE = {
    ("“", "”"): "curly",
    ('"', '"'): "straight",
    ("«", "»"): "guillemet",
    ("‹", "›"): "guillemet",
    ("„", "“"): "low9",
    ("„", "”"): "low9",
    ("《", "》"): "cjk",
    ("「", "」"): "cjk",
    ("『", "』"): "cjk",
}
_AS_CURLY = {"《": "“", "「": "“", "『": "“", "》": "”", "」": "”", "』": "”"}
_TARGET = {"curly": ("“", "”"), "straight": ('"', '"')}
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")


@dataclass(frozen=True, slots=True)
class QuotePair:
    """A quotation: the opening mark at ``open``, the closing mark at ``close`` (offsets)."""

    open: int
    close: int
    open_mark: str
    close_mark: str

    @property
    def style(self) -> str:
        # CJK title and corner brackets count as the curly quotes the unicode detector makes of them.
        o, c = _AS_CURLY.get(self.open_mark, self.open_mark), _AS_CURLY.get(self.close_mark, self.close_mark)
        return _STYLE.get((o, c), "mixed")


@dataclass(frozen=True, slots=True)
class QuoteAnalysis:
    pairs: tuple[QuotePair, ...]
    #: Opening marks never closed in their paragraph: (offset, mark, continues_next_paragraph).
    unclosed: tuple[tuple[int, str, bool], ...]


def _is_word(ch: str) -> bool:
    return bool(ch) and _WORD_CHAR.match(ch) is not None


def _closing_apostrophe(text: str, i: int) -> bool:
    """True when the ’ at ``i`` can only be a closing single quote (not an apostrophe)."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if _is_word(after):
        return False
    return before in ".,!?;:"


def _analyse_line(
    text: str, start: int, end: int, next_opens: bool
) -> tuple[list[QuotePair], list[tuple[int, str, bool]]]:
    pairs: list[QuotePair] = []
    unclosed: list[tuple[int, str, bool]] = []
    stack: list[tuple[int, str]] = []
    apostrophes: list[int] = []  # closing-like ’ seen while a double quote is open
    for m in _MARK_RE.finditer(text, start, end):
        i = m.start()
        ch = m.group()
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if ch == "’":
            if stack and _closing_apostrophe(text, i):
                apostrophes.append(i)
            continue
        if ch == '"':
            if stack and (stack[-1][1] == '"' or (not before.isspace() and not _is_word(after))):
                o, om = stack.pop()
                pairs.append(QuotePair(o, i, om, ch))
            elif len(stack) < _MAX_DEPTH:
                stack.append((i, ch))
            continue
        if ch in OPENERS:
            # A “ used as a closer (“…“) or the German „…“ pair.
            if stack and ch == "“" and (stack[-1][1] == "„" or (not before.isspace() and not _is_word(after))):
                o, om = stack.pop()
                pairs.append(QuotePair(o, i, om, ch))
            elif len(stack) < _MAX_DEPTH:
                stack.append((i, ch))
            continue
        # A closing mark: pairs with the innermost open quote; a stray closer is ignored.
        if stack:
            o, om = stack.pop()
            pairs.append(QuotePair(o, i, om, ch))
    if stack:
        # A broken pair « … ’: the last open double quote closed by a closing-like ’.
        o, om = stack[-1]
        closing = [a for a in apostrophes if a > o]
        if om != '"' and closing:
            stack.pop()
            pairs.append(QuotePair(o, closing[0], om, "’"))
    for o, om in stack:
        unclosed.append((o, om, next_opens))
    return pairs, unclosed


def _lone_straight_opener(text: str, o: int) -> bool:
    """A straight double quote at ``o`` that can only open a quotation: the only one in its
    paragraph, after a space, the paragraph start or an opening bracket or dash (not after a
    digit: 5" is five inches), before a word (checked by the caller)."""
    ls = text.rfind("\n", 0, o) + 1
    le = text.find("\n", o)
    if le < 0:
        le = len(text)
    if text.count('"', ls, le) != 1:
        return False
    return o == ls or text[o - 1].isspace() or text[o - 1] in "([{—–"


def analyse_quotes(doc: Document) -> QuoteAnalysis:
    """Pair the quotation marks of ``doc`` paragraph by paragraph."""
    text = doc.text
    lines = doc.lines
    pairs: list[QuotePair] = []
    unclosed: list[tuple[int, str, bool]] = []
    if _MARK_RE.search(text) is None:
        return QuoteAnalysis((), ())
    # For each line, does the next non-blank line open with a quotation mark?
    n = len(lines)
    next_opens = [False] * n
    following = False
    for k in range(n - 1, -1, -1):
        next_opens[k] = following
        s, e = lines[k]
        stripped = text[s:e].lstrip()
        if stripped:
            following = stripped[0] in OPENERS or stripped[0] == '"'
    for k, (s, e) in enumerate(lines):
        if s == e:
            continue
        p, u = _analyse_line(text, s, e, next_opens[k])
        pairs.extend(p)
        unclosed.extend(u)
    pairs.sort(key=lambda q: q.open)
    unclosed.sort()
    return QuoteAnalysis(tuple(pairs), tuple(unclosed))


def quote_regions(doc: Document, analysis: QuoteAnalysis | None = None) -> list[tuple[int, int]]:
    """Spans of ``doc`` inside quotation marks (sorted, possibly nested).

    A closed quote spans its marks; an unclosed one reaches to the end of its sentence, or to the
    end of its paragraph when the quotation continues into the next paragraph.  Single curly quotes
    ‘…’ count too (their ’ must not be an apostrophe inside a word).
    """
    a = analysis if analysis is not None else analyse_quotes(doc)
    out = [(p.open, p.close + 1) for p in a.pairs]
    text = doc.text
    lines = doc.lines
    line_starts = [s for s, _e in lines]
    for o, _m, continues in a.unclosed:
        if continues:
            k = bisect_right(line_starts, o) - 1
            out.append((o, lines[k][1] if k >= 0 else len(text)))
        else:
            out.append((o, max(o + 1, doc.sentence_at(o)[1])))
    if "‘" in text:
        for m in regex.finditer(r"‘[^‘’\n]{1,400}?’(?![\p{L}\p{N}])", text):
            out.append((m.start(), m.end()))
    out.sort()
    return out


def _target_style(pairs: tuple[QuotePair, ...]) -> str | None:
    counts = Counter(p.style for p in pairs)
    for style in ("curly", "straight"):
        dom = counts.get(style, 0)
        others = sum(c for s, c in counts.items() if s != style and s != "curly" and s != "straight")
        rival = counts.get("straight" if style == "curly" else "curly", 0)
        if dom >= 2 and dom >= 2 * (others + rival):
            return style
    return None


class QuoteDetector:
    name = "quotes"
    rules = (
        Rule(
            "artifact.unclosed-quote",
            "artifact",
            "flag",
            "An opening quotation mark whose closing mark never comes (flagged at the mark, with the "
            "first words of the quotation).",
            examples=(
                (
                    "“This is a clear message to them. We will not allow it, the minister said.",
                    "“This is a clear message",
                ),
                ("He called it «a short visit.\nTalks resume on Monday.", "«a short visit."),
                ('The spokesman said "we will respond at the appropriate time.', '"we will respond at the'),
            ),
            counter_examples=(
                "“We will not allow it,” he said.",
                'The screen measures 55" across and the frame adds "about an inch.',
                'He said "we will respond," and left. The "plan" stays.',
                "“The first paragraph of a long quotation runs on.\n“And the next one closes it,” she said.",
                "He said he wanted “peace” and “calm.”",
                "The country’s leaders met in the 1990s.",
            ),
        ),
        Rule(
            "artifact.quote-style",
            "artifact",
            "fix",
            "A quotation in a foreign or broken style (« … », « … ’, „ … “) in an article whose "
            "dominant quotation style is clear is rewritten to that style.",
            examples=(
                (
                    "“One,” he said. “Two,” she said. «Three.’ they said.",
                    "“One,” he said. “Two,” she said. “Three.” they said.",
                ),
                (
                    "“One,” he said. “Two,” she said. „Three“ they said.",
                    "“One,” he said. “Two,” she said. “Three” they said.",
                ),
            ),
            counter_examples=(
                "«Three» they said.",
                '“One,” he said. "Two," she said. “Three,” they said.',
                "“One,” he said. “Two,” she said. The protesters’ demands grew.",
            ),
        ),
    )

    def __init__(self, config: Config) -> None:
        self.config = config

    def find(self, doc: Document) -> Iterator[Fix | Finding]:
        text = doc.text
        if _MARK_RE.search(text) is None:
            return
        analysis = analyse_quotes(doc)
        yield from self._unclosed(doc, analysis)
        yield from self._style(doc, analysis)

    def _unclosed(self, doc: Document, analysis: QuoteAnalysis) -> Iterator[Finding]:
        text = doc.text
        for o, mark, continues in analysis.unclosed:
            if continues:
                continue
            if o + 1 >= len(text) or not _is_word(text[o + 1]):
                continue
            if mark == '"' and not _lone_straight_opener(text, o):
                continue  # straight marks are also inches, seconds and typos: only a clear case
            sent_end = doc.sentence_at(o)[1]
            if sent_end <= o:
                sent_end = min(len(text), o + 200)
            toks = doc.tokens_between(o, sent_end)
            end = toks[4].end if len(toks) >= 5 else sent_end
            yield Finding(
                o,
                end,
                text[o:end],
                None,
                "artifact",
                "artifact.unclosed-quote",
                0.8,
                f"opening quotation mark {mark} is never closed in its paragraph",
            )

    def _style(self, doc: Document, analysis: QuoteAnalysis) -> Iterator[Fix]:
        style = _target_style(analysis.pairs)
        if style is None:
            return
        want_open, want_close = _TARGET[style]
        text = doc.text
        for p in analysis.pairs:
            if p.style in ("curly", "straight"):
                continue
            marks = {_AS_CURLY.get(p.open_mark, p.open_mark), _AS_CURLY.get(p.close_mark, p.close_mark)}
            if p.style == "mixed" and marks <= {"“", "”", '"'}:
                # Curly and straight mixed: a style slip, not an artifact (and often deliberate).
                continue
            if not any(c.isalnum() for c in text[p.open + 1 : p.close]):
                # No words inside: not a quotation but a cluster of marks, whose pairing another
                # pass could read differently (cleaning must be idempotent).
                continue
            reason = f"quotation {p.open_mark}…{p.close_mark} does not match the article's {style} quotes"
            for pos, mark, want in ((p.open, p.open_mark, want_open), (p.close, p.close_mark, want_close)):
                if mark != want:
                    # A CJK mark is also rewritten by the unicode detector: win over it when the
                    # article's style is not the curly one it would produce.
                    conf = 0.95 if mark in _AS_CURLY else 0.85
                    yield Fix(pos, pos + 1, text[pos], want, "artifact", "artifact.quote-style", conf, reason)


DETECTOR = QuoteDetector

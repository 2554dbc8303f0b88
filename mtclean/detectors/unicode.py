"""Unicode and spacing artifacts of machine-translated text.

* ``unicode.fullwidth`` (fix): full-width and ideographic punctuation, digits, letters and spaces
  in Latin text become ASCII with English spacing ("talks，and" → "talks, and", "noon。" →
  "noon.").  Between CJK characters they are correct and stay.
* ``unicode.invisible`` (fix): zero-width characters, soft hyphens, stray byte-order marks and
  direction marks in Latin text are removed (joiners inside emoji or complex scripts stay).
* ``unicode.nbsp-in-word`` (fix): a non-breaking space splitting a word ("secur ity").
* ``unicode.space-before-punctuation`` (fix): "said ," → "said,", "really ?" → "really?".
* ``unicode.space-in-quotes`` (fix): spaces inside curly quotation marks, as CJK typesetting
  leaves them ("“ We will not ”" → "“We will not”").
* ``unicode.doubled-period`` (fix): a sentence ending in two full stops ("over..") keeps one; an
  ellipsis ("...") stays.
* ``unicode.space-in-word`` (fix): "Iran ’s" → "Iran’s", "six -point" → "six-point",
  "long- awaited" → "long-awaited" (suspended hyphens "pre- and post-war" stay).
* ``unicode.missing-space`` (fix): "week.With" → "week. With" (never "U.S.", "e.g.", "3.5",
  URLs or domain names).
* ``unicode.mojibake`` (fix): text decoded with the wrong encoding ("donâ€™t") is repaired by
  ftfy, applied to the suspicious chunks only, with curly quotes, dashes, ligatures, width and
  normalisation left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from ..detectors.base import Rule
from ..model import Fix
from ..names.common import zipf

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..config import Config
    from ..document import Document

_CJK_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3005\u30fc]")
# Full-width and ideographic characters converted in Latin text.
_FW_MAP: dict[str, str] = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FW_MAP.update(
    {
        "\u3000": " ",
        "。": ".",
        "｡": ".",
        "、": ",",
        "､": ",",
        "【": "[",
        "】": "]",
        "〔": "(",
        "〕": ")",
        "《": "“",
        "》": "”",
        "「": "“",
        "」": "”",
        "『": "“",
        "』": "”",
        "｢": "“",
        "｣": "”",
        "＂": '"',
    }
)
_FW_TABLE = str.maketrans(_FW_MAP)
_FW_RE = regex.compile("[" + regex.escape("".join(_FW_MAP)) + "]+")
# Every character of `_FW_MAP` lies at or above U+3000: a text with none there has nothing to convert.
_FW_GATE = re.compile("[\u3000-\U0010ffff]")
_OPEN = frozenset("([{“")
_CLOSE = frozenset(",.:;!?)]}”")
_CONTEXT_SKIP_RE = regex.compile(r"[\p{Z}\p{P}\p{S}\t]")

_INVISIBLE_RE = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u2061-\u2064\u180e]{1,64}")
_MOJIBAKE_LEAD_RE = regex.compile(r"[\u00c2-\u00f4]")
_JOINERS = frozenset("\u200c\u200d")
_BIDI = frozenset("\u200e\u200f")
_SPACE_SEPARATED_SCRIPTS_RE = regex.compile(r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]")
_LATIN_RE = regex.compile(r"[\p{Latin}\p{N}\p{P}\p{Zs}]")

_NBSP_RE = regex.compile(r"(?<=\p{L})\u00a0(?=\p{Ll})")
_SPACE_PUNCT_RE = regex.compile(r"(?<=[\p{L}\p{N})\]”’\"%])[ \t\u3000]{1,8}(?=[,;:!?.](?:[\s”’\"]|$))")
# "week ,more": a comma or semicolon moved to the next word.
_SPACE_COMMA_WORD_RE = regex.compile(r"(?<=[\p{L}\p{N})\]”’\"%])[ \t\u3000]{1,8}[,;](?=\p{L})")
# Two full stops ending a sentence (not an ellipsis, not a path or a range "1..5").
_DOUBLED_PERIOD_RE = regex.compile(r"(?<=[\p{L}\p{N})\]”’\"])\.\.(?!\.)(?=[\s”’\")]|$)")
_CURLY_QUOTES_RE = re.compile("[“”\n]")
_APOS_S_RE = regex.compile(r"(?<=\p{L})[ \t]{1,3}(?=[’']s(?![\p{L}\p{N}’']))")
_SPACE_HYPHEN_RE = regex.compile(r"(?<=[\p{L}\p{N}])[ \t]{1,3}(?=-\p{L}[\p{L}\-]{0,30}(?:[\s,.;:!?]|$))")
_HYPHEN_SPACE_RE = regex.compile(r"(?<=[\p{L}\p{N}]-)[ \t]{1,3}(?=\p{Ll})")
_LETTERS_RE = regex.compile(r"\p{L}+")


def _joinable(text: str, i: int) -> bool:
    """Whether the letters at ``i`` (after a hyphen) make a word a hyphen joins to the one
    before: a word English knows ("six -point", "so -called") or a capitalised one ("pro
    -European"); not a command-line option ("-o", "-xvf")."""
    m = _LETTERS_RE.match(text, i)
    if m is None or len(m.group()) < 2:
        return False
    w = m.group()
    return zipf(w.lower()) >= 2.0 or (len(w) >= 3 and w[0].isupper() and w[1:].islower())


_SUSPENDED = frozenset({"and", "or", "to", "nor", "vs", "versus", "through", "than", "but", "not"})


class _AnyOf:
    """A gate that looks for a few literal strings (faster than a regular expression for them)."""

    def __init__(self, *needles: str) -> None:
        self.needles = needles

    def search(self, text: str) -> bool | None:
        for needle in self.needles:
            if needle in text:
                return True
        return None


# Gates: what each spacing pattern cannot match without (a plain character class or literal
# strings, which scan much faster than the patterns' look-behinds on Unicode properties).  A text
# in which the gate finds nothing has no match of the patterns it guards.
_SPACE_PUNCT_GATE = re.compile(r"[ \t\u3000][,;:!?.]")  # _SPACE_PUNCT_RE, _SPACE_COMMA_WORD_RE
_APOS_S_GATE = _AnyOf(" ’s", " 's", "\t’s", "\t's")  # _APOS_S_RE
_SPACE_HYPHEN_GATE = _AnyOf(" -", "\t-")  # _SPACE_HYPHEN_RE
_HYPHEN_SPACE_GATE = _AnyOf("- ", "-\t")  # _HYPHEN_SPACE_RE
_MISSING_SPACE_RE = regex.compile(r"(?<=\p{Ll}\p{Ll})[.?!](?=\p{Lu}\p{Ll})")
#: Characters of code, never of two run-together sentences ("`stream.Duplex`", "print(gc.get)").
_CHUNK_CODE = regex.compile(r"[`()\[\]{}<>=_\\#$]")
_CHUNK_URLISH = regex.compile(r"(?i)/|@|www|\.(?:com|org|net|gov|edu|io|co|int)\b")
# A lead byte of a UTF-8 sequence read as Latin-1/Windows-1252, followed by a continuation byte.
_MOJIBAKE_RE = regex.compile(
    r"[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_WORD_AFTER_RE = regex.compile(r"\p{L}{1,40}")


def _neighbour(text: str, i: int, step: int, limit: int = 12) -> str:
    """The nearest character from ``i`` in direction ``step`` that is not a space, punctuation or symbol."""
    j = i
    for _ in range(limit):
        if not 0 <= j < len(text):
            return ""
        ch = text[j]
        if ch in "\n\r":
            return ""
        if _CONTEXT_SKIP_RE.match(ch) is None:
            return ch
        j += step
    return ""


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_RE.match(ch) is not None


def _chunk_break(ch: str) -> bool:
    """Mojibake chunks are runs of non-ASCII characters: they end at any ASCII character (which
    other rules may be fixing next to them) and at whitespace other than U+00A0 (a common byte of
    the mojibake itself)."""
    if ch.isascii():
        return True
    return ch.isspace() and ch != "\u00a0"


@lru_cache(maxsize=1)
def _ftfy_config() -> object:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


@lru_cache(maxsize=2048)
def _ftfy_fix(chunk: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """ftfy's repair of one chunk and the steps it took (nothing when ftfy fails)."""
    import ftfy

    try:
        fixed = ftfy.fix_and_explain(chunk, config=_ftfy_config())  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - ftfy must never make us crash
        return chunk, ()
    return fixed.text, tuple((str(a), str(b)) for a, b in (fixed.explanation or []))


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


class UnicodeDetector:
    name = "unicode"
    rules = (
        Rule(
            "unicode.fullwidth",
            "unicode",
            "fix",
            "Full-width or ideographic punctuation, digits, letters and spaces in Latin text become "
            "ASCII with English spacing (left alone between CJK characters).",
            examples=(
                (
                    "The two sides agreed to resume talks，and the meeting ended。",
                    "The two sides agreed to resume talks, and the meeting ended.",
                ),
                ("Turnout reached ６０ percent：a record！", "Turnout reached 60 percent: a record!"),
                ("The envoy Wang Yi（王毅）arrived.", "The envoy Wang Yi (王毅) arrived."),
            ),
            counter_examples=(
                "双方同意继续会谈，会议于中午结束。",
                "He wrote “中国，美国” on the board.",
                "Prices rose 3.5% in May, officials said.",
            ),
        ),
        Rule(
            "unicode.invisible",
            "unicode",
            "fix",
            "Zero-width characters, soft hyphens and stray direction marks inside Latin text are removed.",
            examples=(
                ("The inter\u00adnational summit opened.", "The international summit opened."),
                ("The minis\u200btry said\u200b so.", "The ministry said so."),
            ),
            counter_examples=(
                "A family emoji 👨\u200d👩\u200d👧 was posted.",
                "The Persian word می\u200cخواهم appeared.",
            ),
        ),
        Rule(
            "unicode.nbsp-in-word",
            "unicode",
            "fix",
            "A non-breaking space that splits a word ('secur ity') is removed.",
            examples=(("The secur\u00a0ity forces withdrew.", "The security forces withdrew."),),
            counter_examples=("It cost 10\u00a0million dollars, said Mr.\u00a0Smith of the\u00a0bank.",),
        ),
        Rule(
            "unicode.space-before-punctuation",
            "unicode",
            "fix",
            "Spaces before a comma, semicolon, colon, question or exclamation mark or full stop are removed.",
            examples=(
                (
                    "The minister said , however, that talks continue.",
                    "The minister said, however, that talks continue.",
                ),
                ("Is it over ? Nobody knows .", "Is it over? Nobody knows."),
            ),
            counter_examples=(
                "He paused ... then spoke.",
                "The site example.com went down at 10:30.",
                "Read the notes (see above) and the FAQ: it helps!",
            ),
        ),
        Rule(
            "unicode.space-in-quotes",
            "unicode",
            "fix",
            "Spaces just inside curly quotation marks (after an opening “, before its closing ”) are "
            "removed, as CJK typesetting leaves them.",
            examples=(
                ("The spokesman said: “ We will not accept it. ”", "The spokesman said: “We will not accept it.”"),
            ),
            counter_examples=(
                "He said “yes” and “no” to them.",
                "The words ” and “ were swapped.",
            ),
        ),
        Rule(
            "unicode.doubled-period",
            "unicode",
            "fix",
            "A sentence ending in two full stops keeps one ('over..' → 'over.'); an ellipsis stays.",
            examples=(("He said the talks were over.. Both sides left.", "He said the talks were over. Both sides left."),),
            counter_examples=(
                "He paused... then spoke.",
                "Counting 1..5 is easy.",
                "See ../docs for details.",
            ),
        ),
        Rule(
            "unicode.space-in-word",
            "unicode",
            "fix",
            "A space inside a word before an apostrophe-s or around a joining hyphen is removed "
            "('Iran ’s', 'six -point', 'long- awaited').",
            examples=(
                ("Iran ’s foreign minister met the envoy.", "Iran’s foreign minister met the envoy."),
                ("They agreed on a six -point plan.", "They agreed on a six-point plan."),
                ("The long- awaited report came out.", "The long-awaited report came out."),
            ),
            counter_examples=(
                "Both pre- and post-war records were lost.",
                "Short- or long-term loans are available.",
                "He won 6 - 4 in the final set.",
                "The ’90s were different.",
                "The letter 's' is silent.",
            ),
        ),
        Rule(
            "unicode.missing-space",
            "unicode",
            "fix",
            "A missing space after a sentence end is restored ('week.With' → 'week. With'); "
            "abbreviations, numbers, URLs and domain names are left alone.",
            examples=(
                (
                    "Talks ended last week.With no deal, both sides left.",
                    "Talks ended last week. With no deal, both sides left.",
                ),
            ),
            counter_examples=(
                "The U.S. envoy, e.g. Mr. Smith, visited.",
                "Growth was 3.5 percent.",
                "Read it at aljazeera.com or www.Example.Com today.",
                "The file is at https://example.org/news.Html now.",
            ),
        ),
        Rule(
            "unicode.mojibake",
            "unicode",
            "fix",
            "Text decoded with the wrong encoding ('donâ€™t', 'cafÃ©') is repaired with ftfy, only "
            "in the suspicious chunks.",
            examples=(("They donâ€™t agree, said the cafÃ© owner.", "They don’t agree, said the café owner."),),
            counter_examples=("The café owner said they don’t agree — “never”.",),
        ),
    )

    def __init__(self, config: Config) -> None:
        self.config = config

    def find(self, doc: Document) -> Iterator[Fix]:
        text = doc.text
        if text.isascii():
            view = _View(text, [])
            yield from self._space_before(view)
            yield from self._doubled_period(view)
            yield from self._space_in_word(view)
            yield from self._missing_space(view)
            return
        # Each stage reads the text as it will be after the stages before it, so that a second
        # pass finds nothing new: full-width and invisible characters first, then mojibake, then
        # spacing.  A later fix that covers an earlier one includes its change.
        base = [*self._fullwidth(text), *self._invisible(text)]
        moj = list(self._mojibake(_View(text, base)))
        base = _uncovered(base, moj)
        view = _View(text, base + moj)
        derived = [
            *self._space_before(view),
            *self._doubled_period(view),
            *self._space_in_quotes(view),
            *self._space_in_word(view),
            *self._missing_space(view),
        ]
        nbsp = list(self._nbsp(text))
        yield from _uncovered(base + moj, derived + nbsp)
        yield from derived
        yield from nbsp

    # -- full-width ------------------------------------------------------------------------------
    def _fullwidth(self, text: str) -> Iterator[Fix]:
        first = _FW_GATE.search(text)
        if first is None:
            return
        for m in _FW_RE.finditer(text, first.start()):
            # Adjacent fixes of one run are merged: one record per run, not per character.
            group: list[Fix] = []
            for f in self._fullwidth_run(text, m.start(), m.end()):
                if group and group[-1].end != f.start:
                    yield _merge(text, group)
                    group = []
                group.append(f)
            if group:
                yield _merge(text, group)

    def _fullwidth_run(self, text: str, start: int, end: int) -> Iterator[Fix]:
        # Context letters on each side of every character of the run, computed in one sweep each
        # way (a run of marks shares the letters around it).
        n = end - start
        lefts = [""] * n
        rights = [""] * n
        left = _neighbour(text, start - 1, -1)
        for k in range(n):
            if k:
                prev = text[start + k - 1]
                left = "" if prev in "\n\r" else (left if _CONTEXT_SKIP_RE.match(prev) else prev)
            lefts[k] = left
        right = _neighbour(text, end, 1)
        for k in range(n - 1, -1, -1):
            if k < n - 1:
                nxt_ch = text[start + k + 1]
                right = "" if nxt_ch in "\n\r" else (right if _CONTEXT_SKIP_RE.match(nxt_ch) else nxt_ch)
            rights[k] = right
        for i in range(start, end):
            ch = text[i]
            out = _FW_MAP[ch]
            left = lefts[i - start]
            right = rights[i - start]
            if out in _OPEN:
                if _is_cjk(left) or (not left and _is_cjk(right)):
                    continue
            elif out in _CLOSE:
                if _is_cjk(right) or (not right and _is_cjk(left)) or (_is_cjk(left) and _is_cjk(right)):
                    continue
                if _is_cjk(left) and out not in ")]}”":
                    continue
            elif _is_cjk(left) or _is_cjk(right):
                continue
            space_rep = " "
            if out == " ":
                k = i
                while k < len(text) and text[k] in " \t\u3000":
                    k += 1
                nxt_out = _FW_MAP.get(text[k], text[k]) if k < len(text) else ""
                if nxt_out and nxt_out in ",.:;!?":
                    continue  # spaces before punctuation: the spacing rule removes them all
                j = i - 1
                while j >= 0 and text[j] in " \t\u3000":
                    j -= 1
                prev_out = _FW_MAP.get(text[j], text[j]) if j >= 0 else ""
                if (nxt_out and nxt_out in _CLOSE) or (prev_out and prev_out in _OPEN):
                    space_rep = ""  # no space inside brackets and quotes
            s, e = i, i + 1
            rep = space_rep if out == " " else out
            if out in _CLOSE or out in _OPEN or out == " ":
                # Spaces before a closing mark go; spaces after an opening mark go.
                if out in _CLOSE:
                    while s > 0 and text[s - 1] in " \t":
                        s -= 1
                    if s > 0 and text[s - 1] in _FW_MAP:
                        s = i  # the spaces belong to the full-width mark before
                if out in _OPEN:
                    while e < len(text) and text[e] in " \t":
                        e += 1
                    if e < len(text) and text[e] in _FW_MAP:
                        e = i + 1
                prev = text[s - 1] if s > 0 else ""
                nxt = text[e] if e < len(text) else ""
                if out in _OPEN and prev and not prev.isspace() and prev not in "([{“‘" and prev not in _FW_MAP:
                    rep = " " + rep
                if out in _CLOSE and nxt and nxt not in _FW_MAP:
                    digit_join = prev.isdigit() and nxt.isdigit() and out in ",.:"
                    if (nxt.isalnum() and not digit_join) or nxt in "([{“‘":
                        rep = rep + " "
            if text[s:e] == rep:
                continue
            yield Fix(
                s,
                e,
                text[s:e],
                rep,
                "unicode",
                "unicode.fullwidth",
                0.9,
                f"full-width character {ch!r} (U+{ord(ch):04X}) in Latin text",
            )

    # -- invisible characters ------------------------------------------------------------------
    def _invisible(self, text: str) -> Iterator[Fix]:
        for m in _INVISIBLE_RE.finditer(text):
            s, e = m.span()
            left = text[s - 1] if s > 0 else ""
            right = text[e] if e < len(text) else ""
            run = m.group()
            if run[0] == "\u00ad" and _MOJIBAKE_LEAD_RE.match(left or " "):
                continue  # "Ã\u00ad" is mojibake of "í": the mojibake rule repairs it
            latin_both = (not left or _LATIN_RE.match(left) is not None) and (
                not right or _LATIN_RE.match(right) is not None
            )
            if any(c in _JOINERS or c in _BIDI for c in run) and not latin_both:
                continue
            if _SPACE_SEPARATED_SCRIPTS_RE.match(left or " ") or _SPACE_SEPARATED_SCRIPTS_RE.match(right or " "):
                continue
            names = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in run))
            yield Fix(s, e, run, "", "unicode", "unicode.invisible", 0.9, f"invisible character(s) {names}")

    # -- non-breaking space inside a word ----------------------------------------------------------
    def _nbsp(self, text: str) -> Iterator[Fix]:
        for m in _NBSP_RE.finditer(text):
            i = m.start()
            ls = i
            while ls > 0 and text[ls - 1].isalpha() and i - ls < 40:
                ls -= 1
            re_ = i + 1
            while re_ < len(text) and text[re_].isalpha() and re_ - i < 40:
                re_ += 1
            left, right = text[ls:i], text[i + 1 : re_]
            joined = (left + right).lower()
            zj = _zipf(joined)
            if zj < 3.0 or zj <= max(_zipf(left.lower()), _zipf(right.lower())) + 0.5:
                continue
            yield Fix(
                i,
                i + 1,
                "\u00a0",
                "",
                "unicode",
                "unicode.nbsp-in-word",
                0.8,
                f"non-breaking space inside {left + right!r}",
            )

    # -- spacing ---------------------------------------------------------------------------------
    def _space_before(self, view: _View) -> Iterator[Fix]:
        text = view.text
        if _SPACE_PUNCT_GATE.search(text) is None:
            return
        for m in _SPACE_PUNCT_RE.finditer(text):
            s, e = m.span()
            mark = text[e]
            if mark == "." and (text[e + 1 : e + 3] == " ." or (e + 1 < len(text) and text[e + 1] == ".")):
                continue  # a spaced ellipsis ". . ."
            if mark == "." and e >= 2 and text[s - 1] == "." and text[s - 2] == ".":
                continue
            if mark == ":" and not text[s - 1].isalpha():
                continue  # ratios and scores "3 : 1"
            yield view.fix(s, e, "", "unicode.space-before-punctuation", 0.85, f"space before {mark!r}")
        for m in _SPACE_COMMA_WORD_RE.finditer(text):
            s, e = m.span()
            mark = text[e - 1]
            yield view.fix(
                s, e, mark + " ", "unicode.space-before-punctuation", 0.85, f"space before {mark!r} instead of after it"
            )

    def _doubled_period(self, view: _View) -> Iterator[Fix]:
        text = view.text
        if ".." not in text:
            return
        for m in _DOUBLED_PERIOD_RE.finditer(text):
            s, e = m.span()
            if e - s == 2 and (s < 1 or text[s - 1] != "."):
                yield view.fix(s, e, ".", "unicode.doubled-period", 0.85, "two full stops end the sentence")

    def _space_in_quotes(self, view: _View) -> Iterator[Fix]:
        """Spaces after an opening “ and before the ” that closes it, on one line (a quotation
        mark whose partner is not on the line is left alone)."""
        text = view.text
        if "“" not in text or "”" not in text:
            return
        opened = -1  # position of the open “ on this line, or -1
        for m in _CURLY_QUOTES_RE.finditer(text):
            ch, i = m.group(), m.start()
            if ch == "\n":
                opened = -1
            elif ch == "“":
                opened = i
            elif opened >= 0:
                a = opened + 1
                b = a
                while b < i and text[b] in " \t\u3000":
                    b += 1
                c = i
                while c > b and text[c - 1] in " \t\u3000":
                    c -= 1
                if b < c:  # something quoted between the marks
                    if b > a:
                        yield view.fix(a, b, "", "unicode.space-in-quotes", 0.85, "space after an opening quotation mark")
                    if c < i:
                        yield view.fix(c, i, "", "unicode.space-in-quotes", 0.85, "space before a closing quotation mark")
                opened = -1

    def _space_in_word(self, view: _View) -> Iterator[Fix]:
        text = view.text
        if _APOS_S_GATE.search(text) is not None:
            for m in _APOS_S_RE.finditer(text):
                s, e = m.span()
                yield view.fix(s, e, "", "unicode.space-in-word", 0.85, "space before a possessive 's")
        if "-" not in text:
            return
        if _SPACE_HYPHEN_GATE.search(text) is not None:
            for m in _SPACE_HYPHEN_RE.finditer(text):
                s, e = m.span()
                # A dash written as a hyphen ("was -as usual- late") shows up elsewhere in the sentence.
                if "- " in _line_window(text, s):
                    continue
                if not _joinable(text, e + 1):
                    continue  # a command-line option ("tar -xvf", "curl -L"), not half a word
                yield view.fix(s, e, "", "unicode.space-in-word", 0.8, "space before a joining hyphen")
        if _HYPHEN_SPACE_GATE.search(text) is not None:
            for m in _HYPHEN_SPACE_RE.finditer(text):
                s, e = m.span()
                w = _WORD_AFTER_RE.match(text, e)
                if w is None or w.group().lower() in _SUSPENDED:
                    continue
                window = _line_window(text, s)
                if window.count("- ") > 1 or " -" in window or " – " in window:
                    continue
                yield view.fix(s, e, "", "unicode.space-in-word", 0.75, "space after a joining hyphen")

    def _missing_space(self, view: _View) -> Iterator[Fix]:
        text = view.text
        for m in _MISSING_SPACE_RE.finditer(text):
            i = m.start()
            cs = i
            while cs > 0 and not text[cs - 1].isspace() and i - cs < 200:
                cs -= 1
            ce = i
            while ce < len(text) and not text[ce].isspace() and ce - i < 200:
                ce += 1
            chunk = text[cs:ce]
            if _CHUNK_URLISH.search(chunk) or chunk.count(".") > 1 or _CHUNK_CODE.search(chunk):
                continue
            after = _LETTERS_RE.match(text, i + 1)
            if after is not None and any(c.isupper() for c in after.group()[1:]):
                continue  # "stream.ReadStream", "fs.WriteStream": a name in code, not two sentences
            yield view.fix(
                i, i + 1, m.group() + " ", "unicode.missing-space", 0.85, "missing space after the end of a sentence"
            )

    # -- mojibake -------------------------------------------------------------------------------
    def _mojibake(self, view: _View) -> Iterator[Fix]:
        text = view.text
        last_end = 0
        for m in _MOJIBAKE_RE.finditer(text):
            if m.start() < last_end:
                continue
            s = m.start()
            while s > last_end and not _chunk_break(text[s - 1]) and m.start() - s < 100:
                s -= 1
            e = m.end()
            while e < len(text) and not _chunk_break(text[e]) and e - m.end() < 100:
                e += 1
            last_end = e
            chunk = text[s:e]
            fixed_text, steps = _ftfy_fix(chunk)
            if fixed_text == chunk or not any(step[0] in ("encode", "decode", "transcode") for step in steps):
                continue
            yield view.fix(
                s,
                e,
                fixed_text,
                "unicode.mojibake",
                0.9,
                "mojibake (text decoded with the wrong encoding), repaired with ftfy: "
                + ", ".join(f"{a} {b}" for a, b in steps),
            )


def _uncovered(fixes: list[Fix], by: list[Fix]) -> list[Fix]:
    """``fixes`` without those lying inside (or overlapping) one of ``by``."""
    if not by:
        return fixes
    spans = sorted((f.start, f.end) for f in by)
    starts = [sp[0] for sp in spans]
    out = []
    for f in fixes:
        i = bisect_right(starts, f.start) - 1
        hit = False
        for j in (i, i + 1):
            if 0 <= j < len(spans):
                a, b = spans[j]
                if a < f.end and f.start < b or (a <= f.start and f.end <= b):
                    hit = True
        if not hit:
            out.append(f)
    return out


def _merge(text: str, group: list[Fix]) -> Fix:
    """Adjacent full-width fixes as one fix."""
    if len(group) == 1:
        return group[0]
    s, e = group[0].start, group[-1].end
    rep = "".join(f.replacement for f in group)
    return Fix(s, e, text[s:e], rep, "unicode", "unicode.fullwidth", 0.9, "full-width characters in Latin text")


def _line_window(text: str, pos: int, reach: int = 300) -> str:
    """The line around ``pos`` (at most ``reach`` characters each way)."""
    ls = text.rfind("\n", max(0, pos - reach), pos) + 1 or max(0, pos - reach)
    le = text.find("\n", pos, pos + reach)
    return text[ls : le if le != -1 else pos + reach]


class _View:
    """The text as it reads after some fixes, with a way back to the original offsets."""

    def __init__(self, original: str, fixes: list[Fix]) -> None:
        self.original = original
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        if not fixes:
            self.text = original
            return
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for f in sorted(fixes, key=lambda f: (f.start, f.end)):
            if f.start < pos:
                continue
            parts.append(original[pos : f.start])
            starts.extend(range(pos, f.start))
            ends.extend(range(pos + 1, f.start + 1))
            parts.append(f.replacement)
            starts.extend([f.start] * len(f.replacement))
            ends.extend([f.end] * len(f.replacement))
            pos = f.end
        parts.append(original[pos:])
        starts.extend(range(pos, len(original)))
        ends.extend(range(pos + 1, len(original) + 1))
        self.text = "".join(parts)
        self._starts = starts
        self._ends = ends

    def fix(self, vs: int, ve: int, replacement: str, rule: str, confidence: float, reason: str) -> Fix:
        """A fix of view span [vs, ve) as a fix of the original text (widened to whole fixed parts)."""
        starts = self._starts
        if starts is None:
            return Fix(vs, ve, self.original[vs:ve], replacement, "unicode", rule, confidence, reason)
        ends = self._ends
        os_, oe = starts[vs], ends[ve - 1]
        xs = vs
        while xs > 0 and ends[xs - 1] > os_:
            xs -= 1
        xe = ve
        while xe < len(starts) and starts[xe] < oe:
            xe += 1
        rep = self.text[xs:vs] + replacement + self.text[ve:xe]
        return Fix(os_, oe, self.original[os_:oe], rep, "unicode", rule, confidence, reason)


DETECTOR = UnicodeDetector

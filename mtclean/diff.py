"""Diff rendering for a `Result`: unified, inline (word level), html and json.

The inline and html views group the fixes into *chunks* widened to whole words, so a diff never
splits a word ("Sa[-a-]{+'ar+}" is shown as "[-Saa-]{+Sa'ar+}").  The json view lists the edits
with offsets in both texts and can be replayed with `replay`.
"""

from __future__ import annotations

import difflib
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .edits import apply

if TYPE_CHECKING:
    from .model import Fix
    from .result import Result

FORMATS = ("unified", "inline", "html", "json")


@dataclass(frozen=True)
class Chunk:
    start: int  # in the original
    end: int
    cleaned_start: int
    cleaned_end: int
    fixes: tuple[Fix, ...]


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c in "'’-"


def chunks(result: Result) -> list[Chunk]:
    """The fixes grouped into word-aligned chunks, in order."""
    text = result.original
    out: list[Chunk] = []
    for f in result.fixes:
        a, b = f.start, f.end
        # Widen to whole words when the fix starts or ends inside a word.
        left_in_word = a > 0 and _is_word_char(text[a - 1]) and (a == b or _is_word_char(text[a]))
        right_in_word = b < len(text) and _is_word_char(text[b]) and (a == b or _is_word_char(text[b - 1]))
        if left_in_word:
            while a > 0 and _is_word_char(text[a - 1]):
                a -= 1
        if right_in_word:
            while b < len(text) and _is_word_char(text[b]):
                b += 1
        if out and a <= out[-1].end:
            prev = out.pop()
            a = min(a, prev.start)
            b = max(b, prev.end)
            fixes = (*prev.fixes, f)
        else:
            fixes = (f,)
        cs, ce = result.to_cleaned(a, b)
        out.append(Chunk(a, b, cs, ce, fixes))
    return out


def _reason(c: Chunk) -> str:
    return "; ".join(f"{f.rule}: {f.reason}" for f in c.fixes)


def inline(result: Result) -> str:
    parts: list[str] = []
    pos = 0
    for c in chunks(result):
        parts.append(result.original[pos : c.start])
        old = result.original[c.start : c.end]
        new = result.text[c.cleaned_start : c.cleaned_end]
        if old:
            parts.append(f"[-{old}-]")
        if new:
            parts.append(f"{{+{new}+}}")
        pos = c.end
    parts.append(result.original[pos:])
    return "".join(parts)


def to_html(result: Result) -> str:
    parts: list[str] = ['<div class="mtclean-diff" style="white-space: pre-wrap">']
    pos = 0
    for c in chunks(result):
        parts.append(html.escape(result.original[pos : c.start]))
        title = html.escape(_reason(c), quote=True)
        rules = html.escape(" ".join(sorted({f.rule for f in c.fixes})), quote=True)
        kinds = html.escape(" ".join(sorted({f.kind for f in c.fixes})), quote=True)
        old = result.original[c.start : c.end]
        new = result.text[c.cleaned_start : c.cleaned_end]
        attrs = f'title="{title}" data-rule="{rules}" data-kind="{kinds}"'
        if old:
            parts.append(f"<del {attrs}>{html.escape(old)}</del>")
        if new:
            parts.append(f"<ins {attrs}>{html.escape(new)}</ins>")
        pos = c.end
    parts.append(html.escape(result.original[pos:]))
    parts.append("</div>")
    return "".join(parts)


def unified(result: Result, context: int = 3) -> str:
    a = result.original.splitlines(keepends=True)
    b = result.text.splitlines(keepends=True)
    lines = difflib.unified_diff(a, b, "original", "cleaned", n=context)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def edits(result: Result) -> list[dict[str, Any]]:
    """The applied fixes with offsets in both texts."""
    out = []
    for f in result.fixes:
        cs, ce = result.to_cleaned(f.start, f.end)
        d = f.to_dict()
        d["cleaned_start"], d["cleaned_end"] = cs, ce
        out.append(d)
    return out


def to_json(result: Result) -> str:
    return json.dumps({"edits": edits(result), "original_length": len(result.original), "cleaned_length": len(result.text)}, ensure_ascii=False, indent=2)


class _E:
    __slots__ = ("start", "end", "replacement")

    def __init__(self, start: int, end: int, replacement: str) -> None:
        self.start, self.end, self.replacement = start, end, replacement


def replay(original: str, diff: str | dict[str, Any] | Sequence[dict[str, Any]]) -> str:
    """Apply a json diff (as produced by ``Result.diff("json")``) to the original text."""
    data = json.loads(diff) if isinstance(diff, str) else diff
    items = data["edits"] if isinstance(data, dict) else data
    es = []
    for d in items:
        if original[d["start"] : d["end"]] != d["original"]:
            raise ValueError(f"diff does not match the text at ({d['start']}, {d['end']})")
        es.append(_E(d["start"], d["end"], d["replacement"]))
    return apply(original, es)


def render(result: Result, format: str) -> str:
    if format == "unified":
        return unified(result)
    if format == "inline":
        return inline(result)
    if format == "html":
        return to_html(result)
    if format == "json":
        return to_json(result)
    raise ValueError(f"unknown diff format {format!r}; expected one of {', '.join(FORMATS)}")

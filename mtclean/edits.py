"""Applying fixes and mapping offsets between the original and the cleaned text.

Fixes are non-overlapping spans of the original text.  `OffsetMap` maps positions both ways: a
position outside every edit moves by the length change of the edits before it; a span that starts
or ends inside an edited region is widened to the whole region on the other side, so a mapped span
always covers what it corresponds to.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Protocol


class _Edit(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def replacement(self) -> str | None: ...


def _sorted_checked(original: str, fixes: Iterable[_Edit]) -> list[_Edit]:
    ordered = sorted(fixes, key=lambda f: (f.start, f.end))
    prev_end = 0
    prev_empty_at = -1
    for f in ordered:
        if f.start < prev_end or f.end > len(original):
            raise ValueError(f"fixes overlap or run past the text at ({f.start}, {f.end})")
        if f.start == f.end and f.start == prev_empty_at:
            raise ValueError(f"two insertions at the same offset {f.start}")
        if f.start == f.end:
            prev_empty_at = f.start
        prev_end = f.end
    return ordered


def apply(original: str, fixes: Iterable[_Edit]) -> str:
    """Apply non-overlapping fixes (offsets in ``original``) and return the new text."""
    parts: list[str] = []
    pos = 0
    for f in _sorted_checked(original, fixes):
        parts.append(original[pos : f.start])
        parts.append(f.replacement or "")
        pos = f.end
    parts.append(original[pos:])
    return "".join(parts)


class OffsetMap:
    """Maps spans between the original text and the text produced by applying ``fixes``."""

    __slots__ = ("_o_starts", "_o_ends", "_c_starts", "_c_ends", "_orig_len", "_clean_len")

    def __init__(self, original: str, fixes: Sequence[_Edit]) -> None:
        self._o_starts: list[int] = []
        self._o_ends: list[int] = []
        self._c_starts: list[int] = []
        self._c_ends: list[int] = []
        delta = 0
        for f in _sorted_checked(original, fixes):
            rep = f.replacement or ""
            self._o_starts.append(f.start)
            self._o_ends.append(f.end)
            self._c_starts.append(f.start + delta)
            delta += len(rep) - (f.end - f.start)
            self._c_ends.append(f.end + delta)
        self._orig_len = len(original)
        self._clean_len = len(original) + delta

    @staticmethod
    def _map_start(pos: int, ss: list[int], se: list[int], ds: list[int], de: list[int]) -> int:
        i = bisect_right(ss, pos) - 1  # last edit starting at or before pos
        if i < 0:
            return pos
        if ss[i] <= pos < se[i] or ss[i] == se[i] == pos:
            return ds[i]  # inside an edit (or at an insertion): its start on the other side
        return de[i] + (pos - se[i])

    @staticmethod
    def _map_end(pos: int, ss: list[int], se: list[int], ds: list[int], de: list[int]) -> int:
        j = bisect_left(ss, pos)  # first edit starting at or after pos
        if j < len(ss) and ss[j] == se[j] == pos:
            return de[j]  # an insertion exactly here belongs to the span it ends
        i = j - 1  # last edit starting before pos
        if i < 0:
            return pos
        if pos <= se[i]:
            return de[i]  # inside an edit: widened to its end on the other side
        return de[i] + (pos - se[i])

    def _span(self, start: int, end: int, length: int, forward: bool) -> tuple[int, int]:
        if not (0 <= start <= end <= length):
            raise ValueError(f"span ({start}, {end}) outside 0..{length}")
        if forward:
            a = (self._o_starts, self._o_ends, self._c_starts, self._c_ends)
        else:
            a = (self._c_starts, self._c_ends, self._o_starts, self._o_ends)
        s = self._map_start(start, *a)
        e = self._map_end(end, *a)
        return s, max(s, e)

    def to_cleaned(self, start: int, end: int) -> tuple[int, int]:
        """The span of the cleaned text that corresponds to ``original[start:end]``."""
        return self._span(start, end, self._orig_len, True)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that corresponds to ``cleaned[start:end]``."""
        return self._span(start, end, self._clean_len, False)

"""The change records every detector proposes and every result carries.

`Fix` is a change that was (or is proposed to be) applied; `Finding` is something spotted and
reported but not applied, with an optional suggestion.  Both are frozen and carry offsets into the
*original* text, so that a person or a program can audit each change and map it back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

#: Every kind of problem mtclean knows about.
KINDS: tuple[str, ...] = (
    "name",
    "group",
    "term",
    "artifact",
    "boilerplate",
    "unicode",
    "language",
)


def _check(start: int, end: int, original: str, kind: str, confidence: float) -> None:
    if not (0 <= start <= end):
        raise ValueError(f"bad span ({start}, {end})")
    if end - start != len(original):
        raise ValueError(f"span ({start}, {end}) does not match original {original!r}")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not (0.0 <= confidence <= 1.0):
        raise ValueError(f"confidence {confidence!r} outside 0..1")


@dataclass(frozen=True, slots=True)
class Fix:
    """One change to the original text.

    ``start``/``end`` are offsets in the original text; ``original == text[start:end]``.
    """

    start: int
    end: int
    original: str
    replacement: str
    kind: str
    rule: str
    confidence: float
    reason: str
    entity: str | None = None

    def __post_init__(self) -> None:
        _check(self.start, self.end, self.original, self.kind, self.confidence)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def as_finding(self, reason: str | None = None) -> Finding:
        """The same proposal as a Finding (spotted, not applied)."""
        return Finding(
            self.start,
            self.end,
            self.original,
            self.replacement,
            self.kind,
            self.rule,
            self.confidence,
            reason if reason is not None else self.reason,
            self.entity,
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """Something spotted but not applied; ``replacement`` is the suggestion, if any."""

    start: int
    end: int
    original: str
    replacement: str | None
    kind: str
    rule: str
    confidence: float
    reason: str
    entity: str | None = None

    def __post_init__(self) -> None:
        _check(self.start, self.end, self.original, self.kind, self.confidence)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Mention:
    """A gazetteer entity recognised in the original text (fixed or already correct).

    ``start``/``end`` are offsets in the original text.  Turned into `Entity` records (with spans
    in both texts) by the result.
    """

    start: int
    end: int
    text: str
    entity: str
    type: str
    canonical: str


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity mention with its span in the original and in the cleaned text."""

    entity: str
    type: str
    canonical: str
    original: str
    start: int
    end: int
    text: str
    cleaned_start: int
    cleaned_end: int
    fixed: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

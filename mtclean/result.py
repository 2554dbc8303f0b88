"""The result of cleaning one text: cleaned text, applied fixes, findings, entities and diffs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .edits import OffsetMap
from .model import Entity, Finding, Fix, Mention


@dataclass(frozen=True, eq=False)
class Result:
    """What `Cleaner.clean` returns.

    ``fixes`` are the applied changes ordered by position (offsets in ``original``); applying them
    to ``original`` gives ``text``.  ``findings`` are spotted but not applied.
    """

    original: str
    text: str
    fixes: tuple[Fix, ...] = ()
    findings: tuple[Finding, ...] = ()
    mentions: tuple[Mention, ...] = field(default=(), repr=False)

    @property
    def changed(self) -> bool:
        """True when at least one fix was applied."""
        return bool(self.fixes)

    @cached_property
    def _map(self) -> OffsetMap:
        return OffsetMap(self.original, self.fixes)

    def to_cleaned(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the original text to the cleaned text (widened over edited regions)."""
        return self._map.to_cleaned(start, end)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text back to the original text (widened over edited regions)."""
        return self._map.to_original(start, end)

    @cached_property
    def entities(self) -> tuple[Entity, ...]:
        """Every gazetteer entity the engine recognised, fixed or already correct.

        Light entity linking as a by-product: limited to what the gazetteers know and to the
        evidence the name engine used; no other disambiguation.
        """
        by_span = {(f.start, f.end): f for f in self.fixes if f.entity}
        # A repair the resolver did not apply (below threshold, lost an overlap) leaves a mention
        # that is neither fixed nor correct: not reported as an entity (it stays a finding).
        unsure = {
            (f.start, f.end, f.entity) for f in self.findings if f.entity and f.replacement not in (None, f.original)
        }
        out: list[Entity] = []
        for m in sorted(self.mentions, key=lambda m: (m.start, m.end, m.entity)):
            fix = by_span.get((m.start, m.end))
            if fix is None and (m.start, m.end, m.entity) in unsure:
                continue
            cs, ce = self.to_cleaned(m.start, m.end)
            if cs == ce:
                continue  # the mention was deleted by another fix (a bracketed insertion, boilerplate)
            out.append(
                Entity(
                    entity=m.entity,
                    type=m.type,
                    canonical=m.canonical,
                    original=m.text,
                    start=m.start,
                    end=m.end,
                    text=self.text[cs:ce],
                    cleaned_start=cs,
                    cleaned_end=ce,
                    fixed=fix is not None and fix.entity == m.entity,
                )
            )
        return tuple(out)

    def diff(self, format: str = "unified") -> str:
        """The changes as text: ``unified``, ``inline`` (word level), ``html`` or ``json``."""
        from . import diff as _diff

        return _diff.render(self, format)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict of the whole result."""
        return {
            "original": self.original,
            "text": self.text,
            "changed": self.changed,
            "fixes": [f.to_dict() for f in self.fixes],
            "findings": [f.to_dict() for f in self.findings],
            "entities": [e.to_dict() for e in self.entities],
        }

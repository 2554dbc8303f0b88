"""The one place that decides what is applied.

Detectors propose `Fix` records; `resolve` turns them into the applied fixes and the findings:

1. A proposal below the confidence threshold of its kind becomes a `Finding` (with its suggestion).
2. Overlapping proposals: the longest span wins, then the most confident, then the earliest start,
   then the rule id, then the replacement text (a total order, so the outcome never depends on the
   order detectors ran in).  A losing proposal becomes a finding unless an accepted fix already
   makes exactly the same change.
3. Proposals that change nothing (replacement equal to the original) are dropped.

Two spans overlap when they share a character, when two insertions sit at the same offset, or when
an insertion sits strictly inside another span.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import KINDS, Finding, Fix

#: Default confidence a proposal needs to be applied, per kind.
DEFAULT_THRESHOLDS: Mapping[str, float] = {
    "name": 0.80,
    "group": 0.80,
    "term": 0.80,
    "artifact": 0.80,
    "boilerplate": 0.80,
    "unicode": 0.70,
    "language": 1.00,
}


def thresholds_for(min_confidence: float | Mapping[str, float] | None) -> dict[str, float]:
    """Per-kind thresholds from the `Cleaner` option (a number for all kinds, or a mapping)."""
    out = dict(DEFAULT_THRESHOLDS)
    if min_confidence is None:
        return out
    if isinstance(min_confidence, bool):
        raise TypeError("min_confidence must be a number or a mapping of kind to number")
    if isinstance(min_confidence, (int, float)):
        if not 0.0 <= float(min_confidence) <= 1.0:
            raise ValueError(f"min_confidence {min_confidence!r} outside 0..1")
        return {k: float(min_confidence) for k in out}
    if isinstance(min_confidence, Mapping):
        for k, v in min_confidence.items():
            if k not in KINDS:
                raise ValueError(f"min_confidence: unknown kind {k!r}; expected one of {', '.join(KINDS)}")
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0.0 <= float(v) <= 1.0:
                raise ValueError(f"min_confidence[{k!r}] must be a number in 0..1")
            out[k] = float(v)
        return out
    raise TypeError("min_confidence must be a number or a mapping of kind to number")


def _overlaps(a: Fix, b: Fix) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _priority(f: Fix) -> tuple[int, float, int, str, str]:
    return (-(f.end - f.start), -f.confidence, f.start, f.rule, f.replacement)


@dataclass(frozen=True)
class Resolution:
    fixes: tuple[Fix, ...]
    findings: tuple[Finding, ...]


def resolve(
    proposals: Iterable[Fix],
    findings: Iterable[Finding],
    thresholds: Mapping[str, float],
) -> Resolution:
    """Choose the fixes to apply; everything else becomes a finding.  Deterministic."""
    out_findings: list[Finding] = list(findings)
    candidates: list[Fix] = []
    for p in proposals:
        if p.replacement == p.original:
            continue
        if p.confidence < thresholds.get(p.kind, 1.0):
            out_findings.append(
                p.as_finding(f"{p.reason} (confidence {p.confidence:.2f} below the {p.kind} threshold, not applied)")
            )
        else:
            candidates.append(p)
    accepted: list[Fix] = []
    # Sorted once by priority; a greedy pass keeps each proposal that overlaps nothing kept so far.
    # Accepted spans are also kept sorted by start for a logarithmic overlap check.
    from bisect import bisect_left, insort

    starts: list[tuple[int, int, int]] = []  # (start, end, index into accepted)
    for p in sorted(candidates, key=_priority):
        i = bisect_left(starts, (p.start, -1, -1))
        clash = None
        for j in (i - 1, i, i + 1):
            if 0 <= j < len(starts):
                other = accepted[starts[j][2]]
                if _overlaps(p, other):
                    clash = other
                    break
        if clash is None:
            # Neighbours beyond i±1 cannot overlap: accepted spans do not overlap each other.
            insort(starts, (p.start, p.end, len(accepted)))
            accepted.append(p)
        elif not (clash.start == p.start and clash.end == p.end and clash.replacement == p.replacement):
            out_findings.append(p.as_finding(f"{p.reason} (not applied: overlaps {clash.rule})"))
    fixes = tuple(sorted(accepted, key=lambda f: (f.start, f.end)))
    out = tuple(sorted(out_findings, key=lambda f: (f.start, f.end, f.rule, f.replacement or "")))
    return Resolution(fixes, out)

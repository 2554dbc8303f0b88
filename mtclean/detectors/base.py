"""The detector protocol: every kind of problem is found by one module behind it.

A detector *proposes*; it never edits text.  It yields `Fix` records (proposed changes, which the
resolver applies or demotes to findings), `Finding` records (flag-only), and `Mention` records
(entities recognised, for `Result.entities`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..model import Finding, Fix, Mention

if TYPE_CHECKING:
    from ..config import Config
    from ..document import Document

Proposal = Fix | Finding | Mention


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule a detector implements.

    ``action`` is ``"fix"`` when the rule proposes changes (applied above the confidence
    threshold) and ``"flag"`` when it only reports findings.  ``examples`` are (input, expected
    output) pairs kept beside the rule and run as tests; for flag rules the expected output is the
    flagged substring.
    """

    id: str
    kind: str
    action: str
    description: str
    examples: tuple[tuple[str, str], ...] = field(default=())
    counter_examples: tuple[str, ...] = field(default=())
    #: `Cleaner` keyword arguments the examples need (e.g. ``(("mode", "normalize"),)``).
    options: tuple[tuple[str, object], ...] = field(default=())


@runtime_checkable
class Detector(Protocol):
    """What every detector provides."""

    #: Short unique name of the detector ("names", "brackets", ...).
    name: str
    #: The rules it implements.
    rules: tuple[Rule, ...]

    def find(self, doc: Document) -> Iterable[Proposal]:
        """Yield proposals for ``doc``.  Must not raise on any input text."""
        ...


class DetectorFactory(Protocol):
    """Builds a detector for a cleaner configuration (gazetteers, mode, data files)."""

    rules: tuple[Rule, ...]

    def __call__(self, config: Config) -> Detector: ...

"""Detectors: one module per kind of problem, all behind the `Detector` protocol.

Every module in this package except ``base`` (the protocol) and ``spin`` (the spun-phrase generator
the terms detector reads) defines ``DETECTOR``, a factory (usually the detector class) with a
``rules`` attribute that builds a detector from a `Config`.  Modules are discovered
by name, in sorted order; the order does not affect results because the resolver sorts proposals
by a total order.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from .base import Detector, DetectorFactory, Proposal, Rule

_SKIP = {"base", "spin"}


@lru_cache(maxsize=1)
def factories() -> tuple[DetectorFactory, ...]:
    """The factory of every detector module, in module-name order."""
    out: list[DetectorFactory] = []
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    for name in names:
        if name in _SKIP:
            continue
        mod = importlib.import_module(f"{__name__}.{name}")
        factory = getattr(mod, "DETECTOR", None)
        if factory is not None:
            out.append(factory)
    return tuple(out)


def all_rules() -> tuple[Rule, ...]:
    """Every rule of every detector."""
    return tuple(r for f in factories() for r in f.rules)


__all__ = ["Detector", "DetectorFactory", "Proposal", "Rule", "all_rules", "factories"]

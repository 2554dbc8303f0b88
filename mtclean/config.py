"""The configuration a `Cleaner` hands to its detectors (immutable)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .gazetteer.model import Gazetteer

MODES = ("repair", "normalize")


@dataclass(frozen=True)
class Config:
    """What detectors may read: the merged gazetteer and the mode."""

    gazetteer: Gazetteer
    mode: str = "repair"

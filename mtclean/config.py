"""The configuration a `Cleaner` hands to its detectors (immutable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .gazetteer.model import Gazetteer

MODES = ("repair", "normalize")


@dataclass(frozen=True)
class Config:
    """What detectors may read: the merged gazetteer, the mode, and extra rule data files.

    ``data`` maps a data-file name used by a detector ("boilerplate", "terms", ...) to extra files
    the user supplied; the detector reads them after its embedded file (same format).
    """

    gazetteer: Gazetteer
    mode: str = "repair"
    data: dict[str, tuple[Path, ...]] = field(default_factory=dict)

    def data_files(self, name: str) -> tuple[Path, ...]:
        """Extra user files for data set ``name`` (empty when none were given)."""
        return self.data.get(name, ())

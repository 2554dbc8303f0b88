from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def default_cleaner():
    import mtclean

    return mtclean.default_cleaner()


def shared_path(*parts: str) -> Path:
    """A file of the read-only shared material, or skip the test when it is not there."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared material not available: {p}")
    return p

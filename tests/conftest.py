from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples in every run by default ("ci"), so a green suite stays
# green on a clean checkout; HYPOTHESIS_PROFILE=explore draws new ones (run it to hunt for bugs:
# each one found becomes a fix and, where it is instructive, an explicit test).
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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

"""The wheel carries the embedded gazetteers: build it, install it in a fresh venv, clean the seed."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


def test_wheel_installs_and_cleans_the_seed(tmp_path: Path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("mtclean-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for f in ("people.tsv", "organizations.tsv", "places.tsv", "groups.tsv"):
        assert f"mtclean/gazetteers/{f}" in names
    assert "mtclean/py.typed" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    # Run from a directory without the source tree, so only the installed package can be used.
    seed = ROOT / "seeds" / "000_075f4dc80fa93445.txt"
    out = subprocess.run(
        [str(env_dir / "bin" / "mtclean"), "clean", str(seed)], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    expected = (ROOT / "seeds" / "000_075f4dc80fa93445.expected.txt").read_text(encoding="utf-8")
    assert out.stdout == expected
    where = subprocess.run(
        [str(py), "-c", "import mtclean.resources as r; print(r.gazetteer_dir())"],
        capture_output=True, text=True, cwd=tmp_path, check=True,
    )
    assert "site-packages" in where.stdout

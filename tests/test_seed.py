"""The seed article end to end, through the public API and the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, shared_path

import mtclean

SEED = ROOT / "seeds" / "000_075f4dc80fa93445.txt"
EXPECTED = ROOT / "seeds" / "000_075f4dc80fa93445.expected.txt"


@pytest.fixture(scope="module")
def result():
    return mtclean.clean(SEED.read_text(encoding="utf-8"))


def test_seed_cleans_to_the_expected_text(result):
    assert result.text == EXPECTED.read_text(encoding="utf-8")


def test_every_seed_change_is_explained(result):
    for f in result.fixes:
        assert f.reason and f.rule and 0 < f.confidence <= 1
        if f.kind == "name":
            assert f.entity


def _case():
    with open(shared_path("eval", "seed_cases.jsonl"), encoding="utf-8") as fh:
        return json.loads(fh.readline())


def _expected_fixes():
    try:
        return _case()["fixes"]
    except pytest.skip.Exception:
        return []


@pytest.mark.parametrize("fix", _expected_fixes() or [None], ids=lambda f: f and f["original"].strip() or "none")
def test_seed_expected_fix(result, fix):
    if fix is None:
        pytest.skip("shared seed cases not available")
    start = result.original.index(fix["original"])
    cs, ce = result.to_cleaned(start, start + len(fix["original"]))
    assert result.text[cs:ce] == fix["replacement"]


def test_seed_keep_strings_untouched(result):
    case = _case()
    for keep in case["keep"]:
        pos = result.original.find(keep)
        while pos != -1:
            for f in result.fixes:
                assert not (f.start < pos + len(keep) and pos < f.end), (keep, f)
            pos = result.original.find(keep, pos + 1)


def test_seed_flags_are_findings(result):
    case = _case()
    for flag in case["flags"]:
        start = result.original.index(flag["original"])
        end = start + len(flag["original"])
        assert any(f.start < end and start < f.end for f in result.findings), flag


def test_seed_through_the_command_line():
    out = subprocess.run(
        [sys.executable, "-m", "mtclean", "clean", str(SEED)], capture_output=True, text=True, check=True
    )
    assert out.stdout == EXPECTED.read_text(encoding="utf-8")
    diff = subprocess.run(
        [sys.executable, "-m", "mtclean", "clean", str(SEED), "--diff", "json"], capture_output=True, text=True, check=True
    )
    from mtclean.diff import replay

    assert replay(SEED.read_text(encoding="utf-8"), diff.stdout) == EXPECTED.read_text(encoding="utf-8")

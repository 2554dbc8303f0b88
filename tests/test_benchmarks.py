"""Smoke test of the benchmark harness: ``benchmarks/run.py --quick`` runs and writes its file.

A test of the harness, not of speed: no timing is asserted.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_writes_results(tmp_path):
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--size-mb", "0.02", "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# mtclean benchmark results")
    for needle in (
        "- date: ",
        "- cpu: ",
        "## Targets",
        "| throughput, default gazetteers |",
        "## Scaling",
        "## Cold start",
        "Where the time goes",
        "| names |",
        "| resolve + apply |",
        "distinct span texts afresh",
    ):
        assert needle in text, needle
    assert "| 1,000 |" in text and "| 10,000 |" in text
    assert "error:" not in text
    assert f"wrote {out}" in proc.stdout

"""The prose precision script (scripts/prose_eval.py) reads text files and reports the fixes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "prose_eval.py"


def _module():
    spec = importlib.util.spec_from_file_location("prose_eval", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_prose_eval_counts_fixes_per_mb(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "README.md").write_text(
        "Thanks to Thomas Grainger for the parser.\n\nRussian Foreign Minister Sergei Lavrof met officials in Moscow.\n",
        encoding="utf-8",
    )
    (docs / "AUTHORS").write_text("Jane Doe\n", encoding="utf-8")
    (docs / "LICENSE.txt").write_text("Sergei Lavrof\n", encoding="utf-8")  # licence texts are skipped
    (docs / "image.png").write_bytes(b"\x89PNG")
    out = tmp_path / "rows.json"
    assert _module().main(["--root", str(docs), "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("2 files,") and "; 1 fixes (" in text and "name.fuzzy" in text
    (row,) = json.loads(out.read_text(encoding="utf-8"))
    assert (row["original"], row["replacement"]) == ("Sergei Lavrof", "Sergey Lavrov")
    assert row["file"].endswith("README.md") and "Lavrof" in row["context"]


def test_prose_eval_without_files(tmp_path, capsys):
    assert _module().main(["--root", str(tmp_path / "absent")]) == 2
    assert "no text files" in capsys.readouterr().err

"""The real-names precision script (scripts/real_names_eval.py) runs and reports each context."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from conftest import shared_path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "real_names_eval.py"


def _module():
    spec = importlib.util.spec_from_file_location("real_names_eval", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_real_names_eval_reports_every_context(tmp_path, capsys):
    actors = shared_path("data", "phoenix", "Phoenix.Countries.actors.txt")
    out = tmp_path / "rows.json"
    assert _module().main(["--actors", str(actors), "--every", "150", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    contexts = ("bare", "initial", "title", "capital", "national", "surname", "list")
    for context in contexts:
        assert f"\n{context} " in text
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert all(r["context"] in contexts and r["kind"] == "name" for r in rows)


def test_real_names_eval_missing_dictionary(tmp_path, capsys):
    assert _module().main(["--actors", str(tmp_path / "absent.txt")]) == 2
    assert "not found" in capsys.readouterr().err

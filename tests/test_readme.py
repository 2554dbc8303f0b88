"""The README stays true: its rules table is generated from the rules, its examples run."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_rules_table_is_up_to_date():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import rules_table
    finally:
        sys.path.pop(0)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index(rules_table.START) + len(rules_table.START) : text.index(rules_table.END)]
    assert block.strip() == rules_table.table().strip(), "run: python scripts/rules_table.py --write"


def test_python_examples_run():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    for code in blocks:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, timeout=120)

"""Print the markdown table of every rule, or rewrite it in README.md (``--write``).

The README's rules table is generated from the rules themselves (tests/test_readme.py checks that
it is up to date), so it can never drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import mtclean

START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def table() -> str:
    lines = ["| rule | kind | action | what it does |", "|---|---|---|---|"]
    for r in sorted(mtclean.rules(), key=lambda r: (r["kind"], r["id"])):
        action = "fixes" if r["action"] == "fix" else "flags only"
        desc = " ".join(r["description"].split()).replace("|", "\\|")
        lines.append(f"| `{r['id']}` | {r['kind']} | {action} | {desc} |")
    return "\n".join(lines)


def rewrite(readme: Path) -> None:
    text = readme.read_text(encoding="utf-8")
    a, b = text.index(START) + len(START), text.index(END)
    readme.write_text(text[:a] + "\n" + table() + "\n" + text[b:], encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv:
        rewrite(Path(__file__).resolve().parent.parent / "README.md")
    else:
        print(table())

"""False fixes on English prose that no machine translated (a dev tool, like the benchmarks and the
other evaluation scripts; not part of the test suite's pass/fail).

The documentation installed on any machine (READMEs, changelogs and AUTHORS files of Python
packages, ``/usr/share/doc``) is English written by people, full of real names that are in no
gazetteer of ours: contributors, projects, places. Every fix mtclean applies to it is a false fix
or, at best, a normalisation. The script cleans it paragraph by paragraph (up to 5,000 characters
each) and reports the fixes per MB, by rule, each with its context.

    python scripts/prose_eval.py                                  # site-packages and /usr/share/doc
    python scripts/prose_eval.py --root DIR --root DIR --show 20 --json /tmp/prose.json

The text differs from machine to machine (package versions); compare runs on the same machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import sysconfig
from collections import Counter
from pathlib import Path

import mtclean

SUFFIXES = (".md", ".rst", ".txt")
#: Files larger than this are skipped (generated lists, data).
MAX_BYTES = 200_000
#: Longest paragraph cleaned (the rest of a longer one is skipped).
MAX_PARAGRAPH = 5_000


def default_roots() -> list[Path]:
    return [Path(sysconfig.get_paths()["purelib"]), Path("/usr/share/doc")]


def prose_files(roots: list[Path]) -> list[Path]:
    """Text files under ``roots``: ``.md``, ``.rst``, ``.txt`` and files without a suffix (README,
    AUTHORS, NEWS), sorted. Licence texts (legal boilerplate) and mtclean's own files (which quote
    machine-translated names on purpose) are left out."""
    out: list[Path] = []
    for root in roots:
        if not root.is_dir():
            continue
        for p in sorted(root.rglob("*")):
            name = p.name.lower()
            if "copyright" in name or "license" in name or "licence" in name or "mtclean" in str(p).lower():
                continue
            if (p.suffix.lower() in SUFFIXES or not p.suffix) and p.is_file() and p.stat().st_size <= MAX_BYTES:
                out.append(p)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, action="append", help="directory to read (repeatable; default: site-packages and /usr/share/doc)")
    ap.add_argument("--enable", default="name", help="rules or kinds to run, comma-separated (default: name)")
    ap.add_argument("--show", type=int, default=0, help="print N fixes with their context")
    ap.add_argument("--json", type=Path, help="write every fix here")
    a = ap.parse_args(argv)
    files = prose_files(a.root or default_roots())
    if not files:
        print("no text files found", file=sys.stderr)
        return 2
    cleaner = mtclean.Cleaner(enable=[x for x in a.enable.split(",") if x])
    rows: list[dict[str, object]] = []
    chars = 0
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for para in text.split("\n\n"):
            para = para[:MAX_PARAGRAPH]
            chars += len(para)
            for f in cleaner.clean(para).fixes:
                context = para[max(0, f.start - 60) : f.end + 40]
                rows.append({"file": str(path), "context": context, **f.to_dict()})
    mb = chars / 1e6
    print(f"{len(files)} files, {mb:.1f} MB of prose; {len(rows)} fixes ({len(rows) / max(mb, 1e-9):.2f} per MB)")
    for rule, n in sorted(Counter(str(r["rule"]) for r in rows).items()):
        print(f"  {rule:28s} {n:5d}")
    for r in rows[: a.show]:
        print(f"  {r['original']!r} -> {r['replacement']!r} [{r['rule']} {r['confidence']}]: {r['context']!r}")
    if a.json:
        a.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

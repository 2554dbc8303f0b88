"""``mtclean eval``: measure the cleaner against annotated case files (see `mtclean.evaluate`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..cli import EXIT_BAD_DATA, EXIT_UNDECODABLE, EXIT_UNREADABLE, CLIError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "eval",
        help="measure recall, precision and false fixes on annotated JSONL case files",
        description=(
            "Clean every case of the JSONL case files and report, per kind and per source language, "
            "expected fixes, correct ones, recall, changes made, unexpected changes, precision and F1, "
            "plus keep violations and expected flags found.  The exit code says whether the run worked, "
            "not whether the figures are good."
        ),
    )
    p.add_argument("cases", nargs="+", metavar="CASES.jsonl", help="case files (one JSON object a line)")
    p.add_argument("--gazetteer", action="append", default=[], metavar="PATH", help="extra gazetteer (repeatable)")
    p.add_argument("--no-defaults", action="store_true", help="do not load the embedded gazetteers")
    p.add_argument("--mode", choices=["repair", "normalize"], default="repair")
    p.add_argument("--min-confidence", type=float, metavar="X", help="confidence needed to apply a fix (0..1)")
    p.add_argument(
        "--clean",
        action="store_true",
        help="treat every case as clean text (no change expected); report false fixes per 1,000 words",
    )
    p.add_argument("--json", action="store_true", help="print a JSON document with all figures")
    p.add_argument(
        "--show-errors",
        action="store_true",
        help="list each miss (with the findings near it) and each unexpected change with its rule and reason",
    )
    p.set_defaults(func=run)


def _load(paths: list[str]) -> list[Any]:
    from ..evaluate import CaseFileError, load_cases

    cases = []
    for path in paths:
        try:
            cases.extend(load_cases(path))
        except CaseFileError as exc:
            raise CLIError(str(exc), EXIT_BAD_DATA) from None
        except UnicodeDecodeError as exc:
            raise CLIError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start})", EXIT_UNDECODABLE) from None
        except OSError as exc:
            raise CLIError(f"cannot read {path}: {exc.strerror or exc}", EXIT_UNREADABLE) from None
    return cases


def run(args: argparse.Namespace) -> int:
    from .. import Cleaner
    from ..evaluate import evaluate, format_report

    cases = _load(args.cases)
    cleaner = Cleaner(
        args.gazetteer or None,
        defaults=not args.no_defaults,
        mode=args.mode,
        min_confidence=args.min_confidence,
    )
    report = evaluate(cases, cleaner, clean=args.clean, files=args.cases)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report, show_errors=args.show_errors))
    return 0

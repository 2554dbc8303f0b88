"""``mtclean gazetteer check``: look for problems in gazetteer files before using them.

Exit codes: 0 no errors (warnings may be printed); 1 errors (duplicate ids, unfindable entries);
3 a file cannot be read; 4 a file is not UTF-8; 5 a file is malformed (the message names file, line
and column).  See ``mtclean.gazetteer.check`` for the checks.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..gazetteer.formats import FORMATS


def register(sub: Any) -> None:
    p = sub.add_parser("gazetteer", help="work with gazetteer files (check)")
    gsub = p.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    c = gsub.add_parser(
        "check",
        help="report duplicate ids, shared names, common words and entries the matcher cannot find",
        description="Check gazetteer files together (TSV, CSV, JSONL, Wikidata JSON, PETRARCH actors). "
        "Without PATH, the embedded default gazetteers are checked.",
    )
    c.add_argument("paths", nargs="*", metavar="PATH", help="gazetteer files (default: the embedded gazetteers)")
    c.add_argument("--json", action="store_true", help="print the report as JSON")
    c.add_argument("--format", choices=[*FORMATS, "json"], help="read every file in this format")
    c.add_argument("--type", choices=["PER", "ORG", "LOC", "GRP"], help="override the type of every entry")
    c.add_argument("--limit", type=int, default=50, metavar="N", help="items shown per problem (0: all; text only)")
    c.set_defaults(func=run_check)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    from ..cli import EXIT_USAGE

    parser.print_help(sys.stderr)
    return EXIT_USAGE


def run_check(args: argparse.Namespace) -> int:
    from ..gazetteer.check import check_paths
    from ..resources import DEFAULT_FILES, gazetteer_dir

    paths = list(args.paths)
    if not paths:
        d = gazetteer_dir()
        paths = [str(d / f) for f in DEFAULT_FILES if (d / f).is_file()]
    report = check_paths(paths, format=args.format, type=args.type)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(report.format(limit=args.limit))
    return report.exit_code()

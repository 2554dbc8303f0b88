"""``mtclean report``: one self-contained HTML page to review a batch of cleaned articles."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..cli import EXIT_BAD_DATA, EXIT_UNDECODABLE, EXIT_UNREADABLE, CLIError
from .clean import add_cleaner_options


def register(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="write an HTML review page for a JSONL batch (articles, or the output of clean --jsonl)",
        description=(
            "Read JSONL articles (a text field; cleaned here) or the output of 'mtclean clean --jsonl' "
            "(records with an 'mtclean' object; shown as cleaned then), and write one self-contained HTML "
            "page: counts by kind and rule, the entities most often repaired, every article with its "
            "inline diff, fixes and findings, and filters by kind and rule."
        ),
    )
    p.add_argument("input", metavar="IN.jsonl", help="JSONL file, or - for standard input")
    p.add_argument("-o", "--output", metavar="OUT.html", help="write here instead of standard output")
    p.add_argument("--field", default="text", help="the JSONL field holding the text (default: text)")
    p.add_argument("--title", default="mtclean review", help="the page title")
    add_cleaner_options(p)
    p.add_argument("--errors", choices=["strict", "replace"], default="strict", help="how to treat undecodable bytes")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..report import ReportError, load_articles, render_report
    from .clean import make_cleaner

    name = "<stdin>" if args.input == "-" else args.input
    try:
        stream = sys.stdin.buffer if args.input == "-" else open(args.input, "rb")
    except OSError as exc:
        raise CLIError(f"cannot read {args.input}: {exc.strerror or exc}", EXIT_UNREADABLE) from None
    try:
        articles = load_articles(stream, args.field, lambda: make_cleaner(args), name=name, errors=args.errors)
    except ReportError as exc:
        code = EXIT_UNDECODABLE if "not UTF-8" in str(exc) else EXIT_BAD_DATA
        raise CLIError(str(exc), code) from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    page = render_report(articles, args.title)
    if not args.output or args.output == "-":
        sys.stdout.write(page)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(page)
    except OSError as exc:
        raise CLIError(f"cannot write {args.output}: {exc.strerror or exc}", EXIT_UNREADABLE) from None
    n_fixes = sum(len(a.result.fixes) for a in articles)
    print(f"mtclean: {len(articles)} articles, {n_fixes} fixes -> {args.output}", file=sys.stderr)
    return 0

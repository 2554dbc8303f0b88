"""``mtclean clean``: clean a file, standard input, or a JSONL stream."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..cli import EXIT_BAD_DATA, EXIT_UNREADABLE, CLIError, read_input


def register(sub: Any) -> None:
    p = sub.add_parser("clean", help="clean a text file (or - for stdin) and print the result")
    p.add_argument("input", metavar="FILE", help="text file to clean, or - for standard input")
    p.add_argument("--diff", choices=["unified", "inline", "html", "json"], help="print the diff instead of the text")
    p.add_argument("--findings", action="store_true", help="list findings (and applied fixes) on standard error")
    p.add_argument("--gazetteer", action="append", default=[], metavar="PATH", help="extra gazetteer (repeatable)")
    p.add_argument("--no-defaults", action="store_true", help="do not load the embedded gazetteers")
    p.add_argument("--mode", choices=["repair", "normalize"], default="repair")
    p.add_argument("--min-confidence", type=float, metavar="X", help="confidence needed to apply a fix (0..1)")
    p.add_argument("--enable", action="append", metavar="RULE|KIND", help="run only these rules or kinds")
    p.add_argument("--disable", action="append", metavar="RULE|KIND", help="do not run these rules or kinds")
    p.add_argument("--jsonl", action="store_true", help="FILE is JSONL: clean one field of each record")
    p.add_argument("--field", default="text", help="the JSONL field holding the text (default: text)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument("--errors", choices=["strict", "replace"], default="strict", help="how to treat undecodable bytes")
    p.set_defaults(func=run)


def make_cleaner(args: argparse.Namespace) -> Any:
    from .. import Cleaner

    return Cleaner(
        args.gazetteer or None,
        defaults=not args.no_defaults,
        mode=args.mode,
        min_confidence=args.min_confidence,
        enable=args.enable,
        disable=args.disable,
    )


def _format_record(f: Any) -> str:
    sugg = f" -> {f.replacement!r}" if f.replacement is not None else ""
    ent = f" [{f.entity}]" if f.entity else ""
    return f"{f.start}-{f.end} {f.kind}/{f.rule} {f.original!r}{sugg} ({f.confidence:.2f}){ent}: {f.reason}"


def run(args: argparse.Namespace) -> int:
    cleaner = make_cleaner(args)
    out = sys.stdout
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8")
        except OSError as exc:
            raise CLIError(f"cannot write {args.output}: {exc.strerror or exc}", EXIT_UNREADABLE) from None
    try:
        if args.jsonl:
            return _run_jsonl(args, cleaner, out)
        text = read_input(args.input, args.errors)
        result = cleaner.clean(text)
        out.write(result.diff(args.diff) if args.diff else result.text)
        if args.findings:
            for f in result.fixes:
                print("fix     " + _format_record(f), file=sys.stderr)
            for f in result.findings:
                print("finding " + _format_record(f), file=sys.stderr)
        return 0
    finally:
        if out is not sys.stdout:
            out.close()


def _run_jsonl(args: argparse.Namespace, cleaner: Any, out: Any) -> int:
    try:
        stream = sys.stdin.buffer if args.input == "-" else open(args.input, "rb")
    except OSError as exc:
        raise CLIError(f"cannot read {args.input}: {exc.strerror or exc}", EXIT_UNREADABLE) from None
    name = "<stdin>" if args.input == "-" else args.input
    try:
        for line_no, raw in enumerate(stream, 1):
            try:
                line = raw.decode("utf-8", errors=args.errors)
            except UnicodeDecodeError as exc:
                raise CLIError(f"{name}, line {line_no}: not UTF-8 text (byte {exc.start})", 4) from None
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CLIError(f"{name}, line {line_no}: invalid JSON: {exc.msg}", EXIT_BAD_DATA) from None
            if not isinstance(rec, dict) or not isinstance(rec.get(args.field), str):
                raise CLIError(f"{name}, line {line_no}: no text field {args.field!r}", EXIT_BAD_DATA)
            result = cleaner.clean(rec[args.field])
            rec[args.field + "_cleaned"] = result.text
            rec["mtclean"] = {
                "fixes": [f.to_dict() for f in result.fixes],
                "findings": [f.to_dict() for f in result.findings],
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return 0

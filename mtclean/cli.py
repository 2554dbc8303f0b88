"""The ``mtclean`` command line (also ``python -m mtclean``).

Subcommands live in ``mtclean/commands/``: each module defines ``register(subparsers)``.

Exit codes: 0 success; 2 bad usage or options; 3 unreadable input file; 4 undecodable input
(not UTF-8; see ``--errors``); 5 malformed gazetteer or data file; 1 any other error.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_UNDECODABLE = 4
EXIT_BAD_DATA = 5


class CLIError(Exception):
    """An error with a message for the user and an exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def read_input(path: str, errors: str = "strict") -> str:
    """Read a UTF-8 text file, or standard input for ``-``."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
            name = "<stdin>"
        else:
            name = path
            with open(path, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        raise CLIError(f"cannot read {path}: {exc.strerror or exc}", EXIT_UNREADABLE) from None
    try:
        return data.decode("utf-8", errors=errors)
    except UnicodeDecodeError as exc:
        raise CLIError(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start}); use --errors replace to substitute U+FFFD",
            EXIT_UNDECODABLE,
        ) from None


def build_parser() -> argparse.ArgumentParser:
    from . import __version__, commands

    parser = argparse.ArgumentParser(prog="mtclean", description="Clean machine-translated news.")
    parser.add_argument("--version", action="version", version=f"mtclean {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for m in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if m.name.startswith("_"):
            continue
        importlib.import_module(f"{commands.__name__}.{m.name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .errors import DataFileError
    from .gazetteer.formats import GazetteerError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except CLIError as exc:
        print(f"mtclean: error: {exc}", file=sys.stderr)
        return exc.code
    except (GazetteerError, DataFileError) as exc:
        print(f"mtclean: error: {exc}", file=sys.stderr)
        return EXIT_BAD_DATA
    except (ValueError, TypeError) as exc:
        print(f"mtclean: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130

"""Errors shared across the package."""

from __future__ import annotations


class DataFileError(ValueError):
    """A malformed rule data file (boilerplate patterns, terms, wording); says which file, line
    and field. The command line exits with code 5 on it, as on a malformed gazetteer."""

    def __init__(self, file: str, line: int | None, field: str | None, message: str) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        where = file
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")

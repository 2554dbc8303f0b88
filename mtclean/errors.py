"""Errors shared across the package: a malformed file, located by file, line and column/field."""

from __future__ import annotations


class LocatedError(ValueError):
    """A problem at a place in a file: ``file``, ``line`` (or None) and the column or field
    (or None), then a message. Subclasses name the column or field attribute (``_where``)."""

    _where = "field"

    def __init__(self, file: str, line: int | None, where: str | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        setattr(self, self._where, where)
        text = file
        if line is not None:
            text += f", line {line}"
        if where is not None:
            text += f", {self._where} {where!r}"
        super().__init__(f"{text}: {message}")


class DataFileError(LocatedError):
    """A malformed rule data file (boilerplate patterns, terms, wording); says which file, line
    and field. The command line exits with code 5 on it, as on a malformed gazetteer."""

    _where = "field"
    field: str | None

"""Hugging Face ``datasets`` bridge: a batched map function that cleans one text column.

    >>> from datasets import Dataset
    >>> from mtclean.integrations.datasets import batch_cleaner, features
    >>> ds = Dataset.from_dict({"text": ["Officials said the the talks went well."]})
    >>> ds = ds.map(batch_cleaner(), batched=True, features=features(ds.features))

Requires ``datasets`` (``pip install mtclean[datasets]``) for `features`; `batch_cleaner` itself
only needs mtclean.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from . import COLUMNS, get_cleaner, records

if TYPE_CHECKING:
    from ..cleaner import Cleaner

__all__ = ["batch_cleaner", "features"]

Batch = Mapping[str, list[Any]]


def batch_cleaner(field: str = "text", cleaner: Cleaner | None = None) -> Callable[[Batch], dict[str, list[Any]]]:
    """A function for ``Dataset.map(fn, batched=True)`` cleaning the column ``field``.

    It returns the batch's columns plus ``<field>_cleaned`` (the cleaned text), ``fixes``,
    ``findings`` and ``entities`` (lists of plain dicts, as in `mtclean.clean_series`).  A missing
    text (None) gives None and empty lists.  The cleaner (default: `mtclean.default_cleaner()`) is
    resolved once, when the function is made; it pickles by configuration, so ``num_proc > 1`` works.

    Pass ``features=features(ds.features, field)`` to ``map`` so that every batch has the same
    Arrow types (a first batch where every suggestion is None would otherwise fix the type of that
    field to null, and a later batch with a string would fail to cast).
    """
    if not isinstance(field, str) or not field:
        raise TypeError("batch_cleaner() argument 'field' must be a non-empty column name")
    c = get_cleaner(cleaner)
    cleaned = f"{field}_cleaned"

    def clean_batch(batch: Batch) -> dict[str, list[Any]]:
        if field not in batch:
            raise KeyError(f"batch_cleaner(): the batch has no column {field!r} (columns: {', '.join(batch)})")
        rows = list(records(batch[field], c, where=f"column {field!r}, row"))
        out = dict(batch)
        out[cleaned] = [r["cleaned"] for r in rows]
        for col in COLUMNS:
            out[col] = [r[col] for r in rows]
        return out

    clean_batch.__name__ = f"clean_{field}"
    return clean_batch


def features(base: Any = None, field: str = "text") -> Any:
    """``datasets.Features`` of the columns `batch_cleaner` adds, merged over ``base`` (a dataset's features)."""
    from datasets import Features, Value

    span = {"start": Value("int64"), "end": Value("int64"), "original": Value("string")}
    change = {
        **span,
        "replacement": Value("string"),
        "kind": Value("string"),
        "rule": Value("string"),
        "confidence": Value("float64"),
        "reason": Value("string"),
        "entity": Value("string"),
    }
    entity = {
        "entity": Value("string"),
        "type": Value("string"),
        "canonical": Value("string"),
        "original": Value("string"),
        "start": Value("int64"),
        "end": Value("int64"),
        "text": Value("string"),
        "cleaned_start": Value("int64"),
        "cleaned_end": Value("int64"),
        "fixed": Value("bool"),
    }
    out = Features(dict(base) if base is not None else {})
    out[f"{field}_cleaned"] = Value("string")
    out["fixes"] = [change]
    out["findings"] = [change]
    out["entities"] = [entity]
    return out

"""Optional bridges from mtclean results to other tools.

Each module imports its third-party package only when it is itself imported, so ``import mtclean``
never pulls in spaCy, pandas or datasets:

- `mtclean.integrations.spacy`: a spaCy ``Doc`` of the cleaned text with the gazetteer entities and
  offsets back to the original (``pip install mtclean[spacy]``).
- `mtclean.integrations.pandas`: `clean_series`, a ``Series`` of texts to a ``DataFrame`` with the
  cleaned text, fixes, findings and entities (``pip install mtclean[pandas]``); also ``mtclean.clean_series``.
- `mtclean.integrations.datasets`: `batch_cleaner`, a function for ``datasets.Dataset.map(fn,
  batched=True)`` that adds the same columns (``pip install mtclean[datasets]``).

The columns are built by `records`, shared by the dataframe and dataset bridges: plain
JSON-serialisable lists of dicts (the ``to_dict()`` of each `Fix`, `Finding` and `Entity`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cleaner import Cleaner
    from ..result import Result

#: The columns the dataframe and dataset bridges add, besides ``<field>_cleaned``.
COLUMNS: tuple[str, ...] = ("fixes", "findings", "entities")


def get_cleaner(cleaner: Cleaner | None) -> Cleaner:
    """``cleaner``, or the default cleaner of the process when it is None."""
    from .. import default_cleaner
    from ..cleaner import Cleaner

    if cleaner is None:
        return default_cleaner()
    if not isinstance(cleaner, Cleaner):
        raise TypeError(f"argument 'cleaner' must be a mtclean.Cleaner or None, not {type(cleaner).__name__}")
    return cleaner


def record(result: Result | None) -> dict[str, Any]:
    """The added columns of one text as plain values (``None``/empty for a missing text)."""
    if result is None:
        return {"cleaned": None, "fixes": [], "findings": [], "entities": []}
    return {
        "cleaned": result.text,
        "fixes": [f.to_dict() for f in result.fixes],
        "findings": [f.to_dict() for f in result.findings],
        "entities": [e.to_dict() for e in result.entities],
    }


def records(
    texts: Iterable[object], cleaner: Cleaner | None = None, *, where: str = "value"
) -> Iterator[dict[str, Any]]:
    """Clean each text; a missing value (None, NaN, pandas NA) gives an empty record.

    Raises `TypeError` for a value that is neither text nor missing.
    """
    c = get_cleaner(cleaner)
    for i, t in enumerate(texts):
        if isinstance(t, str):
            yield record(c.clean(t))
        elif _missing(t):
            yield record(None)
        else:
            raise TypeError(f"{where} {i}: expected text or a missing value, not {type(t).__name__}")


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value  # NaN
    return type(value).__name__ in ("NAType", "NaTType")

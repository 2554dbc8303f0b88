"""pandas bridge: clean a ``Series`` of texts into a ``DataFrame`` of results.

    >>> import pandas as pd, mtclean
    >>> df = mtclean.clean_series(pd.Series(["Officials said the the talks went well."]))
    >>> df.columns.tolist()
    ['text', 'text_cleaned', 'fixes', 'findings', 'entities']

Requires pandas (``pip install mtclean[pandas]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from . import COLUMNS, records

if TYPE_CHECKING:
    from ..cleaner import Cleaner

__all__ = ["clean_series"]


def clean_series(series: pd.Series, cleaner: Cleaner | None = None) -> pd.DataFrame:
    """Clean every text of ``series``; a ``DataFrame`` with the same index and the columns:

    - ``<name>``: the original texts (``name`` is the series name, ``text`` when it has none);
    - ``<name>_cleaned``: the cleaned texts;
    - ``fixes``, ``findings``, ``entities``: lists of plain dicts (the ``to_dict()`` of each
      `Fix`, `Finding` and `Entity`; offsets are into that row's text), JSON-serialisable.

    Missing values (None, NaN, ``pd.NA``) stay missing, with empty lists; any other non-text value
    raises `TypeError`.  ``cleaner`` defaults to `mtclean.default_cleaner()`.
    """
    if not isinstance(series, pd.Series):
        raise TypeError(f"clean_series() argument 'series' must be a pandas Series, not {type(series).__name__}")
    name = series.name if isinstance(series.name, str) and series.name else "text"
    rows = list(records(series.tolist(), cleaner, where="clean_series(): row"))
    cleaned = f"{name}_cleaned"
    data = {name: series.to_numpy(dtype=object, copy=True), cleaned: [r["cleaned"] for r in rows]}
    for col in COLUMNS:
        data[col] = [r[col] for r in rows]
    return pd.DataFrame(data, index=series.index.copy(), columns=[name, cleaned, *COLUMNS])

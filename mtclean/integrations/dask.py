"""Dask bridge: clean a ``dask.bag`` or a ``dask.dataframe`` on a cluster, one `Cleaner` per worker.

    >>> import dask.bag as db
    >>> from mtclean.integrations.dask import clean_bag
    >>> bag = db.from_sequence(["Officials said the the talks ended."], npartitions=1)
    >>> clean_bag(bag).compute()[0]["text"]
    'Officials said the talks ended.'

How it stays cheap: the cleaner travels to the workers as its *configuration* (a few hundred
bytes: the options, or ``pickle.dumps(cleaner)``, which holds no index), and each worker process
builds the `Cleaner` once, on the first partition it cleans, and keeps it for every later
partition and task (`worker_cleaner`).  Building the gazetteer index per partition would cost
more than cleaning the partition.

- `clean_bag` (``bag.map_partitions``): a bag of texts to a bag of results, as plain dicts
  (``Result.to_dict()``: ``original``, ``text``, ``changed``, ``fixes``, ``findings``,
  ``entities``), or `Result` objects with ``output="result"``.
- `clean_dataframe` (``dataframe.map_partitions``): adds ``<column>_cleaned`` and the ``fixes``,
  ``findings`` and ``entities`` columns of `mtclean.integrations.pandas.clean_series` (lists of
  plain dicts); missing values stay missing.
- `clean_partition` and `clean_frame_partition` are the partition functions themselves, for use
  with other schedulers (``mapPartitions`` in Spark, see ``docs/scale.md``).

Requires dask (``pip install "dask[dataframe,distributed]"``); results are identical to the
serial run.
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import COLUMNS, records

if TYPE_CHECKING:
    from ..cleaner import Cleaner

__all__ = ["clean_bag", "clean_dataframe", "clean_frame_partition", "clean_partition", "cleaner_spec", "worker_cleaner"]

_OPTIONS = ("gazetteers", "defaults", "mode", "min_confidence", "enable", "disable", "data")
_OUTPUTS = ("dict", "result")

#: Cleaners built in this process, by the spec they were built from.
_CLEANERS: dict[bytes, Cleaner] = {}
_LOCK = threading.Lock()


def cleaner_spec(cleaner: Cleaner | None = None, **options: Any) -> bytes:
    """The picklable description of a cleaner sent to the workers.

    Either an existing ``cleaner`` (pickled as its configuration) or `Cleaner` keyword ``options``
    (``mode``, ``min_confidence``, ``enable``, ``disable``, ``gazetteers`` as paths, ``defaults``,
    ``data``); neither means the default cleaner.  The options are checked here, on the client,
    so that a typo fails at once rather than in every worker.
    """
    from ..cleaner import Cleaner

    if cleaner is not None:
        if options:
            raise TypeError("give either a Cleaner or Cleaner options, not both")
        if not isinstance(cleaner, Cleaner):
            raise TypeError(f"argument 'cleaner' must be a mtclean.Cleaner or None, not {type(cleaner).__name__}")
        return pickle.dumps(("cleaner", cleaner), protocol=4)
    unknown = sorted(set(options) - set(_OPTIONS))
    if unknown:
        raise TypeError(f"unexpected Cleaner option {unknown[0]!r}; expected some of {', '.join(_OPTIONS)}")
    if options:
        Cleaner(**{**options, "defaults": False, "gazetteers": None})  # validate mode, rules, thresholds, data
    return pickle.dumps(("options", tuple(sorted(options.items()))), protocol=4)


def worker_cleaner(spec: bytes) -> Cleaner:
    """The cleaner for ``spec`` in this process: built on first use, then reused (thread-safe)."""
    c = _CLEANERS.get(spec)
    if c is not None:
        return c
    with _LOCK:
        c = _CLEANERS.get(spec)
        if c is None:
            kind, value = pickle.loads(spec)
            if kind == "cleaner":
                c = value
            else:
                from ..cleaner import Cleaner

                c = Cleaner(**dict(value))
            _CLEANERS[spec] = c
    return c


def clean_partition(texts: Iterable[str], spec: bytes, output: str = "dict") -> list[Any]:
    """Clean one partition of texts with this worker's cleaner (``bag.map_partitions`` function)."""
    if output not in _OUTPUTS:
        raise ValueError(f"argument 'output' must be one of {', '.join(_OUTPUTS)}, not {output!r}")
    c = worker_cleaner(spec)
    results = [c.clean(t) for t in texts]
    return results if output == "result" else [r.to_dict() for r in results]


def clean_bag(bag: Any, cleaner: Cleaner | None = None, *, output: str = "dict", **options: Any) -> Any:
    """A bag of texts -> a bag of results (dicts, or `Result` objects with ``output="result"``).

    ``cleaner`` or ``options`` (as for `Cleaner`) choose the cleaner; see `cleaner_spec`.
    """
    if output not in _OUTPUTS:
        raise ValueError(f"argument 'output' must be one of {', '.join(_OUTPUTS)}, not {output!r}")
    spec = cleaner_spec(cleaner, **options)
    return bag.map_partitions(clean_partition, spec, output)


def clean_frame_partition(frame: Any, column: str, spec: bytes) -> Any:
    """Clean ``frame[column]`` of one pandas partition; the frame plus the result columns."""
    c = worker_cleaner(spec)
    rows = list(records(frame[column].tolist(), c, where=f"column {column!r}: row"))
    out = frame.copy()
    out[f"{column}_cleaned"] = [r["cleaned"] for r in rows]
    for col in COLUMNS:
        out[col] = [r[col] for r in rows]
    return out


def clean_dataframe(frame: Any, column: str = "text", cleaner: Cleaner | None = None, **options: Any) -> Any:
    """A dask DataFrame -> the same with ``<column>_cleaned``, ``fixes``, ``findings``, ``entities``.

    The new columns have object dtype (strings; lists of plain dicts).  The result columns must not
    exist yet.  ``cleaner`` or ``options`` (as for `Cleaner`) choose the cleaner.
    """
    import pandas as pd

    if column not in frame.columns:
        raise KeyError(f"clean_dataframe(): no column {column!r} (columns: {', '.join(map(str, frame.columns))})")
    added = [f"{column}_cleaned", *COLUMNS]
    clash = [c for c in added if c in frame.columns]
    if clash:
        raise ValueError(f"clean_dataframe(): the frame already has a column {clash[0]!r}")
    spec = cleaner_spec(cleaner, **options)
    meta = frame._meta.copy()
    for col in added:
        meta[col] = pd.Series([], dtype=object)
    return frame.map_partitions(clean_frame_partition, column, spec, meta=meta)

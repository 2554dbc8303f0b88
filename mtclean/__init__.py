"""mtclean: clean machine-translated news.

Repairs mangled names by fuzzy matching against gazetteers, fixes translation artifacts, and
returns the cleaned text plus every change with its span, reason, confidence and entity::

    >>> import mtclean
    >>> r = mtclean.clean("Officials said the the ceasefire would hold.")
    >>> r.text
    'Officials said the ceasefire would hold.'
"""

from __future__ import annotations

import threading
from typing import Any

from .cleaner import Cleaner
from .edits import apply
from .gazetteer import Entry, Gazetteer, GazetteerError, load_gazetteer
from .model import KINDS, Entity, Finding, Fix
from .result import Result

__version__ = "0.1.0"

_default: Cleaner | None = None
_lock = threading.Lock()
_OPTIONS = ("mode", "min_confidence", "enable", "disable")


def default_cleaner() -> Cleaner:
    """The default `Cleaner` (embedded gazetteers, repair mode), built once per process."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Cleaner()
    return _default


def clean(text: str, **options: Any) -> Result:
    """Clean ``text`` with the default cleaner, or with one built from ``options``.

    ``options`` are those of `Cleaner` (``mode``, ``min_confidence``, ``enable``, ``disable``,
    ``gazetteers``, ``defaults``); cleaners built from options are cached per option set.
    """
    if not options:
        return default_cleaner().clean(text)
    return _cleaner_for(options).clean(text)


_cache: dict[str, Cleaner] = {}


def _cleaner_for(options: dict[str, Any]) -> Cleaner:
    allowed = set(_OPTIONS) | {"gazetteers", "defaults"}
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise TypeError(f"clean() got an unexpected option {unknown[0]!r}; expected some of {', '.join(sorted(allowed))}")
    if "gazetteers" in options:
        return Cleaner(**options)  # user gazetteer objects are not hashable: no cache
    key = repr(sorted((k, repr(v)) for k, v in options.items()))
    with _lock:
        c = _cache.get(key)
        if c is None:
            c = _cache[key] = Cleaner(**options)
    return c


def rules() -> list[dict[str, str]]:
    """Every rule: id, kind, action (fix or flag) and description."""
    from .detectors import all_rules

    return [{"id": r.id, "kind": r.kind, "action": r.action, "description": r.description} for r in all_rules()]


__all__ = [
    "KINDS",
    "Cleaner",
    "Entity",
    "Entry",
    "Finding",
    "Fix",
    "Gazetteer",
    "GazetteerError",
    "Result",
    "apply",
    "clean",
    "default_cleaner",
    "load_gazetteer",
    "rules",
]


def __getattr__(name: str) -> Any:
    # Optional bridges, imported on first use so that `import mtclean` never imports pandas.
    if name == "clean_series":
        from .integrations.pandas import clean_series

        return clean_series
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

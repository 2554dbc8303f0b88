"""Index cache: build the name index once per process per gazetteer, and keep the default
gazetteers' index on disk so that a new process is ready fast (cold start).

- In-process: `index_for(gazetteer)` returns the same `NameIndex` for the same `Gazetteer` object
  (weak references: nothing is kept alive by the cache).
- On disk: the default gazetteers and their index are stored with `marshal` (plain built-in types
  only, no code) under the user cache directory (``$MTCLEAN_CACHE_DIR``, else
  ``$XDG_CACHE_HOME/mtclean`` or ``~/.cache/mtclean``; ``MTCLEAN_CACHE_DIR=off`` disables it). The
  file name is a digest of the gazetteer files, the name-engine source, the mtclean version and the
  Python version, so any change to the data or the keying code builds a new index. A cache that
  cannot be read or written is ignored (the index is then built in memory).
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from ..gazetteer.model import Entry, Gazetteer
from .index import NameIndex

FORMAT = 2
_INDEXES: weakref.WeakKeyDictionary[Gazetteer, NameIndex] = weakref.WeakKeyDictionary()
_ENTRY_FIELDS = tuple(Entry.__dataclass_fields__)


def index_for(gazetteer: Gazetteer) -> NameIndex:
    """The name index of ``gazetteer`` (built once per gazetteer object)."""
    idx = _INDEXES.get(gazetteer)
    if idx is None:
        idx = NameIndex.build(gazetteer)
        _INDEXES[gazetteer] = idx
    return idx


def register(gazetteer: Gazetteer, index: NameIndex) -> None:
    _INDEXES[gazetteer] = index


def cache_dir() -> Path | None:
    env = os.environ.get("MTCLEAN_CACHE_DIR")
    if env is not None:
        return None if env.lower() in ("", "off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mtclean"


def _digest(files: Sequence[Path]) -> str:
    from .. import __version__

    h = hashlib.sha256()
    h.update(f"{FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
    here = Path(__file__).resolve().parent
    for src in sorted(here.glob("*.py")):
        h.update(src.read_bytes())
    for f in files:
        h.update(str(f.name).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:24]


def _entry_state(e: Entry) -> tuple[object, ...]:
    return tuple(tuple(sorted(v)) if isinstance(v, frozenset) else v for v in (getattr(e, f) for f in _ENTRY_FIELDS))


def _entry_from_state(t: Sequence[object]) -> Entry:
    vals = list(t)
    i = _ENTRY_FIELDS.index("flags")
    vals[i] = frozenset(cast("tuple[str, ...]", vals[i]))
    return Entry(*vals)  # type: ignore[arg-type]


def load_cached(files: Sequence[Path]) -> tuple[Gazetteer, NameIndex] | None:
    """The gazetteer and index built from ``files``, if a valid cache exists."""
    d = cache_dir()
    if d is None:
        return None
    path = d / f"default-{_digest(files)}.marshal"
    gc_was_enabled = gc.isenabled()
    gc.disable()  # tens of thousands of small objects: the collector would only slow this down
    try:
        name, entries_state, index_state = marshal.loads(path.read_bytes())
        entries = [_entry_from_state(t) for t in entries_state]
        gaz = Gazetteer(entries, name=name)
        idx = NameIndex.from_state(entries, index_state)
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        return None
    finally:
        if gc_was_enabled:
            gc.enable()
    register(gaz, idx)
    return gaz, idx


def save_cached(files: Sequence[Path], gazetteer: Gazetteer, index: NameIndex) -> None:
    """Write the cache (atomically); errors are ignored (a read-only home still works)."""
    d = cache_dir()
    if d is None:
        return
    try:
        d.mkdir(parents=True, exist_ok=True)
        data = (gazetteer.name, [_entry_state(e) for e in gazetteer], index.to_state())
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".marshal")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(cast(Any, data), fh)
        final = d / f"default-{_digest(files)}.marshal"
        os.replace(tmp, final)
        for old in d.glob("default-*.marshal"):  # caches of older data or code
            if old != final:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        return

"""Where the embedded data lives: the default gazetteers and the rule data files.

In an installed wheel the gazetteers are inside the package (``mtclean/gazetteers``); in a source
checkout (editable install) they are the top-level ``gazetteers/`` directory beside the package.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from .gazetteer.formats import load_gazetteer
from .gazetteer.model import Gazetteer

DEFAULT_FILES = ("people.tsv", "organizations.tsv", "places.tsv", "groups.tsv")


def gazetteer_dir() -> Path:
    """The directory holding the embedded default gazetteers."""
    packaged = Path(str(resources.files("mtclean"))) / "gazetteers"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "gazetteers"


def data_path(name: str) -> Path:
    """Path of a rule data file shipped in ``mtclean/data``."""
    return Path(str(resources.files("mtclean"))) / "data" / name


def default_files() -> list[Path]:
    d = gazetteer_dir()
    return [d / f for f in DEFAULT_FILES if (d / f).is_file()]


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The embedded default gazetteers, merged (loaded once per process).

    The merged gazetteer and its name index come from the on-disk cache when it is valid
    (`mtclean.names.cache`); otherwise they are built and the cache is written.
    """
    from .names import cache

    files = default_files()
    hit = cache.load_cached(files)
    if hit is not None:
        return hit[0]
    parts = [load_gazetteer(f) for f in files]
    gaz = Gazetteer(name="default").merged(*parts) if parts else Gazetteer(name="default")
    cache.save_cached(files, gaz, cache.index_for(gaz))
    return gaz

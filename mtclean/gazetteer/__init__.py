"""Gazetteers: the entity model, file formats, transliteration-aware keys and the index."""

from .formats import GazetteerError, load_gazetteer
from .model import Entry, Gazetteer

__all__ = ["Entry", "Gazetteer", "GazetteerError", "load_gazetteer"]

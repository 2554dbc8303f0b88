"""The name engine: candidate spans, transliteration-aware keys, the index and the scorer.

- `find_spans(doc)`: candidate name spans in a `Document`;
- `NameIndex.build(gazetteer)`: the inverted index; ``index.lookup(text)`` the short list;
- `name_similarity(span_parts, form_parts)`: the scorer.

The decision (fix, finding or nothing) is made by `mtclean.detectors.names.NameDetector`.
"""

from .index import Candidate, Form, NameIndex
from .score import name_similarity, part_similarity
from .spans import Span, find_spans

__all__ = ["Candidate", "Form", "NameIndex", "Span", "find_spans", "name_similarity", "part_similarity"]

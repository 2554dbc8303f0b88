"""spaCy bridge: a ``Doc`` of the cleaned text, its entities from the gazetteers, offsets back.

    >>> import spacy, mtclean
    >>> from mtclean.integrations.spacy import to_doc
    >>> doc = to_doc(mtclean.clean(text), spacy.blank("en"))
    >>> [(e.text, e.label_, e.kb_id_, e._.mtclean_original) for e in doc.ents]

Extensions (registered by `register`, called by `to_doc`):

- ``doc._.mtclean``: the `Result` the ``Doc`` was made from (None for other docs).
- ``span._.mtclean_original`` / ``token._.mtclean_original`` / ``doc._.mtclean_original``: the
  ``(start, end)`` character span in the *original* text (`Result.to_original`: widened over an
  edited region), or None when the ``Doc`` has no result.
- ``span._.mtclean_original_text`` (and on tokens and docs): that slice of the original text.
- ``span._.mtclean_entity``: the `Entity` record whose cleaned span the span covers exactly.

Requires spaCy (``pip install mtclean[spacy]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from spacy.language import Language

    from ..model import Entity
    from ..result import Result

__all__ = ["SPACY_LABELS", "original_span", "register", "to_doc"]

#: A mapping from gazetteer types to the labels of spaCy's English pipelines, for ``labels=``.
SPACY_LABELS: Mapping[str, str] = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "GRP": "NORP"}


def _result_of(obj: Doc | Span | Token) -> Result | None:
    doc = obj if isinstance(obj, Doc) else obj.doc
    res: Result | None = doc._.mtclean
    return res


def _char_span(obj: Doc | Span | Token) -> tuple[int, int]:
    if isinstance(obj, Doc):
        return 0, len(obj.text)
    if isinstance(obj, Token):
        return obj.idx, obj.idx + len(obj.text)
    return obj.start_char, obj.end_char


def original_span(obj: Doc | Span | Token) -> tuple[int, int] | None:
    """The ``(start, end)`` in the original text of a token, span or doc made by `to_doc`."""
    res = _result_of(obj)
    if res is None:
        return None
    return res.to_original(*_char_span(obj))


def _original_text(obj: Doc | Span | Token) -> str | None:
    res = _result_of(obj)
    span = original_span(obj)
    if res is None or span is None:
        return None
    return res.original[span[0] : span[1]]


def _entity_of(span: Span) -> Entity | None:
    res = _result_of(span)
    if res is None:
        return None
    for e in res.entities:
        if e.cleaned_start == span.start_char and e.cleaned_end == span.end_char:
            return e
    return None


def register() -> None:
    """Register the ``._.mtclean*`` extensions (idempotent)."""
    if not Doc.has_extension("mtclean"):
        Doc.set_extension("mtclean", default=None)
    for cls in (Doc, Span, Token):
        if not cls.has_extension("mtclean_original"):
            cls.set_extension("mtclean_original", getter=original_span)
        if not cls.has_extension("mtclean_original_text"):
            cls.set_extension("mtclean_original_text", getter=_original_text)
    if not Span.has_extension("mtclean_entity"):
        Span.set_extension("mtclean_entity", getter=_entity_of)


def to_doc(
    result: Result,
    nlp: Language,
    *,
    entities: bool = True,
    labels: Mapping[str, str] | None = None,
) -> Doc:
    """A ``Doc`` of ``result.text`` (run through ``nlp``) holding ``result`` in ``doc._.mtclean``.

    With ``entities=True`` the gazetteer entities of the result become ``doc.ents``: label the
    entity type (``PER``, ``ORG``, ``LOC``, ``GRP``, or ``labels[type]`` when given, e.g.
    `SPACY_LABELS`), ``kb_id_`` the gazetteer id.  Character spans are expanded to whole tokens;
    an entity overlapping an earlier one is skipped.  Entities the pipeline itself found are kept
    where they do not overlap a gazetteer entity.  With ``entities=False`` the ``Doc`` is left as
    the pipeline made it.
    """
    from ..result import Result

    if not isinstance(result, Result):
        raise TypeError(f"to_doc() argument 'result' must be a mtclean Result, not {type(result).__name__}")
    register()
    doc = nlp(result.text)
    doc._.mtclean = result
    if not entities:
        return doc
    ours: list[Span] = []
    taken: set[int] = set()
    for e in result.entities:
        label = labels.get(e.type, e.type) if labels is not None else e.type
        span = doc.char_span(e.cleaned_start, e.cleaned_end, label=label, kb_id=e.entity, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        toks = set(range(span.start, span.end))
        if toks & taken:
            continue
        taken |= toks
        ours.append(span)
    kept = [s for s in doc.ents if not taken.intersection(range(s.start, s.end))]
    doc.ents = sorted([*kept, *ours], key=lambda s: s.start)
    return doc

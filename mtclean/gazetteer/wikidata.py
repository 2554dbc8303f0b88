"""Wikidata entity JSON as a gazetteer.

Accepted shapes: one entity object, a JSON array of entity objects (the shape of the Wikidata JSON
dump, one entity a line with trailing commas, also when cut short without the closing ``]``), JSONL
of entity objects, and the ``wbgetentities`` API response ``{"entities": {"Q42": {...}}}``.

Each item becomes one entry: id ``wd.<Q-id>``; canonical = the English label (``en``, else an
``en-*`` variant, else the language-neutral ``mul`` label); aliases = the English and ``mul``
aliases and the other English label variants; native = the Japanese, Chinese and Korean labels
(``ja``, ``zh``, ``ko``, in that order, when present); description = the English description;
source = ``wikidata``.  The type comes from the claims unless ``type=`` overrides it: ``P31`` (instance of)
``Q5`` (human) -> PER; a coordinate location (``P625``) or ``P31`` in a small set of place classes
-> LOC; anything else -> ORG.  Country codes need the ISO code of the country item, which is not
known offline: an entity's own ``P297`` (ISO 3166-1 alpha-2, carried by countries) is used, and
``P17`` (country) / ``P27`` (citizenship) are resolved only through countries present with their
``P297`` in the same file.  Entities that are not items (properties, lexemes), ``missing`` entries
of an API response and items without an English label are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .formats import GazetteerError, Row, check_type, has_control, json_lines, parse_json, unique
from .model import Entry

_ITEM_ID = re.compile(r"Q[1-9][0-9]{0,12}")
_ENTITY_ID = re.compile(r"[A-Z][1-9][0-9]{0,12}(?:-[FS][1-9][0-9]{0,12})?")
_ISO2 = re.compile(r"[A-Z]{2}")

HUMAN = "Q5"
#: Classes whose instances are places (P31 values).
PLACE_CLASSES = frozenset(
    {
        "Q6256",  # country
        "Q3624078",  # sovereign state
        "Q7275",  # state
        "Q5107",  # continent
        "Q515",  # city
        "Q1549591",  # big city
        "Q1637706",  # city with millions of inhabitants
        "Q200250",  # metropolis
        "Q5119",  # capital city
        "Q3957",  # town
        "Q532",  # village
        "Q486972",  # human settlement
        "Q10864048",  # first-level administrative country subdivision
        "Q13220204",  # second-level administrative country subdivision
        "Q107390",  # federated state
        "Q35657",  # state of the United States
        "Q34876",  # province
        "Q82794",  # geographic region
        "Q1620908",  # historical region
        "Q23442",  # island
        "Q8502",  # mountain
        "Q4022",  # river
        "Q23397",  # lake
        "Q165",  # sea
    }
)
#: Label languages taken as English, in order of preference ("mul": language-neutral label).
ENGLISH = ("en", "en-gb", "en-us", "en-ca", "mul")
#: Label languages whose labels are the entity's name in a native script (`Entry.native`).
NATIVE = ("ja", "zh", "ko")


def is_entity(obj: object) -> bool:
    """True for a Wikidata entity object (as opposed to a record of our own fields)."""
    if not isinstance(obj, dict) or "canonical" in obj:
        return False
    ident = obj.get("id")
    if not isinstance(ident, str) or not _ENTITY_ID.fullmatch(ident):
        return False
    return any(k in obj for k in ("labels", "claims", "aliases", "descriptions", "sitelinks")) or obj.get("type") in (
        "item",
        "property",
        "lexeme",
    )


def _looks_like_dump(text: str) -> bool:
    lines = [s.strip() for s in text.split("\n", 3)[:3]]
    lines = [s for s in lines if s]
    return len(lines) >= 2 and lines[0] == "[" and lines[1].startswith("{")


def _dump_lines(text: str, file: str) -> list[tuple[int, Any]]:
    """Values of the dump shape: ``[``, one entity a line followed by ``,``, ``]``."""
    out: list[tuple[int, Any]] = []
    for line_no, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if s in ("", "[", "]"):
            continue
        if s.endswith(","):
            s = s[:-1].rstrip()
        out.append((line_no, parse_json(s, file, line_no)))
    return out


def read_wikidata(text: str, file: str, *, type: str | None = None) -> list[Row]:
    """Entries of a Wikidata entity JSON text (any of the accepted shapes)."""
    if not text.strip():
        return []
    if _looks_like_dump(text):
        return entries_from_objects(_dump_lines(text, file), file, type=type)
    try:
        value = parse_json(text, file, None)
    except GazetteerError as whole:
        # JSONL in a .json file: every line a value of its own.
        first = next((s for s in text.split("\n") if s.strip()), "")
        try:
            parse_json(first.strip().rstrip(","), file, None)
        except GazetteerError:
            raise whole from None
        return entries_from_objects(list(json_lines(text, file)), file, type=type)
    if isinstance(value, dict) and isinstance(value.get("entities"), dict) and "id" not in value:
        values: list[tuple[int | None, Any]] = [(None, v) for v in value["entities"].values()]
    elif isinstance(value, dict):
        values = [(None, value)]
    elif isinstance(value, list):
        values = [(None, v) for v in value]
    else:
        raise GazetteerError(file, None, None, "expected Wikidata entity JSON (an object or an array of objects)")
    if values and not any(is_entity(v) for _, v in values):
        if all(isinstance(v, dict) and "canonical" in v for _, v in values):
            from .formats import entry_from_record

            return [(None, entry_from_record(v, file, None, type)) for _, v in values]
    return entries_from_objects(values, file, type=type)


def _get(obj: dict[str, Any], key: str, kind: type, file: str, line: int | None, where: str) -> Any:
    v = obj.get(key)
    if v is None:
        return kind()
    if not isinstance(v, kind):
        raise GazetteerError(file, line, f"{where}{key}", f"expected {'an object' if kind is dict else 'a list'}")
    return v


def _text_value(v: object) -> str | None:
    if isinstance(v, dict):
        v = v.get("value")
    return v if isinstance(v, str) else None


def _claim_values(claims: dict[str, Any], prop: str) -> list[Any]:
    """The values of the non-deprecated statements of a property (item ids as "Q..." strings)."""
    out: list[Any] = []
    statements = claims.get(prop)
    if not isinstance(statements, list):
        return out
    for st in statements:
        if not isinstance(st, dict) or st.get("rank") == "deprecated":
            continue
        snak = st.get("mainsnak")
        dv = snak.get("datavalue") if isinstance(snak, dict) else None
        v = dv.get("value") if isinstance(dv, dict) else None
        if isinstance(v, dict) and ("id" in v or "numeric-id" in v):
            ident = v.get("id")
            if not isinstance(ident, str) and isinstance(v.get("numeric-id"), int):
                ident = f"Q{v['numeric-id']}"
            if isinstance(ident, str):
                out.append(ident)
        elif v is not None:
            out.append(v)
    return out


def type_from_claims(claims: dict[str, Any]) -> str:
    """PER for humans, LOC for places (coordinates or a place class), ORG otherwise."""
    classes = {v for v in _claim_values(claims, "P31") if isinstance(v, str)}
    if HUMAN in classes:
        return "PER"
    if claims.get("P625") or classes & PLACE_CLASSES:
        return "LOC"
    return "ORG"


def _iso2(claims: dict[str, Any]) -> list[str]:
    return [v.upper() for v in _claim_values(claims, "P297") if isinstance(v, str) and _ISO2.fullmatch(v.upper())]


def entries_from_objects(values: Sequence[tuple[int | None, Any]], file: str, *, type: str | None = None) -> list[Row]:
    """Entries of Wikidata entity objects given with their lines (None when unknown)."""
    iso: dict[str, list[str]] = {}
    items: list[tuple[int | None, dict[str, Any], str]] = []
    for line, obj in values:
        if not isinstance(obj, dict):
            raise GazetteerError(file, line, None, "expected a Wikidata entity object")
        if "missing" in obj:
            continue
        ident = obj.get("id")
        if not isinstance(ident, str) or not _ENTITY_ID.fullmatch(ident):
            raise GazetteerError(file, line, "id", f"not a Wikidata entity id: {ident!r}")
        if not _ITEM_ID.fullmatch(ident):
            continue  # properties and lexemes carry no entity names
        claims = _get(obj, "claims", dict, file, line, "")
        codes = _iso2(claims)
        if codes:
            iso[ident] = codes
        items.append((line, obj, ident))
    forced = check_type(type, file, None, "type=") if type is not None else None
    out: list[Row] = []
    for line, obj, ident in items:
        entry = _entry(obj, ident, iso, file, line, forced)
        if entry is not None:
            out.append((line, entry))
    return out


def _entry(
    obj: dict[str, Any], ident: str, iso: dict[str, list[str]], file: str, line: int | None, forced: str | None
) -> Entry | None:
    labels = _get(obj, "labels", dict, file, line, "")
    aliases = _get(obj, "aliases", dict, file, line, "")
    descriptions = _get(obj, "descriptions", dict, file, line, "")
    claims = _get(obj, "claims", dict, file, line, "")
    names = [t for lang in ENGLISH if (t := _text_value(labels.get(lang)))]
    names = [n.strip() for n in names if n.strip() and not has_control(n)]
    if not names:
        return None
    canonical = names[0]
    alias_values: list[str] = list(names[1:])
    for lang in ENGLISH:
        lst = aliases.get(lang)
        if lst is None:
            continue
        if not isinstance(lst, list):
            raise GazetteerError(file, line, f"aliases.{lang}", "expected a list")
        alias_values += [t for a in lst if (t := _text_value(a))]
    alias_tuple = tuple(a for a in unique(alias_values) if a != canonical and not has_control(a))
    description = next((t for lang in ENGLISH if (t := _text_value(descriptions.get(lang)))), "")
    native = unique(t for lang in NATIVE if (t := _text_value(labels.get(lang))) and not has_control(t))
    country = _countries(claims, iso)
    return Entry(
        id=f"wd.{ident}",
        type=forced or type_from_claims(claims),
        canonical=canonical,
        aliases=alias_tuple,
        country=country,
        description="" if has_control(description) else description.strip(),
        source="wikidata",
        native=native,
    )


def _countries(claims: dict[str, Any], iso: dict[str, list[str]]) -> tuple[str, ...]:
    own = _iso2(claims)
    if own:
        return unique(own)
    codes: list[str] = []
    for prop in ("P17", "P27"):
        for v in _claim_values(claims, prop):
            if isinstance(v, str):
                codes += iso.get(v, [])
    return unique(codes)

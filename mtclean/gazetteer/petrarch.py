"""PETRARCH / TABARI actor dictionaries (CAMEO codes) as a gazetteer.

The format, as used by event-data projects (PETRARCH2 ``Phoenix.*.actors.txt``):

- a line with no leading ``+`` starts an entry and gives its canonical name; each ``+NAME`` line
  below it is a synonym;
- ``_`` stands for a space (names end with ``_`` by convention);
- ``[CODE dates]`` gives CAMEO codes, on the entry line or on indented lines below it
  (``[AFGGOV 011222-050101]``, ``[IGOUNO >20070101]``); the first three letters of a code are the
  country (ISO 3166-1 alpha-3) or a sector such as ``IGO``;
- ``#`` starts a comment.

Names are UPPERCASE; `title_case` writes them the way English news does ("BASHAR_AL-ASSAD" ->
"Bashar al-Assad", "ISLAMIC_ARMY_OF_ADEN" -> "Islamic Army of Aden").  A dictionary says which
strings code as the same *actor*, which is more than a gazetteer's "same name": a country lists its
cities, a leader "X GOVERNMENT" or "PRESIDENT X".  So, unless ``keep_all=True``:

- leading titles are removed from person names ("PRESIDENT_KARZAI" -> "Karzai");
- a synonym is kept as an alias only when it is a spelling variant of the canonical name (string
  similarity of the folded forms at least `VARIANT_SIMILARITY`) or its acronym ("UN" for "United
  Nations"); cities, "X government", surname-only mentions and descriptive names are dropped;
- a parenthesised acronym becomes an alias ("ISLAMIC_ARMY_OF_ADEN_(IAA)" -> alias "IAA");
- for places, demonyms filed as synonyms ("QATARI" under "QATAR") go to ``demonyms`` (protected,
  never rewritten) rather than ``aliases`` (which ``normalize`` mode rewrites to the canonical).

Type: an entry whose codes are a bare country code (``[AFG]``) is LOC; one with a dated code or an
elite/government role on a person-shaped name is PER; anything else ORG; ``type=`` overrides.
Country: the ISO alpha-2 code of the codes' first three letters when they name a country.  The
codes go to ``source`` ("petrarch CAMEO AFGGOV AFGELI"), not ``description``: they name no office,
and the name engine reads a description without the title found in the text as a conflict.  Entries
whose names give the same id are merged (PETRARCH lists one person under several roles).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .formats import GazetteerError, Row, check_type, has_control, unique
from .model import Entry

#: Similarity (rapidfuzz ratio of folded forms, 0-100) from which a synonym is a spelling variant.
VARIANT_SIMILARITY = 80.0

# ISO 3166-1 alpha-3 -> alpha-2 (CAMEO country codes are alpha-3; KSV is CAMEO's code for Kosovo).
_ISO3 = (
    "ABWAW AFGAF AGOAO AIAAI ALAAX ALBAL ANDAD AREAE ARGAR ARMAM ASMAS ATAAQ ATFTF ATGAG AUSAU AUTAT AZEAZ BDIBI "
    "BELBE BENBJ BESBQ BFABF BGDBD BGRBG BHRBH BHSBS BIHBA BLMBL BLRBY BLZBZ BMUBM BOLBO BRABR BRBBB BRNBN BTNBT "
    "BVTBV BWABW CAFCF CANCA CCKCC CHECH CHLCL CHNCN CIVCI CMRCM CODCD COGCG COKCK COLCO COMKM CPVCV CRICR CUBCU "
    "CUWCW CXRCX CYMKY CYPCY CZECZ DEUDE DJIDJ DMADM DNKDK DOMDO DZADZ ECUEC EGYEG ERIER ESHEH ESPES ESTEE ETHET "
    "FINFI FJIFJ FLKFK FRAFR FROFO FSMFM GABGA GBRGB GEOGE GGYGG GHAGH GIBGI GINGN GLPGP GMBGM GNBGW GNQGQ GRCGR "
    "GRDGD GRLGL GTMGT GUFGF GUMGU GUYGY HKGHK HMDHM HNDHN HRVHR HTIHT HUNHU IDNID IMNIM INDIN IOTIO IRLIE IRNIR "
    "IRQIQ ISLIS ISRIL ITAIT JAMJM JEYJE JORJO JPNJP KAZKZ KENKE KGZKG KHMKH KIRKI KNAKN KORKR KWTKW LAOLA LBNLB "
    "LBRLR LBYLY LCALC LIELI LKALK LSOLS LTULT LUXLU LVALV MACMO MAFMF MARMA MCOMC MDAMD MDGMG MDVMV MEXMX MHLMH "
    "MKDMK MLIML MLTMT MMRMM MNEME MNGMN MNPMP MOZMZ MRTMR MSRMS MTQMQ MUSMU MWIMW MYSMY MYTYT NAMNA NCLNC NERNE "
    "NFKNF NGANG NICNI NIUNU NLDNL NORNO NPLNP NRUNR NZLNZ OMNOM PAKPK PANPA PCNPN PERPE PHLPH PLWPW PNGPG POLPL "
    "PRIPR PRKKP PRTPT PRYPY PSEPS PYFPF QATQA REURE ROURO RUSRU RWARW SAUSA SDNSD SENSN SGPSG SGSGS SHNSH SJMSJ "
    "SLBSB SLESL SLVSV SMRSM SOMSO SPMPM SRBRS SSDSS STPST SURSR SVKSK SVNSI SWESE SWZSZ SXMSX SYCSC SYRSY TCATC "
    "TCDTD TGOTG THATH TJKTJ TKLTK TKMTM TLSTL TONTO TTOTT TUNTN TURTR TUVTV TWNTW TZATZ UGAUG UKRUA UMIUM URYUY "
    "USAUS UZBUZ VATVA VCTVC VENVE VGBVG VIRVI VNMVN VUTVU WLFWF WSMWS YEMYE ZAFZA ZMBZM ZWEZW KSVXK"
)
ISO3_TO_ISO2 = {t[:3]: t[3:] for t in _ISO3.split()}

#: Lower-case inside a name (never as its first word).
PARTICLES = frozenset(
    "al el ul bin bint ibn de da das do dos di del della der den van von du y".split()
    + "of the and for in on at to a an".split()
)
#: Title words removed from the front of person names.
TITLES = frozenset(
    """PRESIDENT VICE PRIME MINISTER FOREIGN DEFENSE DEFENCE INTERIOR FINANCE DEPUTY FORMER MR MRS MS DR MISTER
    AMBASSADOR SECRETARY SECRETARY-GENERAL SECY SEC GEN GENERAL UNDERSECRETARY KING QUEEN PRINCE PRINCESS CROWN
    SHEIKH SHEIK SHAIKH EMIR AMIR AYATOLLAH GRAND MULLAH MAWLAWI CHANCELLOR CHAIRMAN SENATOR GOVERNOR MAYOR
    COLONEL COL LT LIEUTENANT MARSHAL FIELD ADMIRAL CAPTAIN CAPT JUDGE JUSTICE CHIEF LEADER SPEAKER POPE
    GOV SEN REP AMB PRES SGT MAJ BRIG BRIGADIER CDR COMMANDER MAULANA
    UN U.N. UNITED NATIONS""".split()
)
#: CAMEO role and sector codes (a 3-letter code that is none of these is a country or region).
ROLE_CODES = frozenset(
    """GOV MIL REB OPP PTY COP JUD SPY IGO MED EDU BUS CRM CVL ELI LAB LEG HLH REF MOD RAD AGR ENV HRI NGO
    NGM MNC IMG UAF SET REL UIS INS AMN IRC GRP UNO""".split()
)
_CODE_RE = re.compile(r"\[([^\[\]]{0,200})\]")
_CODE_HEAD = re.compile(r"[A-Z]{3}[A-Z]*")
_PARENS = re.compile(r"\(([^()]{0,80})\)")
_ACRONYM = re.compile(r"[A-Z][A-Z.&-]{1,11}")
_VOWELS = set("AEIOUY")
_ROMAN = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI)")


@dataclass
class _Raw:
    line: int
    head: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, bool]] = field(default_factory=list)  # (code, has dates)
    skip: bool = False


def _name(raw: str) -> str:
    """``_`` to spaces, runs of spaces collapsed, trailing underscores dropped."""
    return " ".join(raw.replace("_", " ").split())


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isalnum() or c == " ").casefold()


def _cap(word: str) -> str:
    """Capitalise one word of an UPPERCASE name (hyphen- and apostrophe-separated pieces too)."""
    if not word:
        return word
    if "." in word.strip(".") or (word.isupper() and not (_VOWELS & set(word)) and word.isalpha()):
        return word  # U.N., PKK: acronyms stay as written
    if _ROMAN.fullmatch(word):
        return word  # Abdullah II
    out = []
    for i, piece in enumerate(re.split(r"(-)", word)):
        if piece == "-":
            out.append(piece)
            continue
        low = piece.lower()
        if i > 0 and low in PARTICLES and low not in ("a", "y"):
            out.append(low)
            continue
        m = re.fullmatch(r"([a-z])'(.+)", low)
        if m:  # O'NEILL -> O'Neill, D'ESTAING -> D'Estaing
            out.append(m.group(1).upper() + "'" + m.group(2)[:1].upper() + m.group(2)[1:])
        elif low.startswith("mc") and len(low) > 3:
            out.append("Mc" + low[2].upper() + low[3:])
        else:
            out.append(low[:1].upper() + low[1:])
    return "".join(out)


def title_case(name: str) -> str:
    """An UPPERCASE dictionary name written as English news writes it.

    "BASHAR_AL-ASSAD" -> "Bashar al-Assad"; "AL-INTIQAMI_AL-PAKISTANI" -> "Al-Intiqami al-Pakistani";
    "ISLAMIC_ARMY_OF_ADEN" -> "Islamic Army of Aden"; "JAVIER_DE_CUELLAR" -> "Javier de Cuellar";
    acronyms without vowels or with dots ("PKK", "U.N.") and Roman numerals stay upper-case.  A name
    that is not all upper-case is returned with its spaces normalised only.
    """
    text = _name(name)
    if text != text.upper():
        return text
    words = text.split(" ")
    out: list[str] = []
    for i, w in enumerate(words):
        low = w.lower()
        if i > 0 and low in PARTICLES:
            out.append(low)
        elif i > 0 and "-" in w and low.split("-", 1)[0] in PARTICLES:
            out.append(_cap(w)[:1].lower() + _cap(w)[1:])  # AL-ASSAD -> al-Assad
        else:
            out.append(_cap(w))
    return " ".join(out)


def strip_titles(name: str) -> str:
    """Leading title words removed ("PRESIDENT HAMID KARZAI" -> "HAMID KARZAI"); never empties a name."""
    words = name.split(" ")
    i = 0
    while i < len(words) - 1 and words[i].upper().rstrip(".") in TITLES | {t.rstrip(".") for t in TITLES}:
        i += 1
    return " ".join(words[i:])


def strip_article(name: str) -> str:
    """A leading "THE" removed when two words or more remain ("THE UNITED NATIONS"; not "THE HAGUE")."""
    words = name.split(" ")
    return " ".join(words[1:]) if len(words) > 2 and words[0].upper() == "THE" else name


def _write(name: str, head: str, typ: str) -> str:
    """How a dictionary name is written: acronyms (of the head, or a short one-word organisation
    name such as "NATO") stay upper-case, the rest is `title_case`d."""
    letters = name.replace(".", "")
    if letters.isalpha() and letters.isupper() and " " not in name:
        if letters == acronym(head) or (typ == "ORG" and len(letters) <= 3):
            return name
    return title_case(name)


def acronym(name: str) -> str:
    """Initials of the significant words: "THE UNITED NATIONS" -> "UN"."""
    return "".join(
        w[0] for w in name.upper().replace("-", " ").split() if w.lower() not in PARTICLES and w[0].isalpha()
    )


def is_variant(alias: str, canonical: str) -> bool:
    """True when ``alias`` is a spelling variant or the acronym of ``canonical`` (UPPERCASE names)."""
    a, c = _fold(alias), _fold(canonical)
    if not a or a == c:
        return False
    letters = "".join(ch for ch in alias.upper() if ch.isalpha())
    if len(letters) >= 2 and " " not in alias.strip() and letters == acronym(canonical):
        return True
    if set(a.split()) < set(c.split()):
        return False  # "KARZAI" for "HAMID KARZAI": a partial mention, not a variant
    return fuzz.ratio(a, c) >= VARIANT_SIMILARITY


_DEMONYM_ENDINGS = ("i", "an", "ian", "ese", "ish", "ean", "er")


def is_demonym(alias: str, place: str) -> bool:
    """True for a demonym or adjective of a place rather than a spelling of it: a truncation
    ("Slovak" for "Slovakia") or a demonym ending the place name does not have ("Qatari", "Gazan")."""
    a, p = _fold(alias), _fold(place)
    if a == p or len(a) < 4:
        return False
    if p.startswith(a):
        return True
    end = next((e for e in _DEMONYM_ENDINGS if a.endswith(e)), None)
    return end is not None and not p.endswith(a[-2:]) and a[:3] == p[:3]


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _codes(line: str) -> tuple[str, list[tuple[str, bool]]]:
    codes: list[tuple[str, bool]] = []
    for m in _CODE_RE.finditer(line):
        parts = m.group(1).split()
        if parts and _CODE_HEAD.fullmatch(parts[0]):
            codes.append((parts[0], len(parts) > 1))
    return _CODE_RE.sub(" ", line), codes


def _parse(text: str, file: str) -> list[_Raw]:
    entries: list[_Raw] = []
    cur: _Raw | None = None
    for line_no, raw in enumerate(text.split("\n"), 1):
        line = raw.split("#", 1)[0]
        rest, codes = _codes(line)
        body = rest.replace("\t", " ").strip()
        if body.startswith("+"):
            if cur is None:
                raise GazetteerError(file, line_no, None, "synonym line ('+') before any entry")
            # A name with a control character (an encoding accident in real dictionaries) is skipped.
            cur.synonyms += [n for s in body.split("+") if (n := _name(s)) and not has_control(n)]
            cur.codes += codes
        elif body:
            if "[" in body or "]" in body:
                raise GazetteerError(file, line_no, None, "unbalanced '[' or ']' in a code")
            cur = _Raw(line_no, _name(body), codes=list(codes), skip=has_control(body))
            entries.append(cur)
        elif codes:
            if cur is None:
                raise GazetteerError(file, line_no, None, "code line before any entry")
            cur.codes += codes
    return entries


def _guess_type(raws: list[_Raw]) -> str:
    """LOC when a bare 3-letter (country or region) code is given, PER when a code is dated (a person
    holding a role for a time), ORG otherwise -- over all entries spelling the same name."""
    codes = [c for r in raws for c in r.codes]
    if any(len(c) == 3 and c not in ROLE_CODES for c, _ in codes):
        return "LOC"
    if any(dated for _, dated in codes):
        return "PER"
    return "ORG"


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def _split_acronyms(name: str) -> tuple[str, list[str]]:
    """A name without its parenthesised parts, and those that are its acronym ("ARMY OF ADEN (AA)" ->
    "AA": the letters are initials of the name's words, in order); other parentheses are dropped."""
    base = " ".join(_PARENS.sub(" ", name).split())
    initials = "".join(w[0] for w in base.upper().replace("-", " ").split() if w[0].isalpha())
    found = [m.group(1).strip() for m in _PARENS.finditer(name)]
    out = []
    for f in found:
        letters = "".join(c for c in f if c.isalpha())
        if _ACRONYM.fullmatch(f) and len(letters) >= 2 and _is_subsequence(letters, initials):
            out.append(f)
    return base, out


def read_petrarch(text: str, file: str, *, type: str | None = None, keep_all: bool = False) -> list[Row]:
    """Entries of a PETRARCH/CAMEO actor dictionary, with the line each starts on."""
    forced = check_type(type, file, None, "type=") if type is not None else None
    merged: dict[str, tuple[int, Entry]] = {}
    raws = [r for r in _parse(text, file) if not r.skip]
    same_name: dict[str, list[_Raw]] = {}
    for raw in raws:
        same_name.setdefault(slug(strip_titles(_split_acronyms(raw.head)[0])), []).append(raw)
    for raw in raws:
        head, head_acronyms = _split_acronyms(raw.head)
        typ = forced or _guess_type(same_name[slug(strip_titles(head))])
        if typ == "PER" and not keep_all:
            head = strip_titles(head)
        if not head.strip(" .-'"):
            continue
        if typ != "PER" and not keep_all:
            head = strip_article(head)
        canonical = _write(head, head, typ)
        aliases: list[str] = list(head_acronyms)
        for syn in raw.synonyms:
            syn, syn_acronyms = _split_acronyms(syn)
            aliases += syn_acronyms
            if typ == "PER" and not keep_all:
                syn = strip_titles(syn)
            if syn and (keep_all or is_variant(syn, head)):
                aliases.append(_write(syn, head, typ))
        demonyms: list[str] = []
        if typ == "LOC" and not keep_all:
            demonyms = [a for a in aliases if is_demonym(a, canonical)]
            aliases = [a for a in aliases if a not in demonyms]
        country = unique(ISO3_TO_ISO2.get(c[:3], "") for c, _ in raw.codes)
        prefix = {"PER": "per", "ORG": "org", "LOC": "loc", "GRP": "grp"}[typ]
        ident = f"{prefix}.cameo-{slug(canonical) or raw.line}"
        codes = unique(c for c, _ in raw.codes)
        source = f"petrarch CAMEO {' '.join(codes)}" if codes else "petrarch"
        if ident in merged:
            line, old = merged[ident]
            aliases = [*old.aliases, canonical, *aliases]
            demonyms = [*old.demonyms, *demonyms]
            country = unique((*old.country, *country))
            source = _merge_sources(old.source, source)
            canonical = old.canonical
        else:
            line = raw.line
        merged[ident] = (
            line,
            Entry(
                id=ident,
                type=typ,
                canonical=canonical,
                aliases=tuple(a for a in unique(aliases) if a != canonical),
                country=country,
                source=source,
                demonyms=unique(demonyms),
            ),
        )
    return [(line, e) for line, e in merged.values()]


def _merge_sources(a: str, b: str) -> str:
    codes = unique([*a.split()[2:], *b.split()[2:]])
    return f"petrarch CAMEO {' '.join(codes)}" if codes else "petrarch"

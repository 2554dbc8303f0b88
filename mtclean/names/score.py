"""Scoring a span against a candidate form over several views.

`part_similarity` compares two folded name parts as the maximum over views: the surface (rapidfuzz
ratio), the consonant skeleton, the non-rhotic skeleton, and article-stripped variants.
`name_similarity` aligns the parts of the span with the parts of the form in order, where merging
two parts or splitting one costs almost nothing ("Netana Hu" ~ "Netanyahu", "Fondeleyen" ~ "von der
Leyen"), a missing part of the form costs a little (a middle name left out) and an extra part of
the span costs more; it also tries the family-name-first order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from .common import zipf
from .keys import ARTICLES, article_variants, drop_final_r, form_readings, is_particle, skeleton, span_readings


def _ratio(a: str, b: str) -> float:
    return Indel.normalized_similarity(a, b)


_View = tuple[str, str, str, str]


@lru_cache(maxsize=65536)
def _views(a: str, articles: bool, span: bool = False) -> tuple[_View, ...]:
    """The spellings of a part worth comparing, each with its three skeletons (computed once per
    part, not once per pair): the part, its article-stripped forms (only in words English does
    not know: "Alshara", not "Albert"), and its other renderings read the English way
    (`keys.readings`: French/German "Charaa", Korean "Jeong-eun", katakana "Netaniyafu"), with
    those only one side has: for a part of the text (``span``) `keys.span_readings` ("Zaleaf"
    as "Zalif"), for a part of a gazetteer form `keys.form_readings` ("Nasrallah" as
    "Nasralla")."""
    xs = [a, *article_variants(a)] if articles and zipf(a) < 2.5 else [a]
    xs.extend(alt for alt in (span_readings(a) if span else form_readings(a)) if alt not in xs)
    return tuple((x, skeleton(x), skeleton(drop_final_r(x)), skeleton(x, False)) for x in xs)


@lru_cache(maxsize=131072)
def part_similarity(a: str, b: str, articles: bool = True) -> float:
    """Similarity of a folded part of the text ``a`` and a folded part of a gazetteer form ``b``
    in [0, 1]: the best over the views of each (`_views`) of the surface ratio blended with the
    best skeleton ratio.

    ``articles=False`` for parts joined from several words: their first letters are a word of
    their own, not a fused article ("Ali"+"Aboul" is not "al-Iaboul").
    """
    if a == b:
        return 1.0
    best = 0.0
    ratio = _ratio
    ys = _views(b, articles)
    for x, kx, rx, gx in _views(a, articles, True):
        for y, ky, ry, gy in ys:
            surf = ratio(x, y)
            # The skeleton is coarse: it only confirms what the surface suggests, and a short one
            # (one or two consonant classes) confirms little.
            wk = 0.45 if min(len(kx), len(ky)) >= 3 else 0.25
            if (1 - wk) * surf + wk <= best:
                continue  # even identical skeletons could not beat the best view so far
            sk = max(ratio(kx, ky), ratio(rx, ry), ratio(gx, gy))
            s = (1 - wk) * surf + wk * sk
            if s > best:
                best = s
    return best


@dataclass(frozen=True, slots=True)
class Alignment:
    score: float
    #: (span part indices, form part indices, similarity) for each aligned group.
    pairs: tuple[tuple[tuple[int, ...], tuple[int, ...], float], ...]
    missing: tuple[int, ...]  # form parts not matched
    extra: tuple[int, ...]  # span parts not matched
    #: True for the set view of an organisation's words (order ignored).
    reversed: bool = False
    #: True when the span gives a two-part name in the other order (family name first).
    swapped: bool = False


_Step = tuple[tuple[int, ...], tuple[int, ...], float]


def _close(a: str, b: str) -> bool:
    """Lengths that a merge or split can explain: nearly the same letters ("Netana"+"Hu" ~
    "Netanyahu"), not a word left over ("Montserrat"+"Gil" is not "Montserrat")."""
    return abs(len(a) - len(b)) <= 1 + max(len(a), len(b)) // 8


def _both_spell(x: str, y: str, whole: str) -> bool:
    """Whether two parts joined may spell ``whole`` as a merge or split: each must add letters
    to it, so ``whole`` is at least two letters longer than the longer of them ("Netana" + "Hu"
    spells Netanyahu). Where one of them alone spells it, the other is a word of its own, not
    a piece: "Frederick" + "Ma" is not a respelt Frederick, nor "Konstantinos" + "II" a
    Constantinos."""
    return len(whole) >= max(len(x), len(y)) + 2


_is_particle = lru_cache(maxsize=65536)(is_particle)
_ARTICLE_SET = frozenset(ARTICLES)


@lru_cache(maxsize=65536)
def _weight(p: str) -> float:
    return 0.3 if _is_particle(p) else float(max(2, len(p)))


# Moves in the alignment table: how many span and form parts each takes.
_MATCH, _MERGE, _SPLIT2, _SPLIT3, _MISSING, _EXTRA = range(6)
_TAKES = ((1, 1), (2, 1), (1, 2), (1, 3), (0, 1), (1, 0))


def align(span: tuple[str, ...], form: tuple[str, ...]) -> Alignment:
    """Best in-order alignment of span parts with form parts (dynamic programming)."""
    if len(span) == 1 and len(form) == 1 and _is_particle(span[0]) == _is_particle(form[0]):
        # One part against one: the table's only useful path is the match itself (the detour
        # through a missing and an extra part gains nothing), computed the way the table would.
        # (A particle against a name word has no match: the table says so.)
        s = part_similarity(span[0], form[0])
        ww = max(_weight(span[0]), _weight(form[0]))
        return Alignment((0.0 + s * ww) / (0.0 + ww), (((0,), (0,), s),), (), ())
    return _align_table(span, form)


def _align_table(span: tuple[str, ...], form: tuple[str, ...]) -> Alignment:
    """`align` by the table, for any number of parts."""
    n, m = len(span), len(form)
    ws = [_weight(p) for p in span]
    wf = [_weight(p) for p in form]
    ps_ = [_is_particle(p) for p in span]
    pf = [_is_particle(p) for p in form]
    sim = part_similarity
    # Dynamic programming over (i, j) = parts of the span and of the form consumed so far, in a
    # flat table (state i * (m + 1) + j). Each state keeps (gain, weight, previous state, move,
    # similarity); the score of a path is gain / weight, and a state keeps the path with the best
    # score: a new path replaces the old one when its score is higher, or when the old one has no
    # weight yet (the first path found wins ties). States are final when visited (every move goes
    # forward), so the best path is read back through the previous states at the end. The moves
    # are written out in place (no helper call, no step record until the path is read back):
    # this loop is the name engine's hottest.
    w1 = m + 1
    best: list[tuple[float, float, int, int, float] | None] = [None] * ((n + 1) * w1)
    best[0] = (0.0, 0.0, -1, -1, 0.0)
    for i in range(n + 1):
        for j in range(m + 1):
            here = i * w1 + j
            cur = best[here]
            if cur is None:
                continue
            g, wt = cur[0], cur[1]
            if i < n and j < m:
                a, b = span[i], form[j]
                if ps_[i] == pf[j]:
                    # A particle only matches a particle: an article carries no identity, and
                    # matched with a name word ("al" with "ahmed" in "al-Charaa" for Ahmed
                    # al-Sharaa) it would crowd out the path that skips the word.
                    # The Arabic article in any of its forms is one word ("aru-" is katakana for
                    # "al-", "el-" the Egyptian rendering, "ash-" before a sun letter).
                    s = 1.0 if a in _ARTICLE_SET and b in _ARTICLE_SET else sim(a, b)
                    ww = ws[i] if ws[i] > wf[j] else wf[j]
                    key, ng, nwt = here + w1 + 1, g + s * ww, wt + ww
                    old = best[key]
                    if old is None or (old[1] and nwt and ng / nwt > old[0] / old[1]) or (not old[1] and nwt):
                        best[key] = (ng, nwt, here, _MATCH, s)
                if i + 1 < n and len(a) > 1 and len(span[i + 1]) > 1:
                    joined = a + span[i + 1]
                    if _close(joined, b) and _both_spell(a, span[i + 1], b):
                        s = sim(joined, b, not ps_[i]) * 0.98
                        ww = max(ws[i] + ws[i + 1], wf[j])
                        key, ng, nwt = here + 2 * w1 + 1, g + s * ww, wt + ww
                        old = best[key]
                        if old is None or (old[1] and nwt and ng / nwt > old[0] / old[1]) or (not old[1] and nwt):
                            best[key] = (ng, nwt, here, _MERGE, s)
                if j + 1 < m and len(b) > 1 and len(form[j + 1]) > 1:
                    joined = b + form[j + 1]
                    if _close(a, joined) and _both_spell(b, form[j + 1], a):
                        s = sim(a, joined) * 0.98
                        ww = max(ws[i], wf[j] + wf[j + 1])
                        key, ng, nwt = here + w1 + 2, g + s * ww, wt + ww
                        old = best[key]
                        if old is None or (old[1] and nwt and ng / nwt > old[0] / old[1]) or (not old[1] and nwt):
                            best[key] = (ng, nwt, here, _SPLIT2, s)
                    if j + 2 < m:
                        joined3 = joined + form[j + 2]
                        if _close(a, joined3):
                            s = sim(a, joined3) * 0.98
                            ww = max(ws[i], wf[j] + wf[j + 1] + wf[j + 2])
                            key, ng, nwt = here + w1 + 3, g + s * ww, wt + ww
                            old = best[key]
                            if old is None or (old[1] and nwt and ng / nwt > old[0] / old[1]) or (not old[1] and nwt):
                                best[key] = (ng, nwt, here, _SPLIT3, s)
            if j < m:  # form part missing from the span (middle name, particle)
                key, nwt = here + 1, wt + wf[j] * (0.2 if pf[j] else 0.35)
                old = best[key]
                if old is None or (old[1] and nwt and g / nwt > old[0] / old[1]) or (not old[1] and nwt):
                    best[key] = (g, nwt, here, _MISSING, 0.0)
            if i < n:  # extra span part
                key, nwt = here + w1, wt + ws[i] * (0.3 if ps_[i] else 1.0)
                old = best[key]
                if old is None or (old[1] and nwt and g / nwt > old[0] / old[1]) or (not old[1] and nwt):
                    best[key] = (g, nwt, here, _EXTRA, 0.0)
    final = best[n * w1 + m]
    if final is None:
        return Alignment(0.0, (), (), ())
    g, wt = final[0], final[1]
    steps: list[_Step] = []
    node: tuple[float, float, int, int, float] | None = final
    while node is not None and node[2] >= 0:
        i, j = divmod(node[2], w1)
        di, dj = _TAKES[node[3]]
        steps.append((tuple(range(i, i + di)), tuple(range(j, j + dj)), node[4]))
        node = best[node[2]]
    path = steps[::-1]
    score = g / wt if wt else 0.0
    pairs = tuple(p for p in path if p[0] and p[1])
    missing = tuple(j for p in path if not p[0] for j in p[1])
    extra = tuple(i for p in path if not p[1] for i in p[0])
    return Alignment(score, pairs, missing, extra)


@lru_cache(maxsize=131072)
def name_similarity(span: tuple[str, ...], form: tuple[str, ...], swap: bool = True) -> Alignment:
    """Best of the in-order alignment, the family-name-first order (unless ``swap=False``: for
    names of countries that do not write the family name first) and the joined view.

    Cached: news repeats the same names, and the alignment only depends on the two part lists."""
    a = align(span, form)
    if swap and len(form) == 2 and len(span) == 2:
        r = align(span, (form[1], form[0]))
        if r.score * 0.97 > a.score:
            # Family name first ("Isiba Sigeru" for Shigeru Ishiba): the pairs are mapped back
            # to the form's own order, so the result reads like any in-order alignment.
            def back(fi: tuple[int, ...]) -> tuple[int, ...]:
                return tuple(1 - j for j in fi)

            a = Alignment(
                r.score * 0.97,
                tuple((si, back(fi), sim) for si, fi, sim in r.pairs),
                back(r.missing),
                r.extra,
                False,
                True,
            )
    joined_span = "".join(span)
    joined_form = "".join(form)
    # The joined view is for names split or fused by the translation ("Netana Hu", "Fondeleyen"):
    # the span must not have more parts than the name (unless the name is one word), and the
    # letters must nearly add up.
    if (
        len(span) != len(form)
        and (len(span) < len(form) or len(form) == 1)
        and abs(len(joined_span) - len(joined_form)) <= 1 + len(joined_form) // 10
        and min(map(len, span)) > 1
        # A part spelled exactly like one of the name's is aligned, not joined: joined, a shared
        # given name outweighs another family name ("Noureddine Taleb" is not al-Baba).
        and not set(span) & set(form)
    ):
        s = part_similarity(joined_span, joined_form) * 0.97
        if s > a.score:
            a = Alignment(s, ((tuple(range(len(span))), tuple(range(len(form))), s),), (), ())
    return a

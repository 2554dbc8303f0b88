"""The project's own evaluation corpus (``tests/corpus/``), checked with fixed thresholds.

The thresholds are a ratchet: each is the value the engine reached when it was last raised, rounded
down.  Raise them when the engine improves; never lower them to make a change pass.  Clean news
must come out with ZERO changes.

Files:

- ``names.jsonl``: mangled names from several source languages (Japanese katakana round trips,
  Arabic article and vowel variation and French transliterations, Hebrew, Chinese pinyin, Korean
  Revised Romanization, Russian via French and German spellings), partial mentions, possessives;
- ``negatives.jsonl``: near-identical real names and places, accepted spelling variants, and
  legitimate brackets inside quotations: nothing may change;
- ``artifacts.jsonl``: doubled words, CJK punctuation, bracket insertions, boilerplate lines,
  calques, group names, mojibake and width problems; two expected flags;
- ``clean_news.jsonl``: paragraphs of human-written English news (with their ``source``).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from mtclean.evaluate import EVAL_KINDS, Report, evaluate, load_cases

CORPUS = Path(__file__).resolve().parent / "corpus"
CASE_FILES = ("names.jsonl", "negatives.jsonl", "artifacts.jsonl")

#: Minimum recall and precision per kind (and overall), rounded down from the last measurement.
#: A kind missing here had nothing correct yet: add it as soon as it has.
RECALL = {
    "name": 0.83,
    "group": 0.5,
    "artifact": 0.88,
    "boilerplate": 1.0,
    "unicode": 1.0,
    "overall": 0.81,
}
PRECISION = {
    "name": 1.0,
    "artifact": 1.0,
    "boilerplate": 1.0,
    "unicode": 1.0,
    "overall": 1.0,
}
F1_OVERALL = 0.89
#: At most this many changes that overlap no expected fix, on all case files together.
MAX_UNEXPECTED = 0
#: At most this many changes inside a ``keep`` string.
MAX_KEEP_VIOLATIONS = 0


@pytest.fixture(scope="module")
def cases():
    out = []
    for name in CASE_FILES:
        out.extend(load_cases(CORPUS / name))
    return out


@pytest.fixture(scope="module")
def report(cases, default_cleaner) -> Report:
    return evaluate(cases, default_cleaner, files=list(CASE_FILES))


def test_corpus_shape(cases):
    assert len(cases) >= 80
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    langs = {c.lang for c in cases if c.fixes and c.fixes[0].kind == "name"}
    assert {"ja", "ar", "he", "zh", "ko", "fr", "de"} <= langs
    kinds = {f.kind for c in cases for f in c.fixes}
    assert kinds == set(EVAL_KINDS)
    negatives = [c for c in cases if not c.fixes]
    assert len(negatives) >= 20 and all(c.keep for c in negatives if c.id.startswith("neg-"))


def test_clean_news_shape():
    news = load_cases(CORPUS / "clean_news.jsonl")
    assert len(news) >= 30
    assert all(c.source.startswith(("http://", "https://")) for c in news)
    assert all(not c.fixes and not c.keep for c in news)
    joined = "\n".join(c.text for c in news)
    for needle in ("“", "’", "—", "[", "Zelenskyy", "Kiev", "Gaddafi", "Hama", "Gideon Saar", "Kim Yo Jong"):
        assert needle in joined, needle


def test_clean_news_zero_changes(default_cleaner):
    news = load_cases(CORPUS / "clean_news.jsonl")
    rep = evaluate(news, default_cleaner, clean=True)
    changed = [(d["id"], d["rule"], d["original"], d["replacement"]) for d in rep.changes("unexpected")]
    assert changed == [], changed
    assert rep.overall.changes_per_1k_words == 0.0


@pytest.mark.parametrize("kind", sorted(RECALL))
def test_recall_ratchet(report, kind):
    c = report.overall if kind == "overall" else report.by_kind()[kind]
    assert c.recall is not None and c.recall >= RECALL[kind], (kind, c.to_dict(), report.misses())


@pytest.mark.parametrize("kind", sorted(PRECISION))
def test_precision_ratchet(report, kind):
    c = report.overall if kind == "overall" else report.by_kind()[kind]
    assert c.precision is not None and c.precision >= PRECISION[kind], (
        kind,
        c.to_dict(),
        report.changes("wrong"),
        report.changes("unexpected"),
    )


def test_f1_ratchet(report):
    f1 = report.overall.f1
    assert f1 is not None and not math.isnan(f1) and f1 >= F1_OVERALL, report.overall.to_dict()


def test_no_unexpected_changes_and_keep_violations(report):
    assert len(report.changes("unexpected")) <= MAX_UNEXPECTED, report.changes("unexpected")
    assert len(report.keep_violations()) <= MAX_KEEP_VIOLATIONS, report.keep_violations()


def test_negatives_unchanged(cases, default_cleaner):
    negatives = [c for c in cases if c.id.startswith("neg-")]
    rep = evaluate(negatives, default_cleaner, clean=True)
    assert rep.changes("unexpected") == []

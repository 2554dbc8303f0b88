"""Robustness: any input, no exception, no hang, the same answer everywhere.

- Property tests over hostile Unicode (lone surrogates, control characters, mixed scripts, very
  long tokens and lines) check the core invariants (`test_core._check_invariants`).
- Results are identical across processes with different ``PYTHONHASHSEED`` and across threads.
- Adversarial inputs take time linear in their size: each case is timed at two sizes in the same
  test and the larger may not cost much more than proportionally (no absolute timings).
- Every regular expression of the package (module-level patterns, patterns written inline, and
  the patterns detectors compile from their data files) is run on hostile input under `regex`'s
  ``timeout=``.
- Bad input to the API gets a clear error naming the argument, file, line or rule.
"""

from __future__ import annotations

import ast
import gc
import importlib
import importlib.util
import json
import os
import pickle
import pkgutil
import random
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_core import _check_invariants

import mtclean
from mtclean import Cleaner, GazetteerError
from mtclean.detectors import factories

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.jsonl"))

# --- hostile text strategies ------------------------------------------------------------------

# Every code point, lone surrogates included (Python strings may hold them; JSON escapes them).
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())
CONTROL = st.sampled_from([chr(c) for c in [*range(0, 32), 127, *range(0x80, 0xA0)]] + ["\u2028", "\u2029", "\ufeff"])
SCRIPT_WORDS = st.sampled_from(
    [
        "Москва", "北京", "東京都", "서울", "القدس", "ירושלים", "Αθήνα", "กรุงเทพ", "मुंबई", "Tbilisi",
        "al-Quds", "Al-Sharaa", "Kim Jong Un", "’s", "“", "”", "«", "»", "[", "]", "(", ")", "，", "。",
        "\u200b", "\u00ad", "e\u0301", "İstanbul", "ß", "ﬁ", "🇸🇾", "👩‍👩‍👧", "\ud800", "\udfff", "\x00", "\t", "\r\n",
    ]
)  # fmt: skip
MIXED = st.lists(st.one_of(SCRIPT_WORDS, st.text(ANY_CHAR, max_size=8)), max_size=60).map(" ".join)
LONG_TOKEN = st.tuples(st.sampled_from("aZ-.’[“x漢"), st.integers(200, 5000), st.text(ANY_CHAR, max_size=20)).map(
    lambda t: t[2] + t[0] * t[1] + t[2]
)
LONG_LINE = st.lists(st.sampled_from(["Foreign", "Minister", "said", "the", "al-", "Sheikh", ",", "."]), min_size=200, max_size=800).map(" ".join)  # fmt: skip
HOSTILE = st.one_of(
    st.text(ANY_CHAR, max_size=400),
    st.lists(st.one_of(CONTROL, st.text(ANY_CHAR, max_size=3)), max_size=80).map("".join),
    MIXED,
    LONG_TOKEN,
    LONG_LINE,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(HOSTILE)
def test_invariants_hold_on_hostile_text(default_cleaner, text):
    _check_invariants(default_cleaner, text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ANY_CHAR, max_size=200))
def test_results_serialise_to_json_even_with_lone_surrogates(default_cleaner, text):
    r = default_cleaner.clean(text)
    blob = json.dumps(r.to_dict())  # ensure_ascii: surrogates come out escaped
    blob.encode("utf-8")
    back = json.loads(blob)
    assert back["original"] == text and back["text"] == r.text
    assert [f["original"] for f in back["fixes"]] == [f.original for f in r.fixes]
    assert default_cleaner.detect(text) is not None


# --- the same answer in every process and thread ----------------------------------------------


def _corpus_texts() -> list[str]:
    texts = []
    for path in CORPUS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    texts += ["", "Officials said the the talks ended.\nSource link", "“Unclosed quote (and [bracket", "a" * 300]
    return texts


_HASHSEED_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from mtclean import Cleaner
    texts = json.load(sys.stdin)
    c = Cleaner()
    order = range(len(texts)) if sys.argv[1] == "forward" else range(len(texts) - 1, -1, -1)
    by_index = {i: c.clean(texts[i]).to_dict() for i in order}  # caches warm up in a different order
    out = [by_index[i] for i in range(len(texts))]
    out.append([f.to_dict() for t in texts[:20] for f in c.detect(t)])
    sys.stdout.write(json.dumps(out, sort_keys=True))
    """
)


def test_output_is_identical_across_hash_seeds_and_processing_orders(default_cleaner):
    texts = _corpus_texts()[::2]  # every kind of case file, half the cases: enough to expose set order
    assert len(texts) > 50
    procs = []
    for seed, order in (("0", "forward"), ("4242", "reverse")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        p = subprocess.Popen(
            [sys.executable, "-c", _HASHSEED_SCRIPT, order],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
        )
        procs.append(p)
    payload = json.dumps(texts)
    outs = []
    for p in procs:
        out, err = p.communicate(payload, timeout=300)
        assert p.returncode == 0, err
        outs.append(out)
    assert outs[0] == outs[1]
    # And the same as this process (a third, random seed).
    here = [default_cleaner.clean(t).to_dict() for t in texts]
    assert json.loads(outs[0])[: len(texts)] == json.loads(json.dumps(here, sort_keys=True))


def test_cleaner_is_safe_to_share_between_threads(default_cleaner):
    texts = _corpus_texts() * 2
    random.Random(7).shuffle(texts)
    serial = [json.dumps(default_cleaner.clean(t).to_dict(), sort_keys=True) for t in texts]
    with ThreadPoolExecutor(max_workers=6) as pool:
        threaded = list(pool.map(lambda t: json.dumps(default_cleaner.clean(t).to_dict(), sort_keys=True), texts))
    assert threaded == serial


def test_cleaner_pickles_cheaply(default_cleaner):
    blob = pickle.dumps(default_cleaner)
    assert len(blob) < 2_000  # the configuration only: the index is rebuilt on the other side
    small = ROOT / "tests" / "data" / "world_small.tsv"
    custom = Cleaner(str(small), mode="normalize", disable=["language"])
    blob2 = pickle.dumps(custom)
    # A user gazetteer travels with the cleaner; nothing derived from it (keys, index) does.
    assert len(blob2) < 4 * small.stat().st_size
    other = pickle.loads(blob2)
    assert other.mode == "normalize" and other.enabled_rules == custom.enabled_rules
    text = "Foreign Minister Asaad al-Shaibani said the the talks ended."
    assert other.clean(text).to_dict() == custom.clean(text).to_dict()


# --- time linear in the size of the input -----------------------------------------------------


def _elapsed(cleaner: Cleaner, text: str) -> float:
    # The garbage collector's full passes walk the whole heap (the gazetteer index included): their
    # cost depends on what else lives in the process, not on the input, so they are kept out.
    gc.collect()
    gc.disable()
    try:
        t = time.perf_counter()
        cleaner.clean(text)
        return time.perf_counter() - t
    finally:
        gc.enable()


def _assert_linear(cleaner: Cleaner, make: Callable[[int], str], n: int, scale: int = 2) -> None:
    """Cleaning an input ``scale`` times as long takes less than ``1.5 * scale`` times as long (plus
    50 ms), best of two runs: linear passes with room for noise, quadratic fails."""
    factor = 1.5 * scale
    _elapsed(cleaner, make(n // 4))  # warm caches
    small = min(_elapsed(cleaner, make(n)) for _ in range(2))
    large = _elapsed(cleaner, make(scale * n))
    if large > factor * small + 0.05:
        large = min(large, _elapsed(cleaner, make(scale * n)))  # a second chance against noise
    assert large <= factor * small + 0.05, f"{n} chars: {small:.3f}s, {scale * n} chars: {large:.3f}s"


def _caps_words(n: int) -> str:
    """``n`` characters of capitalised words in a row (a longer text extends a shorter one)."""
    words = ["Ahmed", "Minister", "Al", "Bin", "Kim", "Foreign", "United", "Nations", "Jong", "President"]
    rnd = random.Random(5)
    out: list[str] = []
    size = 0
    while size < n:
        out.append(rnd.choice(words))
        size += len(out[-1]) + 1
    return " ".join(out)[:n]


ADVERSARIAL: dict[str, tuple[Callable[[int], str], int]] = {
    "million-same-char": (lambda n: "a" * n, 500_000),
    "spaces": (lambda n: " " * n, 250_000),
    "newlines": (lambda n: "\n" * n, 150_000),
    "long-token-then-text": (lambda n: "x" * n + " Hello. World", 250_000),
    "hyphens": (lambda n: "-" * n + "a", 300_000),
    "straight-quotes": (lambda n: '"' * n, 50_000),
    "curly-quotes-nested": (lambda n: "“‘«" * (n // 3) + "x", 60_000),
    "quotes-unbalanced-words": (lambda n: '“a ‘b " «c ' * (n // 12), 60_000),
    "brackets-nested": (lambda n: "[" * (n // 2) + "x" + "]" * (n // 2), 300_000),
    "brackets-unbalanced": (lambda n: "[Syrian " * (n // 8), 30_000),
    "parentheses-nested": (lambda n: "(" * n + "a", 200_000),
    "full-width-punctuation": (lambda n: "，" * n, 20_000),
    "invisible-characters": (lambda n: "a\u200b" * (n // 2), 20_000),
    "space-before-punctuation": (lambda n: "a ," * (n // 3), 20_000),
    "capitalised-words-short-run": (_caps_words, 500),
    "hyphenated-capitalised-token": (lambda n: "-".join(["Al", "Sharaa", "Kim", "Jong"] * (n // 16)), 100_000),
    "mixed-scripts": (lambda n: "Москва 北京 al-Quds \u200b " * (n // 25), 20_000),
    "sentence-ends": (lambda n: "Ab. " * (n // 4), 20_000),
}


@pytest.mark.parametrize("case", sorted(ADVERSARIAL))
def test_adversarial_input_takes_linear_time(default_cleaner, case):
    make, n = ADVERSARIAL[case]
    _assert_linear(default_cleaner, make, n)


def test_run_of_sentence_punctuation_takes_linear_time(default_cleaner):
    _assert_linear(default_cleaner, lambda n: "." * n + "x", 1_500, scale=4)


def test_thousands_of_capitalised_words_take_linear_time(default_cleaner):
    _assert_linear(default_cleaner, _caps_words, 4_000, scale=4)


def _prose(n: int) -> str:
    words = (
        "the talks ended on monday after officials said that the ceasefire would hold and rain fell across "
        "the north while markets waited for news from the capital"
    ).split()
    rnd = random.Random(3)
    out: list[str] = []
    size = 0
    while size < n:
        s = " ".join(rnd.choice(words) for _ in range(rnd.randint(8, 20)))
        s = s[0].upper() + s[1:] + (".\n\n" if rnd.random() < 0.1 else ".")
        out.append(s)
        size += len(s) + 1
    return " ".join(out)[:n]


@pytest.mark.slow
def test_ten_megabyte_article_takes_linear_time(default_cleaner):
    one = _prose(1_000_000)
    base = min(_elapsed(default_cleaner, one) for _ in range(2))
    ten = one * 10
    took = _elapsed(default_cleaner, ten)
    assert took <= 15 * base + 0.5, f"1 MB: {base:.2f}s, 10 MB: {took:.2f}s"
    r = default_cleaner.clean(ten[:3_000_000])
    assert len(r.original) == 3_000_000 and len(r.text) > 2_900_000


# --- every regular expression, on hostile input, under a timeout ------------------------------

_PATTERN_TYPES = (regex.Pattern, re.Pattern)
_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


def _modules() -> Iterator[str]:
    for info in pkgutil.walk_packages(mtclean.__path__, "mtclean."):
        if info.name.endswith("__main__") or ".integrations." in info.name:
            continue  # __main__ runs the CLI; integrations import optional packages
        yield info.name


def _as_regex(p: regex.Pattern[str] | re.Pattern[str]) -> regex.Pattern[str]:
    if isinstance(p, re.Pattern):
        return regex.compile(p.pattern, p.flags & ~re.UNICODE)
    return p


def _source_patterns() -> dict[str, tuple[str, int]]:
    """Module-level compiled patterns and string patterns passed inline to re/regex calls, by their
    first location (a pattern used in several places is checked once)."""
    found: dict[tuple[str, int], str] = {}
    for name in _modules():
        try:
            mod = importlib.import_module(name)
        except ImportError:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            continue
        source = Path(spec.origin).read_text(encoding="utf-8")
        for attr, obj in sorted(vars(mod).items()):
            # Named after the module that defines it (assigns it), not one that imports it.
            if isinstance(obj, _PATTERN_TYPES) and regex.search(rf"(?m)^{regex.escape(attr)}\s*(?::[^=\n]*)?=", source):
                p = _as_regex(obj)
                found.setdefault((p.pattern, p.flags), f"{name}.{attr}")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("re", "regex")
                and node.func.attr in _CALLS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                p = _as_regex(
                    regex.compile(node.args[0].value)
                    if node.func.value.id == "regex"
                    else re.compile(node.args[0].value)
                )
                found.setdefault((p.pattern, p.flags), f"{name}:{node.lineno}")
    return {where: key for key, where in found.items()}


def _instance_patterns(obj: object, where: str) -> Iterator[tuple[str, regex.Pattern[str]]]:
    """Patterns a detector holds (compiled from its data files), found by walking its attributes."""
    seen: set[int] = set()

    def walk(o: object, at: str, depth: int) -> Iterator[tuple[str, regex.Pattern[str]]]:
        if id(o) in seen or depth > 6 or isinstance(o, (str, bytes, int, float, bool, type(None))):
            return
        seen.add(id(o))
        if isinstance(o, _PATTERN_TYPES):
            yield at, _as_regex(o)
        elif isinstance(o, dict):
            if len(o) <= 5_000:
                for k, v in o.items():
                    yield from walk(v, f"{at}[{k!r}]", depth + 1)
        elif isinstance(o, (list, tuple, set, frozenset)):
            if len(o) <= 5_000:
                for i, v in enumerate(o):
                    yield from walk(v, f"{at}[{i}]", depth + 1)
        elif type(o).__module__.startswith("mtclean") and type(o).__name__ not in ("Gazetteer", "Entry"):
            attrs = dict(getattr(o, "__dict__", {}))
            for klass in type(o).__mro__:
                for slot in getattr(klass, "__slots__", ()):
                    if hasattr(o, slot):
                        attrs[slot] = getattr(o, slot)
            for k, v in attrs.items():
                yield from walk(v, f"{at}.{k}", depth + 1)

    yield from walk(obj, where, 0)


_PIECES = [
    "a", "A", "Ab", "ab ", "Ab ", "The ", "x", "1", "1,", " ", "\t", "\n", "\r\n", ".", ",", ";", ":", "!?", "-",
    "a-", "A-", "al-", "a.", "a'", "'", "’", "’s", '"', "“", "”", "«", "[", "]", "(", ")", "<", ">", "=", "/", "|",
    "\\", "_", "@", "#", "\u00a0", "\u200b", "\u3000", "，", "。", "漢", "カ", "ا", "é", "e\u0301", "\x00",
]  # fmt: skip


def _hostile(pattern: str, n: int) -> Iterator[str]:
    """Long runs of single characters and short pieces (and of the pattern's own literal words),
    each ended by a character that matches nothing: the inputs on which backtracking explodes."""
    words = list(dict.fromkeys(regex.findall(r"[A-Za-z]{2,}", pattern)))[:16]
    literals = sorted({c for c in regex.sub(r"\\[pPN]\{[^}]*\}|\\.", "", pattern) if c.isalnum()})[:16]
    for piece in [*_PIECES, *literals, *(w + " " for w in words), *(w.capitalize() + "-" for w in words[:6])]:
        yield piece * max(1, n // len(piece)) + "\x00"


def _check_pattern(p: regex.Pattern[str], n: int = 1_000) -> str | None:
    """The problem of one pattern, if any: a timeout on ``n`` hostile characters (catastrophic
    backtracking), or, on its slowest hostile input, a time that grows much faster than the input
    (8x the input may cost at most 24x, and 1 s)."""
    worst = (0.0, "", "")
    for s in _hostile(p.pattern, n):
        for op in ("findall", "fullmatch"):
            t = time.perf_counter()
            try:
                getattr(p, op)(s, timeout=0.5)
            except TimeoutError:
                return f"{op} timed out on {s[:12]!r}… ({len(s)} chars)"
            took = time.perf_counter() - t
            if took > worst[0]:
                worst = (took, op, s)
    took, op, s = worst
    if took > 0.002:
        try:
            getattr(p, op)(s[:-1] * 8 + s[-1], timeout=min(max(0.2, 24 * took), 1.0))
        except TimeoutError:
            return f"{op} superlinear on {s[:12]!r}…: {took:.3f}s for {len(s)} chars, more than 24x that for 8x"
    return None


_SOURCE = _source_patterns()
_KNOWN_BAD_SOURCE: dict[str, str] = {}
_KNOWN_BAD_DETECTORS: dict[str, str] = {}


def _source_params() -> list[object]:
    out = []
    for where in sorted(_SOURCE):
        marks = []
        if where in _KNOWN_BAD_SOURCE:
            marks.append(pytest.mark.xfail(strict=True, reason=f"{where}: {_KNOWN_BAD_SOURCE[where]}"))
        out.append(pytest.param(where, id=where, marks=marks))
    return out


def test_the_pattern_walk_finds_the_patterns():
    assert len(_SOURCE) >= 30
    assert any(w.startswith("mtclean.detectors.") for w in _SOURCE)
    assert any(":" in w for w in _SOURCE)  # inline patterns too
    # The instance walk sees patterns that only exist in data files (the boilerplate table).
    from mtclean.config import Config
    from mtclean.detectors.boilerplate import BoilerplateDetector
    from mtclean.gazetteer.model import Gazetteer

    det = BoilerplateDetector(Config(gazetteer=Gazetteer(name="")))
    assert len(list(_instance_patterns(det, "boilerplate"))) >= 10
    # The check catches a catastrophic pattern and a quadratic one, and passes their bounded forms.
    assert "timed out" in (_check_pattern(regex.compile(r"(?:a+)+$")) or "")
    assert "superlinear" in (_check_pattern(regex.compile(r"[.]+(?=\s)")) or "")
    assert _check_pattern(regex.compile(r"(?<![.])[.]{1,50}(?=\s)")) is None
    assert _check_pattern(regex.compile(r"(?:ab?){1,20}$")) is None


@pytest.mark.parametrize("where", _source_params())
def test_source_pattern_does_not_backtrack_catastrophically(where):
    pattern, flags = _SOURCE[where]
    problem = _check_pattern(regex.compile(pattern, flags))
    assert problem is None, f"{where} {pattern!r}: {problem}"


def _detector_params() -> list[object]:
    out = []
    for f in factories():
        name = getattr(f, "name", f.__name__)
        marks = []
        if name in _KNOWN_BAD_DETECTORS:
            marks.append(pytest.mark.xfail(strict=True, reason=_KNOWN_BAD_DETECTORS[name]))
        out.append(pytest.param(f, id=name, marks=marks))
    return out


@pytest.mark.parametrize("factory", _detector_params())
def test_data_file_patterns_do_not_backtrack_catastrophically(default_cleaner, factory):
    det = factory(default_cleaner.config)
    bad = {}
    seen: set[tuple[str, int]] = set()
    for where, p in _instance_patterns(det, det.name):
        if (p.pattern, p.flags) in seen or where in _SOURCE:
            continue
        seen.add((p.pattern, p.flags))
        problem = _check_pattern(p)
        if problem:
            bad[where] = f"{p.pattern!r}: {problem}"
    assert not bad, bad


# --- bad input gets a clear error -------------------------------------------------------------


@pytest.mark.parametrize("value", [None, b"bytes", 42, ["a list"], bytearray(b"x")])
def test_non_string_text_is_a_type_error_naming_the_argument(default_cleaner, value):
    for call in (default_cleaner.clean, default_cleaner.detect, mtclean.clean):
        with pytest.raises(TypeError, match="'text'") as info:
            call(value)
        assert type(value).__name__ in str(info.value)


def test_non_string_in_a_stream_is_a_type_error(default_cleaner):
    with pytest.raises(TypeError):
        list(default_cleaner.pipe(["fine", 3]))


def test_bad_options_are_named():
    with pytest.raises(ValueError, match="artifact.no-such-rule"):
        Cleaner(defaults=False, enable=["artifact.no-such-rule"])
    with pytest.raises(ValueError, match="'mode'"):
        Cleaner(defaults=False, mode="fast")
    with pytest.raises(TypeError, match="'gazetteers'"):
        Cleaner(gazetteers=3.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="colour"):
        mtclean.clean("x", colour="blue")
    with pytest.raises(ValueError, match="batch_size"):
        list(Cleaner(defaults=False).pipe(["x"], batch_size=0))
    with pytest.raises(ValueError, match="n_process"):
        list(Cleaner(defaults=False).pipe(["x"], n_process=0))


def test_malformed_gazetteer_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "id\ttype\tcanonical\taliases\nper.a\tPER\tAlice Example\t\nper.b\tPERSON\tBob Example\t\n", encoding="utf-8"
    )
    with pytest.raises(GazetteerError) as info:
        Cleaner(str(bad), defaults=False)
    err = info.value
    assert err.file.endswith("bad.tsv") and err.line == 3 and err.column == "type"
    assert "bad.tsv" in str(err) and "line 3" in str(err) and "type" in str(err)


def test_malformed_data_file_names_file_and_line(tmp_path):
    bad = tmp_path / "mine.tsv"
    bad.write_text("id\tpattern\twhere\tdescription\nmy-row\t(unclosed\tend\tbroken\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        Cleaner(defaults=False, data={"boilerplate": str(bad)})
    assert "mine.tsv" in str(info.value) and "line 2" in str(info.value)
    with pytest.raises(FileNotFoundError, match="nowhere.tsv"):
        Cleaner(defaults=False, data={"boilerplate": str(tmp_path / "nowhere.tsv")})

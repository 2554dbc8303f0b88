"""`Cleaner.pipe(texts, n_process=N)`: ordered output equal to the serial run, bounded read-ahead on
endless streams, errors that name the bad item, pools shut down on early stops."""

from __future__ import annotations

import itertools
import json

import pytest

import mtclean.parallel as parallel
from mtclean import Cleaner

TEXTS = [
    "Officials said the the talks ended on Monday.",
    "",
    "Rain fell across the north.\nSource link",
    "“He said it would hold,” the minister added.",
    "Foreign Minister Asaad al-Shaibani met envoys in Damascus.",
    "漢字 and Latin ，mixed。",
    "[ad_1]\nThe port reopened on Tuesday.",
    "a" * 500,
]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def _dicts(results) -> list[str]:
    return [json.dumps(r.to_dict(), sort_keys=True) for r in results]


def test_two_processes_give_the_serial_results_in_order(cleaner):
    texts = [f"{t} ({i})" for i, t in enumerate(TEXTS * 12)]  # distinct texts: order is visible
    serial = _dicts(cleaner.clean(t) for t in texts)
    parallel_run = _dicts(cleaner.pipe(iter(texts), batch_size=5, n_process=2))
    assert parallel_run == serial


def test_endless_stream_is_read_ahead_boundedly_and_stops_early(cleaner):
    consumed = 0

    def endless():
        nonlocal consumed
        for i in itertools.count():
            consumed += 1
            yield f"Officials said the the talks ended ({i})."

    batch_size, n_process = 4, 2
    stream = cleaner.pipe(endless(), batch_size=batch_size, n_process=n_process)
    first = next(stream)
    assert first.text == "Officials said the talks ended (0)."
    # At most 2 * n_process batches in flight, plus the one submitted when the first came back.
    assert consumed <= (2 * n_process + 1) * batch_size
    rest = list(itertools.islice(stream, 29))
    assert [r.text for r in rest] == [f"Officials said the talks ended ({i})." for i in range(1, 30)]
    assert consumed <= 30 + (2 * n_process + 1) * batch_size
    read = consumed
    stream.close()  # cancels the batches not started and stops the workers
    assert next(stream, None) is None
    assert consumed == read  # closing reads nothing more from the endless stream


def test_a_non_string_item_is_a_type_error_naming_its_position(cleaner):
    texts = ["fine", "also fine", "third", None, "never cleaned"]
    with pytest.raises(TypeError, match=r"item 3 must be str, not NoneType"):
        list(cleaner.pipe(texts, batch_size=2, n_process=2))


def test_a_stream_of_one_batch_is_cleaned_in_process(cleaner, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("no worker pool for a stream that fits in one batch")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    texts = TEXTS[:3]
    assert _dicts(cleaner.pipe(texts, batch_size=8, n_process=2)) == _dicts(cleaner.clean(t) for t in texts)
    assert list(cleaner.pipe([], n_process=2)) == []
    with pytest.raises(TypeError, match="item 1"):
        list(cleaner.pipe(["ok", 7], batch_size=8, n_process=2))


def test_serial_pipe_is_lazy(cleaner):
    seen = []

    def stream():
        for t in TEXTS:
            seen.append(t)
            yield t

    it = cleaner.pipe(stream())
    next(it)
    assert len(seen) == 1

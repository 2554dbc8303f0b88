"""Cleaning streams in worker processes with ordered output and bounded memory."""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cleaner import Cleaner
    from .result import Result

_WORKER: Cleaner | None = None


def _init(cleaner: Cleaner) -> None:
    global _WORKER
    _WORKER = cleaner


def _clean_batch(texts: list[str]) -> list[Result]:
    assert _WORKER is not None
    return [_WORKER.clean(t) for t in texts]


def pipe_parallel(cleaner: Cleaner, texts: Iterable[str], *, batch_size: int, n_process: int) -> Iterator[Result]:
    ctx = mp.get_context("spawn")
    iterator = iter(texts)
    with ProcessPoolExecutor(max_workers=n_process, mp_context=ctx, initializer=_init, initargs=(cleaner,)) as pool:
        pending: deque[Future[list[Result]]] = deque()

        def submit() -> bool:
            batch = list(islice(iterator, batch_size))
            if not batch:
                return False
            for t in batch:
                if not isinstance(t, str):
                    raise TypeError(f"pipe() expects str texts, got {type(t).__name__}")
            pending.append(pool.submit(_clean_batch, batch))
            return True

        while len(pending) < 2 * n_process and submit():
            pass
        while pending:
            results = pending.popleft().result()
            submit()
            yield from results

"""Cleaning streams in worker processes with ordered output and bounded memory.

`pipe_parallel` is what ``Cleaner.pipe(texts, n_process=N)`` runs for ``N > 1``:

* **Order**: results come back in the order of ``texts`` (batches are awaited first in, first out).
* **Bounded memory**: at most ``2 * N`` batches of ``batch_size`` texts are in flight (submitted
  and not yet yielded), so a stream larger than memory is read only as fast as it is cleaned.
* **One cleaner per worker**: the `Cleaner` travels as its configuration (``Cleaner.__reduce__``)
  and each worker rebuilds it once, in the pool initializer; workers are started with ``spawn``
  (no inherited locks or threads, the same on every platform), so the calling script must guard
  its entry point with ``if __name__ == "__main__":``.
* **Small streams stay in process**: when the whole stream fits in one batch there is nothing to
  parallelise and starting workers would cost more than cleaning, so it is cleaned in the caller.
* **Errors**: a non-string text raises `TypeError` (naming its position) before it is sent; an
  error in a worker is re-raised in the caller; a worker that dies (killed, out of memory) raises
  `RuntimeError`.  In every case, and when the consumer stops early, the batches not yet started
  are cancelled and the workers shut down.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
    if _WORKER is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("mtclean worker used before its cleaner was set up")
    return [_WORKER.clean(t) for t in texts]


def _checked_batches(texts: Iterable[str], batch_size: int) -> Iterator[list[str]]:
    iterator = iter(texts)
    position = 0
    while True:
        batch = list(islice(iterator, batch_size))
        if not batch:
            return
        for i, t in enumerate(batch):
            if not isinstance(t, str):
                raise TypeError(f"pipe() argument 'texts': item {position + i} must be str, not {type(t).__name__}")
        position += len(batch)
        yield batch


def pipe_parallel(cleaner: Cleaner, texts: Iterable[str], *, batch_size: int, n_process: int) -> Iterator[Result]:
    """Clean ``texts`` in ``n_process`` worker processes; results in input order (see the module doc)."""
    batches = _checked_batches(texts, batch_size)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None:
        # The whole stream is one batch: clean it here rather than start a pool for it.
        for t in first:
            yield cleaner.clean(t)
        return
    max_in_flight = 2 * n_process
    pool = ProcessPoolExecutor(
        max_workers=n_process, mp_context=mp.get_context("spawn"), initializer=_init, initargs=(cleaner,)
    )
    pending: deque[Future[list[Result]]] = deque()
    try:
        pending.append(pool.submit(_clean_batch, first))
        pending.append(pool.submit(_clean_batch, second))
        for batch in islice(batches, max_in_flight - 2):
            pending.append(pool.submit(_clean_batch, batch))
        while pending:
            try:
                results = pending.popleft().result()
            except BrokenProcessPool:
                raise RuntimeError(
                    "an mtclean worker process died: killed, out of memory, or the calling script starts "
                    "workers on import (spawned workers re-import the main module: guard the entry point "
                    "with `if __name__ == '__main__':`); no results after this point"
                ) from None
            more = next(batches, None)
            if more is not None:
                pending.append(pool.submit(_clean_batch, more))
            yield from results
    finally:
        # On success nothing is pending; on an error or an early stop (GeneratorExit) the batches
        # not yet started are dropped instead of cleaned for nobody.
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)

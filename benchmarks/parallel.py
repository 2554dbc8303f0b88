"""Speed-up of ``Cleaner.pipe(texts, n_process=N)`` over the serial run.

    python benchmarks/parallel.py                 # 2 MB of synthetic news, N = 2
    python benchmarks/parallel.py --mb 5 -n 2 -n 4

Cleans the same deterministic corpus (`synth.corpus`: news-like paragraphs with mangled names and
artifacts, generated from a seed) serially and with N worker processes, checks that the results
are identical, prints the times and the speed-up, and appends a section with the machine and the
date to ``benchmarks/RESULTS-parallel.md``.  The parallel time includes starting the workers
(each builds its own `Cleaner`), as a user pays it; "steady" is the rate after the first result.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

from mtclean import Cleaner  # noqa: E402
from mtclean.resources import default_gazetteer  # noqa: E402

RESULTS = HERE / "RESULTS-parallel.md"


def _cpu() -> str:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return cpu


def _available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run(cleaner: Cleaner, texts: list[str], n_process: int, batch_size: int) -> tuple[float, float, list[str]]:
    t0 = time.perf_counter()
    first = None
    out = []
    for r in cleaner.pipe(texts, batch_size=batch_size, n_process=n_process):
        if first is None:
            first = time.perf_counter()
        out.append(json.dumps(r.to_dict(), sort_keys=True))
    total = time.perf_counter() - t0
    steady = total - ((first or t0) - t0)
    return total, steady, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    ap.add_argument("-n", "--n-process", type=int, action="append", help="worker processes (repeatable; default 2)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-write", action="store_true", help=f"do not append to {RESULTS.name}")
    args = ap.parse_args(argv)
    ns = args.n_process or [2]

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    people = [e for e in default_gazetteer() if e.type == "PER"][:2000]
    texts = synth.corpus(people, int(args.mb * 1e6), seed=args.seed)
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t = time.perf_counter()
    cleaner = Cleaner()
    build = time.perf_counter() - t
    print(f"corpus: {len(texts)} paragraphs, {size_mb:.2f} MB; cleaner built in {build:.2f} s", flush=True)

    serial, _, expected = _run(cleaner, texts, 1, args.batch_size)
    print(f"serial:      {serial:7.2f} s  {size_mb / serial:6.3f} MB/s", flush=True)
    rows = [("1 (serial)", serial, serial, 1.0, True)]
    for n in ns:
        total, steady, got = _run(cleaner, texts, n, args.batch_size)
        same = got == expected
        ratio = serial / total
        rows.append((str(n), total, steady, ratio, same))
        print(
            f"n_process={n}: {total:7.2f} s  {size_mb / total:6.3f} MB/s  speed-up {ratio:.2f}x "
            f"(steady {serial / steady if steady else 0:.2f}x)  identical results: {same}",
            flush=True,
        )
        if not same:
            print("error: parallel results differ from the serial ones", file=sys.stderr)
            return 1

    if not args.no_write:
        date = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        lines = []
        if not RESULTS.exists():
            lines += [
                "# Parallel cleaning: speed-up of `Cleaner.pipe(n_process=N)`",
                "",
                "Written by `python benchmarks/parallel.py` (one section per run, newest last). Times include",
                "starting the worker processes, each of which builds its own `Cleaner`; *steady* excludes the",
                "wait for the first result. The results of every parallel run are checked to be identical to",
                "the serial run.",
                "",
            ]
        lines += [
            f"## {date}",
            "",
            f"- machine: {platform.system()} {platform.release()} {platform.machine()}, {_cpu()}, "
            f"{os.cpu_count()} logical cores ({_available_cores()} available), Python {platform.python_version()}, "
            f"load average {load:.2f} before the run (other work on the machine slows the parallel run most)",
            f"- corpus: {len(texts)} synthetic paragraphs, {size_mb:.2f} MB (seed {args.seed}), "
            f"batch size {args.batch_size}; cleaner built in {build:.2f} s",
            "",
            "| processes | time (s) | MB/s | speed-up | steady speed-up | identical |",
            "|---|---|---|---|---|---|",
        ]
        for name, total, steady, ratio, same in rows:
            steady_ratio = serial / steady if steady else 0.0
            lines.append(
                f"| {name} | {total:.2f} | {size_mb / total:.3f} | {ratio:.2f}x | {steady_ratio:.2f}x | "
                f"{'yes' if same else 'NO'} |"
            )
        lines.append("")
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        print(f"appended to {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`Cleaner`: the configured pipeline text -> Document -> detectors -> resolve -> Result."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from .config import MODES, Config
from .detectors import Detector, all_rules, factories
from .document import Document
from .edits import apply
from .gazetteer.formats import load_gazetteer
from .gazetteer.model import Gazetteer
from .model import KINDS, Finding, Fix, Mention
from .resolve import resolve, thresholds_for
from .result import Result

GazetteerSource = Gazetteer | str | os.PathLike[str] | IO[str]

#: Rule data sets users can extend with their own files (``Cleaner(data={name: path})``).
DATA_SETS = ("boilerplate", "terms", "spin_terms", "spin_words", "wording")


def _as_gazetteers(gazetteers: GazetteerSource | Sequence[GazetteerSource] | None) -> list[Gazetteer]:
    if gazetteers is None:
        return []
    items: Sequence[Any]
    if isinstance(gazetteers, (Gazetteer, str, os.PathLike)) or hasattr(gazetteers, "read"):
        items = [gazetteers]
    elif isinstance(gazetteers, Sequence):
        items = gazetteers
    else:
        raise TypeError("Cleaner() argument 'gazetteers' must be a Gazetteer, a path, or a list of them")
    out = []
    for g in items:
        if isinstance(g, Gazetteer):
            out.append(g)
        elif isinstance(g, (str, os.PathLike)) or hasattr(g, "read"):
            out.append(load_gazetteer(g))
        else:
            raise TypeError(f"Cleaner() argument 'gazetteers': cannot use {type(g).__name__} as a gazetteer")
    return out


def _rule_selector(value: Iterable[str] | str | None, arg: str) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    sel = frozenset(value)
    if not all(isinstance(v, str) for v in sel):
        raise TypeError(f"Cleaner() argument {arg!r} must be rule ids or kinds (strings)")
    known = {r.id for r in all_rules()} | set(KINDS)
    unknown = sorted(sel - known)
    if unknown:
        raise ValueError(
            f"Cleaner() argument {arg!r}: unknown rule or kind {unknown[0]!r}; "
            f"known kinds: {', '.join(KINDS)}; rule ids: see mtclean.rules()"
        )
    return sel


def _data_files(
    data: Mapping[str, str | os.PathLike[str] | Sequence[str | os.PathLike[str]]] | None,
) -> dict[str, tuple[Path, ...]]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise TypeError("Cleaner() argument 'data' must be a mapping of data set name to path(s)")
    out: dict[str, tuple[Path, ...]] = {}
    for name, value in data.items():
        if name not in DATA_SETS:
            raise ValueError(f"Cleaner() argument 'data': unknown data set {name!r}; expected one of {', '.join(DATA_SETS)}")
        paths = [value] if isinstance(value, (str, os.PathLike)) else list(value)
        for p in paths:
            if not isinstance(p, (str, os.PathLike)):
                raise TypeError(f"Cleaner() argument 'data[{name!r}]' must be a path or a list of paths")
            if not Path(p).is_file():
                raise FileNotFoundError(f"data file for {name!r} not found: {p}")
        out[str(name)] = tuple(Path(p) for p in paths)
    return out


class Cleaner:
    """A configured cleaner.  Build once, reuse for many texts; safe to share between threads.

    :param gazetteers: extra gazetteers (a `Gazetteer`, a path, or a list of them) merged over the
        embedded defaults; with ``defaults=False`` only these are used.
    :param mode: ``"repair"`` fixes only what is wrong; ``"normalize"`` also rewrites accepted
        variants ("Zelenskyy", "Kiev") to the canonical form.
    :param min_confidence: a number for every kind, or a mapping kind -> number; proposals below
        it are reported as findings instead of applied.  Defaults: `resolve.DEFAULT_THRESHOLDS`.
    :param enable: rule ids or kinds to run (all when None).
    :param disable: rule ids or kinds not to run.
    :param data: extra rule data files, by data set name (``{"boilerplate": "my_patterns.tsv",
        "terms": ["a.tsv", "b.tsv"]}``), read after the embedded ones, in the same format.
    """

    def __init__(
        self,
        gazetteers: GazetteerSource | Sequence[GazetteerSource] | None = None,
        *,
        defaults: bool = True,
        mode: str = "repair",
        min_confidence: float | Mapping[str, float] | None = None,
        enable: Iterable[str] | str | None = None,
        disable: Iterable[str] | str | None = None,
        data: Mapping[str, str | os.PathLike[str] | Sequence[str | os.PathLike[str]]] | None = None,
    ) -> None:
        if not isinstance(mode, str) or mode not in MODES:
            raise ValueError(f"Cleaner() argument 'mode' must be one of {', '.join(MODES)}, not {mode!r}")
        if not isinstance(defaults, bool):
            raise TypeError("Cleaner() argument 'defaults' must be True or False")
        self._args: dict[str, Any] = {
            "defaults": defaults,
            "mode": mode,
            "min_confidence": min_confidence,
            "enable": enable,
            "disable": disable,
            "data": data,
        }
        extra = _as_gazetteers(gazetteers)
        self._extra = extra
        if defaults:
            from .resources import default_gazetteer

            gaz = default_gazetteer().merged(*extra) if extra else default_gazetteer()
        else:
            gaz = Gazetteer(name="").merged(*extra)
        self.gazetteer = gaz
        self.mode = mode
        self.thresholds = thresholds_for(min_confidence)
        self._enable = _rule_selector(enable, "enable")
        self._disable = _rule_selector(disable, "disable") or frozenset()
        self.config = Config(gazetteer=gaz, mode=mode, data=_data_files(data))
        self.enabled_rules = frozenset(r.id for r in all_rules() if self._is_enabled(r.id, r.kind))
        self._detectors: tuple[Detector, ...] = tuple(
            f(self.config) for f in factories() if any(r.id in self.enabled_rules for r in f.rules)
        )

    def _is_enabled(self, rule: str, kind: str) -> bool:
        if self._enable is not None and rule not in self._enable and kind not in self._enable:
            return False
        return rule not in self._disable and kind not in self._disable

    @property
    def detectors(self) -> tuple[Detector, ...]:
        return self._detectors

    def _propose(self, text: str) -> tuple[list[Fix], list[Finding], list[Mention]]:
        doc = Document(text)
        fixes: list[Fix] = []
        findings: list[Finding] = []
        mentions: list[Mention] = []
        enabled = self.enabled_rules
        for det in self._detectors:
            for p in det.find(doc):
                if isinstance(p, Mention):
                    mentions.append(p)
                elif p.rule not in enabled:
                    continue
                elif isinstance(p, Fix):
                    fixes.append(p)
                else:
                    findings.append(p)
        return fixes, findings, mentions

    @staticmethod
    def _check_text(text: object) -> str:
        if not isinstance(text, str):
            raise TypeError(f"argument 'text' must be str, not {type(text).__name__}")
        return text

    def clean(self, text: str) -> Result:
        """Clean one text: apply the confident fixes, report the rest as findings."""
        text = self._check_text(text)
        proposals, flagged, mentions = self._propose(text)
        res = resolve(proposals, flagged, self.thresholds)
        cleaned = apply(text, res.fixes)
        return Result(text, cleaned, res.fixes, res.findings, tuple(mentions))

    def detect(self, text: str) -> list[Finding]:
        """Everything spotted in ``text`` as findings (with suggestions); nothing is applied."""
        text = self._check_text(text)
        proposals, flagged, _ = self._propose(text)
        out = [p.as_finding() for p in proposals if p.replacement != p.original] + flagged
        return sorted(out, key=lambda f: (f.start, f.end, f.rule, f.replacement or ""))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 64, n_process: int = 1) -> Iterator[Result]:
        """Clean a stream of texts lazily, keeping their order.

        With ``n_process > 1`` the texts are cleaned in worker processes, ``batch_size`` texts per
        task, with at most ``2 * n_process`` batches in flight (memory stays bounded on streams
        larger than memory).
        """
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError("pipe() argument 'batch_size' must be a positive integer")
        if not isinstance(n_process, int) or n_process < 1:
            raise ValueError("pipe() argument 'n_process' must be a positive integer")
        if n_process == 1:
            for t in texts:
                yield self.clean(t)
            return
        from .parallel import pipe_parallel

        yield from pipe_parallel(self, texts, batch_size=batch_size, n_process=n_process)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle the configuration, not the index: the other side rebuilds it.
        return (_rebuild, (self._extra, self._args))

    def __repr__(self) -> str:
        return f"Cleaner(mode={self.mode!r}, entries={len(self.gazetteer)}, rules={len(self.enabled_rules)})"


def _rebuild(extra: list[Gazetteer], args: dict[str, Any]) -> Cleaner:
    return Cleaner(extra or None, **args)


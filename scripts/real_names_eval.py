"""Precision on real people's names that are in no gazetteer of ours (a dev tool, like the
benchmarks and the round-trip evaluation; not part of the test suite's pass/fail).

Most people a news text names are in no gazetteer. This script takes every person of the
PETRARCH/Phoenix country actor dictionary in the shared evaluation data (MIT; read in place,
never copied into the project) whose name is not an accepted form of one of our entries, puts each
into sentences of three contexts, and counts the name fixes mtclean applies. Every such fix is at
best a normalisation (the same person spelled another way: "Manuchehr Motaki" -> "Manouchehr
Mottaki") and often a false fix (someone else renamed: "Igor Stefanov" -> "Igor Ivanov").

Contexts, one sentence per document: ``bare`` ("Officials met X on Monday."), ``initial`` ("X said
the talks would resume."), ``title`` ("Foreign Minister X arrived in the capital.": a title that
fits hundreds of entries); ``national``: the demonym of the person's own country before the
title ("Swedish Foreign Minister Anna Lindh"); ``capital``: the same title, then the capital of the person's own
country ("... arrived in Kabul.": the text names the country, so the title identifies more, for
the person's compatriots in our gazetteers too); ``surname``: two sentences, the full name then the family name alone
("Francis Babu arrived ... Babu said ...": the lone word is that man's, not the town of al-Bab);
and ``list``: 40 names per document, one per line, where every name is "named elsewhere in the
text" for the others.

    python scripts/real_names_eval.py                  # all names; about a minute
    python scripts/real_names_eval.py --every 3 --show 20 --json /tmp/real_names.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import mtclean
from mtclean import load_gazetteer

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "phoenix" / "Phoenix.Countries.actors.txt"
CONTEXTS = {
    "bare": "Officials met {name} on Monday.",
    "initial": "{name} said the talks would resume.",
    "title": "Foreign Minister {name} arrived in the capital.",
    # The capital of the person's own country named (names of people whose country has one).
    "capital": "Foreign Minister {name} arrived in {capital}.",
    # The title after the demonym of the person's own country ("Swedish Foreign Minister Anna
    # Lindh": our gazetteer's Swedish foreign minister is Ann Linde).
    "national": "{demonym} Foreign Minister {name} arrived in the capital.",
    # The full name, then the family name alone, as news writes a second mention (names of two
    # or more words only).
    "surname": "{name} arrived in the capital on Monday. {surname} said the talks would resume.",
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--actors", type=Path, default=DEFAULT, help="PETRARCH actor dictionary (default: shared data)")
    ap.add_argument("--every", type=int, default=1, help="take every N-th name (default: all)")
    ap.add_argument("--show", type=int, default=0, help="print N rewrites")
    ap.add_argument("--json", type=Path, help="write every rewrite here")
    a = ap.parse_args(argv)
    if not a.actors.exists():
        print(f"actor dictionary not found: {a.actors}", file=sys.stderr)
        return 2
    cleaner = mtclean.Cleaner(enable=["name"])
    index = next(d for d in cleaner.detectors if d.name == "names").index
    actors = [e for e in load_gazetteer(a.actors) if e.type == "PER" and not index.exact_forms(e.canonical)]
    country_of = {e.canonical: e.country[0] for e in actors if len(e.country) == 1}
    capitals = {
        e.country[0]: e.canonical
        for e in index.entries
        if e.type == "LOC" and len(e.country) == 1 and e.description.startswith("Capital of ")
    }
    demonyms = {
        e.country[0]: e.demonyms[0]
        for e in index.entries
        if e.type == "LOC" and len(e.country) == 1 and e.demonyms
    }
    people = sorted({e.canonical for e in actors})
    people = people[:: max(1, a.every)]
    rows: list[dict[str, object]] = []
    sentences: Counter[str] = Counter()
    for context, template in CONTEXTS.items():
        for name in people:
            words = name.split()
            if "{surname}" in template and len(words) < 2:
                continue
            capital = capitals.get(country_of.get(name, ""), "")
            demonym = demonyms.get(country_of.get(name, ""), "")
            if ("{capital}" in template and not capital) or ("{demonym}" in template and not demonym):
                continue
            sentences[context] += 1
            filled = template.format(name=name, surname=words[-1], capital=capital, demonym=demonym)
            for f in cleaner.clean(filled).fixes:
                rows.append({"context": context, "name": name, **f.to_dict()})
    sentences["list"] = len(people)
    for i in range(0, len(people), 40):
        text = "\n".join(CONTEXTS["bare"].format(name=n) for n in people[i : i + 40])
        for f in cleaner.clean(text).fixes:
            rows.append({"context": "list", "name": f.original, **f.to_dict()})
    counts = Counter(str(r["context"]) for r in rows)
    print(f"{len(people)} real names (not accepted forms of our entries)")
    print(f"{'context':8s} {'sentences':>9s} {'rewrites':>8s} {'rate %':>7s}")
    for context in (*CONTEXTS, "list"):
        n = counts.get(context, 0)
        print(f"{context:8s} {sentences[context]:9d} {n:8d} {100 * n / max(1, sentences[context]):7.2f}")
    for r in rows[: a.show]:
        print(f"  [{r['context']}] {r['original']!r} -> {r['replacement']!r} ({r['confidence']}): {r['reason']}")
    if a.json:
        a.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

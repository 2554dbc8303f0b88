#!/usr/bin/env bash
# Install mtclean with its test extras and run the whole test suite, lint and type check.
# This is the README's test command; .ci/run calls it inside a fresh virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -e ".[test,all]"
# The dev tools' own tests (kanji readings generator, round-trip evaluation) need their pinned
# dev-only packages; they are not dependencies of mtclean itself.
python -m pip install -q -r scripts/requirements-roundtrip.txt
echo "== ruff"
ruff check mtclean tests benchmarks scripts
echo "== mypy"
mypy mtclean
echo "== pytest"
python -m pytest -q -p no:cacheprovider

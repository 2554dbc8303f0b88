#!/usr/bin/env bash
# Install mtclean with its test extras and run the whole test suite, lint and type check.
# This is the README's test command; .ci/run calls it inside a fresh virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -e ".[test,all]"
echo "== ruff"
ruff check mtclean tests benchmarks scripts
echo "== mypy"
mypy mtclean
echo "== pytest"
python -m pytest -q -p no:cacheprovider

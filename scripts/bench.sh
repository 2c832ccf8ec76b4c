#!/usr/bin/env bash
# Benchmarks run on a release build: bash scripts/bench.sh import [--iterations N]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
.venv/bin/python -c "import duckdb" 2>/dev/null || .venv/bin/python -m pip install -q duckdb >&2
swift build -c release --product styr >&2
mkdir -p var
exec .build/release/styr bench "$@" --db var/bench.sqlite

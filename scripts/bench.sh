#!/usr/bin/env bash
# Benchmarks run on a release build: bash scripts/bench.sh import [--iterations N]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product styr >&2
mkdir -p var
exec .build/release/styr bench "$@" --db var/bench.sqlite

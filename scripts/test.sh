#!/usr/bin/env bash
# Runs every test: formatting, core and app tests on SQLite, app tests on PostgreSQL,
# and the browser walk-through in headless Chromium. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== swift format lint" >&2
swift format lint --strict --recursive Sources Tests Package.swift
echo "== bygg" >&2
swift build --build-tests
echo "== tester på SQLite" >&2
swift test --skip-build
echo "== app-tester på PostgreSQL" >&2
TEST_DATABASE_URL=$(bash scripts/postgres.sh)
export TEST_DATABASE_URL
swift test --skip-build --filter AppSuite
echo "== nettleser, tildeling og robusthet (Chromium, OR-Tools, SIGKILL, fuzz, schemathesis)" >&2
.venv/bin/python -m pytest -q --durations=12 Tests/browser Tests/match Tests/resilience

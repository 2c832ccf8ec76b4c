#!/usr/bin/env bash
# Installs everything Styr and its tests need on a fresh Debian machine. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
for pkg in chromium poppler-utils unzip postgresql libreoffice-writer-nogui python3-venv; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installerer ${need_apt[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import playwright, pytest" 2>/dev/null; then
  echo "setup: lager Python-miljø for testene (.venv)" >&2
  python3 -m venv .venv 2>/dev/null || python3 -m venv --without-pip .venv
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -r scripts/requirements-test.txt
fi
echo "setup: ferdig" >&2

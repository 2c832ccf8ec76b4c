#!/usr/bin/env bash
# Installs everything Styr and its tests need on a fresh Debian machine. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
for pkg in chromium poppler-utils unzip postgresql libreoffice-writer-nogui python3-venv wrk nginx-light; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installerer ${need_apt[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# The test tools are reinstalled whenever scripts/requirements-test.txt changes.
stamp=".venv/requirements.sha256"
want=$(sha256sum scripts/requirements-test.txt | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: lager Python-miljø for testene (.venv)" >&2
  [ -x .venv/bin/python ] || python3 -m venv .venv 2>/dev/null || python3 -m venv --without-pip .venv
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -r scripts/requirements-test.txt
  echo "$want" > "$stamp"
fi
echo "setup: ferdig" >&2

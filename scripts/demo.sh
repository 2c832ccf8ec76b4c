#!/usr/bin/env bash
# One command on a fresh Debian machine: install, build, create the demo database on SQLite, serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build
DB=${STYR_DEMO_DB:-var/demo.sqlite}
PORT=${PORT:-8080}
.build/debug/styr demo --db "$DB"
echo ""
echo "Styr kjører på http://127.0.0.1:$PORT  (stopp med Ctrl-C)"
echo "Logg inn som departement / demo-departement, direktorat / demo-direktorat, kommune / demo-kommune"
# Plain http on loopback: cookies without the Secure flag (STYR_INSECURE_COOKIES=1).
STYR_INSECURE_COOKIES=1 exec .build/debug/styr serve --db "$DB" --port "$PORT" --hostname 127.0.0.1

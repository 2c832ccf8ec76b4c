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

# The Swift 6 toolchain, when there is none: the official swift.org tarball for Debian 12, its
# signature checked with swift.org's keys, unpacked to /opt/swift. Where it cannot be downloaded,
# the exact commands are printed and setup stops.
SWIFT_VERSION=${STYR_SWIFT_VERSION:-6.3.1}
if ! command -v swift >/dev/null 2>&1 && [ ! -x /opt/swift/usr/bin/swift ]; then
  name="swift-${SWIFT_VERSION}-RELEASE-debian12"
  url="https://download.swift.org/swift-${SWIFT_VERSION}-release/debian12/swift-${SWIFT_VERSION}-RELEASE/${name}.tar.gz"
  echo "setup: installerer Swift ${SWIFT_VERSION} i /opt/swift" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends curl gnupg ca-certificates binutils git libc6-dev libcurl4-openssl-dev \
    libedit2 libgcc-12-dev libpython3-dev libsqlite3-0 libstdc++-12-dev libxml2-dev libncurses-dev libz3-dev pkg-config \
    tzdata unzip zlib1g-dev >/dev/null
  tmp=$(mktemp -d)
  if curl -fsSL "$url" -o "$tmp/swift.tar.gz" && curl -fsSL "$url.sig" -o "$tmp/swift.tar.gz.sig" \
    && curl -fsSL https://swift.org/keys/all-keys.asc -o "$tmp/keys.asc"; then
    export GNUPGHOME="$tmp/gnupg"
    mkdir -m 700 "$GNUPGHOME"
    gpg --batch --quiet --import "$tmp/keys.asc"
    gpg --batch --verify "$tmp/swift.tar.gz.sig" "$tmp/swift.tar.gz"
    mkdir -p /opt/swift
    tar -xzf "$tmp/swift.tar.gz" -C /opt/swift --strip-components=1
    rm -rf "$tmp"
  else
    rm -rf "$tmp"
    cat >&2 <<EOT
setup: fikk ikke lastet ned Swift. Installer den slik (som root), og kjør setup.sh igjen:
  curl -fLO $url
  curl -fLO $url.sig
  curl -fsSL https://swift.org/keys/all-keys.asc | gpg --import -
  gpg --verify ${name}.tar.gz.sig ${name}.tar.gz
  mkdir -p /opt/swift && tar -xzf ${name}.tar.gz -C /opt/swift --strip-components=1
  export PATH=/opt/swift/usr/bin:\$PATH
EOT
    exit 1
  fi
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "setup: Swift ligger i /opt/swift; legg den i PATH: export PATH=/opt/swift/usr/bin:\$PATH" >&2
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

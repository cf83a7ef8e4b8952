#!/usr/bin/env bash
# Install the Debian 12 packages needed to build and test oas2c/ldrest.
# Idempotent and quiet: does nothing when everything is installed already.
# Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libyaml-dev libcjson-dev libcurl4-openssl-dev libmicrohttpd-dev
  libcmocka-dev python3 python3-jsonschema python3-yaml
  clang valgrind gcovr libfuzzer-14-dev
  groff-base man-db zsh  # the man page and completion tests render and run them
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

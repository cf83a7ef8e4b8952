#!/usr/bin/env bash
# The benchmark's own Debian packages, on top of scripts/install-deps.sh's:
# node + npm (the ajv and openapi-typescript peers), GNU time (peak RSS),
# gnuplot (the plot), the C++ peers of bench/floor/ (simdjson, RapidJSON,
# valijson; bench-only, never linked into the product). Idempotent; needs root only when something is missing.
set -euo pipefail

packages=(time gnuplot-nox python3-yaml python3-jsonschema libcjson-dev libcurl4-openssl-dev
          g++ libsimdjson-dev rapidjson-dev libvalijson-dev)
# A node from elsewhere (e.g. nodesource) is fine as long as npm comes with it.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "bench: need root to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "bench: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

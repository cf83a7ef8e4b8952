#!/usr/bin/env bash
# `ldrest call` against `ldrest mock` for every GET operation of the full
# LaunchDarkly spec; the mock's bodies pass `ldrest validate`; beta
# operations answer 403 without LD-API-Version (tests/cli/ldrest_every_get.py).
set -eu
exec /usr/bin/python3 "$(dirname "$0")/ldrest_every_get.py" "$1" spec/ld-openapi.yaml

#!/usr/bin/env bash
# What `ldrest call` sends for POST, PATCH, PUT and DELETE operations of the
# full spec, beta and not, byte for byte (tests/cli/ldrest_call_wire.py,
# cases in tests/data/ldrest-wire/).
set -eu
exec /usr/bin/python3 "$(dirname "$0")/ldrest_call_wire.py" "$1" tests/data/ldrest-wire

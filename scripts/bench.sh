#!/usr/bin/env bash
# The speed benchmark: see bench/README.md. Not part of the tests.
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bench/run.sh" "$@"

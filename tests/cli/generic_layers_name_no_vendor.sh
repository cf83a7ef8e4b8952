#!/usr/bin/env bash
# runtime/, codegen/ and tools/ serve any spec: no vendor's name, servers or
# headers in them. LaunchDarkly's rules live in spec/launchdarkly.overlay.yaml
# and cli/ only.
set -u
hits=$(grep -rniE 'launchdarkly|LD-API-Version|X-Ratelimit|app\.eu\.|LD_API_KEY' runtime codegen tools)
if [ -n "$hits" ]; then
  echo "FAIL: vendor rules in the generic layers:"
  echo "$hits"
  exit 1
fi
echo "ok: runtime, codegen and tools name no vendor"

#!/usr/bin/env bash
# `ldrest mock` refusals quote hostile text escaped: a --response file whose
# keys retitle the terminal, a malformed file and a missing file with
# control bytes in their names, hostile --response and --host values.
# Exact stderr, exit 2, and no raw control byte on either stream.
set -eu
. "$(dirname "$0")/validate_lib.bash"
. "$(dirname "$0")/terminal_lib.bash"
command -v python3 > /dev/null || { echo "SKIP: python3 not installed"; exit 0; }
cd "$tmp"
root=$OLDPWD

# Schema-invalid only under _links, where the key is an OSC sequence + C1 CSI.
python3 - "$root/spec/examples/insight-scores-minimal.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["_links"] = {"\u001b]0;pwned\u0007\u009b": 5}
json.dump(d, open("links.json", "w"))
PY
op=getInsightsScores
expect_safe "hostile key in a --response file" 2 '' \
"ldrest mock: links.json does not match the 200 response's schema: /_links/\\x1B]0;pwned\\x07\\xC2\\x9B must be object, found integer 5
" -- "$ldrest" mock --response "$op=links.json"

printf '{"a": \e[2J' > $'mal\e.json'
expect_safe "malformed --response file, hostile name" 2 '' \
'ldrest mock: mal\x1B.json:1:7: unexpected character, expected a value at line 1, column 7 (byte offset 6)
' -- "$ldrest" mock --response "$op="$'mal\e.json'
expect_safe "missing --response file, hostile name" 2 '' \
'ldrest mock: cannot open no\x1B[2J.json
' -- "$ldrest" mock --response "$op="$'no\e[2J.json'
expect_safe "hostile --response value" 2 '' \
"ldrest mock: --response wants OPERATION[:STATUS]=FILE, got '\\x1B]0;x\\x07'
" -- "$ldrest" mock --response $'\e]0;x\a'
expect_safe "hostile operation name" 2 '' \
"ldrest mock: --response: no operation '\\x1B]0;x\\x07\\u{202E}' in the spec
" -- "$ldrest" mock --response $'\e]0;x\a\u202e=f.json'
expect_safe "hostile status" 2 '' \
"ldrest mock: --response: '\\xC2\\x9B' is not an HTTP status
" -- "$ldrest" mock --response "$op:"$'\xc2\x9b=f.json'
expect_safe "hostile --host" 2 '' \
"ldrest mock: refusing to listen on '127.0.0.1\\x1B[2J': --host takes an IPv4 or IPv6 address literal or localhost
" -- "$ldrest" mock --host $'127.0.0.1\e[2J' --port 0

finish

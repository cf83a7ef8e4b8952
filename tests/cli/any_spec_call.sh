#!/usr/bin/env bash
# The command-line tool of any spec (docs/ANY-SPEC.md), end to end: a
# project builds a binding of tests/data/call/shop.yaml with
# oas2c_add_binding against an installed copy of $1 (find_package(ldrest)),
# its first server rewritten to http://127.0.0.1:{port}/v2. Then
# `shop-cli mock` serves the spec on loopback and `shop-cli call` performs
# operations against it: the body, what the mock received (its log), every
# refusal before any I/O, a documented error status, the base URL from the
# spec's server; `shop-cli validate` accepts what came back. Exact output and
# exit status throughout.
set -eu
. "$(dirname "$0")/validate_lib.bash"
build=$(cd "$1" && pwd)
mock_pid=
trap '[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

cp tests/data/call-cli/* "$tmp/"
# The first server becomes the mock's address; the port is a variable.
python3 - tests/data/call/shop.yaml "$tmp/shop.yaml" <<'PY'
import sys
text = open(sys.argv[1]).read()
old = "servers:\n  - url: https://{region}.shop.example/{basePath}\n"
assert old in text, "shop.yaml's servers changed"
text = text.replace(old, "servers:\n  - url: http://127.0.0.1:{port}/v2\n"
                         "    variables:\n      port:\n        default: '1'\n"
                         "  - url: https://{region}.shop.example/{basePath}\n")
open(sys.argv[2], "w").write(text)
PY
cd "$tmp"

flags=()
if grep -q '^OAS_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
  flags=(-DCMAKE_C_FLAGS=-fsanitize=address,undefined
         -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined)
fi
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
if ! { cmake -S . -B shop -DCMAKE_PREFIX_PATH="$tmp/prefix" "${flags[@]}" &&
       cmake --build shop -j2; } >build.log 2>&1; then
  cat build.log; echo "FAIL: the user project did not build"; exit 1
fi
cli=$tmp/shop/shop-cli

shop-cli() { "$cli" "$@"; }
export SHOP_TOKEN=s3cret

"$cli" mock --port 0 --response getOrder:404=not-found.json >mock.out 2>mock.log &
mock_pid=$!
for _ in $(seq 200); do grep -q '^listening on ' mock.out && break; sleep 0.05; done
url=$(sed -n 's/^listening on //p' mock.out)
port=${url##*:}
[ -n "$url" ] || { cat mock.log; echo "FAIL: the mock did not start"; exit 1; }

# mock_saw LINE...: the mock logged exactly these lines since the last call.
seen=0
mock_saw() {
  local want=("$@") got
  sleep 0.1 # the log line follows the reply
  got=$(tail -n +$((seen + 1)) mock.log)
  seen=$(wc -l <mock.log)
  checks=$((checks + 1))
  if [ "$got" != "$(printf '%s\n' "${want[@]}" | sed '/^$/d')" ]; then
    echo "FAIL mock log: expected '${want[*]}', got '$got'"
    failures=$((failures + 1))
  fi
}

order='{"id":0,"total":0,"note":"note"}
'
expect "call with --server" 0 "$order" '' -- shop-cli call getOrder -p orderId=42 --server "$url/v2"
mock_saw "mock: GET /v2/orders/42 -> 200"
cp "$tmp/out" order.json
expect "what came back is valid" 0 "1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
" '' -- shop-cli validate --operation getOrder --format text order.json

expect "base URL from the spec's first server" 0 "$order" '' -- \
  shop-cli call getOrder -p orderId=42 -p fields=id -p fields=total --server-var "port=$port"
mock_saw "mock: GET /v2/orders/42 -> 200"

expect "--format text indents" 0 '{
  "id": 0,
  "total": 0,
  "note": "note"
}
' '' -- shop-cli call getOrder -p orderId=7 --server-var "port=$port" --format text
mock_saw "mock: GET /v2/orders/7 -> 200"

expect "unparsable parameter: nothing sent" 2 '' "/path/orderId: must be integer, found string \"abc\"
" -- shop-cli call getOrder -p orderId=abc --server-var "port=$port"
expect "every violation" 2 '' "/path/orderId: must be >= 1, found integer 0
/query/fields/1: must be equal to one of the allowed values: \"id\", \"total\", \"lines\", found string \"price\"
" -- shop-cli call getOrder -p orderId=0 -p fields=id -p fields=price --server-var "port=$port"
expect "invalid body: nothing sent" 2 '' "/body: must NOT have additional properties (\"extra\")
/body/note: must NOT have more than 20 characters, found string \"a gift for my grandmother\"
/body/total: must be >= 0, found integer -1
" -- shop-cli call updateOrder -p orderId=42 --body update-invalid.json --server-var "port=$port"
stdin_file=/dev/null
expect "body not JSON" 2 '' "shop-cli call: updateOrder: request body: unexpected end of input, expected a value at line 1, column 1 (byte offset 0)
" -- shop-cli call updateOrder -p orderId=42 --body - --server-var "port=$port"
expect "missing token" 2 '' "shop-cli call: getOrder needs a credential for security scheme \"ApiKeyHeader\": set SHOP_TOKEN
" -- env -u SHOP_TOKEN "$cli" call getOrder -p orderId=42 --server-var "port=$port"
expect "blank token" 2 '' "shop-cli call: SHOP_TOKEN is blank
" -- env SHOP_TOKEN=' 	' "$cli" call getOrder -p orderId=42 --server-var "port=$port"
expect "unknown parameter" 2 '' "shop-cli call: getOrder: no parameter \"nope\"
" -- shop-cli call getOrder -p orderId=42 -p nope=1 --server-var "port=$port"
expect "a header the request sets" 2 '' "shop-cli call: --header X-Api-Key: the request already sets that header
" -- shop-cli call getOrder -p orderId=42 --header X-Api-Key=other --server-var "port=$port"
expect "a server variable the server lacks" 2 '' "shop-cli call: server http://127.0.0.1:{port}/v2 has no variable \"region\" (give --server URL)
" -- shop-cli call getOrder -p orderId=42 --server-var region=us
expect "unknown operation" 2 '' "shop-cli call: unknown operation \"getOrders\"; choose one of:
Operations:
  deleteLines   DELETE /orders/{orderId}/lines/{lineIds}
  getOrder      GET /orders/{orderId}
  getReport     GET /reports/{reportId}
  searchOrders  GET /orders
  updateOrder   PATCH /orders/{orderId}
" -- shop-cli call getOrders
mock_saw # none of the refusals reached the mock

expect "documented 404" 6 '{"message": "order 42 does not exist"}
' "shop-cli call: getOrder: HTTP 404: order 42 does not exist
" -- shop-cli call getOrder -p orderId=42 --header 'Prefer: code=404' --server-var "port=$port"
mock_saw "mock: GET /v2/orders/42 -> 404"

expect "valid body with a bearer token" 0 "$order" '' -- \
  shop-cli call updateOrder -p orderId=42 --body update-valid.json --server-var "port=$port"
mock_saw "mock: PATCH /v2/orders/42 -> 200"
expect "every style; credentials in query and cookie" 0 '[{"id":0,"total":0,"note":"note"}]
' '' -- \
  shop-cli call searchOrders -p status=open -p status=paid -p filter=color=red -p limit=5 \
  -p tracking=true -p q=a/b --server-var "port=$port"
mock_saw "mock: GET /v2/orders -> 200"
expect "label and matrix path, no body" 0 '' '' -- \
  shop-cli call deleteLines -p orderId=3 -p lineIds=1 -p lineIds=20 --server-var "port=$port"
mock_saw "mock: DELETE /v2/orders/.3/lines/;lineIds=1;lineIds=20 -> 204"

# getReport's Shop-Preview and v admit one value each: sent without -p (the
# mock answers 200, not 403); another value is refused before any I/O.
expect "constants need no -p" 0 '{"id":0,"title":"title"}
' '' -- shop-cli call getReport -p reportId=5 --server-var "port=$port"
mock_saw "mock: GET /v2/reports/5 -> 200"
expect "a constant given as such" 0 '{"id":0,"title":"title"}
' '' -- shop-cli call getReport -p reportId=5 -p Shop-Preview=preview -p v=2 --server-var "port=$port"
mock_saw "mock: GET /v2/reports/5 -> 200"
expect "another value than the constant" 2 '' "/header/Shop-Preview: must be equal to one of the allowed values: \"preview\", found string \"beta\"
" -- shop-cli call getReport -p reportId=5 -p Shop-Preview=beta --server-var "port=$port"
mock_saw
expect "call getReport --help" 0 "getReport: GET /reports/{reportId}
Parameters (-p NAME=VALUE):
  reportId             path    integer            required  simple
  Shop-Preview         header  string             required  simple (default \"preview\")
  v                    query   integer            required  form, explode (default \"2\")
Body: none
Credentials (from SHOP_TOKEN), one of:
  ApiKeyHeader (apiKey in header X-Api-Key)
Responses: 200 403 429
" '' -- shop-cli call getReport --help

expect "call OPERATION --help" 0 "updateOrder: PATCH /orders/{orderId}
Parameters (-p NAME=VALUE):
  orderId              path    integer            required  simple
Body (--body FILE): application/json, required, schema OrderUpdate
Credentials (from SHOP_TOKEN), one of:
  Bearer (bearer)
Responses: 200
" '' -- shop-cli call updateOrder --help

# Request bodies, by the operation's requestBody schema; NAME-validate is
# the same command.
invalid_body="update-invalid.json:1:1: error: (root): must NOT have additional properties (\"extra\")
update-invalid.json:1:10: error: /note: must NOT have more than 20 characters, found string \"a gift for my grandmother\"
update-invalid.json:1:48: error: /total: must be >= 0, found integer -1
1 document, 0 valid, 1 invalid, 0 malformed, 3 errors
"
expect "validate --request" 1 "$invalid_body" '' -- \
  shop-cli validate --operation updateOrder --request --format text update-invalid.json
expect "shop-validate --request" 1 "$invalid_body" '' -- \
  shop/shop-validate --operation updateOrder --request --format text update-invalid.json
expect "validate --request, valid" 0 "1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
" '' -- shop-cli validate --operation updateOrder --request --format text update-valid.json
expect "validate --request without a body" 2 '' "shop-cli validate: operation getOrder takes no JSON request body
" -- shop-cli validate --operation getOrder --request order.json

expect "--help lists the commands" 0 "Usage: shop-cli <command> [options]
       shop-cli --help | --version

Shop 2.0.0, from shop.yaml.

Commands:
  call       perform an operation of the spec: parameters by name, the response on stdout
  mock       serve every operation of the spec on a loopback port
  validate   validate JSON documents, request bodies or HAR captures against the spec

Run \`shop-cli <command> --help\` for a command's options.
\`call\` reads the credential from SHOP_TOKEN.
" '' -- shop-cli --help

kill -TERM "$mock_pid"; wait "$mock_pid" || true; mock_pid=
# Nobody listens there now.
expect "network failure" 5 '' '*' -- shop-cli call getOrder -p orderId=42 --server-var "port=$port"
grep -q "^shop-cli call: .*$port" "$tmp/err" ||
  { echo "FAIL network failure: no message naming the port"; cat "$tmp/err"; failures=$((failures + 1)); }

finish

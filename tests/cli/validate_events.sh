#!/usr/bin/env bash
# Webhooks and callbacks (tests/data/events/events.yaml, OpenAPI 3.1):
# `validate --webhook NAME` and `--operation ID --callback NAME` check what
# the API sends (the request body); with --status, what the receiver
# answers. Unknown names list the choices.
set -eu
. "$(dirname "$0")/validate_lib.bash"
cli=$(cd "$1" && pwd)/tests/events-cli
d=tests/data/events

expect "webhook request body, valid" 0 "1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
" '' -- "$cli" validate --format text --webhook newPet $d/pet-valid.json

expect "webhook request body, invalid" 1 "$d/pet-invalid.json:1:10: error: /name: must NOT have fewer than 1 characters, found string \"\"
1 document, 0 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$cli" validate --format text --webhook newPet $d/pet-invalid.json

expect "callback request body, valid" 0 "1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
" '' -- "$cli" validate --format text --operation subscribe --callback onEvent $d/event-valid.json

expect "callback request body, invalid" 1 "$d/event-invalid.json:1:11: error: /event: must be equal to one of the allowed values: \"created\", \"deleted\", found string \"renamed\"
$d/event-invalid.json:1:28: error: /at: must be >= 0, found integer -1
1 document, 0 valid, 1 invalid, 0 malformed, 2 errors
" '' -- "$cli" validate --format text --operation subscribe --callback onEvent $d/event-invalid.json

expect "callback receiver's answer by --status" 1 "$d/answer-invalid.json:1:8: error: /ok: must be boolean, found string \"yes\"
1 document, 0 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$cli" validate --format text --operation subscribe --callback onEvent --status 200 \
  $d/answer-invalid.json

expect "--request is the operation's own body, not its callback's" 1 "$d/event-valid.json:1:1: error: (root): must have required property \"callbackUrl\"
1 document, 0 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$cli" validate --format text --operation subscribe --request $d/event-valid.json

expect "unknown webhook lists the webhooks" 2 '' 'events-cli validate: unknown webhook "nope"; choose one of:
  webhooks (--webhook): newPet
' -- "$cli" validate --webhook nope $d/pet-valid.json

expect "unknown callback lists the callbacks" 2 '' 'events-cli validate: operation "subscribe" has no callback "nope"; choose one of:
  callbacks (--operation ID --callback NAME): subscribe onEvent
' -- "$cli" validate --operation subscribe --callback nope $d/pet-valid.json

expect "--callback without --operation" 2 '' 'events-cli validate: --callback needs the --operation ID that declares it
  callbacks (--operation ID --callback NAME): subscribe onEvent
' -- "$cli" validate --callback onEvent $d/pet-valid.json

expect "receiver answer without a JSON schema" 2 '' 'events-cli validate: webhook newPet documents no JSON response 202; its responses:
  202 (no JSON schema)
' -- "$cli" validate --webhook newPet --status 202 $d/pet-valid.json

expect "--webhook with --schema" 2 '' "events-cli validate: --webhook and --callback go with neither --schema nor --har; --status chooses the receiver's answer instead of the request
" -- "$cli" validate --webhook newPet --schema Pet $d/pet-valid.json

expect "no target lists every kind of target" 2 '' 'events-cli validate: the spec has 2 operations; say what to validate against:
  operations (--operation): subscribe, unsubscribe
  schemas (--schema): Pet
  webhooks (--webhook): newPet
  callbacks (--operation ID --callback NAME): subscribe onEvent
' -- "$cli" validate $d/pet-valid.json

finish

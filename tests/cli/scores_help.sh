#!/usr/bin/env bash
# `ldrest scores --help`: every option on one line, the environment
# variable, the exit statuses and an example, exactly; on stdout, exit 0.
# A usage error shows the synopsis and points to --help on stderr, exit 2.
set -eu
. "$(dirname "$0")/validate_lib.bash"

expect "--help" 0 \
'usage: ldrest scores --project KEY --env KEY [--app KEY,...]
                     [--server default|federal|eu|URL] [--format table|json]
                     [--assert-formats]
Fetch the engineering-insights scores of one project environment
(getInsightsScores) and print them as a table or as the JSON body.

Options:
  -p, --project KEY         the project key (required)
  -e, --env KEY             the environment key (required)
  -a, --app KEY,...         only the scores of these applications
  -s, --server NAME|URL     default, federal, eu, or an http(s) URL (default: default)
  -f, --format table|json   table on a terminal, else json (the body as received)
      --assert-formats      check format too (default: an annotation, as in 2020-12)
  -h, --help                show this help

Environment:
  LD_API_KEY                the access token (required), sent only as Authorization

Every response body is validated against the spec: each violation is a
warning on stderr with its JSON pointer, line and column.

Exit status:
  0  the scores were shown (violations, if any, as warnings)
  2  usage: a bad option, --server or LD_API_KEY value, or a key the
     request cannot carry (not UTF-8); nothing is sent
  3  authentication: LD_API_KEY unset, HTTP 401 or 403
  4  rate limited: HTTP 429 after the retries
  5  network: connect, DNS, TLS, timeout
  6  server or content: HTTP 5xx, an undeclared status, a body that is not
     JSON or not the InsightScores shape

Example:
  LD_API_KEY=api-... ldrest scores --project my-proj --env production --format json
' '' -- "$ldrest" scores --help
expect "-h is --help" 0 "$(cat "$tmp/out")
" '' -- "$ldrest" scores -h

expect "--project and --env are required" 2 '' \
'ldrest scores: --project and --env are required
usage: ldrest scores --project KEY --env KEY [--app KEY,...]
                     [--server default|federal|eu|URL] [--format table|json]
                     [--assert-formats]
Run '"'"'ldrest scores --help'"'"' for the options.
' -- "$ldrest" scores --project p

expect "an unknown option is named" 2 '' \
'ldrest scores: unknown option '"'"'--bogus'"'"' (see --help)
usage: ldrest scores --project KEY --env KEY [--app KEY,...]
                     [--server default|federal|eu|URL] [--format table|json]
                     [--assert-formats]
Run '"'"'ldrest scores --help'"'"' for the options.
' -- "$ldrest" scores --bogus --project p --env e

expect "an option without its value is named" 2 '' \
'ldrest scores: option '"'"'--env'"'"' needs a value
usage: ldrest scores --project KEY --env KEY [--app KEY,...]
                     [--server default|federal|eu|URL] [--format table|json]
                     [--assert-formats]
Run '"'"'ldrest scores --help'"'"' for the options.
' -- "$ldrest" scores --project p --env

finish

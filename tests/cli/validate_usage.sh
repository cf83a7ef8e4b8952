#!/usr/bin/env bash
# Usage errors exit 2 and say what the valid choices are; --help and
# --version exit 0.
set -eu
. "$(dirname "$0")/validate_lib.bash"
f=spec/examples/insight-scores-minimal.json
mkdir "$tmp/dash" && cp $f "$tmp/dash/-dash.json"

expect "unknown --schema lists the schemas" 2 '' \
'ldrest validate: unknown schema "InsightScore"; choose one of:
  schemas (--schema): InsightGroupCollectionScoreMetadata, InsightGroupScores, InsightScores, InsightsMetricIndicatorRange, InsightsMetricScore, InsightsMetricScoreIndicator (659 in all)
' -- "$ldrest" validate --schema InsightScore $f

expect "unknown --operation lists the operations" 2 '' \
'ldrest validate: unknown operation "get-scores"; choose one of:
  operations (--operation): getFeatureFlagStatusAcrossEnvironments, getInsightsScores (348 in all)
' -- "$ldrest" validate --operation get-scores $f

expect "undocumented --status lists the statuses" 2 '' \
'ldrest validate: operation getInsightsScores documents no response 404; choose one of:
  statuses of getInsightsScores (--status): 200, 400, 401, 403, 429
' -- "$ldrest" validate --operation getInsightsScores --status 404 $f

expect "--schema with --operation" 2 '' \
'ldrest validate: give either --schema or --operation, not both
' -- "$ldrest" validate --schema InsightScores --operation getInsightsScores $f

expect "bad --format" 2 '' \
"ldrest validate: --format is text, json, junit, sarif or github, not 'xml'
" -- "$ldrest" validate --format xml $f

expect "bad --max-errors" 2 '' \
"ldrest validate: --max-errors wants a count >= 0, not '-1'
" -- "$ldrest" validate --max-errors -1 $f

expect "bad --jobs" 2 '' \
"ldrest validate: --jobs wants 0..256, not 'many'
" -- "$ldrest" validate --jobs many $f

expect "unknown option" 2 '' \
"ldrest validate: unknown option '--bogus' (see --help; put -- before a file name starting with '-')
" -- "$ldrest" validate --bogus $f

expect "an unknown short option is named whole" 2 '' \
"ldrest validate: unknown option '-dash.json' (see --help; put -- before a file name starting with '-')
" -- "$ldrest" validate -dash.json

expect "an unknown option after an input and a cluster is named" 2 '' \
"ldrest validate: unknown option '-qx' (see --help; put -- before a file name starting with '-')
" -- "$ldrest" validate $f -qx

expect "-- ends the options: -dash.json is a file" 0 '1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
' '' -- bash -c 'cd "$1" && "$2" validate --format text -- -dash.json' _ "$tmp/dash" "$ldrest"

# ldrest has a default operation (getInsightsScores): --status picks its response.
expect "--status alone applies to the default operation" 2 '' \
'ldrest validate: operation getInsightsScores documents no response 404; choose one of:
  statuses of getInsightsScores (--status): 200, 400, 401, 403, 429
' -- "$ldrest" validate --status 404 $f

expect "--status alone, a documented status" 1 '*' '' -- "$ldrest" validate --status 400 --format text $f

expect "missing option value" 2 '' \
"ldrest validate: option '--schema' needs a value
" -- "$ldrest" validate --schema

expect "no input" 2 '' \
'ldrest validate: no input files (use - for standard input; see --help)
' -- "$ldrest" validate

expect "unknown command" 2 '' \
"ldrest: unknown command 'validat'
Usage: ldrest <command> [options]
       ldrest --help | --version

Commands:
  call       call any operation of the LaunchDarkly API by its operationId
  scores     fetch engineering-insights scores as a table or JSON
  validate   validate documents, request bodies or HAR captures against the spec
  mock       serve the API on loopback from the spec's examples

Run \`ldrest <command> --help\` for a command's options.
" -- "$ldrest" validat $f

expect "validate --help" 0 '*' '' -- "$ldrest" validate --help
grep -q '^Usage: ldrest validate \[--schema NAME | --operation ID \[--status CODE | --request\]\]$' "$tmp/out" ||
  { echo "FAIL validate --help: no usage line"; failures=$((failures + 1)); }
for line in '^  -f, --format FMT      text (default on a terminal): FILE:LINE:COL: error:$' \
            '^                        junit: one JUnit XML testsuite, a testcase per$' \
            '^                        sarif: SARIF 2.1.0, a result per violation$' \
            '^                        github: ::error file=F,line=L,col=C::message lines$' \
            '^  -q, --quiet ' '^      --summary-only ' '^  --                    the end of the options'; do
  grep -q -- "$line" "$tmp/out" || { echo "FAIL validate --help: no line $line"; failures=$((failures + 1)); }
done

expect "ldrest --help" 0 '*' '' -- "$ldrest" --help
grep -q '^  validate ' "$tmp/out" || { echo "FAIL --help: validate not listed"; failures=$((failures + 1)); }

expect "ldrest --version" 0 '*' '' -- "$ldrest" --version
sha=$(sha256sum spec/ld-openapi.yaml | cut -d' ' -f1)
version=$(sed -n 's/^#define OAS_VERSION "\(.*\)"$/\1/p' runtime/include/oas/oas_version.h)
abi=$(sed -n 's/^#define OAS_ABI_VERSION \([0-9]*\)$/\1/p' runtime/include/oas/oas_version.h)
grep -qx "ldrest $version" "$tmp/out" || { echo "FAIL --version: no ldrest version"; failures=$((failures + 1)); }
grep -qx "oas runtime $version (ABI $abi)" "$tmp/out" || { echo "FAIL --version: no runtime version"; failures=$((failures + 1)); }
grep -qx "spec: LaunchDarkly REST API 2.0 (spec/ld-openapi.yaml, sha256 $sha)" "$tmp/out" ||
  { echo "FAIL --version: spec line"; cat "$tmp/out"; failures=$((failures + 1)); }

finish

#!/usr/bin/env bash
# validate's text output and messages with hostile input: keys in JSON
# pointers, file names, HAR content types, methods and paths, option values
# carrying ESC/BEL/C1/bidi/invalid UTF-8. Every such byte must come out as a
# visible escape (\x1B, \xC2\x9B, \u{202E}, \\), never raw; exact output.
set -eu
. "$(dirname "$0")/validate_lib.bash"
. "$(dirname "$0")/terminal_lib.bash"
cd "$tmp"

# Keys that retitle the terminal (OSC ... BEL, then a backslash) and a C1
# CSI, each under _links (a map of Link objects); a bidi override as value.
printf '%s' '{"_links":{"\u001b]0;pwned\u0007\\":5,"\u009b":{"href":7}},"period":"\u202e"}' \
  > doc.json
expect_safe "hostile keys" 1 \
'doc.json:1:1: error: (root): must have required property "lastPeriod"
doc.json:1:1: error: (root): must have required property "scores"
doc.json:1:37: error: /_links/\x1B]0;pwned\x07\\: must be object, found integer 5
doc.json:1:56: error: /_links/\xC2\x9B/href: must be string, found integer 7
doc.json:1:69: error: /period: must be object, found string "\u{202E}"
1 document, 0 valid, 1 invalid, 0 malformed, 5 errors
' '' -- "$ldrest" validate --format text doc.json

# The same document under a file name that retitles the terminal.
cp doc.json $'evil\e]0;t\a.json'
expect_safe "hostile file name" 1 \
'evil\x1B]0;t\x07.json:1:1: error: (root): must have required property "lastPeriod"
evil\x1B]0;t\x07.json:1:1: error: (root): must have required property "scores"
evil\x1B]0;t\x07.json:1:37: error: /_links/\x1B]0;pwned\x07\\: must be object, found integer 5
evil\x1B]0;t\x07.json:1:56: error: /_links/\xC2\x9B/href: must be string, found integer 7
evil\x1B]0;t\x07.json:1:69: error: /period: must be object, found string "\u{202E}"
1 document, 0 valid, 1 invalid, 0 malformed, 5 errors
' '' -- "$ldrest" validate --format text $'evil\e]0;t\a.json'

# Malformed JSON under a hostile name; a missing file with one.
printf '{"a":\n  "\xe2\x80\xae' > $'bad\e[2J.json'
expect_safe "malformed, hostile file name" 2 \
'bad\x1B[2J.json:2:7: error: malformed JSON (byte offset 12): unterminated string
1 document, 0 valid, 0 invalid, 1 malformed, 0 errors
' '' -- "$ldrest" validate --format text $'bad\e[2J.json'
expect_safe "missing file, hostile name" 2 \
'0 documents, 0 valid, 0 invalid, 0 malformed, 0 errors
' 'ldrest validate: no\x1B[2Jfile\x9B.json: No such file or directory
' -- "$ldrest" validate --format text $'no\e[2Jfile\x9b.json'

# Option values are quoted back escaped.
expect_safe "hostile --format" 2 '' "ldrest validate: --format is text, json, junit, sarif or github, not 'x\\x1B[31m'
" -- "$ldrest" validate --format $'x\e[31m' doc.json
expect_safe "hostile --status" 2 '' "ldrest validate: --status wants an HTTP status 100..599, not '\\x07\\xC2\\x9B'
" -- "$ldrest" validate --status $'\a\xc2\x9b' doc.json
expect_safe "hostile option name" 2 '' "ldrest validate: unknown option '--\\x1B[2J' (see --help; put -- before a file name starting with '-')
" -- "$ldrest" validate $'--\e[2J' doc.json

# HAR: a content type with CSI sequences, a method with BEL, a path with an
# OSC sequence and a right-to-left override.
cat > hostile.har <<'EOF'
{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [
 {"request": {"method": "GET", "url": "https://app.launchdarkly.com/api/v2/engineering-insights/insights/scores?projectKey=p&environmentKey=e", "headers": []},
  "response": {"status": 200, "headers": [], "content": {"mimeType": "text/\u001b[2J\u009bhtml", "text": "{}"}}},
 {"request": {"method": "G\u0007ET", "url": "https://h/api/\u001b]0;x\u0007/\u202e", "headers": []},
  "response": {"status": 200, "headers": [], "content": {"mimeType": "application/json", "text": "{}"}}}
]}}
EOF
p=/api/v2/engineering-insights/insights/scores
expect_safe "HAR hostile content type, method, path" 1 \
"hostile.har:3:70: error: entry 0 GET $p 200: content type text/\\x1B[2J\\xC2\\x9Bhtml is not declared for getInsightsScores 200 (declared: application/json)
hostile.har:4:45: error: entry 1 G\\x07ET /api/\\x1B]0;x\\x07/\\u{202E} 200: no operation matches G\\x07ET /api/\\x1B]0;x\\x07/\\u{202E}
2 entries, 0 valid, 2 invalid, 0 malformed, 2 errors
" '' -- "$ldrest" validate --har --format text hostile.har
cp hostile.har $'cap\e[2J.har'
expect_safe "HAR hostile file name" 1 \
"cap\\x1B[2J.har:3:70: error: entry 0 GET $p 200: content type text/\\x1B[2J\\xC2\\x9Bhtml is not declared for getInsightsScores 200 (declared: application/json)
cap\\x1B[2J.har:4:45: error: entry 1 G\\x07ET /api/\\x1B]0;x\\x07/\\u{202E} 200: no operation matches G\\x07ET /api/\\x1B]0;x\\x07/\\u{202E}
2 entries, 0 valid, 2 invalid, 0 malformed, 2 errors
" '' -- "$ldrest" validate --har --format text $'cap\e[2J.har'

# A malformed HAR entry's message under a hostile source name.
printf '{"log": {"entries": [{"request": 5}]}}' > $'m\e[2J.har'
expect_safe "malformed HAR, hostile file name" 2 '*' '' -- \
  "$ldrest" validate --har --format text $'m\e[2J.har'
grep -q '^m\\x1B\[2J\.har:1:' "$tmp/out" || { echo "FAIL malformed HAR: $(cat "$tmp/out")"; failures=$((failures + 1)); }

# JSON output keeps its own escaping (control characters as \u001b).
expect "JSON output unchanged" 1 '*' '' -- "$ldrest" validate --format json doc.json
grep -qF '"instanceLocation":"/_links/\u001b]0;pwned\u0007\\"' "$tmp/out" \
  || { echo "FAIL JSON output: $(cat "$tmp/out")"; failures=$((failures + 1)); }

finish

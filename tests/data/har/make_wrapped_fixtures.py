#!/usr/bin/env python3
# make_wrapped_fixtures.py - writes the HAR captures tests/cli/validate_har_wrapped.sh
# reads: response bodies stored as base64 wrapped into lines, as MIME tools
# write them (76 columns, CRLF) and as openssl/PEM does (64 columns, LF).
# Run from anywhere; the output is committed, so tests need no Python.
import base64, json, os
out = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(out, '..', '..', '..')
full = json.load(open(os.path.join(root, 'spec/examples/insight-scores-full.json')))
body = json.dumps(full, separators=(',', ':')).encode()
URL = ('https://app.launchdarkly.com/api/v2/engineering-insights/insights/scores'
       '?projectKey=default&environmentKey=production')

def wrapped(data, width, eol, final_eol=False):
    text = base64.b64encode(data).decode()
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    return eol.join(lines) + (eol if final_eol else '')

def entry(text, size):
    return {
        'startedDateTime': '2024-07-01T09:30:00.000Z', 'time': 182.4,
        'request': {'method': 'GET', 'url': URL, 'httpVersion': 'HTTP/1.1', 'cookies': [],
                    'headers': [{'name': 'Authorization', 'value': 'api-REDACTED'}],
                    'queryString': [{'name': 'projectKey', 'value': 'default'},
                                    {'name': 'environmentKey', 'value': 'production'}],
                    'headersSize': -1, 'bodySize': 0},
        'response': {'status': 200, 'statusText': 'OK', 'httpVersion': 'HTTP/1.1', 'cookies': [],
                     'headers': [{'name': 'Content-Type', 'value': 'application/json'}],
                     'content': {'size': size, 'mimeType': 'application/json', 'text': text,
                                 'encoding': 'base64'},
                     'redirectURL': '', 'headersSize': -1, 'bodySize': size},
        'cache': {}, 'timings': {'send': 0.1, 'wait': 180.2, 'receive': 2.1}}

def har(name, entries):
    doc = {'log': {'version': '1.2', 'creator': {'name': 'WebInspector', 'version': '537.36'},
                   'pages': [], 'entries': entries}}
    with open(os.path.join(out, name), 'w') as f:
        json.dump(doc, f, indent=2)
        f.write('\n')

har('base64-wrapped.har', [
    entry(wrapped(body, 76, '\r\n'), len(body)),
    entry(wrapped(body, 64, '\n', final_eol=True), len(body)),
])

# Still refused when wrapped: a character outside the alphabet on the
# second line (character 80: 76 + CRLF + 2), and non-zero bits under the
# padding ("e31=" instead of "e30=" for "{}", after a line break).
star = list(wrapped(body, 76, '\r\n'))
star[80] = '*'
har('base64-wrapped-bad.har', [
    entry(''.join(star), len(body)),
    entry('e3\r\n1=', 2),
    entry(wrapped(body, 76, '\r\n'), len(body)),
])

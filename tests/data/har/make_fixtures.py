#!/usr/bin/env python3
# make_fixtures.py - writes the HAR captures tests/cli/validate_har.sh reads
# (run from anywhere; the output is committed, so tests need no Python).
import json, base64, copy, os
out = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(out, '..', '..', '..')
minimal = json.load(open(os.path.join(root, 'spec/examples/insight-scores-minimal.json')))
body = json.dumps(minimal, separators=(',', ':'))
Q = '?projectKey=default&environmentKey=production'
P = '/api/v2/engineering-insights/insights/scores'

def entry(url, status, mime, text=None, encoding=None, method='GET', status_text='OK'):
    content = {'size': len(text.encode()) if text is not None else 0, 'mimeType': mime}
    if text is not None:
        content['text'] = text
    if encoding:
        content['encoding'] = encoding
        content['size'] = len(base64.b64decode(text))
    q = [{'name': kv.split('=')[0], 'value': kv.split('=')[1]} for kv in url.split('?')[1].split('&')] if '?' in url else []
    return {
        'startedDateTime': '2024-07-01T09:30:00.000Z', 'time': 182.4,
        'request': {'method': method, 'url': url, 'httpVersion': 'HTTP/1.1', 'cookies': [],
                    'headers': [{'name': 'Authorization', 'value': 'api-REDACTED'}],
                    'queryString': q, 'headersSize': -1, 'bodySize': 0},
        'response': {'status': status, 'statusText': status_text, 'httpVersion': 'HTTP/1.1', 'cookies': [],
                     'headers': [{'name': 'Content-Type', 'value': mime}],
                     'content': content, 'redirectURL': '', 'headersSize': -1, 'bodySize': content['size']},
        'cache': {}, 'timings': {'send': 0.1, 'wait': 180.2, 'receive': 2.1}}

def har(name, entries):
    doc = {'log': {'version': '1.2', 'creator': {'name': 'WebInspector', 'version': '537.36'},
                   'pages': [], 'entries': entries}}
    with open(os.path.join(out, name), 'w') as f:
        json.dump(doc, f, indent=2)
        f.write('\n')

har('valid.har', [
    entry('https://app.launchdarkly.com' + P + Q, 200, 'application/json; charset=utf-8', body),
    entry('https://app.launchdarkly.us' + P + '/' + Q, 401, 'application/json',
          '{"code":"unauthorized","message":"Invalid access token"}', status_text='Unauthorized'),
])
har('base64.har', [
    entry('https://app.launchdarkly.com' + P + Q, 200, 'application/json',
          base64.b64encode(body.encode()).decode(), encoding='base64'),
])
har('status-500.har', [
    entry('https://app.launchdarkly.com' + P + Q, 500, 'application/json',
          '{"code":"internal_error","message":"oops"}', status_text='Internal Server Error'),
])
har('text-html.har', [
    entry('https://app.launchdarkly.com' + P + Q, 200, 'text/html; charset=utf-8',
          '<!doctype html><title>Sign in</title>'),
])
har('unmatched.har', [
    entry('https://app.launchdarkly.com/api/v2/flags/default' + '?summary=true', 200, 'application/json', '{"items":[]}'),
    entry('https://app.launchdarkly.com' + P + Q, 200, 'application/json', body, method='POST'),
])
bad = copy.deepcopy(minimal)
bad['period']['endTime'] = 'soon'
del bad['scores']['overall']['score']
bad['lastPeriod'] = None
har('invalid-body.har', [
    entry('https://app.launchdarkly.com' + P + Q, 200, 'application/json', json.dumps(bad, separators=(',', ':'))),
])
# a truncated export: the JSON ends inside an entry
text = json.dumps({'log': {'version': '1.2', 'creator': {'name': 'WebInspector', 'version': '537.36'},
                           'entries': [entry('https://app.launchdarkly.com' + P + Q, 200, 'application/json', '{}')]}}, indent=2)
with open(os.path.join(out, 'malformed.har'), 'w') as f:
    f.write(text[:text.index('"response"')])

# entries that cannot be checked (malformed: exit 2) next to checkable ones
bad_b64 = entry('https://app.launchdarkly.com' + P + Q, 200, 'application/json', 'e30=', encoding='base64')
bad_b64['response']['content']['text'] = 'e30'  # length not a multiple of 4
no_status = entry('https://app.launchdarkly.com' + P + Q, 200, 'application/json', body)
del no_status['response']['status']
gzip = entry('https://app.launchdarkly.com' + P + Q, 200, 'application/json', body)
gzip['response']['content']['encoding'] = 'gzip'
har('bad-entries.har', [
    bad_b64,
    no_status,
    entry('https://app.launchdarkly.com' + P + Q, 200, 'application/json', '{"period": }'),
    entry('https://app.launchdarkly.com' + P + Q, 200, 'application/json'),
    entry('app.launchdarkly.com' + P, 200, 'application/json', body),
    gzip,
])

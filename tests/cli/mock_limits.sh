#!/usr/bin/env bash
# ldrest mock under load, on 127.0.0.1 only:
#  1. --timeout 1: a slowloris client trickling a header byte every 0.25 s
#     (fast enough that an inactivity timeout never fires) is cut off with no
#     answer, while 20 concurrent normal clients are all answered 200;
#  2. --max-connections 4: with 4 kept-alive connections open, a 5th gets
#     503 with Retry-After: 1, Connection: close and the JSON error body;
#     once those 4 close, requests are served again;
#  3. the default --max-connections: 500 connections open at once (all
#     connected before any request is sent) are all answered 200, none
#     refused (with --timeout 120: a sanitizer build on a loaded machine
#     may take longer than the default 10 s to serve them all);
#  4. --threads 1: 128 idle connections whose requests then arrive at once
#     are all answered, 10 times over (an epoll loop that takes events 128 at a time left
#     such a batch unserved until the timeout).
# Pass/fail never depends on timing except generous upper bounds.
set -u
BUILD=$1
LDREST=$BUILD/ldrest
WORK=$(mktemp -d)
MOCK_PID=
cleanup() { [ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$WORK/mock.err" ] && sed 's/^/  mock: /' "$WORK/mock.err"; exit 1; }

# start_mock ARGS... -> $PORT, $MOCK_PID
start_mock() {
  : > "$WORK/mock.out"  # now: the background job truncates it only when it gets to run
  "$LDREST" mock --host 127.0.0.1 --port 0 --quiet "$@" > "$WORK/mock.out" 2> "$WORK/mock.err" &
  MOCK_PID=$!
  for _ in $(seq 100); do grep -q '^listening on ' "$WORK/mock.out" && break; sleep 0.05; done
  PORT=$(sed -n 's|^listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$WORK/mock.out")
  [ -n "$PORT" ] || fail "mock $* did not start: $(cat "$WORK/mock.err")"
}
stop_mock() {
  kill -TERM "$MOCK_PID"
  wait "$MOCK_PID"
  local rc=$?
  MOCK_PID=
  [ "$rc" = 0 ] || fail "mock exit status $rc after SIGTERM"
}

# Client side, shared by the three parts: a plain socket HTTP/1.1 client.
cat > "$WORK/client.py" <<'PY'
import socket, sys, threading, time

PORT = int(sys.argv[2])
PATH = "/api/v2/engineering-insights/insights/scores?projectKey=p&environmentKey=e"

def request(close=True):
    return ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: t\r\nLD-API-Version: beta\r\n%s\r\n"
            % (PATH, "Connection: close\r\n" if close else "")).encode()

def connect():
    return socket.create_connection(("127.0.0.1", PORT), timeout=20)

def read_response(s):
    """(status, headers dict with lower-case names, body) of one response."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            raise EOFError("connection closed after %d bytes" % len(data))
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = s.recv(65536)
        if not chunk:
            raise EOFError("body cut short")
        body += chunk
    return int(lines[0].split()[1]), headers, body

def get_status():
    with connect() as s:
        s.sendall(request())
        return read_response(s)[0]

def slowloris():
    """Trickle a header, one byte per 0.25 s, until the server hangs up (at
    most 40 bytes, 10 s). Returns what it received and the seconds taken."""
    s = connect()
    start = time.monotonic()
    s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    s.settimeout(0.25)
    got = b""
    for _ in range(40):
        try:
            chunk = s.recv(4096)
            got += chunk
            if not chunk:
                break
        except socket.timeout:
            pass
        except ConnectionResetError:
            break
        try:
            s.sendall(b"x")
        except (BrokenPipeError, ConnectionResetError):
            break
    else:
        return None, time.monotonic() - start
    s.close()
    return got, time.monotonic() - start

def part_slowloris():
    result = {}
    slow = threading.Thread(target=lambda: result.update(slow=slowloris()))
    slow.start()
    time.sleep(0.2)  # the slow connection is open first
    statuses = []
    lock = threading.Lock()
    def one():
        st = get_status()
        with lock:
            statuses.append(st)
    clients = [threading.Thread(target=one) for _ in range(20)]
    for c in clients: c.start()
    for c in clients: c.join()
    slow.join()
    assert statuses == [200] * 20, "normal clients: %r" % statuses
    got, seconds = result["slow"]
    assert got is not None, "slowloris connection still open after 10 s"
    assert got == b"", "slowloris was answered: %r" % got[:80]
    print("slowloris cut after %.1f s; 20 of 20 normal clients answered 200" % seconds)

def part_limit():
    holders = []
    for _ in range(4):  # kept alive: each answered, so surely accepted
        s = connect()
        s.sendall(request(close=False))
        st = read_response(s)[0]
        assert st == 200, "holder got %d" % st
        holders.append(s)
    with connect() as s:
        s.sendall(request())
        st, headers, body = read_response(s)
        assert st == 503, "5th connection got %d" % st
        assert headers.get("retry-after") == "1", headers
        assert headers.get("connection", "").lower() == "close", headers
        assert headers.get("content-type") == "application/json", headers
        want = b'{"code":"service_unavailable","message":"Too many connections to the mock; retry later"}'
        assert body == want, body
        assert s.recv(1) == b"", "503 connection left open"
    for s in holders:
        s.close()
    for _ in range(100):  # the server sees the closes asynchronously
        st = get_status()
        if st == 200:
            break
        assert st == 503, st
        time.sleep(0.1)
    assert st == 200, "still 503 after the 4 connections closed"
    print("5th connection of 4 allowed: 503 with Retry-After; served again after they closed")

def answer_all(socks, seconds):
    """Status of each socket's response (or why there is none), reading them
    in order under one overall deadline."""
    deadline = time.monotonic() + seconds
    statuses = []
    for s in socks:
        try:
            s.settimeout(max(0.01, deadline - time.monotonic()))
            statuses.append(read_response(s)[0])
        except socket.timeout:
            statuses.append("no answer within %d s" % seconds)
        except (EOFError, ConnectionResetError) as e:
            statuses.append(str(e))
        s.close()
    return statuses

def expect_all_served(statuses, what):
    n = len(statuses)
    served = statuses.count(200)
    assert served == n, "%d of %d %s answered 200; first unanswered: #%d; others: %r" % (
        served, n, what, next(i for i, st in enumerate(statuses) if st != 200),
        sorted(set(map(str, statuses)) - {"200"}))
    print("%d of %d %s answered 200" % (served, n, what))

def part_concurrent(n=500):
    socks = [connect() for _ in range(n)]  # all open before any request
    for s in socks:
        s.sendall(request())
    expect_all_served(answer_all(socks, 60), "concurrent connections")

def part_burst(n=128, rounds=10):
    for _ in range(rounds):  # whether the events come as one batch is timing: try a few
        socks = [connect() for _ in range(n)]
        time.sleep(0.3)  # all accepted and idle: the requests arrive as one batch of events
        for s in socks:
            s.sendall(request())
        statuses = answer_all(socks, 20)
        if statuses != [200] * n:
            break
    expect_all_served(statuses, "requests arriving at once on one thread")

{"slowloris": part_slowloris, "limit": part_limit, "concurrent": part_concurrent,
 "burst": part_burst}[sys.argv[1]]()
PY

run_part() { # NAME
  timeout 120 python3 "$WORK/client.py" "$1" "$PORT" || fail "part '$1'"
}

start_mock --timeout 1
run_part slowloris
stop_mock

start_mock --timeout 10 --max-connections 4
run_part limit
stop_mock

start_mock --timeout 120
run_part concurrent
stop_mock

start_mock --timeout 120 --threads 1
run_part burst
stop_mock

# The options' bounds.
"$LDREST" mock --timeout 0 > /dev/null 2> "$WORK/err"
[ $? = 2 ] || fail "--timeout 0 should exit 2"
[ "$(cat "$WORK/err")" = "ldrest mock: --timeout must be 1..3600 seconds" ] \
    || fail "--timeout 0: $(cat "$WORK/err")"
"$LDREST" mock --max-connections x > /dev/null 2> "$WORK/err"
[ $? = 2 ] || fail "--max-connections x should exit 2"
[ "$(cat "$WORK/err")" = "ldrest mock: --max-connections must be 1..100000" ] \
    || fail "--max-connections x: $(cat "$WORK/err")"
"$LDREST" mock --threads 65 > /dev/null 2> "$WORK/err"
[ $? = 2 ] || fail "--threads 65 should exit 2"
[ "$(cat "$WORK/err")" = "ldrest mock: --threads must be 1..64" ] \
    || fail "--threads 65: $(cat "$WORK/err")"
# Descriptors for every connection (and 64 beyond, answered 503), 64 spare
# and a wake-up pipe per thread, or a clear refusal.
(ulimit -n 200 && "$LDREST" mock --max-connections 1000 --threads 8) > /dev/null 2> "$WORK/err"
[ $? = 2 ] || fail "too few descriptors should exit 2"
[ "$(cat "$WORK/err")" = "ldrest mock: 1064 connections need 1144 open files, but the limit is 200 (ulimit -n); lower --max-connections" ] \
    || fail "too few descriptors: $(cat "$WORK/err")"
echo "ok: mock_limits"

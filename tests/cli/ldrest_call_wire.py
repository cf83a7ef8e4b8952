#!/usr/bin/env python3
"""ldrest_call_wire.py BUILD_DIR CASE_DIR - what `ldrest call` puts on the
wire, byte for byte, for operations with bodies and other methods.

A loopback recorder takes each request as raw bytes and answers 204 No
Content. Each case in CASE_DIR is NAME.args (the arguments after `ldrest
call`, one per line; {BODY} stands for NAME.json), NAME.json (an optional
request body) and NAME.expected: the line `exit N`, then the request exactly
as sent, with {PORT} for the recorder's port and {VERSION} for ldrest's.
Exit 1 on any difference."""
import glob
import os
import socket
import subprocess
import sys
import threading

BUILD, CASES = sys.argv[1], sys.argv[2]
LDREST = os.path.join(BUILD, "ldrest")
REPLY = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(8)
port = listener.getsockname()[1]
received = []


def serve():
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            while len(body) < length:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                body += chunk
            received.append(head + b"\r\n\r\n" + body)
            conn.sendall(REPLY)


threading.Thread(target=serve, daemon=True).start()
version = subprocess.run([LDREST, "--version"], capture_output=True,
                         text=True).stdout.split()[1]
env = dict(os.environ, LD_API_KEY="api-wire-key")
failures = 0
cases = sorted(glob.glob(os.path.join(CASES, "*.args")))
for args_file in cases:
    name = args_file[:-len(".args")]
    with open(args_file) as f:
        args = [a.replace("{BODY}", name + ".json") for a in f.read().splitlines() if a]
    with open(name + ".expected", "rb") as f:
        expected = f.read().replace(b"{PORT}", str(port).encode()).replace(
            b"{VERSION}", version.encode())
    del received[:]
    r = subprocess.run([LDREST, "call", *args, "--server", "http://127.0.0.1:%d" % port],
                       capture_output=True, env=env)
    got = b"exit %d\n" % r.returncode + b"".join(received)
    if got != expected:
        failures += 1
        print("FAIL %s: got\n%s\nexpected\n%s\nstderr: %s" % (
            os.path.basename(name), got.decode(errors="replace"),
            expected.decode(errors="replace"), r.stderr.decode(errors="replace")))
listener.close()
print("%d cases, %d failed" % (len(cases), failures))
sys.exit(1 if failures else 0)

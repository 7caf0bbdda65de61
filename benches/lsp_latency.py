#!/usr/bin/env python3
"""Time from didChange to publishDiagnostics in `datelint lsp`, on the 1,000-line file of
benches/corpus.sh (one finding), as an editor sees it while typing. Figures only.
    cargo build --release && python3 benches/lsp_latency.py [target/release/datelint]"""
import json, os, statistics, subprocess, sys, tempfile, time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/datelint"
lines = ["use chrono::{Datelike, Months, NaiveDate};"]
lines += [f"fn f{i}(d: NaiveDate) -> Option<NaiveDate> {{ d.checked_add_months(Months::new({i})) }}" for i in range(1, 999)]
lines += ["fn renew(d: NaiveDate) -> Option<NaiveDate> { d.with_year(d.year() + 1) }"]
text = "\n".join(lines) + "\n"
root = tempfile.mkdtemp()
uri = "file://" + os.path.join(root, "one.rs")

server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()

def receive():
    length = 0
    while True:
        line = server.stdout.readline().strip()
        if not line:
            break
        if line.startswith(b"Content-Length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))

def published(version):
    while True:
        message = receive()
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
            return message["params"]["diagnostics"]

send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": "file://" + root, "capabilities": {}}})
receive()
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "rust", "version": 1, "text": text}}})
assert len(published(1)) == 1
times = []
for version in range(2, 52):
    # Type one character at the end of the first function, as incremental sync sends it.
    edit = {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": " " if version % 2 else ""}
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}})
    assert len(published(version)) == 1
    times.append((time.perf_counter() - start) * 1000)
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
receive()
send({"jsonrpc": "2.0", "method": "exit", "params": None})
server.wait()
times.sort()
print(f"didChange -> publishDiagnostics, 1,000-line file, {len(times)} edits: "
      f"median {statistics.median(times):.1f} ms, p90 {times[int(len(times) * 0.9)]:.1f} ms "
      f"(15 ms of it is the wait for a quiet moment)")

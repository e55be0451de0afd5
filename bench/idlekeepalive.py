#!/usr/bin/env python3
"""idlekeepalive: what N idle keep-alive connections cost a server (loopback only).

Measures, against a server already listening on HOST:PORT (whose PID is given for its memory):
  open    N connections opened one after the other, each sending `GET PATH HTTP/1.1` and reading its response
          before the next one opens (so connection i is served while i - 1 others sit idle); total time and the
          time of the first and of the last 1,000;
  rss     the server's resident memory before and after, and the difference per connection;
  burst   one request on every held connection at once, all responses read (ROUNDS times);
  serial  SERIAL requests one at a time on held connections picked evenly (latency with N idle others).
Prints one `key value` line per result. Every phase is bounded by --timeout seconds; connections are closed at
exit. Used to compare the worker threads' event dispatchers (SWITCHBOARD_NO_EPOLL=1 selects Qt's own).

Usage: idlekeepalive.py --port P --pid SERVER_PID [--conns 10000] [--rounds 3] [--serial 2000] [--path /hello]
"""

import argparse
import resource
import selectors
import socket
import sys
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def response_length(buf):
    """Returns the length of the first complete Content-Length framed response in buf, or None."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return None
    length = 0
    for line in buf[:end].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if not buf.startswith(b"HTTP/1.1 200"):
        raise ValueError(f"unexpected response {buf[:40]!r}")
    total = end + 4 + length
    return total if len(buf) >= total else None


def exchange(sock, request):
    sock.sendall(request)
    buf = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed by the server")
        buf += chunk
        if response_length(buf) is not None:
            return


def burst(socks, request, timeout):
    """Sends request on every socket, then reads every response; returns the seconds it took."""
    t0 = time.monotonic()
    sel = selectors.DefaultSelector()
    pending = {}
    for sock in socks:
        sock.setblocking(False)
        sock.send(request)  # a few dozen bytes always fit in an idle socket's buffer
        pending[sock] = b""
        sel.register(sock, selectors.EVENT_READ)
    while pending:
        if time.monotonic() - t0 > timeout:
            raise TimeoutError(f"{len(pending)} responses missing after {timeout} s")
        for key, _ in sel.select(timeout=1.0):
            sock = key.fileobj
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the server")
            pending[sock] += chunk
            if response_length(pending[sock]) is not None:
                del pending[sock]
                sel.unregister(sock)
    sel.close()
    for sock in socks:
        sock.setblocking(True)
    return time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True, help="the server's PID, for its resident memory")
    ap.add_argument("--conns", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--serial", type=int, default=2000)
    ap.add_argument("--path", default="/hello")
    ap.add_argument("--timeout", type=float, default=120.0, help="bound on each phase (seconds)")
    args = ap.parse_args()
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        sys.exit("loopback only")

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = args.conns + 64
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want if hard == resource.RLIM_INFINITY else min(want, hard), hard))

    request = f"GET {args.path} HTTP/1.1\r\nHost: {args.host}:{args.port}\r\n\r\n".encode()
    socks = []
    try:
        time.sleep(0.5)  # let the server settle before the baseline
        rss_before = rss_kib(args.pid)
        t0 = time.monotonic()
        marks = []
        for i in range(args.conns):
            if i % 1000 == 0:
                marks.append(time.monotonic())
            if time.monotonic() - t0 > args.timeout:
                raise TimeoutError(f"opened only {i} connections in {args.timeout} s")
            sock = socket.create_connection((args.host, args.port), timeout=10)
            socks.append(sock)
            exchange(sock, request)
        marks.append(time.monotonic())
        opened = time.monotonic() - t0
        time.sleep(0.5)
        rss_after = rss_kib(args.pid)
        print(f"open_conns {len(socks)}")
        print(f"open_s {opened:.2f}")
        print(f"open_first1000_s {marks[1] - marks[0]:.2f}")
        print(f"open_last1000_s {marks[-1] - marks[-2]:.2f}")
        print(f"rss_before_kib {rss_before}")
        print(f"rss_after_kib {rss_after}")
        print(f"rss_per_conn_bytes {(rss_after - rss_before) * 1024 / max(len(socks), 1):.0f}")
        for r in range(args.rounds):
            print(f"burst{r + 1}_s {burst(socks, request, args.timeout):.2f}")
        step = max(len(socks) // max(args.serial, 1), 1)
        latencies = []
        t0 = time.monotonic()
        for i in range(args.serial):
            if time.monotonic() - t0 > args.timeout:
                raise TimeoutError(f"serial phase exceeded {args.timeout} s")
            start = time.monotonic()
            exchange(socks[(i * step) % len(socks)], request)
            latencies.append(time.monotonic() - start)
        latencies.sort()
        print(f"serial_requests {len(latencies)}")
        print(f"serial_mean_us {sum(latencies) / len(latencies) * 1e6:.0f}")
        print(f"serial_p99_us {latencies[int(len(latencies) * 0.99)] * 1e6:.0f}")
        print(f"rss_end_kib {rss_kib(args.pid)}")
    finally:
        for sock in socks:
            sock.close()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""idleconns: hold N idle keep-alive connections to a server, for bench/run-peers.sh.

Opens N TCP connections to HOST:PORT one after the other, sends one `GET PATH HTTP/1.1` on each and reads
its whole response (Content-Length framed), then keeps every connection open and idle. Prints
"held N failed F in S s" once all are established (the caller measures the server's memory then), and holds
them until SIGTERM/SIGINT or --hold seconds. Before closing it checks how many the server still has open and
prints "still-open K/N".

Usage: idleconns.py --host 127.0.0.1 --port P --conns 10000 [--hold 120] [--path /hello]
"""

import argparse
import resource
import signal
import socket
import sys
import time


def read_response(sock):
    """Reads one Content-Length framed response; returns (status, body)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed before the response head")
        buf += chunk
    head, _, body = buf.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = None
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length is None:
        raise ValueError("response without Content-Length: cannot keep the connection")
    while len(body) < length:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed inside the response body")
        body += chunk
    return status, body


class Stop(Exception):
    pass


def on_signal(signum, frame):
    raise Stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--conns", type=int, default=10000)
    ap.add_argument("--hold", type=float, default=120.0, help="seconds to hold at most")
    ap.add_argument("--path", default="/hello")
    ap.add_argument("--open-timeout", type=float, default=120.0, help="bound on the whole opening phase")
    args = ap.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = args.conns + 64
    if soft < want:
        new_soft = want if hard == resource.RLIM_INFINITY else min(want, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (new_soft, hard))
        if new_soft < want:
            print(f"warning: open-files limit {new_soft} < {want}", file=sys.stderr, flush=True)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    request = f"GET {args.path} HTTP/1.1\r\nHost: {args.host}:{args.port}\r\n\r\n".encode()
    socks = []
    failed = 0
    first_error = None
    t0 = time.monotonic()
    try:
        for _ in range(args.conns):
            if time.monotonic() - t0 > args.open_timeout:
                first_error = first_error or f"opening phase exceeded {args.open_timeout} s"
                break
            sock = None
            try:
                sock = socket.create_connection((args.host, args.port), timeout=5)
                sock.sendall(request)
                status, _ = read_response(sock)
                if status != 200:
                    raise ValueError(f"status {status}")
                socks.append(sock)
            except (OSError, ValueError) as e:
                failed += 1
                first_error = first_error or repr(e)
                if sock is not None:
                    sock.close()
                if failed > 100:
                    break
        elapsed = time.monotonic() - t0
        note = f" (first error: {first_error})" if first_error else ""
        print(f"held {len(socks)} failed {failed} in {elapsed:.1f} s{note}", flush=True)
        time.sleep(args.hold)
    except Stop:
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        still_open = 0
        for sock in socks:
            try:
                sock.setblocking(False)
                if sock.recv(1, socket.MSG_PEEK):
                    still_open += 1  # unexpected bytes, but open; b"" means the server closed it
            except BlockingIOError:
                still_open += 1
            except OSError:
                pass
        print(f"still-open {still_open}/{len(socks)}", flush=True)
        for sock in socks:
            sock.close()


if __name__ == "__main__":
    main()

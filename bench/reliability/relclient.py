#!/usr/bin/env python3
"""relclient: the load and fault clients of bench/reliability/run-all.sh (Python 3 standard library only).

Every subcommand talks only to 127.0.0.1, is bounded in time, and prints one machine-readable line
"RESULT key=value ..." (plus progress lines starting with "#") that run-all.sh turns into PASS/FAIL:

  churn      N connections opened together, one keep-alive GET each, closed; ROUNDS times; the server's
             VmRSS and socket descriptors after each round
  slowloris  N connections that send a partial request head and then one byte every INTERVAL s, while a
             fresh connection asks GET /hello every 0.25 s; when each slow connection is closed, how fast
             the fresh ones are answered
  resets     clients that reset (SO_LINGER 0 + close: RST) after part of the head, after part of a body,
             and after part of a large response
  fdexhaust  N keep-alive connections against a server with a low descriptor limit: how many are answered
             while it is out of descriptors, and whether the rest are once the first ones close
  upload     one large upload (Content-Length or chunked) while sampling the server's VmRSS
  throw      N keep-alive connections alternating GET /hello (expect 200) and GET /throw (expect 500), then
             GET /bare-throw (expect the connection closed without a response) and a last GET /hello
"""

import argparse
import asyncio
import os
import resource
import socket
import statistics
import struct
import sys
import threading
import time

HOST = "127.0.0.1"


def rss_kib(pid):
    """The VmRSS of pid in KiB, or -1 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def socket_fds(pid):
    """How many of pid's descriptors are sockets (listening socket and signal pipe included)."""
    n = 0
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:"):
                    n += 1
            except OSError:
                pass
    except OSError:
        return -1
    return n


def raise_nofile(want):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def result(**kv):
    print("RESULT " + " ".join(f"{k}={v}" for k, v in kv.items()), flush=True)


def progress(msg):
    print("# " + msg, flush=True)


def reset_close(sock):
    """Closes sock with an RST instead of a FIN (SO_LINGER on with a zero timeout)."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


def request(path, method="GET", close=False, extra=""):
    conn = "close" if close else "keep-alive"
    return f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: {conn}\r\n{extra}\r\n".encode()


async def read_response(reader):
    """Reads one response framed by Content-Length; returns (status, body)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return status, body


async def get_once(port, path, timeout):
    """One request on a new connection (Connection: close); returns (status, seconds)."""
    start = time.monotonic()
    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
    try:
        writer.write(request(path, close=True))
        status, _ = await asyncio.wait_for(read_response(reader), timeout)
        return status, time.monotonic() - start
    finally:
        writer.close()


# --- churn ----------------------------------------------------------------------------------------------------
async def churn_round(port, conns, connect_parallel):
    gate = asyncio.Semaphore(connect_parallel)
    opened = []
    failed = 0

    async def open_one():
        nonlocal failed
        async with gate:
            try:
                opened.append(await asyncio.wait_for(asyncio.open_connection(HOST, port), 20))
            except (OSError, asyncio.TimeoutError):
                failed += 1

    await asyncio.gather(*(open_one() for _ in range(conns)))
    ok = 0

    async def use(pair):
        nonlocal ok, failed
        reader, writer = pair
        try:
            writer.write(request("/hello"))
            status, _ = await asyncio.wait_for(read_response(reader), 20)
            ok += status == 200
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            failed += 1

    # All N are open at this point; each now sends one request and reads its answer.
    await asyncio.gather(*(use(p) for p in opened))
    for _, writer in opened:
        writer.close()
    await asyncio.sleep(0)
    return ok, failed


def cmd_churn(a):
    nofile = raise_nofile(a.conns + 100)
    if nofile < a.conns + 50:
        sys.exit(f"open-files limit {nofile} too low for {a.conns} connections")
    rss = []
    for i in range(1, a.rounds + 1):
        start = time.monotonic()
        ok, failed = asyncio.run(churn_round(a.port, a.conns, a.connect_parallel))
        secs = time.monotonic() - start
        time.sleep(a.settle)  # let the server finish closing before measuring
        rss.append(rss_kib(a.pid))
        progress(f"round {i}: ok={ok} failed={failed} in {secs:.1f} s; server rss={rss[-1]} KiB "
                 f"socket fds={socket_fds(a.pid)}")
        if failed:
            result(ok=0, round=i, failed=failed)
            return 1
    worst = max(rss[1:]) if len(rss) > 1 else rss[0]
    result(ok=1, rounds=a.rounds, conns=a.conns, rss_kib=",".join(map(str, rss)), first=rss[0], worst=worst,
           growth_pct=f"{100.0 * (worst - rss[0]) / rss[0]:.1f}", fds=socket_fds(a.pid))
    return 0


# --- slowloris ------------------------------------------------------------------------------------------------
async def slowloris(a):
    loop = asyncio.get_running_loop()
    opened_at = {}
    closed_after = {}
    stop = loop.time() + a.deadline

    async def slow(i):
        try:
            reader, writer = await asyncio.open_connection(HOST, a.port)
        except OSError:
            return
        opened_at[i] = loop.time()
        writer.write(f"GET /hello HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: ".encode())
        read = asyncio.ensure_future(reader.read(1))
        try:
            while loop.time() < stop:
                done, _ = await asyncio.wait({read}, timeout=a.interval)
                if done:
                    break  # EOF (or an unexpected byte): the server closed the connection
                writer.write(b"a")  # one more byte of the header value; the head never ends
            if read.done():
                closed_after[i] = loop.time() - opened_at[i]
        except (OSError, ConnectionError):
            closed_after[i] = loop.time() - opened_at[i]
        finally:
            read.cancel()
            writer.close()

    slow_tasks = []
    for i in range(a.conns):
        slow_tasks.append(asyncio.ensure_future(slow(i)))
        if i % 100 == 99:
            await asyncio.sleep(0)  # let the connects through before the next batch
    await asyncio.sleep(1.0)
    progress(f"{len(opened_at)} slow connections open")

    latencies = []
    probe_fail = 0
    while any(not t.done() for t in slow_tasks) and loop.time() < stop:
        try:
            status, secs = await get_once(a.port, "/hello", 5)
            if status == 200:
                latencies.append(secs * 1000)
            else:
                probe_fail += 1
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            probe_fail += 1
        await asyncio.sleep(0.25)
    await asyncio.gather(*slow_tasks, return_exceptions=True)
    closes = list(closed_after.values())
    result(opened=len(opened_at), closed=len(closes), close_min_s=f"{min(closes, default=0):.2f}",
           close_median_s=f"{statistics.median(closes) if closes else 0:.2f}",
           close_max_s=f"{max(closes, default=0):.2f}", probes=len(latencies) + probe_fail, probe_fail=probe_fail,
           p50_ms=f"{percentile(latencies, 50):.2f}", p99_ms=f"{percentile(latencies, 99):.2f}",
           max_ms=f"{max(latencies, default=float('nan')):.2f}")


def cmd_slowloris(a):
    raise_nofile(a.conns + 200)
    asyncio.run(slowloris(a))
    return 0


# --- resets ---------------------------------------------------------------------------------------------------
def reset_one(port, kind):
    """One client that resets part-way; returns True when it got as far as it meant to before resetting."""
    s = socket.create_connection((HOST, port), timeout=10)
    try:
        if kind == "head":
            s.sendall(f"GET /hello HTTP/1.1\r\nHost: {HOST}\r\nX-Partial: ".encode())
            time.sleep(0.002)
            return True
        if kind == "body":
            s.sendall(request("/upload", "POST", extra="Content-Type: application/json\r\nContent-Length: 1048576\r\n"))
            s.sendall(b"{" + b" " * 65535)
            time.sleep(0.002)
            return True
        s.sendall(request("/big"))
        got = 0
        while got < 256 * 1024:
            chunk = s.recv(65536)
            if not chunk:
                return False
            got += len(chunk)
        return True
    finally:
        reset_close(s)


def cmd_resets(a):
    counts = {"head": a.heads, "body": a.bodies, "response": a.responses}
    ok = fail = 0
    start = time.monotonic()
    jobs = [k for k, n in counts.items() for _ in range(n)]
    lock = threading.Lock()

    def worker(mine):
        nonlocal ok, fail
        for kind in mine:
            try:
                good = reset_one(a.port, kind)
            except OSError:
                good = False
            with lock:
                ok += good
                fail += not good

    threads = [threading.Thread(target=worker, args=(jobs[i :: a.parallel],)) for i in range(a.parallel)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result(resets=ok, failed=fail, heads=a.heads, bodies=a.bodies, responses=a.responses,
           secs=f"{time.monotonic() - start:.1f}")
    return 0 if fail == 0 else 1


# --- fdexhaust ------------------------------------------------------------------------------------------------
def cmd_fdexhaust(a):
    raise_nofile(a.conns + 100)
    socks = []
    for _ in range(a.conns):
        s = socket.create_connection((HOST, a.port), timeout=5)  # completes from the listen backlog
        s.sendall(request("/hello"))
        s.setblocking(False)
        socks.append(s)
    progress(f"{len(socks)} connections open, one request sent on each")

    answered = set()
    buffers = {}

    def collect(seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and len(answered) < len(socks):
            for i, s in enumerate(socks):
                if i in answered or s.fileno() < 0:
                    continue
                try:
                    data = s.recv(4096)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                buffers[i] = buffers.get(i, b"") + data
                if b"Hello, World!" in buffers[i]:
                    answered.add(i)
            time.sleep(0.05)

    collect(a.first_wait)
    first = len(answered)
    progress(f"answered while out of descriptors: {first}/{len(socks)}")
    # Free descriptors on the server: close the connections it answered (FIN; the server closes its side).
    for i in list(answered):
        socks[i].close()
    collect(a.second_wait)
    later = len(answered) - first
    for s in socks:
        if s.fileno() >= 0:
            s.close()
    time.sleep(0.5)
    try:
        status, secs = asyncio.run(get_once(a.port, "/hello", 5))
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
        status, secs = 0, 0
    result(conns=len(socks), answered_first=first, answered_later=later, unanswered=len(socks) - first - later,
           fresh_status=status, fresh_ms=f"{secs * 1000:.1f}")
    return 0


# --- upload ---------------------------------------------------------------------------------------------------
def cmd_upload(a):
    samples = []
    done = threading.Event()

    def sampler():
        while not done.is_set():
            samples.append(rss_kib(a.pid))
            done.wait(0.05)

    s = socket.create_connection((HOST, a.port), timeout=60)
    answer = bytearray()

    def receiver():
        # Reads concurrently with the upload: a handler that does not read the body answers early and the
        # server then closes (possibly with a reset), which would lose an answer read only after sending.
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer.extend(chunk)
                head, sep, body = bytes(answer).partition(b"\r\n\r\n")
                if sep and b"content-length:" in head.lower():
                    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                    if len(body) >= length:
                        break
        except OSError:
            pass

    before = rss_kib(a.pid)
    threads = [threading.Thread(target=sampler), threading.Thread(target=receiver)]
    for t in threads:
        t.start()
    piece = b"u" * (1 << 20)
    framing = "Transfer-Encoding: chunked\r\n" if a.chunked else f"Content-Length: {a.bytes}\r\n"
    start = time.monotonic()
    sent = 0
    error = ""
    try:
        s.sendall(request(a.path, "POST", extra="Content-Type: application/octet-stream\r\n" + framing))
        while sent < a.bytes:
            n = min(len(piece), a.bytes - sent)
            data = piece[:n]
            s.sendall(f"{n:x}\r\n".encode() + data + b"\r\n" if a.chunked else data)
            sent += n
        if a.chunked:
            s.sendall(b"0\r\n\r\n")
    except OSError as e:
        error = type(e).__name__  # expected for a handler that does not read: the server closes early
    threads[1].join(60)
    secs = time.monotonic() - start
    # Did the server close the connection after answering (it must when it left body bytes unread)?
    closed = 0
    try:
        s.settimeout(3)
        closed = int(s.recv(1) == b"")
    except socket.timeout:
        pass
    except OSError:
        closed = 1
    done.set()
    threads[0].join()
    s.close()
    status, body = 0, b""
    if answer.startswith(b"HTTP/1.1 "):
        status = int(answer.split()[1])
        body = bytes(answer).partition(b"\r\n\r\n")[2].strip()
    peak = max(samples)
    result(status=status, body=body.decode(errors="replace").replace(" ", "_") or "-", sent=sent,
           secs=f"{secs:.1f}", mib_s=f"{sent / secs / (1 << 20):.0f}", rss_before=before, rss_peak=peak,
           rss_growth_kib=peak - before, samples=len(samples), send_error=error or "none", closed=closed)
    return 0


# --- throw ----------------------------------------------------------------------------------------------------
async def throw_load(a):
    counts = {"ok200": 0, "ok500": 0, "wrong": 0, "errors": 0}
    loop = asyncio.get_running_loop()
    stop = loop.time() + a.secs

    async def client(i):
        try:
            reader, writer = await asyncio.open_connection(HOST, a.port)
        except OSError:
            counts["errors"] += 1
            return
        n = i
        try:
            while loop.time() < stop:
                throws = n % 2 == 1
                writer.write(request("/throw" if throws else "/hello"))
                status, _ = await asyncio.wait_for(read_response(reader), 10)
                if status == (500 if throws else 200):
                    counts["ok500" if throws else "ok200"] += 1
                else:
                    counts["wrong"] += 1
                n += 1
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
            counts["errors"] += 1
        finally:
            writer.close()

    await asyncio.gather(*(client(i) for i in range(a.conns)))

    bare_closed = 0
    for _ in range(a.bare):
        reader, writer = await asyncio.open_connection(HOST, a.port)
        writer.write(request("/bare-throw"))
        try:
            data = await asyncio.wait_for(reader.read(), 5)
            bare_closed += data == b""
        except (OSError, asyncio.TimeoutError):
            pass
        writer.close()
    try:
        final, _ = await get_once(a.port, "/hello", 5)
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
        final = 0
    result(conns=a.conns, secs=a.secs, ok200=counts["ok200"], ok500=counts["ok500"], wrong=counts["wrong"],
           conn_errors=counts["errors"], bare=a.bare, bare_closed=bare_closed, final_status=final)


def cmd_throw(a):
    raise_nofile(a.conns + 100)
    asyncio.run(throw_load(a))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("churn")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--conns", type=int, default=10000)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--connect-parallel", type=int, default=512)
    p.add_argument("--settle", type=float, default=2.0)
    p = sub.add_parser("slowloris")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--conns", type=int, default=1000)
    p.add_argument("--interval", type=float, default=2.0)
    p.add_argument("--deadline", type=float, default=25.0)
    p = sub.add_parser("resets")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--heads", type=int, default=500)
    p.add_argument("--bodies", type=int, default=300)
    p.add_argument("--responses", type=int, default=100)
    p.add_argument("--parallel", type=int, default=16)
    p = sub.add_parser("fdexhaust")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--conns", type=int, default=400)
    p.add_argument("--first-wait", type=float, default=3.0)
    p.add_argument("--second-wait", type=float, default=10.0)
    p = sub.add_parser("upload")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--path", default="/discard")
    p.add_argument("--bytes", type=int, default=1 << 30)
    p.add_argument("--chunked", action="store_true")
    p = sub.add_parser("throw")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--conns", type=int, default=256)
    p.add_argument("--secs", type=float, default=10.0)
    p.add_argument("--bare", type=int, default=20)
    a = ap.parse_args()
    return {"churn": cmd_churn, "slowloris": cmd_slowloris, "resets": cmd_resets, "fdexhaust": cmd_fdexhaust,
            "upload": cmd_upload, "throw": cmd_throw}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())

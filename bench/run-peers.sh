#!/usr/bin/env bash
# bench/run-peers.sh: Switchboard vs Go net/http on GET /hello, in one run, with the method of
# shared/PEERS.md: each server pinned to CPU 0 with one core's worth of workers (switchboard --workers 1,
# Go with GOMAXPROCS=1), the load generator pinned to CPU 1 (wrk -t1), loopback only, median of REPEAT
# runs of DURATION after a WARMUP run.
#
# Rows: keep-alive req/s at c=50 and c=256 with p99 latency (wrk --latency), 16-deep pipelining
# (bench/peers/pipeline.lua, c=50), a new connection per request (bench/peers/newconn.cpp, c=50, sends
# Connection: close and reads until the server closes), resident memory idle and with IDLE_CONNS idle
# keep-alive connections (bench/peers/idleconns.py), and resident memory after the load.
#
# Usage: bench/run-peers.sh            full run (a few minutes; keep the machine otherwise idle)
#        QUICK=1 bench/run-peers.sh    fast check: 3 s runs, 1 repeat, 2000 idle connections
# Environment: DURATION (s, default 10), WARMUP (s, default 2), REPEAT (default 3), IDLE_CONNS (10000),
#              NEWCONN_CONC (50), PIPELINE_DEPTH (16), BUILD_DIR (build/bench-peers).
# Output: a Markdown table on stdout, also written to $BUILD_DIR/results.md; raw logs in $BUILD_DIR/logs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build/bench-peers}
PEERS=$ROOT/bench/peers
LOGS=$BUILD/logs
HOST=127.0.0.1

strip_s() { local v=${1%s}; [[ $v =~ ^[0-9]+$ ]] || { echo "bad duration: $1" >&2; exit 2; }; echo "$v"; }
if [ "${QUICK:-0}" = 1 ]; then
    DURATION=$(strip_s "${DURATION:-3}")
    WARMUP=$(strip_s "${WARMUP:-1}")
    REPEAT=${REPEAT:-1}
    IDLE_CONNS=${IDLE_CONNS:-2000}
else
    DURATION=$(strip_s "${DURATION:-10}")
    WARMUP=$(strip_s "${WARMUP:-2}")
    REPEAT=${REPEAT:-3}
    IDLE_CONNS=${IDLE_CONNS:-10000}
fi
NEWCONN_CONC=${NEWCONN_CONC:-50}
PIPELINE_DEPTH=${PIPELINE_DEPTH:-16}

log() { echo "[run-peers $(date +%T)] $*" >&2; }

# --- processes we start; only these are ever killed ---------------------------------------------------
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget_pid() {
    local keep=() pid
    for pid in "${PIDS[@]}"; do [ "$pid" = "$1" ] || keep+=("$pid"); done
    PIDS=("${keep[@]+"${keep[@]}"}")
}

# stop_pid PID: SIGTERM, up to 5 s, then SIGKILL; reaps it.
stop_pid() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    forget_pid "$pid"
}

# --- set-up -------------------------------------------------------------------------------------------
"$ROOT/scripts/setup-debian.sh" bench
for tool in taskset curl python3 g++ go wrk; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

if ! ulimit -n 65536 2>/dev/null; then
    ulimit -n "$(ulimit -Hn)"
    log "cannot raise the open-files limit to 65536; using the hard limit $(ulimit -n)"
fi
NOFILE=$(ulimit -n)
if [ "$NOFILE" -lt $((IDLE_CONNS + 200)) ]; then
    echo "open-files limit $NOFILE is too low for IDLE_CONNS=$IDLE_CONNS" >&2
    exit 1
fi

mkdir -p "$BUILD" "$LOGS"
rm -f "$LOGS"/*
log "building switchboard (Release) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSWITCHBOARD_TESTS=OFF >"$LOGS/cmake.log"
cmake --build "$BUILD" --target switchboard >>"$LOGS/cmake.log"
SWITCHBOARD=$BUILD/app/switchboard

log "building the Go peer and the clients"
(
    cd "$PEERS"
    unset GOTOOLCHAIN GOFLAGS
    export GOPROXY=off GOCACHE=$BUILD/go-cache GOPATH=$BUILD/go-path GO111MODULE=on
    go build -trimpath -o "$BUILD/hello-go" hello.go
)
g++ -O2 -std=c++20 -Wall -Wextra -o "$BUILD/newconn" "$PEERS/newconn.cpp"

# --- helpers ------------------------------------------------------------------------------------------
# to_ms VALUE: wrk latency ("950.00us", "1.23ms", "2.01s") -> milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
        printf "%.3f", n }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "NA"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo NA; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo NA; }

declare -A R       # R[server,metric] = value
declare -A NOTES   # NOTES[server] = anomalies seen

note() { NOTES[$1]+="- $2"$'\n'; log "$1: $2"; }

alive() { kill -0 "$1" 2>/dev/null; }

# start_server NAME -> sets SPID, URL, PORT
start_server() {
    local name=$1 out=$LOGS/$1.out err=$LOGS/$1.err
    case $name in
    # --log count: every request's journey is recorded and queued, as when the GUI watches, and only counted.
    switchboard) taskset -c 0 "$SWITCHBOARD" --headless --host "$HOST" --port 0 --workers 1 --log count >"$out" 2>"$err" & ;;
    # The same server recording nothing: the journey cost row compares the two.
    switchboard-bare) taskset -c 0 "$SWITCHBOARD" --headless --host "$HOST" --port 0 --workers 1 --log none >"$out" 2>"$err" & ;;
    go) taskset -c 0 env GOMAXPROCS=1 "$BUILD/hello-go" -addr "$HOST:0" >"$out" 2>"$err" & ;;
    esac
    SPID=$!
    PIDS+=("$SPID")
    URL=
    for _ in $(seq 150); do
        URL=$(sed -n 's/^listening on \(http:\/\/[^ ]*\).*/\1/p' "$out" | head -1)
        [ -n "$URL" ] && break
        alive "$SPID" || break
        sleep 0.1
    done
    [ -n "$URL" ] || { echo "$name did not start; stderr:" >&2; cat "$err" >&2; exit 1; }
    PORT=${URL##*:}
    for _ in $(seq 50); do
        [ "$(curl -s --max-time 1 "$URL/hello" 2>/dev/null)" = "Hello, World!" ] && return 0
        sleep 0.2
    done
    echo "$name at $URL does not answer GET /hello" >&2
    exit 1
}

# wrk_once NAME LABEL SECONDS CONNS [wrk args...]: one wrk run; sets WRK_RPS and WRK_P99 (ms), keeps the
# output in $LOGS and notes socket errors, non-2xx responses and a dead server.
wrk_once() {
    local name=$1 label=$2 secs=$3 conns=$4
    shift 4
    local out=$LOGS/$name.$label.wrk status=0
    timeout $((secs + 30)) taskset -c 1 wrk -t1 -c "$conns" -d "${secs}s" --timeout 5s --latency "$URL/hello" "$@" \
        >"$out" 2>&1 || status=$?
    [ "$status" = 0 ] || note "$name" "wrk $label exited with status $status (see $out)"
    local p99 errs non2xx
    WRK_RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    WRK_P99=$(to_ms "${p99:-NA}")
    [ -n "$p99" ] || WRK_P99=NA
    WRK_RPS=${WRK_RPS:-0}
    errs=$(grep -m1 '^  Socket errors:' "$out" || true)
    non2xx=$(grep -m1 'Non-2xx or 3xx responses:' "$out" || true)
    if [ -n "$errs" ]; then note "$name" "$label:${errs#  Socket errors:}"; fi
    if [ -n "$non2xx" ]; then note "$name" "$label: ${non2xx##* }"" non-2xx/3xx responses"; fi
    alive "$SPID" || note "$name" "$label: the server died (see $LOGS/$name.err)"
}

# thread_snapshot NAME LABEL: per-thread CPU of the server and of wrk over 2 s, in the middle of a run
# (appended to $LOGS/threads.txt; only reads, never signals).
thread_snapshot() {
    local name=$1 label=$2 wrkpid
    sleep 2
    wrkpid=$(pgrep -n -f "^wrk -t1 .*$URL/hello" || true)
    {
        echo "== $name $label: top -H over 2 s (server $SPID${wrkpid:+, wrk $wrkpid})"
        top -H -b -n 2 -d 2 -p "$SPID${wrkpid:+,$wrkpid}" | awk '/^top -/ { n++ } n == 2'
    } >>"$LOGS/threads.txt" 2>&1
}

# load_rows NAME KEY CONNS [extra wrk args]: a warm-up run, then REPEAT runs; stores the medians.
load_rows() {
    local name=$1 key=$2 conns=$3
    shift 3
    local rps=() p99=() i snap
    log "$name: $key (c=$conns) warm-up ${WARMUP}s + ${REPEAT} x ${DURATION}s"
    wrk_once "$name" "$key.warmup" "$WARMUP" "$conns" "$@"
    for i in $(seq "$REPEAT"); do
        snap=
        if [ "$i" = 1 ]; then
            thread_snapshot "$name" "$key" &
            snap=$!
        fi
        wrk_once "$name" "$key.$i" "$DURATION" "$conns" "$@"
        if [ -n "$snap" ]; then wait "$snap" || true; fi
        rps+=("$WRK_RPS")
        p99+=("$WRK_P99")
    done
    R[$name,$key.rps]=$(median "${rps[@]}")
    R[$name,$key.p99]=$(median "${p99[@]}")
    R[$name,$key.runs]="${rps[*]}"
    R[$name,$key.p99runs]="${p99[*]}"
}

newconn_rows() {
    local name=$1 rps=() p99=() i out line
    log "$name: new connection per request (c=$NEWCONN_CONC) warm-up ${WARMUP}s + ${REPEAT} x ${DURATION}s"
    for i in warmup $(seq "$REPEAT"); do
        local secs=$DURATION
        [ "$i" = warmup ] && secs=$WARMUP
        out=$LOGS/$name.newconn.$i
        timeout $((secs + 30)) taskset -c 1 "$BUILD/newconn" "$HOST" "$PORT" "$NEWCONN_CONC" "$secs" >"$out" 2>&1 ||
            note "$name" "newconn $i exited with status $?"
        line=$(grep -m1 '^RESULT' "$out" || echo "RESULT rps=0")
        if ! grep -q 'connect_errors=0 io_errors=0 timeouts=0 bad_responses=0' <<<"$line"; then
            note "$name" "newconn $i: $(head -1 "$out")"
        fi
        alive "$SPID" || note "$name" "newconn $i: the server died"
        [ "$i" = warmup ] && continue
        rps+=("$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$line")")
        p99+=("$(sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p' <<<"$line")")
    done
    R[$name,newconn.rps]=$(median "${rps[@]}")
    R[$name,newconn.p99]=$(median "${p99[@]}")
    R[$name,newconn.runs]="${rps[*]}"
}

idle_rows() {
    local name=$1 out=$LOGS/$1.idleconns cpid held="" s samples=()
    log "$name: $IDLE_CONNS idle keep-alive connections"
    taskset -c 1 python3 "$PEERS/idleconns.py" --host "$HOST" --port "$PORT" --conns "$IDLE_CONNS" --hold 300 \
        --open-timeout 120 >"$out" 2>&1 &
    cpid=$!
    PIDS+=("$cpid")
    for _ in $(seq 1300); do
        held=$(grep -m1 '^held' "$out" || true)
        [ -n "$held" ] && break
        alive "$cpid" || break
        sleep 0.1
    done
    if [ -z "$held" ]; then
        note "$name" "idle connections: the client did not report (see $out)"
        R[$name,rss.conns]=NA
    else
        sleep 2 # let the server settle
        for s in 1 2 3; do samples+=("$(rss_kib "$SPID")"); sleep 0.5; done
        R[$name,rss.conns]=$(printf '%s\n' "${samples[@]}" | sort -g | tail -1)
        R[$name,threads.conns]=$(threads "$SPID")
        R[$name,held]=$held
        grep -q "^held $IDLE_CONNS failed 0 " <<<"$held" || note "$name" "idle connections: $held"
    fi
    stop_pid "$cpid"
    local still
    still=$(grep -m1 '^still-open' "$out" || true)
    R[$name,still]=$still
    [ "$still" = "still-open $IDLE_CONNS/$IDLE_CONNS" ] || note "$name" "idle connections at close: ${still:-no report}"
    alive "$SPID" || note "$name" "idle connections: the server died"
}

bench_server() {
    local name=$1
    log "starting $name"
    start_server "$name"
    log "$name: pid $SPID at $URL"
    sleep 1
    R[$name,rss.idle]=$(rss_kib "$SPID")
    R[$name,threads.idle]=$(threads "$SPID")
    idle_rows "$name"
    sleep 1
    load_rows "$name" ka50 50
    load_rows "$name" ka256 256
    load_rows "$name" pipe 50 -s "$PEERS/pipeline.lua" -- "$PIPELINE_DEPTH"
    newconn_rows "$name"
    sleep 1
    R[$name,rss.after]=$(rss_kib "$SPID")
    alive "$SPID" || note "$name" "the server was not running at the end"
    stop_pid "$SPID"
}

# --- run ----------------------------------------------------------------------------------------------
START=$(date -u '+%Y-%m-%d %H:%M UTC')
log "load before the run: $(uptime)"
bench_server switchboard
bench_server go
# Journey cost: keep-alive c=50 without recording, against the recording server's ka50 above.
log "starting switchboard-bare (no journeys)"
start_server switchboard-bare
sleep 1
load_rows switchboard-bare ka50 50
stop_pid "$SPID"
log "load after the run: $(uptime)"

# --- report -------------------------------------------------------------------------------------------
fmt_int() { awk -v v="$1" 'BEGIN { if (v == "NA" || v == "") print "n/a"; else printf "%.0f", v }'; }
fmt_ms() { awk -v v="$1" 'BEGIN { if (v == "NA" || v == "") print "n/a"; else printf "%.2f ms", v }'; }
fmt_mib() { awk -v v="$1" 'BEGIN { if (v == "NA" || v == "") print "n/a"; else printf "%.1f MiB", v / 1024 }'; }
fmt_kib() { awk -v v="$1" 'BEGIN { if (v == "NA" || v == "") print "n/a"; else printf "%.2f KiB", v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
per_conn() {
    awk -v a="$1" -v b="$2" -v n="$IDLE_CONNS" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else printf "%.3f", (a - b) / n }'
}
for s in switchboard go; do R[$s,perconn]=$(per_conn "${R[$s,rss.conns]}" "${R[$s,rss.idle]}"); done

row() { # label direction formatter key
    local a=${R[switchboard,$4]:-NA} b=${R[go,$4]:-NA}
    printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$($3 "$a")" "$($3 "$b")" "$(ratio "$a" "$b")"
}

{
    echo "| metric | better | Switchboard | Go net/http | Switchboard/Go |"
    echo "|---|---|---:|---:|---:|"
    row "keep-alive c=50, req/s" higher fmt_int ka50.rps
    row "keep-alive c=256, req/s" higher fmt_int ka256.rps
    row "p99 latency, keep-alive c=50" lower fmt_ms ka50.p99
    row "p99 latency, keep-alive c=256" lower fmt_ms ka256.p99
    row "pipelined x$PIPELINE_DEPTH (c=50), req/s" higher fmt_int pipe.rps
    row "new connection per request (c=$NEWCONN_CONC), req/s" higher fmt_int newconn.rps
    row "p99 latency, new connection per request" lower fmt_ms newconn.p99
    row "RSS idle (after start-up)" lower fmt_mib rss.idle
    row "RSS with $(fmt_int "$IDLE_CONNS") idle keep-alive conns" lower fmt_mib rss.conns
    row "RSS per idle keep-alive conn" lower fmt_kib perconn
    row "RSS after the load, idle" lower fmt_mib rss.after
    echo
    echo "Journey cost: keep-alive c=50 with journeys recorded $(fmt_int "${R[switchboard,ka50.rps]}") req/s," \
        "without $(fmt_int "${R[switchboard-bare,ka50.rps]}") req/s: ratio" \
        "$(ratio "${R[switchboard,ka50.rps]}" "${R[switchboard-bare,ka50.rps]}") (target >= 0.97)."
    echo
    echo "Run $START; $(nproc) cores, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//');" \
        "DURATION=${DURATION}s WARMUP=${WARMUP}s REPEAT=$REPEAT (median) IDLE_CONNS=$IDLE_CONNS;" \
        "servers on CPU 0 (switchboard --workers 1; Go $(go env GOVERSION) with GOMAXPROCS=1), load on CPU 1" \
        "(wrk -t1 --latency; newconn, $NEWCONN_CONC concurrent), open-files limit $NOFILE."
    echo
    echo "Per-run req/s: $(for s in switchboard go; do
        printf '%s: c=50 [%s], c=256 [%s], pipelined [%s], new conn [%s]; ' "$s" "${R[$s,ka50.runs]}" \
            "${R[$s,ka256.runs]}" "${R[$s,pipe.runs]}" "${R[$s,newconn.runs]}"
    done)"
    echo "Threads: switchboard ${R[switchboard,threads.idle]} idle / ${R[switchboard,threads.conns]:-?} with conns;" \
        "go ${R[go,threads.idle]} / ${R[go,threads.conns]:-?}."
    for s in switchboard switchboard-bare go; do
        if [ -n "${NOTES[$s]:-}" ]; then
            echo
            echo "Anomalies, $s:"
            printf '%s' "${NOTES[$s]}"
        else
            echo
            echo "Anomalies, $s: none (no wrk socket errors or non-2xx, all idle connections held, no client errors)."
        fi
    done
} | tee "$BUILD/results.md"
log "results in $BUILD/results.md, logs and per-thread CPU snapshots (threads.txt) in $LOGS"

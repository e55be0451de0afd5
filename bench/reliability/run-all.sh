#!/usr/bin/env bash
# bench/reliability/run-all.sh: the overload and fault checks of issue 7 (hardening), each bounded in time,
# against a Release build on 127.0.0.1 only. Prints one line per check, "PASS <check>: <figures>" or
# "FAIL <check>: <figures>", writes them to $BUILD_DIR/reliability/results.txt, and exits 1 if any failed.
# docs/reliability.md explains each check, its pass condition and the last recorded figures.
#
#   1 churn       CHURN_CONNS (10000) connections opened together, one keep-alive GET each, closed, CHURN_ROUNDS
#                 (5) times against `switchboard --headless`: VmRSS after every round within 10 % of the first
#   1v valgrind   the same with VG_CONNS (500) x VG_ROUNDS (3) under valgrind memcheck --leak-check=full:
#                 no definitely or indirectly lost bytes after a SIGTERM shutdown
#   2 slowloris   SLOW_CONNS (1000) connections dripping a request head (a byte every 2 s): fresh requests are
#                 still answered promptly (p99 < 200 ms) and every slow one is closed at the read-header
#                 timeout (10 s, ServerConfig::readHeaderTimeout; there is no option to change it), +-2.5 s
#   3 resets      clients resetting (SO_LINGER 0) mid-head, mid-body and mid-response while wrk runs, in
#                 RESET_PHASES (10) phases: no crash, the server's sockets back to the idle count after each,
#                 the event log's new/closed states balanced, and VmRSS levelling off (the peak of the second
#                 half of the phases within 10 % of the peak of the first half)
#   3v valgrind   one smaller phase under valgrind memcheck: no definitely or indirectly lost bytes
#   4 fdexhaust   the server under `ulimit -n 256` and FD_CONNS (400) keep-alive connections: the acceptor
#                 logs its back-off, and once connections close it accepts and answers the rest
#   5 upload      1 GiB uploads (Content-Length, then chunked) to a handler that reads and discards the body:
#                 all received, VmRSS growth under UPLOAD_SLACK_KIB (16384); and 1 GiB to a handler that
#                 never reads it: answered, then the connection closed (the rest of the body is past the
#                 256 KiB drain limit; the server reads and drops input for its 500 ms linger); and 1 GiB to
#                 switchboard's /echo, over the default 64 MiB body limit: 413, memory flat
#   6 throw       256 keep-alive connections alternating a normal GET (200) and one whose handler throws
#                 inside the recovery middleware (500) for THROW_SECS (10): every answer right, no connection
#                 error; then handlers throwing outside any middleware: connection closed, server still up
#
# Checks 1-4 run the switchboard binary (demo handler, or a route set written to the log directory); 5 and 6
# need handlers the mock engine does not have and run bench/reliability/faultserver.cpp, a small server on
# the same httpcore library, built here with g++ against the Release libhttpcore.a.
#
# Usage: bench/reliability/run-all.sh            all checks (about 5 minutes; keep the machine otherwise quiet)
#        CHECKS="2 5" bench/reliability/run-all.sh  a subset (1, 1v, 2, 3, 3v, 4, 5, 6)
# Environment: BUILD_DIR (build/bench-peers), SOURCE_DIR (the repository), and the sizes named above.
# Requirements: Debian 12 with scripts/setup-debian.sh bench (g++, Qt 6 dev, wrk), python3 (standard library),
#               valgrind for checks 1v and 3v (apt-get install valgrind), curl, ss (iproute2); an open-files hard limit
#               of at least CHURN_CONNS + 1000 (ulimit -Hn) for check 1.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SRC=${SOURCE_DIR:-$ROOT}
BUILD=${BUILD_DIR:-$ROOT/build/bench-peers}
OUT=$BUILD/reliability
CHECKS=${CHECKS:-1 1v 2 3 3v 4 5 6}
RESET_PHASES=${RESET_PHASES:-10}
CHURN_CONNS=${CHURN_CONNS:-10000}
CHURN_ROUNDS=${CHURN_ROUNDS:-5}
VG_CONNS=${VG_CONNS:-500}
VG_ROUNDS=${VG_ROUNDS:-3}
SLOW_CONNS=${SLOW_CONNS:-1000}
FD_CONNS=${FD_CONNS:-400}
UPLOAD_BYTES=${UPLOAD_BYTES:-1073741824}
UPLOAD_SLACK_KIB=${UPLOAD_SLACK_KIB:-16384}
THROW_SECS=${THROW_SECS:-10}
CLIENT=(python3 "$HERE/relclient.py")

log() { echo "[reliability $(date +%T)] $*" >&2; }

# --- processes started here; only these are ever signalled --------------------------------------------------
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

alive() { kill -0 "$1" 2>/dev/null; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo NA; }
socket_fds() { find "/proc/$1/fd" -lname 'socket:*' 2>/dev/null | wc -l; }

# stop_pid PID [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 10); sets STOP_STATUS to its exit status.
stop_pid() {
    local pid=$1 limit=${2:-10}
    STOP_STATUS=0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq $((limit * 10))); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
        kill -KILL "$pid" 2>/dev/null || true
        STOP_STATUS=killed
    fi
    local status=0
    wait "$pid" 2>/dev/null || status=$?
    [ "$STOP_STATUS" = killed ] || STOP_STATUS=$status
}

# wait_listening NAME PID OUTFILE SECONDS: waits for the "listening on" line; sets PORT and URL.
wait_listening() {
    local name=$1 pid=$2 out=$3 limit=$4
    URL=
    for _ in $(seq $((limit * 10))); do
        URL=$(sed -n 's/^listening on \(http:\/\/[^ ]*\).*/\1/p' "$out" | head -1)
        [ -n "$URL" ] && break
        alive "$pid" || break
        sleep 0.1
    done
    [ -n "$URL" ] || { echo "$name did not start; see $out and its .err" >&2; exit 1; }
    PORT=${URL##*:}
}

# start NAME ARGS...: starts a server with ARGS (a command) in the background; sets SPID, PORT, URL.
start() {
    local name=$1
    shift
    # Created first: wait_listening may read the file before the background job has opened it.
    : >"$OUT/$name.out"
    "$@" >>"$OUT/$name.out" 2>"$OUT/$name.err" &
    SPID=$!
    PIDS+=("$SPID")
    wait_listening "$name" "$SPID" "$OUT/$name.out" 90 # valgrind starts slowly
}

# field KEY LINE: the value of KEY=value in a RESULT line.
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }

FAILED=0
verdict() { # verdict CHECK OK(0/1) FIGURES...
    local line
    if [ "$2" = 1 ]; then line="PASS $1: ${*:3}"; else line="FAIL $1: ${*:3}"; FAILED=1; fi
    echo "$line" | tee -a "$OUT/results.txt"
}
want() { [[ " $CHECKS " == *" $1 "* ]]; }

# --- set-up -------------------------------------------------------------------------------------------------
for tool in python3 wrk curl g++ pkg-config ss; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (scripts/setup-debian.sh bench)" >&2; exit 1; }
done
if want 1v || want 3v; then command -v valgrind >/dev/null || { echo "missing: valgrind (apt-get install valgrind)" >&2; exit 1; }; fi
# Both the servers and the clients inherit this limit; check 1 holds CHURN_CONNS connections at once.
ulimit -n "$(ulimit -Hn)"
if want 1 && [ "$(ulimit -n)" -lt $((CHURN_CONNS + 1000)) ]; then
    echo "open-files hard limit $(ulimit -Hn) is too low for CHURN_CONNS=$CHURN_CONNS" >&2
    exit 1
fi

mkdir -p "$OUT"
rm -rf "${OUT:?}"/*
log "building switchboard (Release) in $BUILD from $SRC"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSWITCHBOARD_TESTS=OFF >"$OUT/build.log"
fi
nice -n 10 cmake --build "$BUILD" --target switchboard -j 2 >>"$OUT/build.log"
SWITCHBOARD=$BUILD/app/switchboard
log "building faultserver"
# shellcheck disable=SC2046 # pkg-config prints several words on purpose
nice -n 10 g++ -O2 -g -std=c++20 -fPIC -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Werror -I"$SRC" $(pkg-config --cflags Qt6Core Qt6Network) \
    -o "$OUT/faultserver" "$HERE/faultserver.cpp" "$BUILD/httpcore/libhttpcore.a" \
    $(pkg-config --libs Qt6Network Qt6Core) -lz -pthread
log "load before the run: $(uptime)"

# --- 1: connection churn, memory ----------------------------------------------------------------------------
if want 1; then
    log "1 churn: $CHURN_CONNS connections x $CHURN_ROUNDS rounds"
    start churn "$SWITCHBOARD" --headless --port 0 --log count
    idle=$(rss_kib "$SPID")
    r=$(timeout 600 "${CLIENT[@]}" churn --port "$PORT" --pid "$SPID" --conns "$CHURN_CONNS" \
        --rounds "$CHURN_ROUNDS" | tee "$OUT/churn.client" | grep '^RESULT' || true)
    ok=0
    growth=$(field growth_pct "$r")
    if [ "$(field ok "$r")" = 1 ] && alive "$SPID" &&
        awk -v g="$growth" 'BEGIN { exit !(g != "" && g <= 10) }'; then ok=1; fi
    stop_pid "$SPID"
    verdict "1 churn" "$ok" "RSS idle ${idle} KiB, after each round $(field rss_kib "$r") KiB; worst round vs first:" \
        "${growth:-?} % (limit 10 %); $CHURN_CONNS conns x $CHURN_ROUNDS rounds; exit status $STOP_STATUS"
fi

if want 1v; then
    log "1v valgrind: $VG_CONNS connections x $VG_ROUNDS rounds under memcheck"
    start valgrind valgrind --leak-check=full --show-leak-kinds=definite,indirect --num-callers=30 \
        --log-file="$OUT/valgrind.log" "$SWITCHBOARD" --headless --port 0 --log count
    r=$(timeout 900 "${CLIENT[@]}" churn --port "$PORT" --pid "$SPID" --conns "$VG_CONNS" --rounds "$VG_ROUNDS" \
        --settle 3 | tee "$OUT/valgrind.client" | grep '^RESULT' || true)
    stop_pid "$SPID" 120
    definite=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$OUT/valgrind.log" | tr -d ,)
    indirect=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$OUT/valgrind.log" | tr -d ,)
    possibly=$(sed -n 's/.*possibly lost: \([0-9,]*\) bytes.*/\1/p' "$OUT/valgrind.log" | tr -d ,)
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$OUT/valgrind.log" | tail -1)
    # No "definitely lost" line at all means memcheck found no leak of that kind.
    ok=0
    if [ "$(field ok "$r")" = 1 ] && [ "$STOP_STATUS" = 0 ] && [ "${definite:-0}" = 0 ] && [ "${indirect:-0}" = 0 ] &&
        grep -q 'LEAK SUMMARY\|All heap blocks were freed' "$OUT/valgrind.log"; then ok=1; fi
    verdict "1v valgrind" "$ok" "$VG_CONNS conns x $VG_ROUNDS rounds; definitely lost ${definite:-0} B," \
        "indirectly lost ${indirect:-0} B, possibly lost ${possibly:-0} B; memcheck errors ${errors:-?}" \
        "(a possibly-lost block counts as one);" \
        "exit status $STOP_STATUS"
fi

# --- 2: slowloris ---------------------------------------------------------------------------------------------
if want 2; then
    log "2 slowloris: $SLOW_CONNS slow connections"
    start slowloris "$SWITCHBOARD" --headless --port 0 --log count
    r=$(timeout 120 "${CLIENT[@]}" slowloris --port "$PORT" --conns "$SLOW_CONNS" --interval 2 --deadline 25 |
        tee "$OUT/slowloris.client" | grep '^RESULT' || true)
    ok=0
    if [ "$(field opened "$r")" = "$SLOW_CONNS" ] && [ "$(field closed "$r")" = "$SLOW_CONNS" ] &&
        [ "$(field probe_fail "$r")" = 0 ] && alive "$SPID" &&
        awk -v lo="$(field close_min_s "$r")" -v hi="$(field close_max_s "$r")" -v p99="$(field p99_ms "$r")" \
            'BEGIN { exit !(lo >= 9.5 && hi <= 12.5 && p99 < 200) }'; then ok=1; fi
    stop_pid "$SPID"
    verdict "2 slowloris" "$ok" "$(field opened "$r") slow conns, $(field closed "$r") closed after" \
        "$(field close_min_s "$r")/$(field close_median_s "$r")/$(field close_max_s "$r") s (min/median/max;" \
        "timeout 10 s); fresh GET /hello meanwhile: $(field probes "$r") probes, $(field probe_fail "$r") failed," \
        "p50 $(field p50_ms "$r") ms, p99 $(field p99_ms "$r") ms, max $(field max_ms "$r") ms"
fi

# --- 3: resets under load -------------------------------------------------------------------------------------
# write_routes: the route set of check 3 (and its files) in $OUT/routes.
write_routes() {
    mkdir -p "$OUT/routes"
    # A sparse 64 MiB file: the route streams it from disk, so a client can reset in the middle of it.
    truncate -s 64M "$OUT/routes/big.bin"
    # /upload has a body rule, so the mock engine reads the request body (a reset can hit it mid-body).
    cat >"$OUT/routes/reliability.switchboard.json" <<'EOF'
{
  "format": 1,
  "name": "reliability checks",
  "routes": [
    {"id": "hello", "pattern": "GET /hello", "responses": [{"body": "Hello, World!\n", "templated": false}]},
    {"id": "big", "pattern": "GET /big",
     "responses": [{"contentType": "application/octet-stream", "bodyFile": "big.bin"}]},
    {"id": "upload", "pattern": "POST /upload",
     "responses": [{"rules": [{"target": "body", "operator": "regex", "value": "x"}], "status": 201},
                   {"default": true, "status": 200, "body": "read\n", "templated": false}]}
  ]
}
EOF
}

# reset_phase NAME PHASE CONNS [relclient resets args]: wrk -cCONNS for 8 s on /hello while the reset clients
# run, then waits (15 s at most) until the server's sockets are back to $BASE_FDS. Appends anomalies to NOTES,
# sets PHASE_FDS.
reset_phase() {
    local name=$1 phase=$2 conns=$3 wpid r non2xx reqs
    shift 3
    timeout 60 wrk -t1 -c"$conns" -d8s --timeout 5s "$URL/hello" >"$OUT/$name.wrk$phase" 2>&1 &
    wpid=$!
    PIDS+=("$wpid")
    r=$(timeout 300 "${CLIENT[@]}" resets --port "$PORT" "$@" | tee "$OUT/$name.client$phase" | grep '^RESULT' || true)
    wait "$wpid" || NOTES+=" wrk $phase failed;"
    [ "$(field failed "$r")" = 0 ] || NOTES+=" phase $phase client: $r;"
    PHASE_FDS=-1
    for _ in $(seq 150); do
        PHASE_FDS=$(socket_fds "$SPID")
        [ "$PHASE_FDS" = "$BASE_FDS" ] && break
        sleep 0.1
    done
    [ "$PHASE_FDS" = "$BASE_FDS" ] || NOTES+=" phase $phase: $PHASE_FDS sockets open, idle $BASE_FDS;"
    reqs=$(awk '/requests in/ { print $1 }' "$OUT/$name.wrk$phase")
    non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *//p' "$OUT/$name.wrk$phase")
    [ -z "$non2xx" ] || NOTES+=" phase $phase: $non2xx non-2xx;"
    log "$name phase $phase: $r; wrk $reqs requests; sockets $PHASE_FDS (idle $BASE_FDS)"
}

# state_balance OUTFILE: counts the connection states the event log printed (text format:
# "TIME conn N PEER STATE[: reason]") into NEWS, CLOSED and DROPPED (events the log could not keep up with).
state_balance() {
    NEWS=$(grep -cE '^.* conn [0-9]+ [^ ]+ new$' "$1" || true)
    CLOSED=$(grep -cE '^.* conn [0-9]+ [^ ]+ closed(: .*)?$' "$1" || true)
    DROPPED=$(sed -n 's/.*events dropped: \([0-9]*\).*/\1/p' "$1" | tail -1)
    # With events dropped the counts are incomplete; the socket count is the authority then.
    if [ "${DROPPED:-0}" = 0 ] && [ "$NEWS" != "$CLOSED" ]; then NOTES+=" states: $NEWS new, $CLOSED closed;"; fi
}

if want 3; then
    log "3 resets under wrk load, $RESET_PHASES phases"
    write_routes
    # --log all: the event log prints every connection state, so new and closed can be counted.
    start resets "$SWITCHBOARD" --headless --port 0 --log all --routes "$OUT/routes/reliability.switchboard.json"
    BASE_FDS=$(socket_fds "$SPID")
    NOTES=""
    rss=()
    for phase in $(seq "$RESET_PHASES"); do
        reset_phase resets "$phase" 64
        sleep 1
        rss+=("$(rss_kib "$SPID")")
    done
    established=$(ss -Htn state established "( sport = :$PORT )" | wc -l)
    alive "$SPID" || NOTES+=" server died;"
    stop_pid "$SPID"
    state_balance "$OUT/resets.out"
    # Memory: glibc keeps freed memory in its arenas, so RSS after a phase is a high-water mark that moves
    # with the mix of the phase; a leak shows as growth that does not level off. The peak of the second half
    # of the phases must stay within 10 % of the peak of the first half (memcheck in 3v is the exact check).
    half=$((RESET_PHASES / 2))
    growth=$(printf '%s\n' "${rss[@]}" | awk -v h="$half" '
        NR <= h { if ($1 > a) a = $1 } NR > h { if ($1 > b) b = $1 } END { printf "%.1f", 100 * (b - a) / a }')
    ok=1
    awk -v g="$growth" 'BEGIN { exit !(g <= 10) }' || ok=0
    [ -z "$NOTES" ] || ok=0
    verdict "3 resets" "$ok" "$RESET_PHASES phases of 500 head + 300 body + 100 response resets with wrk c=64" \
        "8 s on /hello; RSS after each phase ${rss[*]} KiB (second-half peak vs first-half peak ${growth} %," \
        "limit 10 %); server sockets back to idle ($BASE_FDS) after every phase; $established established at the" \
        "end; event log: $NEWS new, $CLOSED closed, ${DROPPED:-?} events dropped; exit status $STOP_STATUS;" \
        "${NOTES:- no anomalies}"
fi

if want 3v; then
    log "3v resets under memcheck"
    write_routes
    start resets-valgrind valgrind --leak-check=full --show-leak-kinds=definite,indirect --num-callers=30 \
        --log-file="$OUT/resets-valgrind.log" "$SWITCHBOARD" --headless --port 0 --log all \
        --routes "$OUT/routes/reliability.switchboard.json"
    BASE_FDS=$(socket_fds "$SPID")
    NOTES=""
    reset_phase resets-valgrind 1 16 --heads 200 --bodies 100 --responses 30
    stop_pid "$SPID" 120
    state_balance "$OUT/resets-valgrind.out"
    definite=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$OUT/resets-valgrind.log" | tr -d ,)
    indirect=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$OUT/resets-valgrind.log" | tr -d ,)
    possibly=$(sed -n 's/.*possibly lost: \([0-9,]*\) bytes.*/\1/p' "$OUT/resets-valgrind.log" | tr -d ,)
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$OUT/resets-valgrind.log" | tail -1)
    ok=0
    if [ -z "$NOTES" ] && [ "$STOP_STATUS" = 0 ] && [ "${definite:-0}" = 0 ] && [ "${indirect:-0}" = 0 ] &&
        grep -q 'LEAK SUMMARY\|All heap blocks were freed' "$OUT/resets-valgrind.log"; then ok=1; fi
    verdict "3v resets under memcheck" "$ok" "wrk c=16 8 s + 200 head, 100 body, 30 response resets;" \
        "definitely lost ${definite:-0} B, indirectly lost ${indirect:-0} B, possibly lost ${possibly:-0} B;" \
        "memcheck errors ${errors:-?} (a possibly-lost block counts as one); sockets back to idle: $PHASE_FDS/$BASE_FDS; event log: $NEWS new, $CLOSED closed, ${DROPPED:-?} dropped;" \
        "exit status $STOP_STATUS;${NOTES:- no anomalies}"
fi

# --- 4: descriptor exhaustion ---------------------------------------------------------------------------------
if want 4; then
    log "4 fdexhaust: ulimit -n 256, $FD_CONNS connections"
    # exec keeps the PID: the subshell becomes the server, with the lower limit.
    # shellcheck disable=SC2016 # $0 is expanded by the inner bash, on purpose
    start fdexhaust bash -c 'ulimit -n 256 && exec "$0" --headless --port 0 --log count' "$SWITCHBOARD"
    r=$(timeout 120 "${CLIENT[@]}" fdexhaust --port "$PORT" --conns "$FD_CONNS" | tee "$OUT/fdexhaust.client" |
        grep '^RESULT' || true)
    backoffs=$(grep -c 'accept error: Too many open files' "$OUT/fdexhaust.err" || true)
    longest=$(sed -n 's/.*retrying in \([0-9]*\) ms.*/\1/p' "$OUT/fdexhaust.err" | sort -n | tail -1)
    ok=0
    if [ "$backoffs" -gt 0 ] && [ "$(field unanswered "$r")" = 0 ] && [ "$(field fresh_status "$r")" = 200 ] &&
        [ "$(field answered_first "$r")" -lt "$FD_CONNS" ] && alive "$SPID"; then ok=1; fi
    stop_pid "$SPID"
    verdict "4 fdexhaust" "$ok" "ulimit -n 256, $FD_CONNS keep-alive conns: $(field answered_first "$r") answered" \
        "while out of descriptors, $(field answered_later "$r") more once the first closed, $(field unanswered "$r")" \
        "never; $backoffs back-off log lines (longest ${longest:-?} ms); fresh GET afterwards:" \
        "$(field fresh_status "$r") in $(field fresh_ms "$r") ms; exit status $STOP_STATUS"
fi

# --- 5: 1 GiB uploads -----------------------------------------------------------------------------------------
if want 5; then
    log "5 upload: $UPLOAD_BYTES bytes"
    start upload5 "$OUT/faultserver"
    figures=""
    ok=1
    for mode in cl chunked; do
        flag=()
        [ "$mode" = chunked ] && flag=(--chunked)
        r=$(timeout 300 "${CLIENT[@]}" upload --port "$PORT" --pid "$SPID" --bytes "$UPLOAD_BYTES" "${flag[@]}" |
            tee "$OUT/upload.$mode" | grep '^RESULT' || true)
        [ "$(field status "$r")" = 200 ] && [ "$(field body "$r")" = "received_$UPLOAD_BYTES" ] &&
            [ "$(field rss_growth_kib "$r")" -lt "$UPLOAD_SLACK_KIB" ] || ok=0
        figures+=" $mode: $(field status "$r") $(field body "$r") in $(field secs "$r") s ($(field mib_s "$r") MiB/s),"
        figures+=" RSS $(field rss_before "$r") -> peak $(field rss_peak "$r") KiB (+$(field rss_growth_kib "$r"));"
    done
    # The same upload to a handler that never reads the body: Go's rule, answer, drain at most 256 KiB, close.
    r=$(timeout 300 "${CLIENT[@]}" upload --port "$PORT" --pid "$SPID" --bytes "$UPLOAD_BYTES" --path /hello |
        tee "$OUT/upload.unread" | grep '^RESULT' || true)
    [ "$(field status "$r")" = 200 ] && [ "$(field closed "$r")" = 1 ] &&
        [ "$(field rss_growth_kib "$r")" -lt "$UPLOAD_SLACK_KIB" ] || ok=0
    figures+=" unread (/hello): $(field status "$r"), $(field sent "$r") B sent ($(field send_error "$r")),"
    figures+=" connection closed after the answer: $(field closed "$r"), RSS +$(field rss_growth_kib "$r") KiB;"
    alive "$SPID" || ok=0
    stop_pid "$SPID"
    # And to switchboard itself, whose ServerConfig keeps the default 64 MiB body limit: 413 at once.
    start upload5-switchboard "$SWITCHBOARD" --headless --port 0 --log count
    r=$(timeout 300 "${CLIENT[@]}" upload --port "$PORT" --pid "$SPID" --bytes "$UPLOAD_BYTES" --path /echo |
        tee "$OUT/upload.limit" | grep '^RESULT' || true)
    [ "$(field status "$r")" = 413 ] && [ "$(field rss_growth_kib "$r")" -lt "$UPLOAD_SLACK_KIB" ] || ok=0
    figures+=" switchboard /echo (64 MiB limit): $(field status "$r") after $(field sent "$r") B sent"
    figures+=" ($(field send_error "$r")) in $(field secs "$r") s, RSS +$(field rss_growth_kib "$r") KiB"
    alive "$SPID" || ok=0
    stop_pid "$SPID"
    verdict "5 upload" "$ok" "1 GiB to /discard (RSS limit +$UPLOAD_SLACK_KIB KiB):$figures"
fi

# --- 6: throwing handlers -------------------------------------------------------------------------------------
if want 6; then
    log "6 throw: 256 connections for $THROW_SECS s"
    start throw6 "$OUT/faultserver"
    r=$(timeout 120 "${CLIENT[@]}" throw --port "$PORT" --conns 256 --secs "$THROW_SECS" --bare 20 |
        tee "$OUT/throw.client" | grep '^RESULT' || true)
    logged=$(grep -c 'threw on connection' "$OUT/throw6.err" || true)
    ok=0
    if [ "$(field wrong "$r")" = 0 ] && [ "$(field conn_errors "$r")" = 0 ] && [ "$(field ok200 "$r")" -gt 0 ] &&
        [ "$(field ok500 "$r")" -gt 0 ] && [ "$(field bare_closed "$r")" = 20 ] &&
        [ "$(field final_status "$r")" = 200 ] && alive "$SPID"; then ok=1; fi
    stop_pid "$SPID"
    verdict "6 throw" "$ok" "256 conns x $THROW_SECS s: $(field ok200 "$r") x 200 and $(field ok500 "$r") x 500" \
        "(recovered throws), $(field wrong "$r") wrong answers, $(field conn_errors "$r") connection errors;" \
        "$(field bare_closed "$r")/20 unrecovered throws closed the connection ($logged logged); GET /hello" \
        "afterwards: $(field final_status "$r")"
fi

log "load after the run: $(uptime)"
log "results in $OUT/results.txt, logs in $OUT"
exit "$FAILED"

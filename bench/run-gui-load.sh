#!/usr/bin/env bash
# bench/run-gui-load.sh: the window under load (issue: desktop GUI). Throughput of the server with the real
# MainWindow open and its request log visible, against the same server headless, and the GUI thread's event-loop
# stalls measured during the load (bench/gui_load.cpp).
#
# Modes, in one run, each the median of REPEAT wrk runs of DURATION after a WARMUP run:
#   headless  switchboard --headless --routes ROUTES --port 0 --workers 1 --log count
#   window    gui_load --routes ROUTES --workers 1 (the window, 1280x800, the log visible, under Xvfb)
# each once pinned to CPU 0 (the strict case: the GUI thread, the acceptor and the worker share one core) and once
# unpinned. wrk -t1 -c CONNS always runs on CPU 1 against GET PATH (a templated route of the example). Under Xvfb,
# the X server runs on CPU 1 beside wrk in the pinned case, so CPU 0 holds exactly the server process in both
# modes; unpinned, it floats. Before the load, each window run also measures STALL_IDLE seconds without load.
#
# Usage: bench/run-gui-load.sh             (about 3 minutes after the build)
#        QUICK=1 bench/run-gui-load.sh     3 s runs, 1 repeat
# Environment: DURATION (s, default 10), WARMUP (s, 2), REPEAT (3), CONNS (256), WORKERS (1), PATH_UNDER_LOAD
#              (/api/users/2), ROUTES (resources/examples/shop.switchboard.json), BUILD_DIR (build/bench-gui),
#              PROBE_MS (1), MODES ("pinned unpinned").
# Output: a Markdown table on stdout, also in $BUILD_DIR/results.md; raw wrk and gui_load outputs in
# $BUILD_DIR/logs. Loopback only; only processes this script started are signalled, by PID.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build/bench-gui}
LOGS=$BUILD/logs
HOST=127.0.0.1
if [ "${QUICK:-0}" = 1 ]; then
    DURATION=${DURATION:-3}
    WARMUP=${WARMUP:-1}
    REPEAT=${REPEAT:-1}
else
    DURATION=${DURATION:-10}
    WARMUP=${WARMUP:-2}
    REPEAT=${REPEAT:-3}
fi
CONNS=${CONNS:-256}
WORKERS=${WORKERS:-1}
TARGET_PATH=${PATH_UNDER_LOAD:-/api/users/2}
ROUTES=${ROUTES:-$ROOT/resources/examples/shop.switchboard.json}
PROBE_MS=${PROBE_MS:-1}
MODES=${MODES:-pinned unpinned}
STALL_IDLE=${STALL_IDLE:-3}
for v in DURATION WARMUP REPEAT CONNS WORKERS PROBE_MS STALL_IDLE; do
    [[ ${!v} =~ ^[0-9]+$ ]] || { echo "$v must be a whole number: ${!v}" >&2; exit 2; }
done

log() { echo "[run-gui-load $(date +%T)] $*" >&2; }

# --- processes we start; only these are ever signalled ------------------------------------------------
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
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

# stop_pid PID: SIGTERM, up to 10 s, then SIGKILL; reaps it when it is our child.
stop_pid() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    forget_pid "$pid"
}

alive() { kill -0 "$1" 2>/dev/null; }

# --- set-up -------------------------------------------------------------------------------------------
"$ROOT/scripts/setup-debian.sh" bench
for tool in taskset curl wrk cmake ninja; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
if command -v xvfb-run >/dev/null && command -v Xvfb >/dev/null; then
    DISPLAY_KIND="Xvfb (QT_QPA_PLATFORM=xcb, xvfb-run)"
    USE_XVFB=1
else
    DISPLAY_KIND="offscreen (QT_QPA_PLATFORM=offscreen: xvfb-run is missing, so nothing is drawn to a display)"
    USE_XVFB=0
fi
ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)"

mkdir -p "$BUILD" "$LOGS"
rm -f "$LOGS"/*
log "building (Release, SWITCHBOARD_BENCH=ON, SWITCHBOARD_WERROR=ON) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSWITCHBOARD_BENCH=ON -DSWITCHBOARD_TESTS=OFF \
    -DSWITCHBOARD_WERROR=ON >"$LOGS/cmake.log"
cmake --build "$BUILD" --target switchboard gui_load >>"$LOGS/cmake.log"
SWITCHBOARD=$BUILD/app/switchboard
GUI_LOAD=$BUILD/bench/gui_load

# --- helpers ------------------------------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "NA"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
maxof() { printf '%s\n' "$@" | sort -g | tail -1; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo NA; }
to_ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

declare -A R     # R[mode,metric]
declare -A NOTES # NOTES[mode]

note() { NOTES[$1]+="- $2"$'\n'; log "$1: $2"; }

# wait_listening OUT PID -> sets URL
wait_listening() {
    local out=$1 pid=$2
    URL=
    for _ in $(seq 300); do
        URL=$(sed -n 's/^listening on \(http:\/\/[^ ]*\).*/\1/p' "$out" | head -1)
        [ -n "$URL" ] && break
        alive "$pid" || break
        sleep 0.1
    done
    [ -n "$URL" ] || return 1
    local code
    for _ in $(seq 50); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$URL$TARGET_PATH" 2>/dev/null || true)
        [ "$code" = 200 ] && return 0
        sleep 0.2
    done
    echo "$URL$TARGET_PATH does not answer 200 (got ${code:-nothing})" >&2
    return 1
}

# wrk_once MODE LABEL SECONDS: sets WRK_RPS, WRK_P99 (ms).
wrk_once() {
    local mode=$1 label=$2 secs=$3 out=$LOGS/$1.$2.wrk status=0
    timeout $((secs + 30)) taskset -c 1 wrk -t1 -c "$CONNS" -d "${secs}s" --timeout 5s --latency "$URL$TARGET_PATH" \
        >"$out" 2>&1 || status=$?
    [ "$status" = 0 ] || note "$mode" "wrk $label exited with status $status (see $out)"
    WRK_RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    WRK_RPS=${WRK_RPS:-0}
    local p99
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    WRK_P99=$([ -n "$p99" ] && to_ms "$p99" || echo NA)
    local errs non2xx
    errs=$(grep -m1 '^  Socket errors:' "$out" || true)
    non2xx=$(grep -m1 'Non-2xx or 3xx responses:' "$out" || true)
    [ -z "$errs" ] || note "$mode" "$label:${errs#  Socket errors:}"
    [ -z "$non2xx" ] || note "$mode" "$label: ${non2xx##* } non-2xx/3xx responses"
}

# cpu_snapshot MODE LABEL PID: per-thread CPU of PID over 2 s in the middle of a run (read only).
cpu_snapshot() {
    local mode=$1 label=$2 pid=$3
    sleep 3
    {
        echo "== $mode $label: top -H over 2 s (pid $pid), load $(loadavg)"
        top -H -b -n 2 -d 2 -p "$pid" | awk '/^top -/ { n++ } n == 2' | head -20
        echo "-- busiest processes"
        ps -eo pid,ni,pcpu,psr,comm --sort=-pcpu | head -8
    } >>"$LOGS/threads.txt" 2>&1
}

# --- headless -----------------------------------------------------------------------------------------
run_headless() {
    local pin=$1 mode=headless-$1 out=$LOGS/headless-$1.out err=$LOGS/headless-$1.err rps=() p99=() i snap
    local pinning=()
    [ "$pin" = pinned ] && pinning=(taskset -c 0)
    log "$mode: starting (load $(loadavg))"
    "${pinning[@]}" "$SWITCHBOARD" --headless --routes "$ROUTES" --host "$HOST" --port 0 --workers "$WORKERS" \
        --log count >"$out" 2>"$err" &
    local spid=$!
    PIDS+=("$spid")
    wait_listening "$out" "$spid" || { cat "$err" >&2; exit 1; }
    R[$mode,load.before]=$(loadavg)
    wrk_once "$mode" warmup "$WARMUP"
    for i in $(seq "$REPEAT"); do
        snap=
        if [ "$i" = 1 ]; then cpu_snapshot "$mode" "run $i" "$spid" & snap=$!; fi
        wrk_once "$mode" "$i" "$DURATION"
        [ -z "$snap" ] || wait "$snap" || true
        rps+=("$WRK_RPS")
        p99+=("$WRK_P99")
        alive "$spid" || note "$mode" "run $i: the server died"
    done
    R[$mode,rps]=$(median "${rps[@]}")
    R[$mode,rps.runs]="${rps[*]}"
    R[$mode,p99]=$(median "${p99[@]}")
    R[$mode,rss]=$(rss_kib "$spid")
    R[$mode,load.after]=$(loadavg)
    stop_pid "$spid"
}

# --- window -------------------------------------------------------------------------------------------
# result_of KEY N: the value of KEY on gui_load's RESULT line of window N.
result_of() {
    sed -n "s/^RESULT window=$2 .*\\b$1=\\([^ ]*\\).*/\\1/p" "$GOUT" | head -1
}

# await_window N: waits for gui_load's RESULT line of window N (after SIGUSR2).
await_window() {
    local n=$1
    for _ in $(seq 200); do
        grep -q "^RESULT window=$n " "$GOUT" && return 0
        alive "$GPID_WRAPPER" || break
        sleep 0.05
    done
    return 1
}

run_window() {
    local pin=$1 mode=window-$1 err=$LOGS/window-$1.err i snap
    GOUT=$LOGS/window-$1.out
    local rps=() p99=() maxs=() p99s=() over50=() rows=() rss=() wrps=()
    local args=(--routes "$ROUTES" --workers "$WORKERS" --interval-ms "$PROBE_MS")
    local gui=("$GUI_LOAD" "${args[@]}")
    [ "$pin" = pinned ] && gui=(taskset -c 0 "${gui[@]}")
    log "$mode: starting the window on $DISPLAY_KIND (load $(loadavg))"
    if [ "$USE_XVFB" = 1 ]; then
        local outer=()
        # Pinned: the X server goes to CPU 1 with wrk, so CPU 0 holds gui_load alone.
        [ "$pin" = pinned ] && outer=(taskset -c 1)
        "${outer[@]}" xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" \
            env QT_QPA_PLATFORM=xcb "${gui[@]}" >"$GOUT" 2>"$err" &
    else
        env QT_QPA_PLATFORM=offscreen "${gui[@]}" >"$GOUT" 2>"$err" &
    fi
    GPID_WRAPPER=$!
    PIDS+=("$GPID_WRAPPER")
    wait_listening "$GOUT" "$GPID_WRAPPER" || { cat "$err" >&2; exit 1; }
    local gpid
    gpid=$(sed -n 's/^pid \([0-9]*\)$/\1/p' "$GOUT" | head -1)
    if [ -z "$gpid" ] || ! alive "$gpid"; then
        echo "gui_load did not report its pid" >&2
        exit 1
    fi
    PIDS+=("$gpid")
    R[$mode,platform]=$(sed -n 's/^platform //p' "$GOUT" | head -1)
    R[$mode,load.before]=$(loadavg)
    sleep 1

    # Window 1: no load, the baseline.
    local w=1
    kill -USR1 "$gpid"
    sleep "$STALL_IDLE"
    kill -USR2 "$gpid"
    await_window "$w" || { echo "gui_load did not report window $w" >&2; exit 1; }
    R[$mode,idle.max]=$(result_of max_stall_ms "$w")
    R[$mode,idle.p99]=$(result_of p99_stall_ms "$w")

    wrk_once "$mode" warmup "$WARMUP"
    sleep 0.5
    for i in $(seq "$REPEAT"); do
        w=$((w + 1))
        snap=
        if [ "$i" = 1 ]; then cpu_snapshot "$mode" "run $i" "$gpid" & snap=$!; fi
        kill -USR1 "$gpid"
        wrk_once "$mode" "$i" "$DURATION"
        kill -USR2 "$gpid"
        [ -z "$snap" ] || wait "$snap" || true
        await_window "$w" || { note "$mode" "run $i: gui_load did not report"; continue; }
        rps+=("$WRK_RPS")
        p99+=("$WRK_P99")
        maxs+=("$(result_of max_stall_ms "$w")")
        p99s+=("$(result_of p99_stall_ms "$w")")
        over50+=("$(result_of stalls_over_50ms "$w")")
        rows+=("$(result_of log_rows "$w")")
        rss+=("$(result_of rss_kib "$w")")
        wrps+=("$(result_of requests_per_s "$w")")
        R[$mode,bound]=$(result_of log_bound "$w")
        sleep 0.5 # let the last batch drain before the next window
    done
    R[$mode,rps]=$(median "${rps[@]}")
    R[$mode,rps.runs]="${rps[*]}"
    R[$mode,p99]=$(median "${p99[@]}")
    R[$mode,max]=$(median "${maxs[@]}")
    R[$mode,max.worst]=$(maxof "${maxs[@]}")
    R[$mode,max.runs]="${maxs[*]}"
    R[$mode,p99stall]=$(median "${p99s[@]}")
    R[$mode,p99stall.runs]="${p99s[*]}"
    R[$mode,over50.runs]="${over50[*]}"
    R[$mode,rows.max]=$(maxof "${rows[@]}")
    R[$mode,rss.runs]="${rss[*]}"
    R[$mode,rss]=$(maxof "${rss[@]}")
    R[$mode,wrps.runs]="${wrps[*]}"
    R[$mode,load.after]=$(loadavg)
    kill -TERM "$gpid" 2>/dev/null || true
    for _ in $(seq 100); do alive "$gpid" || break; sleep 0.1; done
    forget_pid "$gpid"
    stop_pid "$GPID_WRAPPER"
}

# --- run ----------------------------------------------------------------------------------------------
START=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_START=$(loadavg)
{
    echo "== before the run: load $(loadavg)"
    ps -eo pid,ni,pcpu,psr,comm --sort=-pcpu | head -8
} >"$LOGS/threads.txt"
log "load before the run: $LOAD_START; display: $DISPLAY_KIND"
for pin in $MODES; do
    run_headless "$pin"
    run_window "$pin"
done
LOAD_END=$(loadavg)
log "load after the run: $LOAD_END"

# --- report -------------------------------------------------------------------------------------------
fmt_int() { awk -v v="$1" 'BEGIN { if (v == "NA" || v == "") print "n/a"; else printf "%.0f", v }'; }
fmt_ms() { awk -v v="$1" 'BEGIN { if (v == "NA" || v == "") print "n/a"; else printf "%.1f ms", v }'; }
fmt_mib() { awk -v v="$1" 'BEGIN { if (v == "NA" || v == "") print "n/a"; else printf "%.1f MiB", v / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "NA" || b == "NA" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }

cols() { # label target value-for-pinned value-for-unpinned
    local line="| $1 | $2 |" pin
    shift 2
    for pin in $MODES; do
        line+=" $1 |"
        shift
    done
    echo "$line"
}
each() { # formatter key-with-@ -> one value per mode (@ replaced by the pinning)
    local pin k
    for pin in $MODES; do
        k=${2//@/$pin}
        printf '%s\n' "$("$1" "${R[$k]:-NA}")"
    done
}
pass() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "" || v == "NA" || v == "n/a") print "?"; else if ((op == "<" && v + 0 < t) || (op == ">=" && v + 0 >= t) || (op == "<=" && v + 0 <= t)) print "yes"; else print "**no**" }'; }

{
    header="| metric | target |"
    sep="|---|---|"
    for pin in $MODES; do
        case $pin in pinned) header+=" pinned: CPU 0 (server or window), wrk CPU 1 |" ;; *) header+=" unpinned (wrk CPU 1) |" ;; esac
        sep+="---:|"
    done
    echo "$header"
    echo "$sep"
    mapfile -t a < <(each fmt_int "headless-@,rps")
    cols "headless req/s (median of $REPEAT)" "" "${a[@]}"
    mapfile -t a < <(each fmt_int "window-@,rps")
    cols "window req/s (median of $REPEAT)" "" "${a[@]}"
    mapfile -t a < <(for pin in $MODES; do r=$(ratio "${R[window-$pin,rps]:-}" "${R[headless-$pin,rps]:-}"); echo "$r ($(pass "$r" ">=" 0.70))"; done)
    cols "window / headless" ">= 0.70" "${a[@]}"
    mapfile -t a < <(for pin in $MODES; do echo "$(fmt_ms "${R[window-$pin,max]:-}") / $(fmt_ms "${R[window-$pin,max.worst]:-}") ($(pass "${R[window-$pin,max.worst]:-}" "<" 50))"; done)
    cols "longest GUI stall under load, median / worst run" "< 50 ms" "${a[@]}"
    mapfile -t a < <(for pin in $MODES; do echo "${R[window-$pin,max.runs]:-}"; done)
    cols "longest stall per run, ms" "" "${a[@]}"
    mapfile -t a < <(for pin in $MODES; do echo "${R[window-$pin,p99stall.runs]:-}"; done)
    cols "p99 probe gap per run, ms (probe every ${PROBE_MS} ms)" "" "${a[@]}"
    mapfile -t a < <(for pin in $MODES; do echo "${R[window-$pin,over50.runs]:-}"; done)
    cols "stalls over 50 ms per run" "0" "${a[@]}"
    mapfile -t a < <(for pin in $MODES; do echo "$(fmt_ms "${R[window-$pin,idle.max]:-}") / $(fmt_ms "${R[window-$pin,idle.p99]:-}")"; done)
    cols "no load (${STALL_IDLE} s): longest / p99 gap" "" "${a[@]}"
    mapfile -t a < <(for pin in $MODES; do echo "${R[window-$pin,rows.max]:-?} / ${R[window-$pin,bound]:-?} ($(pass "${R[window-$pin,rows.max]:-}" "<=" "${R[window-$pin,bound]:-0}"))"; done)
    cols "log rows / bound (most seen)" "rows <= bound" "${a[@]}"
    mapfile -t a < <(for pin in $MODES; do
        for k in ${R[window-$pin,rss.runs]:-}; do printf '%s ' "$(fmt_mib "$k")"; done
        echo
    done)
    cols "window RSS after each run" "flat" "${a[@]}"
    mapfile -t a < <(each fmt_mib "headless-@,rss")
    cols "headless RSS after the runs" "" "${a[@]}"
    mapfile -t a < <(for pin in $MODES; do echo "${R[window-$pin,wrps.runs]:-}"; done)
    cols "requests/s the window counted, per run" "" "${a[@]}"
    mapfile -t a < <(for pin in $MODES; do echo "$(fmt_ms "${R[headless-$pin,p99]:-}") / $(fmt_ms "${R[window-$pin,p99]:-}")"; done)
    cols "wrk p99 latency, headless / window" "" "${a[@]}"
    echo
    echo "Run $START; $(nproc) cores, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//');" \
        "load average $LOAD_START before, $LOAD_END after; display: $DISPLAY_KIND;" \
        "DURATION=${DURATION}s WARMUP=${WARMUP}s REPEAT=$REPEAT; wrk -t1 -c$CONNS GET $TARGET_PATH on CPU 1;" \
        "--workers $WORKERS; routes $(basename "$ROUTES")."
    echo
    for pin in $MODES; do
        echo "Per-run req/s, $pin: headless [${R[headless-$pin,rps.runs]:-}], window [${R[window-$pin,rps.runs]:-}]" \
            "(load ${R[headless-$pin,load.before]:-?} -> ${R[window-$pin,load.after]:-?})."
    done
    for m in $(for pin in $MODES; do echo "headless-$pin window-$pin"; done); do
        if [ -n "${NOTES[$m]:-}" ]; then
            echo
            echo "Anomalies, $m:"
            printf '%s' "${NOTES[$m]}"
        fi
    done
} | tee "$BUILD/results.md"
log "results in $BUILD/results.md; gui_load reports (stall histograms, long gaps and dispatches) in $LOGS/window-*.out"

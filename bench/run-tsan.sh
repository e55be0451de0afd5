#!/usr/bin/env bash
# bench/run-tsan.sh: ThreadSanitizer over the server (issue 7, hardening). Builds build/tsan with clang and
# -DSWITCHBOARD_TSAN=ON, runs the integration tests (the ctest label "integration"; see below for the test
# functions that start processes), then a short load on the TSan-built `switchboard --headless`: wrk keep-alive
# traffic plus new-connection traffic (Connection: close) at once, 64 connections in all, for LOAD_SECS; the server is
# stopped with SIGTERM (a graceful shutdown, so the shutdown paths run instrumented too) and its TSan log must
# hold no report.
#
# Qt is not built with TSan: synchronisation done inside libQt6Core (QMutex's slow path, QThread start and
# join, queued-event posting) is invisible to it, so it can report races on data that Qt does order.
# bench/tsan.supp suppresses such reports by Qt-internal frames only, each justified; our own frames are never
# suppressed.
#
# The process tests of the binary (ctest -L app) are not run: they start it with QProcess (see below).
#
# Usage: bench/run-tsan.sh
# Environment: BUILD_DIR (build/tsan), SOURCE_DIR (the repository), LOAD_SECS (10), SKIP_TESTS=1 (load only),
#              JOBS (2; builds run under nice).
# Requirements: clang and libclang-rt-14-dev (scripts/setup-debian.sh test), wrk (scripts/setup-debian.sh bench).
# Output: one PASS/FAIL line per part and a summary; logs in $BUILD_DIR/tsan-logs. Exit status 1 on failure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=${SOURCE_DIR:-$ROOT}
BUILD=${BUILD_DIR:-$ROOT/build/tsan}
LOGS=$BUILD/tsan-logs
LOAD_SECS=${LOAD_SECS:-10}
JOBS=${JOBS:-2}
SUPP=$ROOT/bench/tsan.supp

log() { echo "[run-tsan $(date +%T)] $*" >&2; }
for tool in clang++ wrk curl; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (scripts/setup-debian.sh all)" >&2; exit 1; }
done

# Only the processes started here are ever signalled.
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$BUILD" "$LOGS"
rm -f "$LOGS"/*
log "configuring $BUILD (clang, SWITCHBOARD_TSAN=ON) from $SRC"
cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DSWITCHBOARD_TSAN=ON -DSWITCHBOARD_WERROR=ON >"$LOGS/cmake.log"

# The tests to build and run: the integration label.
mapfile -t TESTS < <(cd "$BUILD" && ctest -N -L '^integration$' 2>/dev/null | sed -n 's/^ *Test *#[0-9]*: //p')
log "building switchboard and ${#TESTS[@]} test executables (-j$JOBS, nice)"
nice -n 10 cmake --build "$BUILD" -j "$JOBS" --target switchboard "${TESTS[@]}" >>"$LOGS/cmake.log"

# halt_on_error=0: collect every report of a run; exitcode 66 (TSan's default) marks a run with reports.
# second_deadlock_stack gives both stacks of a lock-order report. ignore_noninstrumented_modules=1: memory
# accesses that interceptors (malloc/free/realloc, memcpy, close, pthread_cond_destroy, ...) make on behalf of
# libQt6Core are not checked; they are ordered by Qt's own, invisible, synchronisation (see bench/tsan.supp).
# Accesses made by our own code are all still checked.
export TSAN_OPTIONS="suppressions=$SUPP halt_on_error=0 second_deadlock_stack=1 history_size=4 ignore_noninstrumented_modules=1"
FAILED=0
report() { # report PART STATUS DETAILS
    printf '%s %s: %s\n' "$2" "$1" "$3"
    [ "$2" = PASS ] || FAILED=1
}

# --- integration tests ----------------------------------------------------------------------------------------
# QProcess (the tests run curl with it) forks through Qt's forkfd with vfork semantics (clone(CLONE_VM |
# CLONE_VFORK)), which the clang 14 TSan runtime does not support: the parent aborts with "CHECK failed:
# tsan_rtl.cpp:234 ((!thr->slot)) != (0)" in __tsan::ForkAfter. So each test executable runs once whole, as
# ctest would, and one that aborts so is run again one test function at a time: the functions that start no
# process are still checked, the others are listed as not runnable under TSan.
run_test() { # run_test EXE [FUNCTION]: runs it, sets T_STATUS (pass, reports, fail, fork-abort) and T_LOG
    local exe=$1 fn=${2:-} status=0
    T_LOG=$LOGS/test-$(basename "$exe")${fn:+-$fn}.log
    (cd "$(dirname "$exe")" && QT_QPA_PLATFORM=offscreen timeout 600 "$exe" ${fn:+"$fn"}) >"$T_LOG" 2>&1 || status=$?
    if grep -q 'CHECK failed: tsan_rtl.cpp.*thr->slot' "$T_LOG"; then
        T_STATUS=fork-abort
    elif grep -q '^WARNING: ThreadSanitizer' "$T_LOG"; then
        T_STATUS=reports
    elif [ "$status" != 0 ]; then
        T_STATUS=fail
    else
        T_STATUS=pass
    fi
}

if [ "${SKIP_TESTS:-0}" != 1 ]; then
    log "integration tests: ${#TESTS[@]} executables"
    passed=0 functions=0 aborted=() bad=()
    for name in "${TESTS[@]}"; do
        exe=$(find "$BUILD/tests" -type f -perm -u+x -name "$name" | head -1)
        run_test "$exe"
        case $T_STATUS in
        pass) passed=$((passed + 1)) ;;
        reports | fail) bad+=("$name: $T_STATUS ($T_LOG)") ;;
        fork-abort)
            mapfile -t fns < <("$exe" -functions 2>/dev/null | sed -n 's/^\([A-Za-z0-9_]*\)()$/\1/p')
            for fn in "${fns[@]}"; do
                run_test "$exe" "$fn"
                case $T_STATUS in
                pass) functions=$((functions + 1)) ;;
                fork-abort) aborted+=("$name::$fn") ;;
                reports | fail) bad+=("$name::$fn: $T_STATUS ($T_LOG)") ;;
                esac
            done
            ;;
        esac
    done
    printf '%s\n' "${aborted[@]+"${aborted[@]}"}" >"$LOGS/fork-aborted.txt"
    detail="${#TESTS[@]} executables: $passed passed whole; of those that start processes, $functions test functions"
    detail+=" passed one by one and ${#aborted[@]} could not run under TSan (QProcess fork; $LOGS/fork-aborted.txt)"
    if [ ${#bad[@]} = 0 ]; then
        report "integration tests (TSan)" PASS "$detail; 0 TSan reports"
    else
        report "integration tests (TSan)" FAIL "$detail; failing: ${bad[*]}"
    fi
fi

# --- load on the headless server ------------------------------------------------------------------------------
log "starting the TSan switchboard"
out=$LOGS/switchboard.out
# log_path: TSan writes its reports to tsan-app.PID instead of stderr, so they cannot mix with the event log.
TSAN_OPTIONS="$TSAN_OPTIONS log_path=$LOGS/tsan-app" \
    "$BUILD/app/switchboard" --headless --host 127.0.0.1 --port 0 --log count >"$out" 2>"$LOGS/switchboard.err" &
SPID=$!
PIDS+=("$SPID")
URL=
for _ in $(seq 300); do
    URL=$(sed -n 's/^listening on \(http:\/\/[^ ]*\).*/\1/p' "$out" | head -1)
    [ -n "$URL" ] && break
    kill -0 "$SPID" 2>/dev/null || break
    sleep 0.1
done
[ -n "$URL" ] || { echo "the TSan switchboard did not start" >&2; cat "$LOGS/switchboard.err" >&2; exit 1; }
curl -sf --max-time 10 "$URL/hello" >/dev/null || { echo "no answer from $URL/hello" >&2; exit 1; }

log "load: wrk keep-alive c=48 and new-connection c=16 for ${LOAD_SECS}s against $URL"
timeout $((LOAD_SECS + 60)) wrk -t1 -c48 -d"${LOAD_SECS}s" --timeout 10s "$URL/hello" >"$LOGS/wrk-keepalive.txt" 2>&1 &
W1=$!
PIDS+=("$W1")
# Connection: close makes the server close after each answer; wrk then opens a new connection per request.
timeout $((LOAD_SECS + 60)) wrk -t1 -c16 -d"${LOAD_SECS}s" --timeout 10s -H 'Connection: close' "$URL/hello" \
    >"$LOGS/wrk-newconn.txt" 2>&1 &
W2=$!
PIDS+=("$W2")
wrk_status=0
wait "$W1" || wrk_status=$?
wait "$W2" || wrk_status=$?

kill -TERM "$SPID"
exit_status=0
for _ in $(seq 300); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SPID" 2>/dev/null; then
    kill -KILL "$SPID"
    exit_status=killed
fi
wait "$SPID" || exit_status=$?
ka=$(awk '/requests in/ { print $1 }' "$LOGS/wrk-keepalive.txt")
nc=$(awk '/requests in/ { print $1 }' "$LOGS/wrk-newconn.txt")
errs=$(grep -h 'Socket errors\|Non-2xx' "$LOGS"/wrk-*.txt | tr -s ' ' | tr '\n' ';' || true)
reports=$(cat "$LOGS"/tsan-app.* 2>/dev/null | grep -c '^WARNING: ThreadSanitizer' || true)
detail="${ka:-0} keep-alive + ${nc:-0} new-connection requests in ${LOAD_SECS}s; wrk status $wrk_status;"
detail+=" ${errs:-no wrk errors}; server exit status $exit_status after SIGTERM; $reports TSan reports"
if [ "$reports" = 0 ] && [ "$exit_status" = 0 ] && [ "$wrk_status" = 0 ]; then
    report "load on switchboard (TSan)" PASS "$detail"
else
    report "load on switchboard (TSan)" FAIL "$detail (see $LOGS/tsan-app.*)"
fi
log "logs in $LOGS"
exit "$FAILED"

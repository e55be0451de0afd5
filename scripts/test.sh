#!/usr/bin/env bash
# Builds and runs the whole test suite twice: GCC with warnings as errors, then clang with
# AddressSanitizer + UndefinedBehaviorSanitizer (every test, plus the libFuzzer targets replaying their corpora).
# This is the command CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh test

jobs=$(nproc)
export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

echo "== clang, ASan + UBSan =="
cmake -S . -B build/ci-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
    -DSWITCHBOARD_WERROR=ON -DSWITCHBOARD_SANITIZE=ON -DSWITCHBOARD_FUZZ=ON >/dev/null
cmake --build build/ci-asan -j "$jobs"
for corpus in fuzz/corpus/*/; do
    name=$(basename "$corpus")
    build/ci-asan/fuzz/fuzz_"$name" -runs=0 "$corpus" 2>&1 | tail -n 1
done
ctest --test-dir build/ci-asan --output-on-failure -j "$jobs"

echo "== gcc, warnings as errors =="
cmake -S . -B build/ci-gcc -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=g++ \
    -DSWITCHBOARD_WERROR=ON >/dev/null
cmake --build build/ci-gcc -j "$jobs"
ctest --test-dir build/ci-gcc --output-on-failure -j "$jobs"

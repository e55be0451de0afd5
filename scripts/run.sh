#!/usr/bin/env bash
# Builds Switchboard (Release) and starts it. Extra arguments go to the switchboard binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh run
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DSWITCHBOARD_TESTS=OFF >/dev/null
cmake --build build/release
exec build/release/app/switchboard "$@"

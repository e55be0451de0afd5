#!/usr/bin/env bash
# Builds Switchboard (Release) and starts it serving the bundled example route set
# (resources/examples/shop.switchboard.json). Extra arguments go to the switchboard binary; one naming another
# file (--routes, --check, --import-*, --export-openapi) replaces the example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh run
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DSWITCHBOARD_TESTS=OFF >/dev/null
cmake --build build/release
example=(--routes resources/examples/shop.switchboard.json)
for arg in "$@"; do
    case "$arg" in
    --routes | --routes=* | --check | --check=* | --import-* | --export-* | --help | -h | --version | -v) example=() ;;
    esac
done
exec build/release/app/switchboard --headless "${example[@]}" "$@"

#!/usr/bin/env bash
# Builds Switchboard (Release) and starts it with the bundled example route set
# (resources/examples/shop.switchboard.json): the window when there is a display, else headless. Extra arguments
# go to the switchboard binary; one naming another file (--routes, --check, --import-*, --export-openapi)
# replaces the example, and --headless forces the headless server.
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
mode=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    mode=(--headless)
fi
for arg in "$@"; do
    [ "$arg" = --headless ] && mode=()
done
exec build/release/app/switchboard "${mode[@]}" "${example[@]}" "$@"

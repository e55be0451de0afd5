#!/usr/bin/env bash
# Installs the Debian 12 packages Switchboard needs to build, run and test, if any are missing.
# Usage: scripts/setup-debian.sh [run|test|bench|all]   (default: all)
set -euo pipefail

want=${1:-all}
build=(cmake ninja-build g++ qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-qpa-plugins zlib1g-dev libkainjow-mustache-dev libyaml-cpp-dev)
test=(clang libclang-rt-14-dev curl python3-jsonschema)
bench=(libbenchmark-dev golang-go wrk xvfb xauth)

case "$want" in
run) pkgs=("${build[@]}") ;;
test) pkgs=("${build[@]}" "${test[@]}") ;;
bench) pkgs=("${build[@]}" "${bench[@]}") ;;
all) pkgs=("${build[@]}" "${test[@]}" "${bench[@]}") ;;
*) echo "usage: $0 [run|test|bench|all]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Installs from Debian whatever quantex needs to build and test that is missing, then
# configures and builds it in build/ (the binary is build/quantex).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake make pkg-config              # the toolchain
  libre2-dev libcli11-dev libfmt-dev     # matching, arguments, formatting
  libtomlplusplus-dev libsimdjson-dev    # rule files, JSON Lines documents
  libboost-test-dev python3 parallel     # the test suite (parallel: the scale-out recipe)
  clang-format                           # the test that the code keeps its layout
  clang libclang-rt-14-dev               # the sanitizer build and the fuzz targets
  help2man pandoc bash-completion dpkg-dev  # man pages, completions, the .deb
  chromium chromium-driver python3-selenium fonts-wqy-microhei  # quantex view in a browser
  python3-distributed                    # the Dask driver's test
  jq sqlite3 miller                      # the README's examples, run as a test
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"

#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls this and nothing else):
#   1. tools/setup.sh installs what is missing and builds build/ (g++, Release); its suite runs;
#   2. clang++ builds build-sanitize/ with AddressSanitizer and UndefinedBehaviorSanitizer,
#      stopping at the first report, and the same suite runs on it;
#   3. each fuzz target (fuzz/) runs for FUZZ_SECONDS (default 30) from its seeds.
# Any failure stops the run with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_seconds=${FUZZ_SECONDS:-30}

bash tools/setup.sh
ctest --test-dir build --output-on-failure

CXX=clang++ cmake -S . -B build-sanitize -DQUANTEX_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  >/dev/null
cmake --build build-sanitize -j "$(nproc)"
QUANTEX_SANITIZED=1 ctest --test-dir build-sanitize --output-on-failure

for target in numeral decoder extract jsonl rules; do
  echo "check: fuzzing $target for $fuzz_seconds s" >&2
  fuzz/run "$target" "$fuzz_seconds" 2>&1 | tail -4
done

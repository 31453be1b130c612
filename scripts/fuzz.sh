#!/usr/bin/env bash
# Builds the libFuzzer targets (build-asan/fuzz/) and runs each for SECONDS
# (default 25) from its seed corpus in fuzz/corpus/. Fails on any crash, leak,
# sanitizer report or broken property; the input that did it is saved in
# build-asan/fuzz/artifacts/.
#   scripts/fuzz.sh [SECONDS] [FUZZER...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-25}
shift || true
case $seconds in
  ''|*[!0-9]*) echo "failguard: fuzz.sh: SECONDS must be a number, not '$seconds'" >&2; exit 2 ;;
esac
"$root/scripts/build.sh" --sanitize

fuzzers=("$@")
if [ ${#fuzzers[@]} -eq 0 ]; then
  for corpus in "$root"/fuzz/corpus/*/; do
    fuzzers+=("$(basename "$corpus")")
  done
fi
artifacts=$root/build-asan/fuzz/artifacts
mkdir -p "$artifacts"
status=0
for fuzzer in "${fuzzers[@]}"; do
  binary=$root/build-asan/fuzz/fuzz-$fuzzer
  if [ ! -x "$binary" ]; then
    echo "failguard: fuzz.sh: no fuzzer '$fuzzer' ($binary)" >&2
    exit 2
  fi
  # New inputs go to a scratch corpus; the seeds in the repository stay as they are.
  work=$root/build-asan/fuzz/corpus/$fuzzer
  mkdir -p "$work"
  echo "== fuzz-$fuzzer: ${seconds}s"
  if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/$fuzzer-" "$work" "$root/fuzz/corpus/$fuzzer" \
      > "$artifacts/$fuzzer.log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$artifacts/$fuzzer.log" || true
    echo "fuzz-$fuzzer: passed"
  else
    tail -n 60 "$artifacts/$fuzzer.log"
    echo "fuzz-$fuzzer: FAILED (log: $artifacts/$fuzzer.log)"
    status=1
  fi
done
exit "$status"

#!/usr/bin/env bash
# Installs, builds and runs failguard's whole test suite (lit + FileCheck check
# and tool tests, GoogleTest unit tests). Ends with "N passed, N failed".
# FAILGUARD_LLVM_MAJOR=22 runs it against LLVM 22 in build-llvm22/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
major=${FAILGUARD_LLVM_MAJOR:-19}
default_build_dir="$root/build"
[ "$major" = 19 ] || default_build_dir="$root/build-llvm$major"
build="${FAILGUARD_BUILD_DIR:-$default_build_dir}"
export FAILGUARD_BUILD_DIR="$build"
"$root/scripts/build.sh" --with-test-extras

lit=$(sed -n 's/^FAILGUARD_LIT:FILEPATH=//p' "$build/CMakeCache.txt")
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
python3 "$lit" -sv "$build/test" 2>&1 | tee "$log" || status=$?

count() { sed -n "s/^ *$1: *\([0-9]*\).*/\1/p" "$log" | head -n 1; }
passed=$(count Passed)
failed=$(count Failed)
unsupported=$(count Unsupported)
echo "lit: ${passed:-0} passed, ${failed:-0} failed, ${unsupported:-0} skipped"
if [ "${passed:-0}" -eq 0 ]; then
  echo "failguard: no test ran" >&2
  exit 1
fi
exit "$status"

#!/usr/bin/env bash
# Installs, builds and runs failguard's whole test suite (lit + FileCheck check
# and tool tests, GoogleTest unit tests). Ends with "N passed, N failed".
# FAILGUARD_LLVM_MAJOR=22 runs it against LLVM 22 in build-llvm22/.
#   --sanitize  the same suite on the ASan + UBSan build in build-asan/, with
#               failguard-tidy as the only clang-tidy host
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
major=${FAILGUARD_LLVM_MAJOR:-19}
default_build_dir="$root/build"
[ "$major" = 19 ] || default_build_dir="$root/build-llvm$major"
build="${FAILGUARD_BUILD_DIR:-$default_build_dir}"
export FAILGUARD_BUILD_DIR="$build"
# Tests that need an external tool (installed by --with-test-extras) fail
# instead of being skipped when it is missing.
export FAILGUARD_REQUIRE_TEST_TOOLS=1
label=lit
[ "$major" = 19 ] || label=lit-llvm$major
build_args=(--with-test-extras)
case ${1:-} in
  --sanitize) build=$root/build-asan label=lit-sanitize build_args=(--sanitize) ;;
  '') ;;
  *) echo "failguard: test.sh: unknown argument '$1'" >&2; exit 2 ;;
esac
"$root/scripts/build.sh" "${build_args[@]}"

lit=$(sed -n 's/^FAILGUARD_LIT:FILEPATH=//p' "$build/CMakeCache.txt")
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
python3 "$lit" -sv "$build/test" 2>&1 | tee "$log" || status=$?

count() { sed -n "s/^ *$1 *: *\([0-9]*\).*/\1/p" "$log" | head -n 1; }
passed=$(count Passed)
# Tests that did not run to a verdict, or passed where they should fail, count as failed.
failed=0
for outcome in Failed Unresolved 'Timed Out' 'Unexpectedly Passed'; do
  n=$(count "$outcome")
  failed=$((failed + ${n:-0}))
done
unsupported=$(count Unsupported)
echo "$label: ${passed:-0} passed, $failed failed, ${unsupported:-0} skipped"
if [ "${passed:-0}" -eq 0 ]; then
  echo "failguard: no test ran" >&2
  exit 1
fi
exit "$status"

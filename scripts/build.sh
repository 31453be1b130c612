#!/usr/bin/env bash
# Installs what failguard needs on Debian/Ubuntu (LLVM 19 from the distribution,
# or FAILGUARD_LLVM_MAJOR=22) and builds it into build/ (LLVM 19) or
# build-llvm22/ (other majors), or FAILGUARD_BUILD_DIR. Used by demo.sh, test.sh and CI.
#   --with-test-extras  also install what the tests use
#   --sanitize          build with ASan + UBSan, and the fuzzers, into build-asan/
#   --deps-only         only install the packages (the action, on a cached build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
major=${FAILGUARD_LLVM_MAJOR:-19}
default_build_dir="$root/build"
[ "$major" = 19 ] || default_build_dir="$root/build-llvm$major"
build_dir=${FAILGUARD_BUILD_DIR:-$default_build_dir}
test_extras=0
sanitize=0
deps_only=0
for arg in "$@"; do
  case $arg in
    --with-test-extras) test_extras=1 ;;
    --sanitize) sanitize=1 test_extras=1 ;;
    --deps-only) deps_only=1 ;;
    *) echo "failguard: build.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

packages=(
  cmake ninja-build ccache python3 git binutils pkg-config libgit2-dev libssl-dev
  "clang-$major" "llvm-$major-dev" "libclang-$major-dev" "libclang-cpp$major-dev"
  "clang-tidy-$major" "clangd-$major" "llvm-$major-tools"
  libgtest-dev libcpp-jwt-dev libpoco-dev
)
# The tests: libc++ installed next to LLVM (its cxxabi.h must not shadow the
# standard library's), the sanitizer and libFuzzer runtimes, and hypothesis for
# the property tests of git-failguard's output; pre-commit for the hook's test;
# openssl for the crafted tokens of the edge-case plan (RS256, ES256 keys) and
# the conformance tests against libcpp-jwt-dev and libpoco-dev; bazel-bootstrap
# (Bazel 4.2.3) for the Bazel aspect's test; lintian for the release packages'
# test (it runs offline).
test_packages=(
  "libc++-$major-dev" "libc++abi-$major-dev" "libclang-rt-$major-dev" python3-hypothesis
  pre-commit openssl bazel-bootstrap lintian
)
# Only for the test that the plugin refuses another release's clang-tidy.
other_major=22
[ "$major" != 22 ] || other_major=19
optional_packages=("clang-tidy-$other_major")

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
if [ "${FAILGUARD_SKIP_INSTALL:-0}" != 1 ]; then
  echo "failguard: installing build dependencies (LLVM $major)" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${packages[@]}" >/dev/null
  if [ "$test_extras" = 1 ]; then
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
      "${test_packages[@]}" >/dev/null
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
      "${optional_packages[@]}" >/dev/null ||
      echo "failguard: ${optional_packages[*]} not available; its test will be skipped" >&2
    # The SARIF Multitool validates git failguard's SARIF (a .NET program from
    # npm), outside the source tree; lit looks for it there (test/lit.cfg.py).
    command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive "${sudo[@]}" \
      apt-get install -y -qq --no-install-recommends npm >/dev/null
    tools_dir=${FAILGUARD_TEST_TOOLS_DIR:-/opt/failguard-test-tools}
    "${sudo[@]}" npm install --prefix "$tools_dir" --no-audit --no-fund --loglevel=error \
      @microsoft/sarif-multitool@5.7.0 >/dev/null
    # npm may skip the package's postinstall, which makes the program executable.
    "${sudo[@]}" chmod a+rx "$tools_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  fi
fi

[ "$deps_only" = 0 ] || exit 0

# A build directory is for one LLVM major: reconfiguring it for another would
# silently replace that build.
configured=$(sed -n 's/^FAILGUARD_LLVM_MAJOR:STRING=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
if [ "$sanitize" = 0 ] && [ -n "$configured" ] && [ "$configured" != "$major" ]; then
  echo "failguard: build.sh: '$build_dir' is configured for LLVM $configured, not $major (set FAILGUARD_LLVM_MAJOR=$configured or another FAILGUARD_BUILD_DIR)" >&2
  exit 2
fi

# Builds into one directory take turns: the action and CI example tests run
# this script on the build tree under test, two at a time under lit, and two
# CMake runs at once race on the files they configure.
target=$build_dir
[ "$sanitize" = 1 ] && target=$root/build-asan
mkdir -p "$target"
exec 9>"$target/.failguard-build.lock"
flock 9

if [ "$sanitize" = 1 ]; then
  # The plugin is not built: it cannot load into an uninstrumented clang-tidy.
  cmake -S "$root" -B "$root/build-asan" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DFAILGUARD_LLVM_MAJOR="$major" -DFAILGUARD_SANITIZE=ON >/dev/null
  # Everything the suite runs but the plugin: the driver (a zipapp, packed at
  # build time) and the index tool it asks, as well as the instrumented hosts.
  ninja -C "$root/build-asan" failguard-tidy failguard-clangd failguard-index git-failguard \
    FailguardUnitTests fuzzers failguard-docs
else
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DFAILGUARD_LLVM_MAJOR="$major" >/dev/null
  ninja -C "$build_dir"
fi

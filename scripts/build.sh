#!/usr/bin/env bash
# Installs what failguard needs on Debian/Ubuntu (LLVM 19 from the distribution,
# or FAILGUARD_LLVM_MAJOR=22) and builds it into build/ (LLVM 19) or
# build-llvm22/ (other majors), or FAILGUARD_BUILD_DIR. Used by demo.sh, test.sh and CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
major=${FAILGUARD_LLVM_MAJOR:-19}
default_build_dir="$root/build"
[ "$major" = 19 ] || default_build_dir="$root/build-llvm$major"
build_dir=${FAILGUARD_BUILD_DIR:-$default_build_dir}

packages=(
  cmake ninja-build ccache python3 git binutils pkg-config libgit2-dev
  "clang-$major" "llvm-$major-dev" "libclang-$major-dev" "libclang-cpp$major-dev"
  "clang-tidy-$major" "clangd-$major" "llvm-$major-tools"
  libgtest-dev libcpp-jwt-dev libpoco-dev
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
  if [ "${1:-}" = --with-test-extras ]; then
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
      "${optional_packages[@]}" >/dev/null ||
      echo "failguard: ${optional_packages[*]} not available; its test will be skipped" >&2
  fi
fi

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DFAILGUARD_LLVM_MAJOR="$major" >/dev/null
ninja -C "$build_dir"

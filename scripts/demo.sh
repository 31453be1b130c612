#!/usr/bin/env bash
# Installs and builds failguard, then runs it on the bundled example: a
# Drogon-style authentication filter whose token exceptions escape.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"

example="$root/examples/drogon-filter"
echo
echo "== failguard-tidy on examples/drogon-filter (configuration from its .clang-tidy)"
cd "$example"
"$root/build/bin/failguard-tidy" AuthFilter.cc
echo
echo "== the same checks as a plugin of Debian's clang-tidy-19"
clang-tidy-19 --load "$root/build/lib/FailguardPlugin.so" --quiet AuthFilter.cc 2>&1 | grep -E 'warning:|note:'

#!/usr/bin/env bash
# Installs and builds failguard, then replays the incident it exists for in a
# git repository it creates: the validator's try/catch removed and its return
# type narrowed from std::optional<Claims> to Claims. failguard reports both
# regressions against the commit, and the exceptions now escaping the filter.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"

example="$root/examples/incident"
repo=$(mktemp -d)
cache=$(mktemp -d)
trap 'rm -rf "$repo" "$cache"' EXIT
git_() { git -C "$repo" -c user.name=demo -c user.email=demo@failguard.invalid "$@"; }

cp "$example/.clang-tidy" "$example"/before/* "$repo/"
printf '%s\n' -std=c++17 -isystem "$root/test/Inputs/Headers" > "$repo/compile_flags.txt"
git_ init -q -b main
git_ add -A
git_ commit -q -m "Authenticate requests with validateToken"
cp "$example"/after/* "$repo/"

echo
echo "== git diff --stat (the refactor, not committed)"
git_ diff --stat
echo
echo "== failguard-tidy AuthFilter.cc (baseline: HEAD)"
cd "$repo"
status=0
XDG_CACHE_HOME="$cache" "$root/build/bin/failguard-tidy" --quiet AuthFilter.cc || status=$?
echo
echo "== the same checks as a plugin of Debian's clang-tidy-19"
XDG_CACHE_HOME="$cache" clang-tidy-19 --load "$root/build/lib/FailguardPlugin.so" --quiet \
  AuthFilter.cc 2>/dev/null | grep -E 'warning:' || true
exit "$status"

#!/usr/bin/env bash
# Installs and builds failguard, then replays the incident it exists for in a
# git repository it creates: the validator's try/catch removed and its return
# type narrowed from std::optional<Claims> to Claims. failguard reports both
# regressions against the commit, and the exceptions now escaping the filter;
# then the filter's edge-case plan, with the expired-token case escaping.
# With FAILGUARD_PREFIX (e.g. /usr after installing the .deb) it builds
# nothing and runs the tools installed there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${FAILGUARD_PREFIX:-}" ]; then
  bin="$FAILGUARD_PREFIX/bin"
  plugin="$FAILGUARD_PREFIX/lib/failguard/FailguardPlugin.so"
  unset FAILGUARD_TIDY
else
  "$root/scripts/build.sh"
  bin="$root/build/bin"
  plugin="$root/build/lib/FailguardPlugin.so"
fi

example="$root/examples/incident"
repo=$(mktemp -d)
cache=$(mktemp -d)
trap 'rm -rf "$repo" "$cache"' EXIT
git_() { git -C "$repo" -c user.name=demo -c user.email=demo@failguard.invalid "$@"; }

cp "$example/.clang-tidy" "$example"/before/* "$repo/"
echo build/ > "$repo/.gitignore"
git_ init -q -b main
git_ add -A
git_ commit -q -m "Authenticate requests with validateToken"
cp "$example"/after/* "$repo/"
mkdir -p "$repo/build"
cat > "$repo/build/compile_commands.json" <<JSON
[{"directory": "$repo", "file": "$repo/AuthFilter.cc",
  "arguments": ["clang++", "-std=c++17", "-isystem", "$root/test/Inputs/Headers", "-c", "$repo/AuthFilter.cc"]}]
JSON

echo
echo "== git diff --stat (the refactor, not committed)"
git_ diff --stat
echo
echo "== git failguard (the change since HEAD; --all also reports escapes in unchanged functions)"
cd "$repo"
status=0
PATH="$bin:$PATH" XDG_CACHE_HOME="$cache" git failguard --all || status=$?
echo "git failguard exited with $status (1: findings)"
echo
echo "== the same checks as a plugin of Debian's clang-tidy-19, on the file"
XDG_CACHE_HOME="$cache" "clang-tidy-${FAILGUARD_LLVM_MAJOR:-19}" --load "$plugin" --quiet \
  -p build AuthFilter.cc 2>/dev/null | grep -E 'warning:' || true
echo
echo "== git failguard plan (the filter's edge-case plan: which token cases escape it)"
PATH="$bin:$PATH" XDG_CACHE_HOME="$cache" git failguard plan --all
[ "$status" -le 1 ]

#!/usr/bin/env bash
# Builds what test/driver/pre-commit.test runs Debian's pre-commit on:
#   pre_commit_setup.sh TMP SRC_ROOT INPUTS HEADERS BIN
# TMP/hooks    a hook repository: this source tree's .pre-commit-hooks.yaml, one
#              commit, and the release tag the docs say to make (v<VERSION>, annotated)
# TMP/pc       runs a command with BIN (git-failguard) on PATH and PRE_COMMIT_HOME in TMP
# TMP/hooks.sha, TMP/hooks.tag   the commit id and the tag
# TMP/by-commit, TMP/by-tag, TMP/range, TMP/first   projects (see project below)
# TMP/push     a project whose hook runs at pre-push (the docs' example), with
#              the remote TMP/remote.git (empty)
set -euo pipefail
tmp=$1 src=$2 inputs=$3 headers=$4 bin=$5
cat > "$tmp/pc" <<WRAP
#!/bin/sh
PATH='$bin':\$PATH PRE_COMMIT_HOME='$tmp/pre-commit-home' exec "\$@"
WRAP
chmod +x "$tmp/pc"
version=$("$bin/git-failguard" --version | cut -d' ' -f2)
git init -q -b main "$tmp/hooks"
cp "$src/.pre-commit-hooks.yaml" "$tmp/hooks/"
git -C "$tmp/hooks" add -A
git -C "$tmp/hooks" commit -q -m hooks
git -C "$tmp/hooks" tag -a "v$version" -m "failguard $version"
git -C "$tmp/hooks" rev-parse HEAD > "$tmp/hooks.sha"
echo "v$version" > "$tmp/hooks.tag"

# A project whose .pre-commit-config.yaml pins the hook at REV, with the hook
# installed in .git/hooks; one commit (src/auth.cpp handles its exceptions)
# unless FIRST is set (then nothing is committed yet). With PUSH set, the
# hook's stage is pre-push, and the pre-push hook is installed.
project() {
  local dir=$1 rev=$2
  rm -rf "$dir"
  git init -q -b main "$dir"
  mkdir -p "$dir/src"
  cp "$inputs/../../baseline/Inputs/guarded.cpp" "$dir/src/auth.cpp"
  cp "$inputs/other.cpp" "$dir/src/other.cpp"
  # A unit whose code is in a header with an extension pre-commit's file
  # types do not know (.ipp).
  cp "$inputs/../../baseline/Inputs/guarded.cpp" "$dir/src/impl.ipp"
  printf '#include "impl.ipp"\n' > "$dir/src/impl.cpp"
  python3 "$inputs/make_cdb.py" "$dir" "$headers" src/auth.cpp src/other.cpp src/legacy.cpp \
    src/impl.cpp
  echo build/ > "$dir/.gitignore"
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: failguard\n' \
    "$tmp/hooks" "$rev" > "$dir/.pre-commit-config.yaml"
  if [ -n "${PUSH:-}" ]; then
    # pre-commit 3.2 named the stage pre-push; older ones (Debian 12's 3.0.4) call it push.
    local stage=pre-push
    case $("$tmp/pc" pre-commit --version) in
      'pre-commit '[0-2].* | 'pre-commit 3.'[01].*) stage=push ;;
    esac
    printf '        stages: [%s]\n' "$stage" >> "$dir/.pre-commit-config.yaml"
    (cd "$dir" && "$tmp/pc" pre-commit install --hook-type pre-push > /dev/null)
  fi
  git -C "$dir" add -A
  (cd "$dir" && "$tmp/pc" pre-commit install > /dev/null)
  [ -n "${FIRST:-}" ] || git -C "$dir" commit -q --no-verify -m base
}
project "$tmp/by-commit" "$(cat "$tmp/hooks.sha")"
project "$tmp/by-tag" "v$version"
project "$tmp/range" "v$version"
FIRST=1 project "$tmp/first" "v$version"
PUSH=1 project "$tmp/push" "v$version"
rm -rf "$tmp/remote.git"
git init -q --bare "$tmp/remote.git"
git -C "$tmp/push" remote add origin "$tmp/remote.git"

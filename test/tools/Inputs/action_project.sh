#!/usr/bin/env bash
# A project as a pull request's checkout sees it: the incident example's
# filter and validator committed on main, and the branch 'pr' (checked out)
# with one more commit that copies in the files of DIR (the refactor, or a
# benign change). A CMakeLists.txt builds it against the mock headers.
#   action_project.sh REPO PR_FILES_DIR HEADERS
set -euo pipefail
repo=$1 pr=$2 headers=$3
example=$(cd "$(dirname "$0")/../../.." && pwd)/examples/incident
rm -rf "$repo"
mkdir -p "$repo"
cp "$example/.clang-tidy" "$example"/before/* "$repo/"
cat > "$repo/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.16)
project(auth CXX)
set(CMAKE_CXX_STANDARD 17)
add_library(auth OBJECT AuthFilter.cc)
target_include_directories(auth SYSTEM PRIVATE "$headers")
CMAKE
printf 'build/\n*.sarif\ngl-code-quality-report.json\n' > "$repo/.gitignore"
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" commit -q -m "Authenticate requests with validateToken"
git -C "$repo" checkout -q -b pr
cp "$pr"/* "$repo/"
git -C "$repo" commit -q -am "The pull request"

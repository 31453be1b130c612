#!/usr/bin/env bash
# Makes the release files of the version in VERSION (docs/release.md):
#   failguard-llvmN_VERSION_ARCH.deb                the Debian package of each LLVM major
#   failguard-VERSION-llvmN-linux-MACHINE.tar.gz    a relocatable tarball of each major
#   SHA256SUMS                                       sha256sum's list of all of them
#
#   scripts/release.sh [--out DIR] [--llvm N]... [--build-dir DIR]...
#
# --llvm N (repeatable; default 19 and 22) builds LLVM major N from scratch in
# DIR/build-llvmN, a directory this script owns: it is removed first, and made
# with scripts/build.sh, which installs the packages the build needs. With
# --build-dir DIR (repeatable) an existing, configured build is packaged
# instead (brought up to date first; its LLVM major is the one it was
# configured for). The out directory (default: release/) is emptied of
# previous release files. CHANGELOG.md must have a dated section for VERSION.
# lintian, where it is installed, checks each package; an error or a warning
# fails the run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/release
majors=()
build_dirs=()
die() { echo "failguard: release.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --out) [ $# -ge 2 ] || die "--out needs a directory"; out=$2; shift 2 ;;
    --llvm) [ $# -ge 2 ] || die "--llvm needs a major"; majors+=("$2"); shift 2 ;;
    --build-dir) [ $# -ge 2 ] || die "--build-dir needs a directory"; build_dirs+=("$2"); shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[ ${#majors[@]} -gt 0 ] || [ ${#build_dirs[@]} -gt 0 ] || majors=(19 22)

version=$(head -n 1 "$root/VERSION")
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "VERSION holds '$version', not MAJOR.MINOR.PATCH"
python3 "$root/cmake/debian/changelog.py" "$root/CHANGELOG.md" failguard "$version" \
  "release <check@failguard.invalid>" /dev/null --release ||
  die "add a dated section '## [$version] - YYYY-MM-DD' to CHANGELOG.md first"
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  echo "failguard: release.sh: warning: the checkout has uncommitted changes; a release is made from a tagged, clean commit" >&2
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out"/failguard-llvm*_*.deb "$out"/failguard-*-llvm*-linux-*.tar.gz "$out/SHA256SUMS"
# Reproducible archives: every file's time is the release commit's.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
machine=$(uname -m)

for major in "${majors[@]}"; do
  [[ $major =~ ^[0-9]+$ ]] || die "--llvm takes a major version number, not '$major'"
  dir=$out/build-llvm$major
  rm -rf "$dir"
  echo "failguard: release.sh: building LLVM $major in $dir" >&2
  FAILGUARD_LLVM_MAJOR=$major FAILGUARD_BUILD_DIR=$dir "$root/scripts/build.sh"
  build_dirs+=("$dir")
done

package() {
  local dir=$1 major built package deb name stage
  [ -f "$dir/CMakeCache.txt" ] || die "'$dir' is not a configured build directory"
  dir=$(cd "$dir" && pwd)
  major=$(sed -n 's/^FAILGUARD_LLVM_MAJOR:STRING=//p' "$dir/CMakeCache.txt")
  [ -n "$major" ] || die "'$dir' is not a failguard build directory"
  grep -q '^FAILGUARD_SANITIZE:BOOL=ON' "$dir/CMakeCache.txt" &&
    die "'$dir' is a sanitizer build; release builds are plain Release builds"
  # Builds into one directory take turns (scripts/build.sh takes the same lock).
  exec 9>"$dir/.failguard-build.lock"
  flock 9
  cmake --build "$dir" >&2
  built=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$dir/CPackConfig.cmake")
  [ "$built" = "$version" ] || die "'$dir' builds version '$built', VERSION says '$version'"
  package=failguard-llvm$major

  echo "failguard: release.sh: $package $version from $dir" >&2
  rm -rf "$out/_cpack-llvm$major"
  cpack --config "$dir/CPackConfig.cmake" -G DEB -B "$out/_cpack-llvm$major" >/dev/null
  deb=$(ls "$out/_cpack-llvm$major"/"${package}_${version}"_*.deb)
  mv "$deb" "$out/"
  rm -rf "$out/_cpack-llvm$major"

  # The tarball: the installed layout under one directory, which may be moved
  # anywhere (the tools find each other, the plugin and the docs relative to
  # themselves).
  name=failguard-$version-llvm$major-linux-$machine
  stage=$out/_stage-llvm$major
  rm -rf "$stage"
  cmake --install "$dir" --prefix "$stage/$name" --strip >/dev/null
  # Debian's lintian overrides belong to the .deb only.
  rm -rf "$stage/$name/share/lintian"
  exec 9>&-
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
      -C "$stage" -cf - "$name" | gzip -n -9 > "$out/$name.tar.gz"
  rm -rf "$stage"

  if command -v lintian >/dev/null; then
    # Errors and warnings fail the release (the overrides that are justified
    # are in cmake/debian/lintian-overrides); lintian's notes are printed.
    lintian --fail-on error,warning "$out/$(basename "$deb")" >&2 ||
      die "lintian found errors or warnings in $(basename "$deb")"
    echo "failguard: release.sh: lintian: no error or warning in $(basename "$deb")" >&2
  fi
}
for dir in "${build_dirs[@]}"; do
  package "$dir"
done

(cd "$out" && sha256sum -- failguard-llvm*_*.deb failguard-*-llvm*-linux-*.tar.gz > SHA256SUMS)
echo "failguard: release.sh: release files in $out:" >&2
sed 's/^[0-9a-f]*  /  /' "$out/SHA256SUMS" >&2

#!/usr/bin/env python3
"""Computes failguard build ids with cmake/BuildId.cmake, the script the build
runs, over copies of the analysis sources (lib/ and checks/, as lib/CMakeLists.txt
globs them):

  build_id.py SRC_ROOT SCRATCH VERSION_FILE

VERSION_FILE holds failguard-tidy --version, which names the LLVM version.

Prints one line per case: the id of the sources where they are, of a copy in
another directory, and of a copy with one line added to a file of checks/."""
import glob
import os
import re
import shutil
import subprocess
import sys

src, scratch, version_file = sys.argv[1:4]
with open(version_file) as version:
    llvm_version = re.search(r'clang-tidy (\d+\.\d+\.\d+)', version.read()).group(1)


def sources(root):
    found = []
    for directory in ('lib', 'checks'):
        for pattern in ('*.cpp', '*.h'):
            found += glob.glob(os.path.join(root, directory, pattern))
    return sorted(found)


def build_id(files, output):
    subprocess.run(['cmake', '-DSOURCES=' + ';'.join(files), '-DLLVM_VERSION=' + llvm_version,
                    '-DOUTPUT=' + output, '-P', os.path.join(src, 'cmake', 'BuildId.cmake')],
                   check=True)
    with open(output) as header:
        return re.search(r'FAILGUARD_BUILD_ID "([0-9a-f]{64})"', header.read()).group(1)


def copy(name):
    root = os.path.join(scratch, name)
    for path in sources(src):
        target = os.path.join(root, os.path.relpath(path, src))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy(path, target)
    return root


print('here', build_id(sources(src), os.path.join(scratch, 'here.h')))
print('copy', build_id(sources(copy('copy')), os.path.join(scratch, 'copy.h')))
edited = copy('edited')
victim = sorted(glob.glob(os.path.join(edited, 'checks', '*.cpp')))[0]
with open(victim, 'a') as out:
    out.write('// one more line\n')
print('edited', build_id(sources(edited), os.path.join(scratch, 'edited.h')))

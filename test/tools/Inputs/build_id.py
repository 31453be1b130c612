#!/usr/bin/env python3
"""Prints the build id cmake/BuildId.cmake computes for the lib/ and checks/ of
the source tree ROOT, with the LLVM version of this build (lit's config).

  build_id.py ROOT OBJ_ROOT"""
import glob
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
source_root = os.path.normpath(os.path.join(here, '..', '..', '..'))
root, obj_root = sys.argv[1], sys.argv[2]
generated = open(os.path.join(obj_root, 'generated', 'failguard', 'BuildId.h')).read()
llvm = re.search(r'FAILGUARD_BUILD_LLVM "([^"]*)"', generated).group(1)
sources = [p for d in ('lib', 'checks') for ext in ('cpp', 'h')
           for p in glob.glob(os.path.join(root, d, '*.' + ext))]
with tempfile.TemporaryDirectory() as scratch:
    out = os.path.join(scratch, 'BuildId.h')
    subprocess.run(['cmake', '-DSOURCES=' + ';'.join(sources), '-DLLVM_VERSION=' + llvm,
                    '-DOUTPUT=' + out, '-P', os.path.join(source_root, 'cmake', 'BuildId.cmake')],
                   check=True)
    print(re.search(r'FAILGUARD_BUILD_ID "([0-9a-f]{64})"', open(out).read()).group(1))

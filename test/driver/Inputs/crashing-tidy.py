#!/usr/bin/env python3
"""Stands in for a failguard-tidy that dies without a diagnostic: silently with
status 134, or (FAILGUARD_TEST_ABORT set) aborting after LLVM's fatal error
and a stack dump, as a real crash does. git-failguard must not take either
for a clean unit."""
import os
import sys

if '--list-checks' in sys.argv:
    print('Enabled checks:\n    failguard-removed-exception-handler')
    sys.exit(0)
if '--version' in sys.argv:
    print('failguard build id ' + 'f' * 64)
    sys.exit(0)
if os.environ.get('FAILGUARD_TEST_ABORT'):
    sys.stderr.write('LLVM ERROR: out of memory\nAllocation failed\nStack dump:\n'
                     ' #0 0x00007f0000000000 llvm::sys::PrintStackTrace\n')
    sys.stderr.flush()
    os.abort()
sys.exit(134)

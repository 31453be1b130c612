#!/usr/bin/env python3
"""Builds the project summary index of the git repository in the current
directory, at the place the checks look for it by default, for the clangd
tests (until `git failguard index` builds it).

  build_index.py FAILGUARD_TIDY UNIT...

Each UNIT (a path relative to the working tree root) is summarised by the real
writer: FAILGUARD_TIDY run on it with FAILGUARD_SUMMARY_OUT and
FAILGUARD_SUMMARY_ONLY=1, which writes a one-unit index. Their "units" arrays
are concatenated into `$XDG_CACHE_HOME/failguard/index/<first 16 hex digits of
SHA-256 of the working tree root's real path>.json`, mode 0600, replaced
atomically. XDG_CACHE_HOME must be set: a test never writes the user's cache.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) < 3:
        sys.exit('usage: build_index.py FAILGUARD_TIDY UNIT...')
    tidy, units = sys.argv[1], sys.argv[2:]
    cache = os.environ.get('XDG_CACHE_HOME')
    if not cache:
        sys.exit('build_index.py: XDG_CACHE_HOME is not set')
    root = os.path.realpath(subprocess.run(['git', 'rev-parse', '--show-toplevel'], check=True,
                                           stdout=subprocess.PIPE, text=True).stdout.strip())
    merged = []
    with tempfile.TemporaryDirectory() as scratch:
        for number, unit in enumerate(units):
            out = os.path.join(scratch, '%d.json' % number)
            run = subprocess.run([tidy, '-quiet', '-checks=-*,failguard-auth-exception-escape',
                                  os.path.join(root, unit)],
                                 env=dict(os.environ, FAILGUARD_SUMMARY_OUT=out,
                                          FAILGUARD_SUMMARY_ONLY='1'))
            if run.returncode != 0 or not os.path.exists(out):
                sys.exit('build_index.py: the writer failed on %s (exit %d)' % (unit, run.returncode))
            with open(out) as f:
                index = json.load(f)
            if index.get('format') != 'failguard-index-1' or len(index.get('units', [])) != 1:
                sys.exit('build_index.py: unexpected writer output for %s' % unit)
            merged += index['units']
    directory = os.path.join(cache, 'failguard', 'index')
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, hashlib.sha256(root.encode()).hexdigest()[:16] + '.json')
    fd, temporary = tempfile.mkstemp(dir=directory)  # mode 0600
    with os.fdopen(fd, 'w') as f:
        json.dump({'format': 'failguard-index-1', 'units': merged}, f)
    os.replace(temporary, path)
    print('index: %d units' % len(merged))


if __name__ == '__main__':
    main()

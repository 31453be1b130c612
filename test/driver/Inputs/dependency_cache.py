#!/usr/bin/env python3
"""Damages git-failguard's dependency cache files (deps-*.json in DIR) in one
of several ways, or checks that they are well formed again:

  dependency_cache.py DIR list|record|files|stamp|truncated|fifo|forged
  dependency_cache.py DIR check     prints 'cache ok: N unit(s)'"""
import glob
import json
import os
import sys

directory, action = sys.argv[1], sys.argv[2]
paths = sorted(glob.glob(os.path.join(directory, 'deps-*.json')))
assert paths, 'no dependency cache in ' + directory
for path in paths:
    if action == 'check':
        cache = json.load(open(path))
        assert isinstance(cache, dict) and cache
        for record in cache.values():
            assert isinstance(record['command'], str) and isinstance(record['files'], dict)
        print('cache ok: %d unit(s)' % len(cache))
        continue
    if action == 'fifo':
        os.unlink(path)
        os.mkfifo(path)
        continue
    cache = json.load(open(path))
    if action == 'list':
        damaged = [1, 2]
    elif action == 'record':
        damaged = {unit: 5 for unit in cache}
    elif action == 'files':
        damaged = {unit: {'command': record['command'], 'files': [1]} for unit, record in cache.items()}
    elif action == 'forged':
        # Well formed, but claims each unit reads nothing: another user's
        # way to silence findings, were a world-writable file trusted.
        damaged = {unit: {'command': record['command'], 'files': {}} for unit, record in cache.items()}
    elif action == 'stamp':
        damaged = {unit: {'command': record['command'], 'files': {f: 'x' for f in record['files']}}
                   for unit, record in cache.items()}
    else:
        damaged = None
    with open(path, 'w') as f:
        f.write('{"a' if damaged is None else json.dumps(damaged))
    if action == 'forged':
        os.chmod(path, 0o666)

#!/usr/bin/env python3
"""Puts hostile things where failguard's cache entries are, for hardening.test.

  nested DIR      replace every entry with JSON nested 200,000 levels deep
  fifo DIR        replace every entry with a FIFO (no writer)
  zero DIR        replace every entry with a symbolic link to /dev/zero
  tmp DIR AGE     leave a temporary file AGE seconds old, as a killed run would
  size DIR MAX    exit 1 unless the entries add up to at most MAX bytes
"""
import glob
import os
import sys
import time

command, directory = sys.argv[1], sys.argv[2]
entries = glob.glob(os.path.join(directory, '*.json'))
if command in ('nested', 'fifo', 'zero') and not entries:
    sys.exit('hostile_cache.py: no entry in %s' % directory)
for entry in entries if command in ('nested', 'fifo', 'zero') else []:
    os.remove(entry)
    if command == 'nested':
        with open(entry, 'w') as f:
            f.write('[' * 200000)
        os.chmod(entry, 0o600)
    elif command == 'fifo':
        os.mkfifo(entry, 0o600)
    else:
        os.symlink('/dev/zero', entry)
if command == 'tmp':
    path = os.path.join(directory, 'left-by-a-killed-run.json.abcdefgh.tmp')
    with open(path, 'w') as f:
        f.write('partial')
    then = time.time() - float(sys.argv[3])
    os.utime(path, (then, then))
elif command == 'size':
    total = sum(os.path.getsize(e) for e in entries)
    if total > int(sys.argv[3]):
        sys.exit('hostile_cache.py: %d bytes of entries, more than %s' % (total, sys.argv[3]))

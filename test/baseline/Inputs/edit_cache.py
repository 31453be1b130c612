#!/usr/bin/env python3
"""Edits or checks the entries of a failguard facts cache, for cache.test.

  doctor DIR   set every handler line to 999
  remove-handlers DIR   drop every handled-exception fact
  corrupt DIR  replace every entry with bytes that are not JSON
  foreign DIR  keep the JSON but change the key it was written for
  check DIR    exit 1 unless every entry is whole JSON for its own key
  count DIR N [SUFFIX]   exit 1 unless DIR holds N files ending in SUFFIX (.json)
"""
import glob
import json
import os
import sys

command, directory = sys.argv[1], sys.argv[2]
if command == 'count':
    suffix = sys.argv[4] if len(sys.argv) > 4 else '.json'
    found = glob.glob(os.path.join(directory, '*' + suffix))
    if len(found) != int(sys.argv[3]):
        sys.exit('edit_cache.py: expected %s %s files in %s, found %s' %
                 (sys.argv[3], suffix, directory, found))
    sys.exit(0)
entries = glob.glob(os.path.join(directory, '*.json'))
if not entries:
    sys.exit('edit_cache.py: no entries in ' + directory)
for path in entries:
    key = os.path.basename(path)[:-len('.json')]
    if command == 'corrupt':
        with open(path, 'wb') as f:
            f.write(b'{"key": "' + key.encode() + b'", "facts": {trunc')
        continue
    with open(path) as f:
        entry = json.load(f)
    if command == 'check':
        if entry.get('key') != key or 'facts' not in entry:
            sys.exit('edit_cache.py: %s is not an entry for its key' % path)
        continue
    # A function is a positional array (lib/Facts.cpp, toJSON): its handlers
    # are at index 11, each [call, api, [types], file, line].
    if command == 'doctor':
        for function in entry['facts']['functions']:
            for handled in function[11]:
                handled[4] = 999
    elif command == 'remove-handlers':
        for function in entry['facts']['functions']:
            function[11] = []
    elif command == 'foreign':
        entry['key'] = '0' * 64
    with open(path, 'w') as f:
        json.dump(entry, f)

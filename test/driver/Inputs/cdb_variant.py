#!/usr/bin/env python3
"""Writes DIR/compile_commands.json holding one of the malformed databases
git-failguard must refuse with one line: null, {}, a string, a list with a
non-object, an entry without 'file', an entry without 'directory', an
entry with a key clang's reader refuses (clang-tidy would then run every
unit without flags)."""
import json
import os
import sys

directory, variant = sys.argv[1], sys.argv[2]
content = {
    'null': None, 'object': {}, 'string': 'compile_commands',
    'number-entry': [1],
    'no-file': [{'directory': '/tmp', 'command': 'c++ -c a.cpp'}],
    'no-directory': [{'file': 'a.cpp', 'command': 'c++ -c a.cpp'}],
    'unknown-key': [{'file': 'a.cpp', 'directory': '/tmp', 'command': 'c++ -c a.cpp',
                     'flags': '-O2'}],
}[variant]
os.makedirs(directory, exist_ok=True)
with open(os.path.join(directory, 'compile_commands.json'), 'w') as f:
    json.dump(content, f)

#!/usr/bin/env python3
"""Writes DIR/build/compile_commands.json for the C++ files given (relative to DIR),
compiled with -std=c++17 and the test headers."""
import json
import os
import sys

root, headers, files = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3:]
os.makedirs(os.path.join(root, 'build'), exist_ok=True)
entries = [{'directory': os.path.join(root, 'build'), 'file': os.path.join(root, f),
            'arguments': ['clang++', '-std=c++17', '-isystem', headers, '-I', root, '-c',
                          os.path.join(root, f)]} for f in files]
with open(os.path.join(root, 'build', 'compile_commands.json'), 'w') as f:
    json.dump(entries, f, indent=1)

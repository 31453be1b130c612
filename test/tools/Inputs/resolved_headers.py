#!/usr/bin/env python3
"""Prints where the build's own flags resolve <cxxabi.h> and an LLVM header.

Usage: resolved_headers.py BUILD_DIR SOURCE_SUFFIX SCRATCH_DIR

Takes the compile command of the build's file ending in SOURCE_SUFFIX from
BUILD_DIR/compile_commands.json, compiles a file that includes both headers
with it, and prints the dependency list (-M).
"""
import json
import os
import shlex
import subprocess
import sys

build, suffix, scratch = sys.argv[1:4]
with open(os.path.join(build, 'compile_commands.json'), encoding='utf-8') as f:
    entry = next(e for e in json.load(f) if e['file'].endswith(suffix))
command = entry.get('arguments') or shlex.split(entry['command'])
if os.path.basename(command[0]) == 'ccache':
    command = command[1:]
os.makedirs(scratch, exist_ok=True)
probe = os.path.join(scratch, 'probe.cpp')
with open(probe, 'w', encoding='utf-8') as f:
    f.write('#include <cxxabi.h>\n#include "llvm/ADT/StringRef.h"\n')
flags, skip = [], False
for arg in command[1:]:
    if skip:
        skip = False
    elif arg in ('-o', '-c', '-MF', '-MT', '-MQ'):
        skip = arg != '-c'
    elif arg != entry['file'] and not arg.startswith(('-MD', '-MMD')):
        flags.append(arg)
run = subprocess.run([command[0]] + flags + ['-M', probe], cwd=entry['directory'],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
sys.stdout.write(run.stdout.replace('\\\n', '\n'))
sys.exit(run.returncode)

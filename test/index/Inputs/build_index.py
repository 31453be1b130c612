#!/usr/bin/env python3
"""Builds a project summary index the way the checks write it, without the driver.

  build_index.py OUTPUT ROOT 'HOST COMMAND' UNIT...

Runs the summary entry point (failguard-tidy --summarise-to) on each unit
(relative to ROOT, flags from ROOT/build/compile_commands.json), checks that
each wrote exactly one unit, and joins them into OUTPUT (mode 0600)."""
import json
import os
import shlex
import subprocess
import sys
import tempfile

output, root, host, units = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
joined = []
with tempfile.TemporaryDirectory() as scratch:
    for number, unit in enumerate(units):
        out = os.path.join(scratch, '%d.json' % number)
        run = subprocess.run(shlex.split(host) + ['--summarise-to=' + out, '--quiet',
                                                  '-p', os.path.join(root, 'build'),
                                                  os.path.join(root, unit)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if run.returncode != 0 or run.stdout.strip():
            sys.exit('summary pass of %s: status %d, output %r %r' %
                     (unit, run.returncode, run.stdout, run.stderr))
        with open(out) as f:
            index = json.load(f)
        if index.get('format') != 'failguard-index-1' or len(index['units']) != 1 or \
                index['units'][0]['unit'] != unit:
            sys.exit('summary pass of %s wrote %r' % (unit, index))
        joined += index['units']
fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, 'w') as f:
    json.dump({'format': 'failguard-index-1', 'units': joined}, f)

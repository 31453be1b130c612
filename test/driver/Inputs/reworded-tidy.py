#!/usr/bin/env python3
"""Stands in for a failguard-tidy whose diagnostics are worded otherwise: runs
the real one (REAL_FAILGUARD_TIDY) and rewrites every message of the results
file it wrote (findings, notes, unit problems) and of its printed
diagnostics. The driver reads the results as data, so rewording must change
no verdict, location or count of its reports."""
import json
import os
import re
import subprocess
import sys

real = os.environ['REAL_FAILGUARD_TIDY']


def reword(text):
    return 'REWORDED ' + ' '.join(reversed(text.split(' ')))


result = subprocess.run([real] + sys.argv[1:], stdout=subprocess.PIPE)
out = re.sub(rb'(warning|error|note): (.*?)( \[[\w,.-]+\])?$',
             lambda m: m.group(1) + b': ' + reword(m.group(2).decode('utf-8', 'replace')).encode()
             + (m.group(3) or b''), result.stdout, flags=re.M)
sys.stdout.buffer.write(out)
runs = [a[len('--failguard-run='):] for a in sys.argv[1:] if a.startswith('--failguard-run=')]
for run in runs:
    with open(run) as f:
        results = json.load(f).get('outputs', {}).get('results')
    if not results or not os.path.exists(results):
        continue
    with open(results) as f:
        data = json.load(f)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == 'message' and isinstance(value, str):
                    node[key] = reword(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data.get('units'))
    with open(results, 'w') as f:
        json.dump(data, f)
sys.exit(result.returncode)

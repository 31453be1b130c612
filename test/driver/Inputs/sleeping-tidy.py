#!/usr/bin/env python3
"""Stands in for a failguard-tidy (or a clang-scan-deps) that takes long:
starts a child of its own, records both process ids in the directory
FAILGUARD_TEST_PIDS (one file per run), then sleeps FAILGUARD_TEST_SLEEP
seconds and reports nothing: as failguard-tidy, a results file where its run
file asks for one, with the unit and nothing found in it."""
import json
import os
import subprocess
import sys
import time

if '--list-checks' in sys.argv:
    print('Enabled checks:\n    failguard-removed-exception-handler')
    sys.exit(0)
if '--version' in sys.argv:
    print('failguard build id ' + 'f' * 64)
    sys.exit(0)
if '--dump-config' in sys.argv:
    # The configuration git failguard reads the baseline from: none set.
    print("---\nChecks: 'failguard-*'")
    sys.exit(0)
seconds = os.environ['FAILGUARD_TEST_SLEEP']
child = subprocess.Popen(['sleep', seconds])
record = os.path.join(os.environ['FAILGUARD_TEST_PIDS'], str(os.getpid()))
with open(record + '.tmp', 'w') as f:
    f.write('%d\n' % child.pid)
os.rename(record + '.tmp', record)
time.sleep(float(seconds))
child.wait()
run_file = [arg.split('=', 1)[1] for arg in sys.argv[1:] if arg.startswith('--failguard-run=')]
if run_file:
    with open(run_file[0]) as f:
        results = json.load(f)['outputs']['results']
    with open(results, 'w') as f:
        json.dump({'format': 'failguard-results-1', 'units': [
            {'file': sys.argv[-1], 'checks': [], 'problems': [], 'findings': []}]}, f)

#!/usr/bin/env python3
"""Runs a command that logs 'failguard: parsing' (FAILGUARD_LOG=baseline) on
stderr, and once it does, waits DELAY seconds and copies SOURCE over TARGET:
a generated header rewritten while the baseline parse runs.

  rewrite_during_parse.py DELAY SOURCE TARGET -- COMMAND...
"""
import os
import shutil
import subprocess
import sys
import time

delay, source, target = float(sys.argv[1]), sys.argv[2], sys.argv[3]
command = sys.argv[sys.argv.index('--') + 1:]
env = dict(os.environ, FAILGUARD_LOG='baseline')
process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                           text=True)
rewritten = False
for line in process.stderr:
    if 'failguard: parsing' in line and not rewritten:
        time.sleep(delay)
        shutil.copyfile(source, target)
        rewritten = True
process.wait()
if not rewritten:
    sys.exit('rewrite_during_parse: the command never logged a baseline parse')
print('rewritten during the baseline parse')

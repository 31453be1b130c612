#!/usr/bin/env python3
"""Sends a signal to git failguard at a range of moments from its first
instruction (the moment its handlers are installed, seen in
/proc/PID/status: SIGHUP, which Python itself leaves alone, is caught) and
sums up what happened:

  early_signal.py REPO SIGNAL_NAME COMMAND...

Prints the exit statuses seen, whether any run printed a Python traceback or
anything but "interrupted", and how many scratch directories were left (git
failguard runs with a TMPDIR of its own)."""
import os
import signal
import subprocess
import sys
import tempfile
import time

repo, name, command = sys.argv[1], sys.argv[2], sys.argv[3:]
number = getattr(signal, name)
statuses, tracebacks, chatty = set(), 0, 0
scratch = tempfile.mkdtemp(prefix='early-signal-')


def caught(pid):
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('SigCgt:'):
                    return int(line.split()[1], 16) & (1 << (signal.SIGHUP - 1))
    except OSError:
        pass
    return False


for step in range(0, 31):
    driver = subprocess.Popen(command, cwd=repo, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, env=dict(os.environ, TMPDIR=scratch))
    deadline = time.monotonic() + 30
    while not caught(driver.pid) and driver.poll() is None and time.monotonic() < deadline:
        pass
    time.sleep(step * 0.002)
    driver.send_signal(number)
    _, err = driver.communicate(timeout=60)
    statuses.add(driver.returncode)
    tracebacks += b'Traceback' in err
    lines = err.decode('utf-8', 'replace').splitlines()
    if any(line != "git-failguard: interrupted" for line in lines):
        chatty += 1
        sys.stderr.write("after %d ms: %s\n" % (step * 2, " / ".join(lines)))
print('statuses: %s' % ' '.join(
    'exit-%d' % s if s >= 0 else 'signal-%d' % -s for s in sorted(statuses)))
print('tracebacks: %d' % tracebacks)
print('runs that said more than "interrupted": %d' % chatty)
print('scratch directories left: %d' % len(os.listdir(scratch)))
os.rmdir(scratch)

#!/usr/bin/env python3
"""Runs git failguard with sleeping-tidy.py standing in for failguard-tidy and,
with 'interrupt' ('terminate', 'hangup'), sends it SIGINT (SIGTERM, SIGHUP)
once JOBS units are running. Prints the exit status, how long it took to stop,
how many units were started, how many of the stand-ins' processes are left
(zombies count as gone), and how many of its scratch directories are left
(git failguard runs with a TMPDIR of its own, PIDS_DIR.tmp).

  interrupt.py REPO PIDS_DIR interrupt|terminate|wait JOBS COMMAND..."""
import os
import signal
import subprocess
import sys
import time

repo, pids, mode, jobs, command = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
os.makedirs(pids, exist_ok=True)


def started():
    return [name for name in os.listdir(pids) if not name.endswith('.tmp')]


def alive(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except OSError:
        return False


SIGNALS = {'interrupt': signal.SIGINT, 'terminate': signal.SIGTERM, 'hangup': signal.SIGHUP}
scratch = pids.rstrip('/') + '.tmp'
os.makedirs(scratch, exist_ok=True)
driver = subprocess.Popen(command, cwd=repo, stderr=subprocess.PIPE, text=True,
                          env=dict(os.environ, TMPDIR=scratch))
if mode in SIGNALS:
    deadline = time.monotonic() + 60
    while len(started()) < jobs and time.monotonic() < deadline:
        time.sleep(0.02)
    sent = time.monotonic()
    driver.send_signal(SIGNALS[mode])
    status = driver.wait(timeout=60)
    elapsed = time.monotonic() - sent
    print('exit %d' % status)
    print('stopped within 2 s: %s (%.2f s)' % (elapsed < 2, elapsed))
else:
    status = driver.wait(timeout=120)
    print('exit %d' % status)
for line in driver.stderr.read().splitlines():
    print('stderr: ' + line)
# A unit that was pending must not start late.
time.sleep(0.5)
names = started()
print('units started: %d' % len(names))
processes = [int(name) for name in names] + [int(open(os.path.join(pids, name)).read())
                                             for name in names]
left = [pid for pid in processes if alive(pid)]
print('processes left: %d' % len(left))
for pid in left:
    os.kill(pid, signal.SIGKILL)
print('scratch directories left: %d' % len(os.listdir(scratch)))

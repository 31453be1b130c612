#!/usr/bin/env python3
"""Starts COUNT copies of a command at the same moment and prints each one's
exit status, then the number that wrote anything to stderr besides their
summary line ('git-failguard: index of').

  concurrently.py COUNT COMMAND..."""
import subprocess
import sys

count, command = int(sys.argv[1]), sys.argv[2:]
processes = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(count)]
noisy = 0
for process in processes:
    _, err = process.communicate()
    print('exit %d' % process.returncode)
    if any(not line.startswith('git-failguard: index of') for line in err.splitlines()):
        sys.stderr.write(err)
        noisy += 1
print('%d with other output' % noisy)

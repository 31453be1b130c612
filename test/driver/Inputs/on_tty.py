#!/usr/bin/env python3
"""Runs a command with its stdout on a pseudo-terminal and prints what it
wrote there with escape characters spelled out (ESC as \\x1b), one line per
line; exits with the command's status. With --stderr, the command's stderr
goes to the terminal instead, and what it wrote is printed on one line with
carriage returns spelled out too (a progress line rewritten in place).

  on_tty.py [--stderr] COMMAND..."""
import os
import pty
import subprocess
import sys

args = sys.argv[1:]
stderr = args[:1] == ['--stderr']
if stderr:
    args = args[1:]
leader, follower = pty.openpty()
process = subprocess.Popen(args, **({'stderr': follower} if stderr else {'stdout': follower}))
os.close(follower)
chunks = []
while True:
    try:
        chunk = os.read(leader, 65536)
    except OSError:  # EIO: the terminal's other side is closed
        break
    if not chunk:
        break
    chunks.append(chunk)
status = process.wait()
text = b''.join(chunks).decode('utf-8', 'replace')
if stderr:
    print(ascii(text)[1:-1])
else:
    for line in text.replace('\r\n', '\n').splitlines():
        print(ascii(line)[1:-1])
sys.exit(status)

#!/usr/bin/env python3
"""Runs a command with its stdout on a pseudo-terminal and prints what it
wrote there with escape characters spelled out (ESC as \\x1b), one line per
line; exits with the command's status.

  on_tty.py COMMAND..."""
import os
import pty
import subprocess
import sys

leader, follower = pty.openpty()
process = subprocess.Popen(sys.argv[1:], stdout=follower)
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
for line in b''.join(chunks).decode('utf-8', 'replace').replace('\r\n', '\n').splitlines():
    print(ascii(line)[1:-1])
sys.exit(status)

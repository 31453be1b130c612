#!/usr/bin/env python3
"""Runs a command with its stderr on a pseudo-terminal and prints what it wrote
there with carriage returns and escape characters spelled out (ascii()), all on
one line; exits with the command's status.

  stderr_tty.py COMMAND..."""
import os
import pty
import subprocess
import sys

leader, follower = pty.openpty()
process = subprocess.Popen(sys.argv[1:], stderr=follower)
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
print(ascii(b''.join(chunks).decode('utf-8', 'replace'))[1:-1])
sys.exit(status)

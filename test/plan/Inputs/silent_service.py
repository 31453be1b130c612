#!/usr/bin/env python3
"""A service that accepts connections and never answers (the hanging server
of the probe's test). Writes its loopback port to the file named by its
argument; with_service.py stops it."""
import os
import socket
import sys
import time

listener = socket.socket()
listener.bind(('127.0.0.1', 0))
listener.listen(64)
with open(sys.argv[1] + '.partial', 'w') as f:
    f.write('%d\n' % listener.getsockname()[1])
os.rename(sys.argv[1] + '.partial', sys.argv[1])
held = []
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    listener.settimeout(1)
    try:
        held.append(listener.accept()[0])
    except socket.timeout:
        pass

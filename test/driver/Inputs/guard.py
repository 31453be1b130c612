#!/usr/bin/env python3
"""Runs a command (git failguard) and checks that it left the repository as it
was and exited with the expected status:

  guard.py REPO STATUS COMMAND...

The command's output passes through. Exits 0 when both hold; otherwise says
which did not (with the snapshot's difference) and exits 3."""
import difflib
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
from git_repo import snapshot  # noqa: E402

repo, expected, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
before = snapshot(repo)
status = subprocess.run(command).returncode
after = snapshot(repo)
failed = False
if before != after:
    sys.stderr.writelines(difflib.unified_diff(
        before.decode('utf-8', 'replace').splitlines(True),
        after.decode('utf-8', 'replace').splitlines(True), 'before', 'after'))
    print('guard: the repository changed', file=sys.stderr)
    failed = True
if status != expected:
    print('guard: expected exit status %d, got %d' % (expected, status), file=sys.stderr)
    failed = True
sys.exit(3 if failed else 0)

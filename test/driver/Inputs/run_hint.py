#!/usr/bin/env python3
"""Runs, in REPO, the last 'git fetch ...' command that git failguard's error
message (in FILE) suggests, exactly as quoted, to show that git accepts it."""
import re
import shlex
import subprocess
import sys

message, repo = open(sys.argv[1]).read(), sys.argv[2]
command = re.findall(r"'(git fetch [^']*)'", message)[-1]
print('running: ' + command)
sys.exit(subprocess.run(shlex.split(command), cwd=repo).returncode)

#!/usr/bin/env python3
"""Turns a repository into one a pull request could bring: a tracked symlink
header to /dev/zero (committed) and a tracked header replaced by a FIFO in the
working tree, next to a tracked symlink header to a real one
(include/authcheck.h -> ../src/impl/jwtcheck.h, committed)."""
import os
import subprocess
import sys

repo = sys.argv[1]
os.makedirs(os.path.join(repo, 'include'), exist_ok=True)
os.symlink('/dev/zero', os.path.join(repo, 'src', 'zero.h'))
os.symlink('../src/impl/jwtcheck.h', os.path.join(repo, 'include', 'authcheck.h'))
with open(os.path.join(repo, 'src', 'pipe.h'), 'w') as f:
    f.write('#pragma once\n')
subprocess.run(['git', '-C', repo, 'add', '-A'], check=True)
subprocess.run(['git', '-C', repo, 'commit', '-q', '-m', 'hostile'], check=True)
os.unlink(os.path.join(repo, 'src', 'pipe.h'))
os.mkfifo(os.path.join(repo, 'src', 'pipe.h'))

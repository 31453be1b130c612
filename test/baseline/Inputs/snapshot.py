#!/usr/bin/env python3
"""Prints everything about a repository that a read-only tool must not change:
git status, the stash, every ref, and the hash of every file under .git and of
the working tree."""
import hashlib
import os
import subprocess
import sys

repo = sys.argv[1]
# The snapshot must not change what it looks at: no index refresh by git status.
os.environ['GIT_OPTIONAL_LOCKS'] = '0'
for args in (['status', '--porcelain=v2', '--branch', '--untracked-files=all'],
             ['stash', 'list'], ['for-each-ref'], ['worktree', 'list', '--porcelain']):
    print('$ git ' + ' '.join(args))
    print(subprocess.run(['git', '-C', repo] + args, check=True, text=True,
                         stdout=subprocess.PIPE).stdout)
git_dir = subprocess.run(['git', '-C', repo, 'rev-parse', '--absolute-git-dir'], check=True,
                         text=True, stdout=subprocess.PIPE).stdout.strip()
for top in (git_dir, repo):
    for root, dirs, files in sorted(os.walk(top)):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            with open(path, 'rb') as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            st = os.stat(path)
            print('%s %s %o %d' % (digest, os.path.relpath(path, top), st.st_mode, st.st_mtime_ns))

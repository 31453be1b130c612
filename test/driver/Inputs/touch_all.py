#!/usr/bin/env python3
"""Makes every tracked file stat-dirty: same content, a different mtime than
the index recorded, so a git that refreshes the index would rewrite it."""
import os
import subprocess
import sys

repo = sys.argv[1]
listed = subprocess.run(['git', '-C', repo, 'ls-files', '-z'], check=True,
                        stdout=subprocess.PIPE).stdout.split(b'\0')
for name in filter(None, listed):
    path = os.path.join(os.fsencode(repo), name)
    st = os.lstat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 7 * 10**9), follow_symlinks=False)

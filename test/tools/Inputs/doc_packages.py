#!/usr/bin/env python3
"""doc_packages.py BUILD_SH USER_GUIDE: the user guide's `sudo apt-get install`
block names exactly the packages build.sh's `packages=(...)` installs for LLVM 19."""
import re
import shlex
import sys

script = open(sys.argv[1], encoding='utf-8').read()
array = re.search(r'^packages=\((.*?)\)', script, re.S | re.M).group(1)
wanted = {word.replace('$major', '19') for word in shlex.split(array)}
guide = open(sys.argv[2], encoding='utf-8').read()
command = re.search(r'^sudo apt-get install (.*?)\n(?!  )', guide, re.S | re.M).group(1)
listed = set(command.replace('\\\n', ' ').split())
if listed != wanted:
    print('missing from the user guide: %s; not installed by build.sh: %s'
          % (' '.join(sorted(wanted - listed)) or '-', ' '.join(sorted(listed - wanted)) or '-'))
    sys.exit(1)
print('user guide lists the %d packages build.sh installs' % len(wanted))

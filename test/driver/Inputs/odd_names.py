#!/usr/bin/env python3
"""Adds untracked files whose names are not UTF-8 to a repository: a header
(a C++ extension, so the include pass reads the tree) and a plain file."""
import os
import sys

src = os.path.join(os.fsencode(sys.argv[1]), b'src')
with open(os.path.join(src, b'caf\xe9.h'), 'wb') as f:
    f.write(b'#pragma once\n#include "token.h"\n')
with open(os.path.join(src, b'notes-\xff\xfe.txt'), 'wb') as f:
    f.write(b'not utf-8 \xff\n')

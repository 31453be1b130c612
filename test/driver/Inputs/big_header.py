#!/usr/bin/env python3
"""Writes a header of about 2 MiB whose only #include comes after the first
MiB, past what the include pass reads of one file."""
import sys

with open(sys.argv[1], 'w') as f:
    f.write('#pragma once\n' + '// filler line of a generated header\n' * 60000 +
            '#include "token.h"\n')

#!/usr/bin/env python3
"""gzip_header.py FILE...: for each gzip file, whether its header holds a file
name and a time stamp (gzip -n leaves both out) and the compression level it
declares (XFL 2: -9, the slowest). Prints 'PATH: name=yes|no mtime=N xfl=N'."""
import sys

for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        header = f.read(10)
    if header[:2] != b'\x1f\x8b':
        print('%s: not gzip' % path)
        continue
    flags, mtime, xfl = header[3], int.from_bytes(header[4:8], 'little'), header[8]
    print('%s: name=%s mtime=%d xfl=%d' % (path, 'yes' if flags & 0x08 else 'no', mtime, xfl))

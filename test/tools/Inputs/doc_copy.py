#!/usr/bin/env python3
"""doc_copy.py EXAMPLE DOC...: each DOC shows EXAMPLE verbatim as one fenced
code block (so the example the docs show is the file the tests execute)."""
import re
import sys

example = open(sys.argv[1], encoding='utf-8').read()
status = 0
for doc in sys.argv[2:]:
    blocks = re.findall(r'^```[a-z]*\n(.*?)^```$', open(doc, encoding='utf-8').read(),
                        re.S | re.M)
    if example in blocks:
        print('%s: shows %s' % (doc, sys.argv[1].rsplit('/', 1)[-1]))
    else:
        print('%s: no code block is %s verbatim' % (doc, sys.argv[1]), file=sys.stderr)
        status = 1
sys.exit(status)

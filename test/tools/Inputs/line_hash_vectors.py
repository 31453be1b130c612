#!/usr/bin/env python3
"""Known answers for git-failguard's primaryLocationLineHash: the line hashes
that GitHub's upload action computes (the hash function of github/codeql-action's
src/fingerprints.ts, its TypeScript types removed, run once under Node.js with
the 'long' package on these texts), compared with the driver's own line_hashes. A line missing from an expected map is not compared.

Usage: line_hash_vectors.py GIT_FAILGUARD"""
import sys

# The driver's package, from the executable it is packed into.
sys.path.insert(0, sys.argv[1])
from git_failguard import sources  # noqa: E402

VECTORS = [
    ('int a;\nint b;\n',
     {1: 'ce87b61c11481a6:1', 2: 'bd39bb1f00ad510d:1', 3: 'c129715d7a2bc9a3:1'}),
    ('x = 1;\r\ny = 2;\rz = 3;\r\n',
     {1: '823fa23a6b1c4486:1', 2: '398ff3e26aacf773:1', 3: '670c195ba194bbfa:1', 4: 'c129715d7a2bc9a3:1'}),
    ('  \tfoo(  1 );\n\n\t\nfoo(1);\n',
     {1: '7cdb502eb150b8bd:1', 2: '1bd79d6156a3e196:1', 3: 'e09990b868f0844:1', 4: 'f42f8a4738b9f6a:1', 5: 'c129715d7a2bc9a3:1'}),
    ('dup();\ndup();\ndup();\n',
     {1: '59c27766e05ca7a4:1', 2: 'dab8ff0096b0b79d:1', 3: '706feeb53c1b1c42:1', 4: 'c129715d7a2bc9a3:1'}),
    ('/* é😀 */ jwt::decode(raw);\n',
     {1: 'ac1052fa2fdcd878:1', 2: 'c129715d7a2bc9a3:1'}),
    ('x' * 150 + '\nend\n',
     {1: '52b56201ffb58620:1', 2: 'fe2be582c6296f40:1', 3: 'c129715d7a2bc9a3:1'}),
    ('',
     {1: 'c129715d7a2bc9a3:1'}),
    ('a;\n' * 40,
     {1: '83b5ee56f31909d3:1', 2: '83b5ee56f31909d3:2', 3: '83b5ee56f31909d3:3', 4: '83b5ee56f31909d3:4', 5: '83b5ee56f31909d3:5', 6: '83b5ee56f31909d3:6', 7: '83b5ee56f31909d3:7', 8: '83b5ee56f31a0971:1'}),
]

failed = 0
for text, expected in VECTORS:
    computed = sources.line_hashes(text.encode('utf-8'))
    for line, value in sorted(expected.items()):
        if computed.get(line) != value:
            failed += 1
            print('line %d of %r: expected %s, got %s' % (line, text[:30], value, computed.get(line)))
print('line hashes: %d vectors, %d mismatches' % (len(VECTORS), failed))
sys.exit(1 if failed else 0)

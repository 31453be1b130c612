#!/usr/bin/env python3
"""Compares two reports of one run made with differently worded diagnostics:

  same_reports.py sarif|codequality|github A B

Every message text is left out (SARIF message.text, Code Quality description,
the text after '::' of a workflow command); everything else (rules, levels,
locations, regions, fingerprints, notifications, counts) must be equal.
Prints 'same: N results' or the first difference, and exits 1 on one."""
import json
import re
import sys

kind, first, second = sys.argv[1:4]


def without_messages(node):
    if isinstance(node, dict):
        return {k: without_messages(v) for k, v in node.items()
                if k not in ('text', 'markdown', 'description')}
    if isinstance(node, list):
        return [without_messages(v) for v in node]
    return node


def load(path):
    with open(path, encoding='utf-8') as f:
        if kind == 'github':
            # The annotation's properties stay; its message goes.
            return [re.sub(r'::.*$', '::', re.sub(r'^(::[a-z]+ [^:]*)::.*$', r'\1::', line))
                    for line in f.read().splitlines() if line.startswith('::')]
        data = json.load(f)
    if kind == 'sarif':
        run = data['runs'][0]
        # The rules' descriptions are documentation, not diagnostics.
        return without_messages({'results': run.get('results', []),
                                 'invocations': run.get('invocations', [])}), len(run.get('results', []))
    return without_messages(data), len(data)


def difference(a, b, where='$'):
    """The path of the first place where a and b differ, with both values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return difference(a.get(key), b.get(key), '%s.%s' % (where, key))
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return difference(x, y, '%s[%d]' % (where, i))
    return '%s: %s != %s' % (where, json.dumps(a)[:300], json.dumps(b)[:300])


a, b = load(first), load(second)
if kind == 'github':
    a, b = (a, len(a)), (b, len(b))
if a != b:
    print('different at %s' % difference(a[0], b[0]))
    sys.exit(1)
print('same: %d results' % a[1])

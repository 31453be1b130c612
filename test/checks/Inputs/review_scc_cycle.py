#!/usr/bin/env python3
"""Writes one recursive cycle of N functions (each calls the next and, on
another path, the previous one) with K modelled calls acme::checkJ spread
around it, and a noexcept entry point into the cycle.

  review_scc_cycle.py N K OUTPUT
"""
import sys

n, k, output = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lines = ['#include <string>', 'namespace acme {']
for j in range(k):
    lines.append('struct E%d {};' % j)
    lines.append('int check%d(const std::string &);' % j)
lines.append('}')
lines += ['int f%d(const std::string &t, int d);' % i for i in range(n)]
for i in range(n):
    body = ['if (d > 1) return f%d(t, d - 1);' % ((i - 1) % n)]
    if i % (n // k) == 0 and i // (n // k) < k:
        body.append('if (d == %d) return acme::check%d(t);' % (i, i // (n // k)))
    body.append('return f%d(t, d - 1);' % ((i + 1) % n))
    lines.append('int f%d(const std::string &t, int d) { %s }' % (i, ' '.join(body)))
lines.append('int entry(const std::string &t) noexcept { return f%d(t, 3); }' % (n // 2 + 1))
open(output, 'w').write('\n'.join(lines) + '\n')

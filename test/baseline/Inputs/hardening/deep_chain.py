#!/usr/bin/env python3
"""Writes a translation unit whose call chain is N functions deep, ending in a
jwt::decode: deep_chain.py N OUT [noexcept|optional]"""
import sys

depth, out, kind = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lines = ['#include <jwt-cpp/jwt.h>', '#include <optional>', '#include <string>',
         'std::string f%d(const std::string &t) { return jwt::decode(t).get_token(); }' % depth]
for i in range(depth - 1, 0, -1):
    lines.append('std::string f%d(const std::string &t) { return f%d(t); }' % (i, i + 1))
if kind == 'noexcept':
    lines.append('std::string entry(const std::string &t) noexcept { return f1(t); }')
else:
    lines.append('std::optional<std::string> entry(const std::string &t) { return f1(t); }')
with open(out, 'w') as f:
    f.write('\n'.join(lines) + '\n')

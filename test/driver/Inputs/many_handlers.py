#!/usr/bin/env python3
"""Writes two versions of one source file with N functions that decode a token:

  many_handlers.py N GUARDED BARE

GUARDED handles the exceptions around each call; BARE has the same functions
without the handlers (N findings of failguard-removed-exception-handler)."""
import sys

count, guarded, bare = int(sys.argv[1]), sys.argv[2], sys.argv[3]
head = '#include <jwt-cpp/jwt.h>\n'
with open(guarded, 'w') as f:
    f.write(head + ''.join(
        '\nbool valid%d(const std::string &raw) {\n  try {\n'
        '    jwt::decode(raw);\n    return true;\n'
        '  } catch (const std::exception &) {\n    return false;\n  }\n}\n' % i
        for i in range(count)))
with open(bare, 'w') as f:
    f.write(head + ''.join(
        '\nbool valid%d(const std::string &raw) {\n'
        '  jwt::decode(raw);\n  return true;\n}\n' % i
        for i in range(count)))

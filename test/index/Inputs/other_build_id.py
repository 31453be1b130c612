#!/usr/bin/env python3
"""Writes an executable wrapper around failguard-tidy that reports another
build id with --version and runs the real binary otherwise:

  other_build_id.py REAL WRAPPER"""
import os
import shlex
import sys

real, wrapper = sys.argv[1], sys.argv[2]
with open(wrapper, 'w') as out:
    out.write('#!/bin/sh\n'
              'if [ "$1" = --version ]; then\n'
              '  echo "failguard-tidy (wrapper)"\n'
              '  echo "failguard build id %s"\n'
              '  exit 0\n'
              'fi\n'
              'exec %s "$@"\n' % ('0' * 63 + '1', shlex.quote(real)))
os.chmod(wrapper, 0o755)

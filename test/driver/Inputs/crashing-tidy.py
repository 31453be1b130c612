#!/usr/bin/env python3
"""Stands in for a failguard-tidy that dies without a word (as on a crash),
to check that git-failguard does not take silence for a clean unit."""
import sys

if '--list-checks' in sys.argv:
    print('Enabled checks:\n    failguard-removed-exception-handler')
    sys.exit(0)
sys.exit(134)

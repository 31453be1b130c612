#!/usr/bin/env python3
"""Stands in for clang-scan-deps: records that it ran (in the file named by
FAILGUARD_TEST_SCANNED) and reports nothing, so every candidate counts as
affected."""
import os

with open(os.environ['FAILGUARD_TEST_SCANNED'], 'a') as f:
    f.write('scanned\n')

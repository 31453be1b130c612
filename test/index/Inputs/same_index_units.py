#!/usr/bin/env python3
"""same_index_units.py: exits 0 when two index files hold the same units (byte for byte, as
canonical JSON), whatever they record of how those were made (made_with: only
an index written to travel, with --output, has it); else says what differs.

  same_index_units.py INDEX INDEX"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from index_json import load  # noqa: E402

first, second = sys.argv[1:3]


def units(path):
    data = load(path)
    data.pop('made_with', None)
    return json.dumps(data, sort_keys=True)


if units(first) != units(second):
    sys.exit('same_index_units.py: %s and %s hold different units' % (first, second))

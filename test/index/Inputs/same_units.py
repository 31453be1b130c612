#!/usr/bin/env python3
"""Compares the units git failguard analysed through the summary index with
failguard-index's answer to the `reaching` question on the same index.

  same_units.py DRIVER_STDERR QUERY_OUTPUT AFFECTED...

DRIVER_STDERR is git failguard --verbose's standard error, QUERY_OUTPUT what
query.py printed. The query names every unit that calls into a changed file,
the AFFECTED units (analysed anyway) among them; the driver names the others.
Prints both sets, and 'same units' or 'different units' (exit status 1)."""
import json
import re
import sys

driver_err, query_output, affected = sys.argv[1], sys.argv[2], set(sys.argv[3:])
driver = set()
with open(driver_err) as f:
    for line in f:
        said = re.match(r'git-failguard: \d+ unit\(s\) call into a changed file through the '
                        r'summary index:(.*)$', line)
        if said:
            driver = set(said.group(1).split())
with open(query_output) as f:
    answer = next(line for line in f if line.startswith('answer '))
query = set(json.loads(answer[len('answer '):])['units']) - affected
print('driver: %s' % ' '.join(sorted(driver)))
print('query: %s' % ' '.join(sorted(query)))
print('same units' if driver == query else 'different units')
sys.exit(0 if driver == query else 1)

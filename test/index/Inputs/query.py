#!/usr/bin/env python3
"""Asks failguard-index a question about the summary index, as git failguard does.

  query.py FAILGUARD_INDEX REQUEST_FILE QUERY [KEY=VALUE...]

Writes the request (format failguard-index-query-1; each VALUE is JSON, or a
string when it is not JSON) to REQUEST_FILE, runs FAILGUARD_INDEX
REQUEST_FILE, and prints its exit status, its answer and what it said on
standard error, each on a line of its own."""
import json
import subprocess
import sys

tool, request, query = sys.argv[1:4]
members = {'format': 'failguard-index-query-1', 'query': query}
for argument in sys.argv[4:]:
    key, _, value = argument.partition('=')
    try:
        members[key] = json.loads(value)
    except ValueError:
        members[key] = value
with open(request, 'w') as f:
    json.dump(members, f)
run = subprocess.run([tool, request], capture_output=True, text=True)
print('exit %d' % run.returncode)
print('answer %s' % run.stdout.strip())
print('stderr %s' % run.stderr.strip())

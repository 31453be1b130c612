#!/usr/bin/env python3
"""Checks a GitLab Code Quality report: strict UTF-8 JSON, a list of issues,
each with a description, a check_name, a fingerprint unique in the report, a
severity GitLab knows, a relative location.path and location.lines.begin >= 1.
Prints one line per issue: SEVERITY CHECK PATH:LINE FINGERPRINT DESCRIPTION."""
import json
import sys

with open(sys.argv[1], 'rb') as f:
    raw = f.read()
report = json.loads(raw.decode('utf-8'))  # strict: bytes that are not UTF-8 raise
assert isinstance(report, list), type(report)
fingerprints = set()
for issue in report:
    assert isinstance(issue['description'], str) and issue['description'], issue
    assert isinstance(issue['check_name'], str) and issue['check_name'], issue
    assert isinstance(issue['fingerprint'], str) and issue['fingerprint'] not in fingerprints, issue
    fingerprints.add(issue['fingerprint'])
    assert issue['severity'] in ('info', 'minor', 'major', 'critical', 'blocker'), issue
    path, begin = issue['location']['path'], issue['location']['lines']['begin']
    assert isinstance(path, str) and path and not path.startswith(('/', './')), issue
    assert type(begin) is int and begin >= 1, issue
    print('%s %s %s:%d %s %s' % (issue['severity'], issue['check_name'], path, begin,
                                 issue['fingerprint'], issue['description']))
print('codequality ok: %d issues' % len(report))

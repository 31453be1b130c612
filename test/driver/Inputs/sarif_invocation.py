#!/usr/bin/env python3
"""Prints what a SARIF log says about the run itself: whether it succeeded,
its tool notifications (level, location, id, text) and how many results."""
import json
import sys

run = json.load(open(sys.argv[1]))['runs'][0]
invocation = run['invocations'][0]
print('executionSuccessful %s' % invocation['executionSuccessful'])
for note in invocation.get('toolExecutionNotifications', []):
    uris = [l['physicalLocation']['artifactLocation']['uri'] for l in note.get('locations', [])]
    print('notification %s %s %s: %s' % (note['level'], ','.join(uris) or '-',
                                         note['descriptor']['id'], note['message']['text']))
print('results %d' % len(run['results']))

#!/usr/bin/env python3
"""help_links.py SARIF PREFIX: each rule's helpUri in a SARIF log, relative to
file://PREFIX, and whether that file exists: 'RULE: PATH exists|missing', or
'RULE: elsewhere URI' for a link outside PREFIX."""
import json
import os
import sys
import urllib.parse

log = json.load(open(sys.argv[1], encoding='utf-8'))
prefix = 'file://' + sys.argv[2].rstrip('/') + '/'
for rule in log['runs'][0]['tool']['driver'].get('rules', []):
    uri = rule.get('helpUri', '')
    if not uri.startswith(prefix):
        print('%s: elsewhere %s' % (rule['id'], uri))
        continue
    path = urllib.parse.unquote(uri[len('file://'):])
    print('%s: %s %s' % (rule['id'], uri[len(prefix):],
                         'exists' if os.path.isfile(path) else 'missing'))

#!/usr/bin/env python3
"""Prints a failguard plan file (failguard-plan-1) one fact per line, for FileCheck:

  boundary NAME KIND FRAMEWORK at FILE:LINE
  route METHODS PATH via CALL at FILE:LINE
  token header|cookie NAME [scheme SCHEME] at FILE:LINE
  verifier CLAIM=VALUE...
  claims CLAIM=VALUE|CLAIM=*...
  API EXCEPTION escapes|handled [at FILE:LINE] path FUNCTION@LINE...
  end"""
import json
import sys

plan = json.load(open(sys.argv[1]))
if plan.get('format') != 'failguard-plan-1':
    sys.exit('not a plan file')
for unit in plan['units']:
    for b in unit['boundaries']:
        print('boundary %s %s %s at %s:%d' % (b['name'], b['kind'], b.get('framework', '-'),
                                              b['at']['file'], b['at']['line']))
        for r in b['routes']:
            print('route %s %s via %s at %s:%d' % (','.join(r['methods']) or '-', r.get('path', '-'),
                                                   r['via'], r['at']['file'], r['at']['line']))
        if b.get('token'):
            t = b['token']
            print('token %s%s at %s:%d' % ('cookie ' + t['cookie'] if 'cookie' in t else 'header ' + t['header'],
                                           ' scheme ' + t['scheme'] if 'scheme' in t else '',
                                           t['at']['file'], t['at']['line']))
        if b.get('verifier'):
            print('verifier ' + ' '.join('%s=%s' % item for item in sorted(b['verifier'].items())))
        if b.get('claims'):
            print('claims ' + ' '.join('%s=%s' % (k, '*' if v is None else v)
                                       for k, v in sorted(b['claims'].items())))
        for c in b['calls']:
            handler = ' at %s:%d' % (c['handler']['file'], c['handler']['line']) if 'handler' in c else ''
            print('%s %s %s%s path %s' % (c['api'], c['exception'], c['outcome'], handler,
                                           ' '.join('%s@%d' % (h['function'], h['at']['line'])
                                                    for h in c['path'])))
print('end')

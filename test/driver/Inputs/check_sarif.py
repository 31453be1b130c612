#!/usr/bin/env python3
"""Checks a SARIF log structurally: SARIF 2.1.0, one run, one rule per failguard
check with help text and a documentation link, results with a location, the
baseline as a related location, and a fingerprint. Prints one line per result:
RULE PATH:LINE FINGERPRINT RELATED-URI:LINE..."""
import json
import sys

log = json.load(open(sys.argv[1]))
assert log['version'] == '2.1.0', log['version']
assert '2.1.0' in log['$schema']
assert len(log['runs']) == 1
run = log['runs'][0]
driver = run['tool']['driver']
assert driver['name'] == 'failguard'
rules = driver['rules']
ids = [r['id'] for r in rules]
for check in ('failguard-auth-exception-escape', 'failguard-removed-exception-handler',
              'failguard-narrowed-optional-return'):
    assert check in ids, check
for rule in rules:
    assert rule['shortDescription']['text'] and rule['help']['text'], rule
    assert rule['helpUri'].endswith(rule['id'][len('failguard-'):] + '.md'), rule['helpUri']
assert run['originalUriBaseIds']['SRCROOT']['uri'].startswith('file:///')
for result in run['results']:
    assert ids[result['ruleIndex']] == result['ruleId']
    assert result['level'] == 'warning' and result['message']['text']
    location = result['locations'][0]['physicalLocation']
    assert location['artifactLocation']['uriBaseId'] == 'SRCROOT'
    region = location['region']
    related = ' '.join('%s:%d' % (r['physicalLocation']['artifactLocation']['uri'],
                                  r['physicalLocation']['region']['startLine'])
                       for r in result.get('relatedLocations', []))
    print('%s %s:%d %s %s' % (result['ruleId'], location['artifactLocation']['uri'],
                              region['startLine'], result['partialFingerprints']['failguard/v1'],
                              related))
print('sarif ok: %d results' % len(run['results']))

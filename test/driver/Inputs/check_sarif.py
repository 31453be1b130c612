#!/usr/bin/env python3
"""Checks a SARIF log structurally: SARIF 2.1.0, one run, one rule per failguard
check with help text (plain and Markdown), a documentation link, tags,
precision and security-severity, results with a location, every related
location linked from the message, locations at the baseline relative to the
BASELINE base that versionControlProvenance maps to the baseline commit, and a
fingerprint. Prints one line per result:
RULE PATH:LINE FINGERPRINT RELATED-URI:LINE... (BASELINE:URI:LINE at the baseline)"""
import json
import re
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
    assert rule['help']['markdown'] and rule['name'] != rule['id'], rule
    properties = rule['properties']
    assert 'security' in properties['tags'] and properties['precision'] in ('high', 'medium')
    assert 0 < float(properties['security-severity']) <= 10, properties
assert run['originalUriBaseIds']['SRCROOT']['uri'].startswith('file:///')
assert run['columnKind'] == 'utf16CodeUnits'
provenance = {p['mappedTo']['uriBaseId']: p.get('revisionId')
              for p in run.get('versionControlProvenance', [])}
assert set(provenance) in (set(), {'SRCROOT', 'BASELINE'}) and not provenance.get('SRCROOT'), \
    provenance
for result in run['results']:
    assert ids[result['ruleIndex']] == result['ruleId']
    assert result['level'] == 'warning' and result['message']['text']
    location = result['locations'][0]['physicalLocation']
    assert location['artifactLocation']['uriBaseId'] == 'SRCROOT'
    region = location['region']
    linked = [int(i) for i in re.findall(r'(?<!\\)\]\((\d+)\)', result['message']['text'])]
    assert linked == [r['id'] for r in result.get('relatedLocations', [])], result['message']
    related = []
    for r in result.get('relatedLocations', []):
        artifact = r['physicalLocation']['artifactLocation']
        base = artifact['uriBaseId']
        assert base in ('SRCROOT', 'BASELINE'), artifact
        if base == 'BASELINE':
            # The baseline commit, full length, in the note the location belongs to.
            assert re.fullmatch('[0-9a-f]{40}', provenance['BASELINE']), provenance
            assert provenance['BASELINE'] in r['message']['text'], r['message']
        related.append('%s%s:%d' % ('BASELINE:' if base == 'BASELINE' else '', artifact['uri'],
                                    r['physicalLocation']['region']['startLine']))
    related = ' '.join(related)
    print('%s %s:%d %s %s' % (result['ruleId'], location['artifactLocation']['uri'],
                              region['startLine'], result['partialFingerprints']['failguard/v2'],
                              related))
print('sarif ok: %d results' % len(run['results']))

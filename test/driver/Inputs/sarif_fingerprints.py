#!/usr/bin/env python3
"""Prints each result of a SARIF log as
RULE URI:LINE:COL-ENDCOL FAILGUARD-FINGERPRINT LINE-HASH
(columns in UTF-16 code units, as the run's columnKind says)."""
import json
import sys

run = json.load(open(sys.argv[1], encoding='utf-8'))['runs'][0]
assert run['columnKind'] == 'utf16CodeUnits'
for result in run['results']:
    location = result['locations'][0]['physicalLocation']
    region = location['region']
    assert region.get('endLine', region['startLine']) == region['startLine'], region
    print('%s %s:%d:%d-%d %s %s' % (
        result['ruleId'], location['artifactLocation']['uri'], region['startLine'],
        region['startColumn'], region['endColumn'], result['partialFingerprints']['failguard/v2'],
        result['partialFingerprints']['primaryLocationLineHash']))

#!/usr/bin/env python3
"""Prints the results of the probe's SARIF one a line, for FileCheck:

  RULE LEVEL route=ROUTE case=CASE status=STATUS at FILE:LINE
  end"""
import json
import sys

sarif = json.load(open(sys.argv[1]))
assert sarif['version'] == '2.1.0'
run = sarif['runs'][0]
rules = {rule['id'] for rule in run['tool']['driver']['rules']}
for result in run['results']:
    assert result['ruleId'] in rules
    where = result['locations'][0]['physicalLocation']
    p = result['properties']
    print('%s %s route=%s case=%s status=%s at %s:%d' % (
        result['ruleId'], result['level'], p['route'], p['tokenCase'], p['status'],
        where['artifactLocation']['uri'], where['region']['startLine']))
print('end')

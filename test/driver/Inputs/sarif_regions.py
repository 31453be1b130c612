#!/usr/bin/env python3
"""Prints each SARIF result's file, region and whether it has a
primaryLocationLineHash: sarif_regions.py LOG"""
import json
import sys

for result in json.load(open(sys.argv[1], encoding='utf-8'))['runs'][0]['results']:
    location = result['locations'][0]['physicalLocation']
    print(location['artifactLocation']['uri'], location.get('region'),
          'hash=%s' % ('yes' if 'primaryLocationLineHash' in result.get('partialFingerprints', {})
                       else 'no'))

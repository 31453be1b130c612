#!/usr/bin/env python3
"""Prints a failguard results file (failguard-results-1) in a FileCheck-friendly
form, for the unit whose main file is UNIT:

  check_results.py RESULTS UNIT [--anchors]

  checks A,B
  problems N [KIND CHECK]...
  finding CHECK LINE:COLUMN function F baseline FILE:LINE notes N [FILE:LINE...]
      (per finding; then the baseline place of each note that names one)
  anchor STATEMENT | EXCEPTIONS                                      (with --anchors)
  end
Exits 1 when the file is not a results file."""
import json
import os
import sys

results, unit = sys.argv[1], os.path.realpath(sys.argv[2])
anchors = '--anchors' in sys.argv[3:]
data = json.load(open(results))
if data.get('format') != 'failguard-results-1' or not isinstance(data.get('units'), list):
    sys.exit('not a results file')
for record in data['units']:
    if os.path.realpath(record['file']) != unit:
        continue
    print('checks', ','.join(sorted(record['checks'])))
    print('problems', len(record['problems']),
          ' '.join('%s %s' % (p['kind'], p['check']) for p in record['problems']).strip())
    for f in sorted(record['findings'], key=lambda f: (f['line'], f['column'])):
        base = f.get('baseline')
        print(('finding %s %d:%d function %s baseline %s notes %d' % (
            f['check'], f['line'], f['column'], f.get('function', '-'),
            '%s:%d' % (base['file'], base['line']) if base else '-', len(f['notes'])) +
            ''.join(' %s:%d' % (n['baseline']['file'], n['baseline']['line'])
                    for n in f['notes'] if 'baseline' in n)))
        if anchors:
            print('anchor %s | %s' % (f.get('statement', '-'), ','.join(f.get('exceptions', []))))
print('end')

#!/usr/bin/env python3
"""Validates a SARIF log with the SARIF Multitool's SARIF and GitHub rules and
prints what it found:

  sarif_validate.py MULTITOOL LOG [--break uri|locations]

One line per finding of the validator ("LEVEL RULE-ID"), then
"multitool: N error(s), N warning(s), N note(s) in N file(s)". Exits 1 when the
tool fails or scans no file. --break validates a copy of LOG broken on purpose
(its results' URIs percent-decoded, or its results without locations), to show
that this check fails on a bad log."""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

multitool, log = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as scratch:
    if '--break' in sys.argv:
        how = sys.argv[sys.argv.index('--break') + 1]
        sarif = json.load(open(log, encoding='utf-8'))
        results = sarif['runs'][0]['results']
        if how == 'uri':
            for result in results:
                artifact = result['locations'][0]['physicalLocation']['artifactLocation']
                artifact['uri'] = urllib.parse.unquote(artifact['uri'])
        else:
            for result in results:
                del result['locations']
        log = os.path.join(scratch, 'broken.sarif')
        with open(log, 'w', encoding='utf-8') as f:
            json.dump(sarif, f, indent=2)
    out = os.path.join(scratch, 'validation.sarif')
    # Validation needs no culture data: no ICU required.
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT='1', DOTNET_CLI_TELEMETRY_OPTOUT='1')
    run = subprocess.run([multitool, 'validate', '--rule-kind', 'Sarif;Gh', '-o', out, log],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                         cwd=scratch, universal_newlines=True)
    scanned = re.search(r'Done\. (\d+) files? scanned', run.stdout)
    if run.returncode != 0 or not scanned or not os.path.exists(out):
        sys.stdout.write(run.stdout)
        print('sarif_validate: the multitool failed (exit %d)' % run.returncode)
        sys.exit(1)
    findings = json.load(open(out, encoding='utf-8'))['runs'][0].get('results', [])
    counts = {'error': 0, 'warning': 0, 'note': 0}
    for finding in findings:
        level = finding.get('level', 'warning')
        counts[level] = counts.get(level, 0) + 1
        print('%s %s' % (level, finding['ruleId']))
    # The console lines say why (paths, JSON pointers).
    for line in run.stdout.splitlines():
        if re.search(r': (error|warning|note) [A-Z]', line):
            print('  ' + line)
    print('multitool: %d error(s), %d warning(s), %d note(s) in %s file(s)' % (
        counts['error'], counts['warning'], counts['note'], scanned.group(1)))

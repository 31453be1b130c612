#!/usr/bin/env python3
"""Cases of git-failguard's output functions that a real run rarely reaches,
on findings built here (the files are real, in a scratch directory):

- SARIF: a file outside the work tree has an absolute file:// URI; a file that
  cannot be read gives a region of its line only; '[' and ']' in a message
  with note links are escaped; bytes that are not UTF-8 become U+FFFD.
- Code Quality: a configuration error (no file) is not an issue; a unit not
  checked is a 'blocker' issue; the JSON is valid UTF-8 with such bytes.

Usage: output_units.py GIT_FAILGUARD"""
import json
import os
import sys
import tempfile

# The driver's package, from the executable it is packed into.
sys.path.insert(0, sys.argv[1])
from git_failguard import fingerprints, report  # noqa: E402

scratch = tempfile.mkdtemp()
root = os.path.join(scratch, 'repo')
os.makedirs(os.path.join(root, 'src'))
with open(os.path.join(root, 'src', 'a.cpp'), 'w') as f:
    f.write('int x;\n  foo::bar(1);\n')
outside = os.path.join(scratch, 'sys', 'x y.h')
os.makedirs(os.path.dirname(outside))
with open(outside, 'w') as f:
    f.write('void g();\n')
bad = os.fsdecode(b'caf\xe9 [1]')  # not UTF-8, as os.fsdecode gives it


def finding(path, line, col, message, notes=()):
    return {'file': path, 'line': line, 'col': col, 'check': 'failguard-auth-exception-escape',
            'severity': 'warning', 'message': message,
            'notes': [dict(n, severity='note', check=None) for n in notes]}


found = [
    finding(os.path.join(root, 'src', 'a.cpp'), 2, 3, 'escape in ' + bad,
            [{'file': outside, 'line': 1, 'col': 6, 'message': 'called in [g]'}]),
    finding(os.path.join(root, 'src', 'gone.cpp'), 4, 2, 'no file'),
]
problems = [{'kind': 'configuration', 'file': None, 'reason': 'configuration error: x'},
            {'kind': 'no-baseline', 'file': os.path.join(root, 'src', bad + '.cpp'),
             'reason': 'no baseline: ' + bad}]

sarif = json.loads(report.render(found, problems, 'sarif', root, root))
run = sarif['runs'][0]
first, second = run['results']
where = first['locations'][0]['physicalLocation']
assert where['artifactLocation'] == {'uri': 'src/a.cpp', 'uriBaseId': 'SRCROOT'}, where
assert where['region'] == {'startLine': 2, 'startColumn': 3, 'endLine': 2, 'endColumn': 11}, where
note = first['relatedLocations'][0]['physicalLocation']
assert note['artifactLocation'] == {'uri': 'file://' + scratch + '/sys/x%20y.h'}, note
assert note['region'] == {'startLine': 1, 'startColumn': 6, 'endLine': 1, 'endColumn': 7}, note
assert first['message']['text'] == 'escape in caf\ufffd \\[1\\]\n[called in \\[g\\]](1)', \
    first['message']
assert second['locations'][0]['physicalLocation']['region'] == {'startLine': 4}, second
assert 'relatedLocations' not in second and second['message']['text'] == 'no file', second
notification = run['invocations'][0]['toolExecutionNotifications'][1]
assert notification['message']['text'] == 'no baseline: caf\ufffd [1]', notification
assert notification['locations'][0]['physicalLocation']['artifactLocation']['uri'] == \
    'src/caf%E9%20%5B1%5D.cpp', notification
print('sarif cases: passed')

text = report.render(found, problems, 'codequality', root, root)
issues = json.loads(text.encode('utf-8', 'surrogateescape').decode('utf-8'))
assert [i['check_name'] for i in issues] == ['failguard-auth-exception-escape'] * 2 + \
    ['failguard-could-not-check'], issues
blocker = issues[2]
assert blocker['severity'] == 'blocker' and blocker['location'] == {
    'path': 'src/caf\ufffd [1].cpp', 'lines': {'begin': 1}}, blocker
assert issues[0]['description'] == 'escape in caf\ufffd [1] (note: ../sys/x y.h:1: called in [g])', \
    issues[0]
print('codequality cases: passed')

# Fingerprints: the baseline's spelling and line numbers do not count; the
# function, the exception and the check do (the negative controls).
src = os.path.join(root, 'src', 'a.cpp')


def removed(message, check='failguard-removed-exception-handler'):
    return dict(finding(src, 2, 3, message), check=check)


said = "'jwt::decode' may throw 'std::invalid_argument', which was handled in %s but is no " \
       "longer handled in '%s'"
same = {fingerprints.fingerprint(removed(said % (base, 'login')), root)
        for base in ("'main' (1a2b3c4d)", "'0123456789abcdef0123456789abcdef01234567' (01234567)",
                     "'HEAD' (89abcdef)")}
assert len(same) == 1, same
assert fingerprints.fingerprint(removed((said % ("'main' (1a2b3c4d)", 'login')) + ' at x.cpp:7'), root) \
    == fingerprints.fingerprint(removed((said % ("'main' (1a2b3c4d)", 'login')) + ' at x.cpp:9'), root)
other_function = fingerprints.fingerprint(removed(said % ("'main' (1a2b3c4d)", 'logout')), root)
other_exception = fingerprints.fingerprint(removed(
    (said % ("'main' (1a2b3c4d)", 'login')).replace('invalid_argument', 'runtime_error')), root)
other_check = fingerprints.fingerprint(removed(said % ("'main' (1a2b3c4d)", 'login'),
                                         'failguard-auth-exception-escape'), root)
assert len(same | {other_function, other_exception, other_check}) == 4
print('fingerprint cases: passed')

"""Fingerprints and accepted-findings files."""
import json
import os
import tempfile
import unittest

from git_failguard import accepted, fingerprints, results
from git_failguard.errors import Failure

ROOT = '/repo'
SAID = ("'jwt::decode' may throw 'std::invalid_argument', which was handled in %s but is no "
        "longer handled in '%s'")


def finding(message, check='failguard-removed-exception-handler', path='/repo/src/a.cpp',
            line=3, col=5):
    return {'file': path, 'line': line, 'col': col, 'check': check, 'message': message,
            'severity': 'warning', 'notes': []}


class Fingerprints(unittest.TestCase):
    def test_independent_of_how_the_baseline_is_named_and_of_lines(self):
        same = {fingerprints.fingerprint(finding(SAID % (base, 'login')), ROOT)
                for base in ("'main' (1a2b3c4d)", "'HEAD' (89abcdef)",
                             "'0123456789abcdef0123456789abcdef01234567' (01234567)")}
        self.assertEqual(len(same), 1)
        moved = finding(SAID % ("'main' (1a2b3c4d)", 'login') + ' at x.cpp:9', line=40)
        self.assertEqual(fingerprints.fingerprint(moved, ROOT), fingerprints.fingerprint(
            finding(SAID % ("'main' (1a2b3c4d)", 'login') + ' at x.cpp:7'), ROOT))

    def test_what_tells_findings_apart(self):
        base = finding(SAID % ("'main' (1a2b3c4d)", 'login'))
        others = [finding(SAID % ("'main' (1a2b3c4d)", 'logout')),
                  finding(base['message'].replace('invalid_argument', 'runtime_error')),
                  finding(base['message'], check='failguard-auth-exception-escape'),
                  finding(base['message'], path='/repo/src/b.cpp')]
        prints = {fingerprints.fingerprint(f, ROOT) for f in [base] + others}
        self.assertEqual(len(prints), 5)

    def test_numbered_in_source_order(self):
        found = [finding('m', line=9), finding('m', line=2), finding('other', line=5),
                 finding('m', line=2, col=1)]
        assigned = fingerprints.assign_fingerprints(found, ROOT)
        self.assertEqual([a.rsplit(':', 1)[1] for a in assigned], ['3', '2', '1', '1'])


class AcceptedFiles(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.scratch.name, 'accepted.json')

    def tearDown(self):
        self.scratch.cleanup()

    def write(self, content):
        with open(self.path, 'w') as f:
            f.write(content if isinstance(content, str) else json.dumps(content))

    def refused(self, why):
        with self.assertRaises(Failure) as raised:
            accepted.load_accepted(self.path)
        self.assertEqual(str(raised.exception), "--accepted '%s': %s" % (self.path, why))

    def test_refused(self):
        self.refused('No such file or directory')
        self.write('{')
        self.refused('not JSON (Expecting property name enclosed in double quotes: line 1 column 2 '
                     '(char 1))')
        self.write([])
        self.refused('not a failguard accepted-findings file (write one with --write-accepted)')
        for version, said in ((2, '2'), (True, 'true'), (1.0, '1.0'), ('1', '"1"')):
            self.write({'version': version, 'accepted': []})
            self.refused('version %s is not 1, the one this git-failguard reads' % said)
        self.write({'version': 1, 'accepted': {}})
        self.refused("'accepted' is not a list")
        self.write({'version': 1, 'accepted': [{'check': 'c', 'file': 'f', 'message': 'm'}]})
        self.refused('entry 0 lacks a check, file, message or fingerprint')

    def test_round_trip(self):
        found = [finding('b'), finding('a', path='/repo/src/z.cpp'), finding('a')]
        text = accepted.accepted_text(found, ROOT)
        self.assertEqual(text, accepted.accepted_text(list(reversed(found)), ROOT))
        self.write(text)
        counts, entries = accepted.load_accepted(self.path)
        self.assertEqual([(e['file'], e['message']) for e in entries],
                         [('src/a.cpp', 'a'), ('src/a.cpp', 'b'), ('src/z.cpp', 'a')])
        self.assertEqual(sum(counts.values()), 3)

    def test_each_entry_accepts_one_finding(self):
        twice = [finding('m', line=1), finding('m', line=2), finding('n')]
        self.write(accepted.accepted_text(twice[:1], ROOT))
        counts, _ = accepted.load_accepted(self.path)
        gathered = results.Results(twice, [], [])
        results.leave_out_accepted(gathered, counts, ROOT)
        self.assertEqual([f['line'] for f in gathered.reported], [2, 3])
        self.assertEqual(sum(gathered.left.values()), 0)


if __name__ == '__main__':
    unittest.main()
